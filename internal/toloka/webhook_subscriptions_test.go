package toloka

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

const webhookSecret = "s3cret-Key-0f-the-hook"

func hook(eventType string) WebhookSubscription {
	return WebhookSubscription{EventType: eventType, WebhookURL: "https://awesome-requester.com/toloka-webhook", PoolID: "121212"}
}

// The answer of toloka-kit's test: two subscriptions made, the third
// refused for its missing URL.
func TestUpsertWebhookSubscriptionsKeepsTheOrderAndNamesRefusedFields(t *testing.T) {
	var sent []byte
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPut || r.URL.Path != "/api/v1/webhook-subscriptions" {
			t.Errorf("request %s %s", r.Method, r.URL.Path)
		}
		sent, _ = io.ReadAll(r.Body)
		writeBody(w, 200, readFixture(t, "webhook_upsert_result.json"))
	}))
	third := hook(EventPoolClosed)
	third.WebhookURL = ""
	third.ID = "ignored" // read-only: not sent
	made, err := client.UpsertWebhookSubscriptions(context.Background(),
		[]WebhookSubscription{hook(EventAssignmentCreated), hook(EventPoolClosed), third})
	assertSameJSON(t, []byte(`[
		{"event_type":"ASSIGNMENT_CREATED","webhook_url":"https://awesome-requester.com/toloka-webhook","pool_id":"121212"},
		{"event_type":"POOL_CLOSED","webhook_url":"https://awesome-requester.com/toloka-webhook","pool_id":"121212"},
		{"event_type":"POOL_CLOSED","webhook_url":"","pool_id":"121212"}]`), sent)
	if len(made) != 3 || made[0].ID != "webhook-subscription-0" || made[1].EventType != EventPoolClosed || made[2] != nil {
		t.Fatalf("made = %v", made)
	}
	var invalid *InvalidItemsError
	if !errors.As(err, &invalid) || invalid.Total != 3 || len(invalid.Items) != 1 || invalid.Items[2]["webhook_url"].Code != "VALUE_REQUIRED" {
		t.Fatalf("err = %#v", err)
	}
	if want := "toloka: 1 of 3 items refused: item 2: webhook_url: VALUE_REQUIRED May not be null"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}

// When no subscription is made the API answers an error (toloka-kit raises
// ValidationApiError); a payload keyed by item becomes an InvalidItemsError
// that still unwraps to the APIError.
func TestUpsertWebhookSubscriptionsAllRefused(t *testing.T) {
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeBody(w, 400, []byte(`{"request_id":"r1","code":"VALIDATION_ERROR","message":"Validation error","payload":{
			"0":{"pool_id":{"code":"DOES_NOT_EXIST","message":"Pool does not exist"}},
			"1":{"event_type":{"code":"UNKNOWN_ENUM_VALUE","message":"Unknown value"},"webhook_url":{"code":"INVALID_URL_SYNTAX","message":"Not a URL"}}}}`))
	}))
	made, err := client.UpsertWebhookSubscriptions(context.Background(), []WebhookSubscription{hook(EventPoolClosed), hook("CLOSED")})
	var invalid *InvalidItemsError
	var apiErr *APIError
	if made != nil || !errors.As(err, &invalid) || !errors.As(err, &apiErr) || apiErr.StatusCode != 400 {
		t.Fatalf("made %v, err %#v", made, err)
	}
	want := "toloka: 2 of 2 items refused: item 0: pool_id: DOES_NOT_EXIST Pool does not exist; " +
		"item 1: event_type: UNKNOWN_ENUM_VALUE Unknown value; webhook_url: INVALID_URL_SYNTAX Not a URL; request id r1"
	if err.Error() != want {
		t.Errorf("error %q\nwant %q", err, want)
	}
}

