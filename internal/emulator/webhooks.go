package emulator

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// webhookEventTypes are the documented values of event_type (TEST_EVENT,
// in the enum too, is what test notifications carry).
var webhookEventTypes = []string{
	"ASSIGNMENT_APPROVED", "ASSIGNMENT_CREATED", "ASSIGNMENT_EXPIRED", "ASSIGNMENT_REJECTED",
	"ASSIGNMENT_SKIPPED", "ASSIGNMENT_SUBMITTED", "DYNAMIC_OVERLAP_COMPLETED", "POOL_CLOSED",
}

// webhookHidden are the fields a subscription keeps but the API never
// returns: WebhookSubscriptionViewV1 and responses/api/webhook-id.yaml have
// no secret_key.
var webhookHidden = []string{"secret_key"}

// webhook is a stored subscription: event_type, webhook_url, pool_id,
// secret_key and unknown fields as last written.
type webhook struct {
	id      string
	created time.Time
	fields  map[string]any
}

// webhookView renders the subscription as responses/api/webhook-id.yaml
// shows it: id and created filled in, no secret_key.
func webhookView(w *webhook) map[string]any {
	v := maps.Clone(w.fields)
	for _, k := range webhookHidden {
		delete(v, k)
	}
	v["id"] = w.id
	v["created"] = formatTime(w.created)
	return v
}

// webhookKey is what a PUT upserts on: the pool, the event and the URL.
func webhookKey(fields map[string]any) string {
	part := func(k string) string { s, _ := fields[k].(string); return s }
	return part("pool_id") + "\x00" + part("event_type") + "\x00" + part("webhook_url")
}

// normalizeWebhook validates one item of a PUT body
// (WebhookSubscriptionFormV1).
func (s *Server) normalizeWebhook(item map[string]any) (map[string]any, fieldErrors) {
	w := stripFields(item, []string{"id", "created"}, []string{"secret_key"})
	v := &validator{}
	v.enum(w, "event_type", "event_type", webhookEventTypes, true)
	v.absoluteURL(w, "webhook_url", "webhook_url", true)
	if poolID, ok := v.text(w, "pool_id", "pool_id", true); ok {
		if _, err := mainPools.lookup(s, poolID); err != nil {
			v.fail("pool_id", vcDoesNotExist, "Pool does not exist")
		}
	}
	v.check(w, "secret_key", "secret_key", kString, false)
	return w, v.errs
}

// upsertWebhooks makes or replaces the subscriptions of a list, each on its
// own: the answer has the subscriptions made and the reasons for the others,
// both keyed by index in the list; when none was made it is a 400 whose
// payload is keyed the same way. A subscription of the same pool, event and
// URL is replaced (its secret_key with it), keeping its id and created date.
func (s *Server) upsertWebhooks(c *call) answer {
	list, err := decodeObjects(c.body)
	if err != nil {
		return errorAnswer(err)
	}
	if len(list) == 0 {
		return errorAnswer(errBadBody("Request body must list at least one subscription"))
	}
	items, refused := map[string]any{}, map[string]any{}
	for i, item := range list {
		fields, invalid := s.normalizeWebhook(item)
		if invalid != nil {
			refused[strconv.Itoa(i)] = invalid
			continue
		}
		items[strconv.Itoa(i)] = webhookView(s.upsertWebhook(fields, c.now))
	}
	if len(items) == 0 {
		return errorAnswer(&apiError{status: http.StatusBadRequest, code: codeValidation, message: "Validation error", payload: refused})
	}
	result := map[string]any{"items": items}
	if len(refused) > 0 {
		result["validation_errors"] = refused
	}
	return jsonAnswer(http.StatusOK, result)
}

func (s *Server) upsertWebhook(fields map[string]any, now time.Time) *webhook {
	key := webhookKey(fields)
	for _, w := range s.webhooks {
		if webhookKey(w.fields) == key {
			w.fields = fields
			return w
		}
	}
	w := &webhook{id: s.nextWebhookID(now), created: wireTime(now), fields: fields}
	s.webhooks[w.id] = w
	return w
}

// nextWebhookID returns 24 hex digits increasing in creation order, like
// the reference's example 62ee14ada451956b21388859.
func (s *Server) nextWebhookID(now time.Time) string {
	s.webhookSecs = max(s.webhookSecs, now.Unix())
	s.webhookSeq++
	return fmt.Sprintf("%08x%016x", uint32(s.webhookSecs), s.webhookSeq)
}

func (s *Server) lookupWebhook(id string) (*webhook, *apiError) {
	w := s.webhooks[id]
	if w == nil {
		return nil, errNotFound()
	}
	return w, nil
}

func (s *Server) getWebhook(c *call) answer {
	w, err := s.lookupWebhook(c.id)
	if err != nil {
		return errorAnswer(err)
	}
	return jsonAnswer(http.StatusOK, webhookView(w))
}

func (s *Server) deleteWebhook(c *call) answer {
	if _, err := s.lookupWebhook(c.id); err != nil {
		return errorAnswer(err)
	}
	delete(s.webhooks, c.id)
	return noContent()
}

func (s *Server) listWebhooks(c *call) answer {
	return webhookList.answer(c.query, slices.Collect(maps.Values(s.webhooks)), webhookView)
}

func (w *webhook) field(k string) string {
	s, _ := w.fields[k].(string)
	return s
}

// webhookList describes GET /webhook-subscriptions; toloka-kit's
// find_webhook_subscriptions documents pages of at most 300. Ids are
// compared as strings.
var webhookList = listSpec[*webhook]{
	maxLimit: 300,
	id:       func(w *webhook) string { return w.id },
	dates: map[string]func(*webhook) (time.Time, bool){
		"created": func(w *webhook) (time.Time, bool) { return w.created, true },
	},
	enums: map[string]enumFilter[*webhook]{
		"event_type": {values: webhookEventTypes, get: func(w *webhook) string { return w.field("event_type") }},
	},
	equals: map[string]func(*webhook) string{
		"pool_id": func(w *webhook) string { return w.field("pool_id") },
	},
	sorts: map[string]func(a, b *webhook) int{
		"id":      func(a, b *webhook) int { return strings.Compare(a.id, b.id) },
		"created": func(a, b *webhook) int { return a.created.Compare(b.created) },
	},
}

// WebhookSubscription returns the stored subscription with its secret_key,
// which the API never returns, and whether it exists.
func (s *Server) WebhookSubscription(id string) (json.RawMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w, err := s.lookupWebhook(id)
	if err != nil {
		return nil, false
	}
	stored := webhookView(w)
	for _, k := range webhookHidden {
		if val, ok := w.fields[k]; ok {
			stored[k] = val
		}
	}
	return json.RawMessage(encodeJSON(stored)), true
}

func (s *Server) controlGetWebhook(c *call) answer {
	return storedAnswer(s.WebhookSubscription(c.id))
}
