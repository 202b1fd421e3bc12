package emulator

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

const hookURL = "https://example.com/toloka-webhook"

func subscription(poolID, eventType string) map[string]any {
	return map[string]any{"event_type": eventType, "webhook_url": hookURL, "pool_id": poolID}
}

// upsertHooks sends a list and returns the answer's items and
// validation_errors.
func (e *testEnv) upsertHooks(list ...map[string]any) (items, refused map[string]any) {
	e.t.Helper()
	got := e.do(http.MethodPut, "/api/v1/webhook-subscriptions", list).want(e.t, http.StatusOK).object(e.t)
	items, _ = got["items"].(map[string]any)
	refused, _ = got["validation_errors"].(map[string]any)
	if len(got) != 1+min(len(refused), 1) {
		e.t.Errorf("answer members %v", keysOf(got))
	}
	return items, refused
}

// Each item is made or refused on its own; both are keyed by its index.
func TestUpsertWebhooksItemByItem(t *testing.T) {
	e := newEnv(t, Options{})
	pool := e.s.AddPool("100001", "OPEN")
	badURL := subscription(pool, "POOL_CLOSED")
	badURL["webhook_url"] = "example.com/hook"
	items, refused := e.upsertHooks(
		subscription(pool, "ASSIGNMENT_APPROVED"),
		badURL,
		subscription("30000099", "POOL_CLOSED"),
		map[string]any{"event_type": "TEST_EVENT", "pool_id": pool},
	)
	if len(items) != 1 || len(refused) != 3 {
		t.Fatalf("items %v, validation_errors %v", items, refused)
	}
	made, _ := items["0"].(map[string]any)
	wantSameShape(t, made, fixture(t, "webhook_subscription.json"))
	if id, _ := made["id"].(string); len(id) != 24 || made["created"] != "2024-03-10T12:00:00.123" || made["pool_id"] != pool {
		t.Errorf("made %v", made)
	}
	for path, code := range map[string]string{
		"1.webhook_url": "INVALID_URL_SYNTAX", "2.pool_id": "DOES_NOT_EXIST",
		"3.event_type": "UNKNOWN_ENUM_VALUE", "3.webhook_url": "VALUE_REQUIRED",
	} {
		index, field, _ := strings.Cut(path, ".")
		if got := at(refused, index, field, "code"); got != code {
			t.Errorf("validation_errors.%s = %v, want %s", path, got, code)
		}
	}
	if ids, _ := e.listIDs("/api/v1/webhook-subscriptions"); len(ids) != 1 {
		t.Errorf("subscriptions %v", ids)
	}
}

// The secret key is kept but never returned; the same pool, event and URL
// upsert the same subscription, its secret key replaced.
func TestWebhookSecretKeyIsKeptButNotReturned(t *testing.T) {
	e := newEnv(t, Options{})
	pool := e.s.AddPool("100001", "OPEN")
	sub := subscription(pool, "POOL_CLOSED")
	sub["secret_key"] = "first-secret"
	items, _ := e.upsertHooks(sub)
	made := items["0"].(map[string]any)
	id := made["id"].(string)
	got := e.do(http.MethodGet, "/api/v1/webhook-subscriptions/"+id, nil).want(t, http.StatusOK).object(t)
	page := e.do(http.MethodGet, "/api/v1/webhook-subscriptions", nil).want(t, http.StatusOK)
	for _, v := range []map[string]any{made, got, at(page.object(t), "items").([]any)[0].(map[string]any)} {
		if _, shown := v["secret_key"]; shown {
			t.Errorf("secret_key returned: %v", v)
		}
	}
	e.clock.Advance(time.Minute)
	sub["secret_key"] = "second-secret"
	items, _ = e.upsertHooks(sub)
	if again := items["0"].(map[string]any); again["id"] != id || again["created"] != made["created"] {
		t.Errorf("upsert made %v, want %s again", again, id)
	}
	stored, ok := e.s.WebhookSubscription(id)
	var fields map[string]any
	if !ok || json.Unmarshal(stored, &fields) != nil || fields["secret_key"] != "second-secret" {
		t.Errorf("stored %s, %v", stored, ok)
	}
	other := subscription(pool, "POOL_CLOSED")
	other["webhook_url"] = hookURL + "/other"
	if items, _ := e.upsertHooks(other); items["0"].(map[string]any)["id"] == id {
		t.Error("another URL upserted the same subscription")
	}
}