// A payload that is not keyed by item is the API's own: the APIError is
// returned as it came.
func TestUpsertWebhookSubscriptionsOtherErrors(t *testing.T) {
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeBody(w, 400, []byte(`{"code":"VALIDATION_ERROR","message":"Validation error","payload":{"body":{"code":"ARRAY_EXPECTED","message":"x"}}}`))
	}))
	_, err := client.UpsertWebhookSubscriptions(context.Background(), []WebhookSubscription{hook(EventPoolClosed)})
	var invalid *InvalidItemsError
	if errors.As(err, &invalid) || asAPIError(t, err).ValidationErrors()["body"].Code != "ARRAY_EXPECTED" {
		t.Errorf("err = %#v", err)
	}
}

// The batch upsert is not sent again once the API may have acted on it.
func TestUpsertWebhookSubscriptionsIsNotRepeatedBlindly(t *testing.T) {
	for _, tc := range []struct {
		status int
		puts   int32
	}{{502, 1}, {429, 2}} {
		t.Run(fmt.Sprint(tc.status), func(t *testing.T) {
			var puts atomic.Int32
			client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if puts.Add(1) == 1 {
					writeBody(w, tc.status, []byte(`{"code":"X","message":"failed"}`))
					return
				}
				writeBody(w, 200, readFixture(t, "webhook_upsert_result.json"))
			}))
			_, _ = client.UpsertWebhookSubscriptions(context.Background(), make([]WebhookSubscription, 3))
			if puts.Load() != tc.puts {
				t.Errorf("%d PUTs after a %d, want %d", puts.Load(), tc.status, tc.puts)
			}
		})
	}
}

func TestCreateWebhookSubscriptionNeverMakesTwo(t *testing.T) {
	for _, tc := range createFaultCases {
		t.Run(string(tc.fault)+" ", func(t *testing.T) {
			store := &collectionStore{path: "/webhook-subscriptions", method: http.MethodPut, batch: true,
				hidden: []string{"secret_key"}, script: []postFault{tc.fault}}
			client, adopted := newCollectionClient(t, store)
			sub := hook(EventPoolClosed)
			sub.SecretKey = webhookSecret
			made, err := client.CreateWebhookSubscription(context.Background(), &sub)
			if err != nil {
				t.Fatal(err)
			}
			checkOneCreated(t, store, adopted, made.ID, tc.creates, tc.adopted)
			if made.PoolID != "121212" || made.EventType != EventPoolClosed || made.SecretKey != "" {
				t.Errorf("made = %+v", made)
			}
			if store.stored[0]["secret_key"] != webhookSecret {
				t.Errorf("stored %v: the secret key was not sent", store.stored[0])
			}
		})
	}
}

func TestCreateWebhookSubscriptionRefused(t *testing.T) {
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeBody(w, 200, []byte(`{"items":{},"validation_errors":{"0":{"webhook_url":{"code":"INVALID_URL_SYNTAX","message":"Invalid URL"}}}}`))
	}))
	sub := hook(EventPoolClosed)
	sub.WebhookURL = "example.com/hook"
	made, err := client.CreateWebhookSubscription(context.Background(), &sub)
	if made != nil || err == nil || err.Error() != "toloka: the item was refused: webhook_url: INVALID_URL_SYNTAX Invalid URL" {
		t.Errorf("CreateWebhookSubscription = %v, %v", made, err)
	}
}

func TestBatchAnswerThatAccountsForNothingIsAnError(t *testing.T) {
	for _, body := range []string{`{"items":{}}`, `{"items":{"1":{"id":"x"}}}`, `{"items":{"00":{"id":"x"}}}`} {
		var answer batchAnswer[WebhookSubscription]
		if err := json.Unmarshal([]byte(body), &answer); err != nil {
			t.Fatal(err)
		}
		if made, err := answer.results(1); err == nil {
			t.Errorf("results of %s = %v without error", body, made)
		}
	}
}

