package openapitest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// tbProject is a Template Builder project using the field spec members that
// the corrections add or fix.
const tbProject = `{"public_name":"p","public_description":"d","assignments_issuing_type":"AUTOMATED",
 "task_spec":{
  "input_spec":{"n":{"type":"array_integer","allowed_values":[1,2,3],"min_size":1,"max_size":2}},
  "output_spec":{
   "ok":{"type":"boolean","allowed_values":[true,false]},
   "where":{"type":"coordinates","current_location":true},
   "tags":{"type":"ARRAY_STRING","allowed_values":["a","b"]}},
  "view_spec":{"type":"tb","config":"{\"view\":{\"type\":\"view.text\"}}","lock":{"core":"1.0.0"},"settings":{"showSkip":false}}},
 "quality_control":{"configs":[{"collector_config":{"type":"SKIPPED_IN_ROW_ASSIGNMENTS"},
  "rules":[{"conditions":[{"key":"stored_results_count","operator":"GTE","value":"5"}],
   "action":{"type":"SET_SKILL","parameters":{"skill_id":"1","skill_value":10}}}]}]}}`

// webhookBatch and webhookBatchResult are the request and answer of
// toloka-kit's test of upsert_webhook_subscriptions: two subscriptions made,
// the third refused (its webhook_url is empty here, missing there, which the
// form's schema rejects before the API does).
const webhookBatch = `[{"webhook_url":"https://awesome-requester.com/toloka-webhook","event_type":"ASSIGNMENT_CREATED","pool_id":"121212"},
 {"webhook_url":"https://awesome-requester.com/toloka-webhook","event_type":"POOL_CLOSED","pool_id":"121212","secret_key":"k"},
 {"webhook_url":"","event_type":"POOL_CLOSED","pool_id":"121212"}]`

const webhookBatchResult = `{"items":{
  "0":{"webhook_url":"https://awesome-requester.com/toloka-webhook","event_type":"ASSIGNMENT_CREATED","pool_id":"121212","id":"webhook-subscription-0","created":"2016-10-09T11:42:01"},
  "1":{"webhook_url":"https://awesome-requester.com/toloka-webhook","event_type":"POOL_CLOSED","pool_id":"121212","id":"webhook-subscription-1","created":"2016-10-09T11:42:01"}},
 "validation_errors":{"2":{"webhook_url":{"code":"VALUE_REQUIRED","message":"May not be null"}}}}`

// cloneOperation is a POOL.CLONE operation whose details carry the new pool.
const cloneOperation = `{"id":"c1","type":"POOL.CLONE","status":"SUCCESS","submitted":"2023-01-02T03:04:05.12345",
 "parameters":{"pool_id":"1"},"details":{"pool_id":"2"}}`

