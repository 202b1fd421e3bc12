package toloka

import (
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"testing"
)

// fixtureTypes names the type each object fixture decodes into.
var fixtureTypes = map[string]func() any{
	"project.json":                            func() any { return new(Project) },
	"project_docs_example.json":               func() any { return new(Project) },
	"project_list_page.json":                  func() any { return new(ProjectPage) },
	"pool.json":                               func() any { return new(Pool) },
	"operation_project_archive_running.json":  func() any { return new(Operation) },
	"operation_project_archive_success.json":  func() any { return new(Operation) },
	"operation_pool_archive_success.json":     func() any { return new(Operation) },
	"training.json":                           func() any { return new(Training) },
	"training_list_page.json":                 func() any { return new(TrainingPage) },
	"operation_training_archive_success.json": func() any { return new(Operation) },
	"requester.json":                          func() any { return new(Requester) },
	"skill.json":                              func() any { return new(Skill) },
	"skill_list_page.json":                    func() any { return new(Page[Skill]) },
	"user_skill.json":                         func() any { return new(UserSkill) },
	"user_restriction.json":                   func() any { return new(UserRestriction) },
	"webhook_subscription.json":               func() any { return new(WebhookSubscription) },
	"webhook_upsert_result.json":              func() any { return new(batchAnswer[WebhookSubscription]) },
}

// errorFixtures are API error bodies and the status they came with.
var errorFixtures = map[string]int{
	"error_validation_400.json":           400,
	"error_empty_pool_409.json":           409,
	"error_inappropriate_status_409.json": 409,
}

func TestEveryFixtureIsChecked(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "fixtures", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		name := filepath.Base(file)
		_, isObject := fixtureTypes[name]
		_, isError := errorFixtures[name]
		if !isObject && !isError {
			t.Errorf("fixture %s has no type in fixtures_test.go", name)
		}
	}
	if len(files) != len(fixtureTypes)+len(errorFixtures) {
		t.Errorf("%d fixture files, %d known", len(files), len(fixtureTypes)+len(errorFixtures))
	}
}

func TestFixturesRoundTripWithoutLoss(t *testing.T) {
	for name, newValue := range fixtureTypes {
		t.Run(name, func(t *testing.T) {
			original := readFixture(t, name)
			value := newValue()
			if err := json.Unmarshal(original, value); err != nil {
				t.Fatal(err)
			}
			assertSameJSON(t, original, mustMarshal(t, value))
		})
	}
}

func TestErrorFixturesDecodeIntoAPIError(t *testing.T) {
	for name, status := range errorFixtures {
		t.Run(name, func(t *testing.T) {
			body := readFixture(t, name)
			client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				writeBody(w, status, body)
			}))
			_, err := client.GetPool(context.Background(), "1")
			apiErr := asAPIError(t, err)

			var want errorBody
			if err := json.Unmarshal(body, &want); err != nil {
				t.Fatal(err)
			}
			if apiErr.StatusCode != status || apiErr.Code != want.Code || apiErr.Message != want.Message || apiErr.RequestID != want.RequestID {
				t.Errorf("APIError = %+v, want %+v", apiErr, want)
			}
			wantPayload := want.Payload
			if string(wantPayload) == "null" {
				if apiErr.Payload != nil {
					t.Errorf("null payload decoded as %s", apiErr.Payload)
				}
				return
			}
			assertSameJSON(t, wantPayload, apiErr.Payload)
		})
	}
}