// The secret key is sent, but never logged, returned or printed.
func TestWebhookSecretIsNeverLogged(t *testing.T) {
	var mu sync.Mutex
	var logged []string
	logger := func(_ context.Context, msg string, fields map[string]any) {
		mu.Lock()
		defer mu.Unlock()
		logged = append(logged, fmt.Sprint(msg, fields))
	}
	store := &collectionStore{path: "/webhook-subscriptions", method: http.MethodPut, batch: true,
		hidden: []string{"secret_key"}, script: []postFault{postUnavailable, postBadGateway}}
	store.t = t
	client := newTestClient(t, store, func(c *Config) { c.Logger = logger })
	sub := hook(EventAssignmentApproved)
	sub.SecretKey = webhookSecret
	made, err := client.CreateWebhookSubscription(context.Background(), &sub) // 503, retried; 502, adopted
	if err != nil {
		t.Fatal(err)
	}
	refusing := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeBody(w, 400, []byte(`{"code":"VALIDATION_ERROR","message":"Validation error","payload":{"0":{"secret_key":{"code":"INVALID_VALUE","message":"Too short"}}}}`))
	}), func(c *Config) { c.Logger = logger })
	_, refusal := refusing.CreateWebhookSubscription(context.Background(), &sub)
	if refusal == nil {
		t.Fatal("no refusal")
	}
	printed := []string{
		refusal.Error(), fmt.Sprint(sub), fmt.Sprintf("%+v", sub), fmt.Sprintf("%#v", sub), fmt.Sprintf("%v", []*WebhookSubscription{&sub}),
		fmt.Sprintf("%s %q %x", sub.SecretKey, sub.SecretKey, sub.SecretKey),
	}
	mu.Lock()
	defer mu.Unlock()
	if len(logged) < 6 {
		t.Errorf("only %d log lines: %q", len(logged), logged)
	}
	for _, line := range append(logged, printed...) {
		if strings.Contains(line, webhookSecret) || strings.Contains(line, fmt.Sprintf("%x", webhookSecret)) {
			t.Errorf("the secret key shows in %q", line)
		}
	}
	if made.ID != "1" || store.stored[0]["secret_key"] != webhookSecret || store.creates.Load() != 2 {
		t.Errorf("made %+v; stored %v after %d PUTs", made, store.stored, store.creates.Load())
	}
}

// The API reference's example writes created with a zone suffix.
func TestWebhookSubscriptionDocsExample(t *testing.T) {
	var sub WebhookSubscription
	err := json.Unmarshal([]byte(`{"id":"62ee14ada451956b21388859","created":"1970-01-01T00:00:00.000Z",
		"event_type":"ASSIGNMENT_APPROVED","webhook_url":"https://example.com/toloka-webhook","pool_id":"1080020"}`), &sub)
	if err != nil || sub.Created.Unix() != 0 || sub.PoolID != "1080020" || len(sub.Extra) != 0 {
		t.Errorf("sub = %+v, %v", sub, err)
	}
}

func TestGetDeleteAndListWebhookSubscriptions(t *testing.T) {
	var query url.Values
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/webhook-subscriptions/webhook-subscription-1", func(w http.ResponseWriter, r *http.Request) {
		writeBody(w, 200, readFixture(t, "webhook_subscription.json"))
	})
	mux.HandleFunc("DELETE /api/v1/webhook-subscriptions/webhook-subscription-1", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET /api/v1/webhook-subscriptions", func(w http.ResponseWriter, r *http.Request) {
		query = r.URL.Query()
		writeJSON(t, w, Page[WebhookSubscription]{})
	})
	client := newTestClient(t, mux)
	ctx := context.Background()
	sub, err := client.GetWebhookSubscription(ctx, "webhook-subscription-1")
	if err != nil || sub.EventType != EventAssignmentCreated || sub.Created.APIString() != "2016-10-09T11:42:01" {
		t.Errorf("GetWebhookSubscription = %+v, %v", sub, err)
	}
	if err := client.DeleteWebhookSubscription(ctx, "webhook-subscription-1"); err != nil {
		t.Error(err)
	}
	if _, err := client.ListAllWebhookSubscriptions(ctx, WebhookSubscriptionListOptions{EventType: EventPoolClosed, PoolID: "7"}); err != nil {
		t.Fatal(err)
	}
	want := url.Values{"event_type": {"POOL_CLOSED"}, "pool_id": {"7"}, "sort": {"id"}, "limit": {"300"}}
	if query.Encode() != want.Encode() {
		t.Errorf("query %s, want %s", query.Encode(), want.Encode())
	}
}
