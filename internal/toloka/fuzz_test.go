package toloka

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// Malformed answers must end in errors, never in panics, and whatever
// decodes must encode again and decode to the same JSON.

// addFixtures seeds a fuzz target with the recorded API answers.
func addFixtures(f *testing.F, add func(body []byte)) {
	paths, err := filepath.Glob(filepath.Join("testdata", "fixtures", "*.json"))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range paths {
		body, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		add(body)
	}
}

// roundTrip decodes data into a new T and, when that succeeds, checks that
// encoding it and decoding again gives the same JSON.
func roundTrip[T any](t *testing.T, data []byte) {
	var first T
	if json.Unmarshal(data, &first) != nil {
		return
	}
	encoded, err := json.Marshal(&first)
	if err != nil {
		t.Fatalf("%T decoded from %q does not encode: %v", first, data, err)
	}
	var second T
	if err := json.Unmarshal(encoded, &second); err != nil {
		t.Fatalf("%T encoded as %s does not decode: %v", first, encoded, err)
	}
	again, err := json.Marshal(&second)
	if err != nil {
		t.Fatalf("%T does not encode a second time: %v", second, err)
	}
	assertSameJSON(t, encoded, again)
}

func FuzzDecodeProject(f *testing.F) {
	addFixtures(f, func(body []byte) { f.Add(body) })
	f.Add([]byte(`{"task_spec":{"input_spec":{"a":{"type":"url","x":1}}},"localization_config":{"additional_languages":[{"language":"RU","public_name":{"value":"v","extra":[]}}]},"unknown":{"n":1}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		roundTrip[Project](t, data)
	})
}

func FuzzDecodePool(f *testing.F) {
	addFixtures(f, func(body []byte) { f.Add(body) })
	f.Fuzz(func(t *testing.T, data []byte) {
		roundTrip[Pool](t, data)
	})
}

func FuzzDecodeTraining(f *testing.F) {
	addFixtures(f, func(body []byte) { f.Add(body) })
	f.Add([]byte(`{"inherited_instructions":false,"training_tasks_in_task_suite_count":0,"metadata":{"a":["b"]},"owner":{"id":"x"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		roundTrip[Training](t, data)
		roundTrip[TrainingPage](t, data)
	})
}

func FuzzDecodeRequester(f *testing.F) {
	addFixtures(f, func(body []byte) { f.Add(body) })
	f.Add([]byte(`{"id":"r","balance":-0.5,"public_name":{"EN":"x"},"company":{"id":"c","extra":[1]},"unknown":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		roundTrip[Requester](t, data)
	})
}

func FuzzDecodeOperation(f *testing.F) {
	addFixtures(f, func(body []byte) { f.Add(body) })
	f.Add([]byte(`{"id":"x","status":"RUNNING","progress":50,"submitted":"2024-01-01T00:00:00.1","parameters":{"project_id":"1"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		roundTrip[Operation](t, data)
		roundTrip[Page[Operation]](t, data)
	})
}

func FuzzDecodeCrowdObjects(f *testing.F) {
	addFixtures(f, func(body []byte) { f.Add(body) })
	f.Add([]byte(`{"items":{"0":{"id":"a","pool_id":"1"},"7":{}},"validation_errors":{"1":{"x":{"code":"C"}},"y":[]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		roundTrip[Skill](t, data)
		roundTrip[UserSkill](t, data)
		roundTrip[UserRestriction](t, data)
		roundTrip[WebhookSubscription](t, data)
		var answer batchAnswer[WebhookSubscription]
		if json.Unmarshal(data, &answer) != nil {
			return
		}
		made, err := answer.results(2)
		var invalid *InvalidItemsError
		switch {
		case err == nil && (made[0] == nil || made[1] == nil):
			t.Fatalf("results of %s: %v without an error", data, made)
		case errors.As(err, &invalid) && len(invalid.Items) == 0:
			t.Fatalf("results of %s: an InvalidItemsError without items", data)
		}
	})
}

func FuzzParseAPIError(f *testing.F) {
	addFixtures(f, func(body []byte) { f.Add(400, body) })
	f.Add(429, []byte(`{"code":"TOO_MANY_REQUESTS","payload":{"interval":"DAY"}}`))
	f.Add(502, []byte("<html><h1>502 Bad Gateway</h1></html>"))
	f.Add(400, []byte(`{"code":"VALIDATION_ERROR","payload":{"a":{"code":"X"},"b":1,"c":null}}`))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		apiErr := parseAPIError(status, body)
		text := apiErr.Error()
		if apiErr.StatusCode != status || apiErr.Code == "" || !strings.HasPrefix(text, "toloka: HTTP ") {
			t.Fatalf("parseAPIError(%d, %q) = %+v", status, body, apiErr)
		}
		if apiErr.Code == CodeNonJSONResponse && utf8.RuneCountInString(apiErr.Message) > maxExcerptRunes+1 {
			t.Fatalf("excerpt of %d runes", utf8.RuneCountInString(apiErr.Message))
		}
		_ = apiErr.ValidationErrors()
		_, _ = serverWait(status, http.Header{}, apiErr.Payload)
	})
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2022-01-22T07:50:14.210", "2016-10-21T15:37:00", "2024-03-10", "2024-03-10T12:00:00Z", "2024-03-10T12:00:00+0300"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		parsed, err := ParseTime(s)
		if err != nil {
			return
		}
		again, err := ParseTime(parsed.APIString())
		if err != nil || !again.Equal(parsed.Time) {
			t.Fatalf("ParseTime(%q) = %v, written %q, read back %v, %v", s, parsed, parsed.APIString(), again, err)
		}
	})
}

// FuzzClientAnswers serves fuzzed answers to the client's calls: every one
// ends in a value or an error.
func FuzzClientAnswers(f *testing.F) {
	addFixtures(f, func(body []byte) { f.Add(uint16(200), "application/json", body) })
	f.Add(uint16(204), "", []byte{})
	f.Add(uint16(503), "text/html", []byte("<html>down</html>"))
	f.Add(uint16(429), "application/json", []byte(`{"code":"TOO_MANY_REQUESTS","payload":{"interval":"MIN"}}`))
	var answer struct {
		status      int
		contentType string
		body        []byte
	}
	client := newTestClient(f, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", answer.contentType)
		w.WriteHeader(answer.status)
		_, _ = w.Write(answer.body)
	}))
	client.retry = RetryPolicy{}
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, status uint16, contentType string, body []byte) {
		if status < 200 || status > 599 || status/100 == 3 || strings.ContainsFunc(contentType, isControl) {
			t.Skip("not a final answer with a well-formed header")
		}
		answer.status, answer.contentType, answer.body = int(status), contentType, body
		for _, call := range []func() (any, error){
			func() (any, error) { return client.GetProject(ctx, "1") },
			func() (any, error) { return client.GetPool(ctx, "1") },
			func() (any, error) { return client.GetTraining(ctx, "1") },
			func() (any, error) { return client.ListTrainings(ctx, TrainingListOptions{}) },
			func() (any, error) { return client.ArchiveTraining(ctx, "1") },
			func() (any, error) { return client.GetRequester(ctx) },
			func() (any, error) { return client.GetOperation(ctx, "1") },
			func() (any, error) { return client.ArchiveProject(ctx, "1") },
			func() (any, error) { return client.ListProjects(ctx, ProjectListOptions{}) },
			func() (any, error) { return client.CreateProject(ctx, &Project{PublicName: "p"}) },
			func() (any, error) { return client.GetSkill(ctx, "1") },
			func() (any, error) { return client.CreateSkill(ctx, &Skill{Name: "s"}) },
			func() (any, error) {
				return client.SetUserSkill(ctx, SetUserSkillRequest{SkillID: "1", UserID: "u", Value: 5})
			},
			func() (any, error) {
				return client.CreateUserRestriction(ctx, &UserRestriction{Scope: RestrictionScopeAllProjects, UserID: "u"})
			},
			func() (any, error) {
				return client.CreateWebhookSubscription(ctx, &WebhookSubscription{EventType: EventPoolClosed, PoolID: "1", WebhookURL: "https://h"})
			},
			func() (any, error) {
				return client.UpsertWebhookSubscriptions(ctx, []WebhookSubscription{{EventType: EventPoolClosed}, {}})
			},
		} {
			value, err := call()
			var apiErr *APIError
			if status >= 400 && !errors.As(err, &apiErr) {
				t.Fatalf("HTTP %d answered with %v, %v; want an *APIError", status, value, err)
			}
			if err != nil && strings.Contains(err.Error(), testToken) {
				t.Fatalf("the error reveals the key: %v", err)
			}
		}
	})
}

func isControl(r rune) bool {
	return r < ' ' || r == 0x7f
}