func TestCorrectionsAccept(t *testing.T) {
	pool := fixture(t, "pool.json")
	overlap := strings.Replace(pool, `"priority": 0,`, `"priority": 0, "dynamic_overlap_config": {"type": "BASIC",
	 "max_overlap": 5, "min_confidence": 0.9, "answer_weight_skill_id": "7", "fields": [{"name": "result"}]},`, 1)
	if overlap == pool {
		t.Fatal("pool.json no longer has the priority member this test edits")
	}
	approval := strings.Replace(tbProject, `"action":{"type":"SET_SKILL","parameters":{"skill_id":"1","skill_value":10}}`,
		`"action":{"type":"APPROVE_ALL_ASSIGNMENTS"}`, 1)
	if approval == tbProject {
		t.Fatal("tbProject no longer has the action this test edits")
	}
	cases := []struct {
		name           string
		method, path   string
		request        string
		header         http.Header
		status         int
		response       string
		responseHeader string
	}{
		{"template builder project", "POST", "/api/v1/projects", tbProject, nil, 201, tbProject, ""},
		{"action without parameters", "POST", "/api/v1/projects", approval, nil, 201, approval, ""},
		{"pool with dynamic overlap", "PUT", "/api/v1/pools/1", overlap, nil, 200, overlap, ""},
		{"zero-price pool", "PUT", "/api/v1/pools/1", strings.Replace(pool, `"reward_per_assignment": 0.07`, `"reward_per_assignment": 0`, 1), nil, 200, pool, ""},
		{"paid minimum", "PUT", "/api/v1/pools/1", strings.Replace(pool, `"reward_per_assignment": 0.07`, `"reward_per_assignment": 0.005`, 1), nil, 200, pool, ""},
		{"clone details", "GET", "/api/v1/operations/c1", "", nil, 200, cloneOperation, ""},
		{"known solutions operation", "GET", "/api/v1/operations/k1", "", nil, 200,
			strings.Replace(cloneOperation, "POOL.CLONE", "KNOWN_SOLUTIONS.GENERATE", 1), ""},
		{"operation time with a zone", "GET", "/api/v1/operations/c1", "", nil, 200,
			strings.Replace(cloneOperation, "05.12345", "05Z", 1), ""},
		{"empty 409 on archived pool patch", "PATCH", "/api/v1/pools/1", `{"priority":5}`, nil, 409, "", ""},
		{"error without payload", "GET", "/api/v1/projects/1", "", nil, 404, `{"code":"DOES_NOT_EXIST","message":"no"}`, ""},
		{"error with a charset", "GET", "/api/v1/projects/1", "", nil, 429,
			`{"code":"TOO_MANY_REQUESTS","message":"slow down","payload":{"interval":"MIN"}}`, "application/json; charset=utf-8"},
		{"OAuth token", "GET", "/api/v1/projects/1", "", http.Header{"Authorization": {"OAuth t"}}, 200, fixture(t, "project.json"), ""},
		{"webhook batch upsert", "PUT", "/api/v1/webhook-subscriptions", webhookBatch, nil, 200, webhookBatchResult, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var c collector
			h := reply(tc.status, tc.response)
			if tc.responseHeader != "" {
				h = withContentType(tc.responseHeader, h)
			}
			exchange(t, h, &c, tc.method, tc.path, tc.request, tc.header)
			wantNone(t, &c)
		})
	}
}

// The batch upsert of webhook subscriptions takes a list and answers a batch
// result, not a single subscription.
func TestWebhookUpsertIsABatch(t *testing.T) {
	single := `{"webhook_url":"https://example.com/h","event_type":"POOL_CLOSED","pool_id":"1"}`
	var c collector
	exchange(t, reply(200, single), &c, "PUT", "/api/v1/webhook-subscriptions", single, nil)
	wantOne(t, &c, Request, "createSubscriptions", "request body")
	wantOne(t, &c, Response, "createSubscriptions", "items")
}

// withContentType sets the response Content-Type before h writes.
func withContentType(ct string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(contentTypeWriter{w, ct}, r)
	})
}

// contentTypeWriter forces Content-Type when the header is written.
type contentTypeWriter struct {
	http.ResponseWriter
	ct string
}

// WriteHeader sets Content-Type, then writes the header.
func (w contentTypeWriter) WriteHeader(code int) {
	w.Header().Set("Content-Type", w.ct)
	w.ResponseWriter.WriteHeader(code)
}

func TestCorrectionsAreRecorded(t *testing.T) {
	var doc struct {
		Corrections []struct {
			ID      string   `json:"id"`
			Change  string   `json:"change"`
			Reason  string   `json:"reason"`
			Targets []string `json:"targets"`
		} `json:"x-corrections"`
	}
	if err := json.Unmarshal(extract, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Corrections) == 0 {
		t.Fatal("the extract lists no correction")
	}
	var raw any
	if err := json.Unmarshal(extract, &raw); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range doc.Corrections {
		if c.ID == "" || c.Change == "" || c.Reason == "" || len(c.Targets) == 0 || seen[c.ID] {
			t.Errorf("correction %q is incomplete or repeated", c.ID)
		}
		seen[c.ID] = true
		for _, ptr := range c.Targets {
			if !resolves(raw, ptr) {
				t.Errorf("correction %s: target %s is not in the extract", c.ID, ptr)
			}
		}
	}
}

// resolves reports whether the JSON pointer ptr designates a value of doc.
func resolves(doc any, ptr string) bool {
	cur := doc
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch v := cur.(type) {
		case map[string]any:
			var ok bool
			if cur, ok = v[tok]; !ok {
				return false
			}
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(v) {
				return false
			}
			cur = v[i]
		default:
			return false
		}
	}
	return true
}