func TestUpsertWebhooksRefusals(t *testing.T) {
	e := newEnv(t, Options{})
	pool := e.s.AddPool("100001", "OPEN")
	// Nothing made: a 400 whose payload is keyed like validation_errors.
	got := wantError(t, e.do(http.MethodPut, "/api/v1/webhook-subscriptions", []any{subscription("30000099", "POOL_CLOSED")}),
		http.StatusBadRequest, "VALIDATION_ERROR")
	if at(got, "payload", "0", "pool_id", "code") != "DOES_NOT_EXIST" {
		t.Errorf("payload %v", got["payload"])
	}
	for name, body := range map[string]any{
		"an object":       subscription(pool, "POOL_CLOSED"),
		"an empty list":   []any{},
		"a list of lists": []any{[]any{}},
		"not JSON":        "[{",
	} {
		t.Run(name, func(t *testing.T) {
			got := wantError(t, e.do(http.MethodPut, "/api/v1/webhook-subscriptions", body), http.StatusBadRequest, "VALIDATION_ERROR")
			if got["payload"] != nil {
				t.Errorf("payload %v, want null", got["payload"])
			}
		})
	}
	if ids, _ := e.listIDs("/api/v1/webhook-subscriptions"); len(ids) != 0 {
		t.Errorf("subscriptions %v", ids)
	}
}

func TestDeleteWebhook(t *testing.T) {
	e := newEnv(t, Options{})
	pool := e.s.AddPool("100001", "OPEN")
	items, _ := e.upsertHooks(subscription(pool, "POOL_CLOSED"))
	id := items["0"].(map[string]any)["id"].(string)
	e.do(http.MethodDelete, "/api/v1/webhook-subscriptions/"+id, nil).want(t, http.StatusNoContent)
	wantError(t, e.do(http.MethodGet, "/api/v1/webhook-subscriptions/"+id, nil), http.StatusNotFound, "DOES_NOT_EXIST")
	wantError(t, e.do(http.MethodDelete, "/api/v1/webhook-subscriptions/"+id, nil), http.StatusNotFound, "DOES_NOT_EXIST")
	if _, ok := e.s.WebhookSubscription(id); ok {
		t.Error("the control still finds the deleted subscription")
	}
}

func TestListWebhooks(t *testing.T) {
	e := newEnv(t, Options{})
	first := e.s.AddPool("100001", "OPEN")
	second := e.s.AddPool("100001", "OPEN")
	var ids []string
	for _, sub := range []map[string]any{
		subscription(first, "POOL_CLOSED"), subscription(first, "ASSIGNMENT_SUBMITTED"), subscription(second, "POOL_CLOSED"),
	} {
		items, _ := e.upsertHooks(sub)
		ids = append(ids, items["0"].(map[string]any)["id"].(string))
		e.clock.Advance(time.Minute)
	}
	if !slices.IsSorted(ids) {
		t.Errorf("ids %v do not grow in creation order", ids)
	}
	for query, want := range map[string][]string{
		"":                               ids,
		"pool_id=" + first:               ids[:2],
		"event_type=POOL_CLOSED":         {ids[0], ids[2]},
		"id_gt=" + ids[0] + "&limit=1":   ids[1:2],
		"sort=-created":                  {ids[2], ids[1], ids[0]},
		"created_lt=2024-03-10T12:01:00": ids[:1],
	} {
		t.Run(query, func(t *testing.T) {
			if got, _ := e.listIDs("/api/v1/webhook-subscriptions?" + query); !slices.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
	if _, hasMore := e.listIDs("/api/v1/webhook-subscriptions?limit=2"); !hasMore {
		t.Error("has_more false with 3 subscriptions and limit 2")
	}
	for query, field := range map[string]string{"event_type=TEST_EVENT": "event_type", "limit=301": "limit"} {
		got := wantError(t, e.do(http.MethodGet, "/api/v1/webhook-subscriptions?"+query, nil), http.StatusBadRequest, "VALIDATION_ERROR")
		if fieldCode(got, field) == nil {
			t.Errorf("%s: payload %v does not name %s", query, got["payload"], field)
		}
	}
}
