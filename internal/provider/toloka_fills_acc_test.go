package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/emulator"
)

// genuineFixtures holds Toloka's answers and the API reference's examples
// (see its SOURCES.md).
var genuineFixtures = filepath.Join("..", "openapitest", "testdata", "fixtures")

// readFixture decodes a fixture, numbers as written; item names the element
// of a list page's items to take, -1 for the whole document.
func readFixture(t *testing.T, name string, item int) map[string]any {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(genuineFixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := decodeJSONObject(string(raw))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if item < 0 {
		return doc
	}
	items, _ := doc["items"].([]any)
	if item >= len(items) {
		t.Fatalf("%s has no item %d", name, item)
	}
	return items[item].(map[string]any)
}

// forEachMember calls fn with the object and key of every member a fill's
// path reaches in doc, present or not; it does not go through members that
// are absent.
func forEachMember(doc any, segments []string, fn func(obj map[string]any, key string)) {
	seg, rest := segments[0], segments[1:]
	switch seg {
	case "[]":
		elements, _ := doc.([]any)
		for _, e := range elements {
			forEachMember(e, rest, fn)
		}
		return
	case "*":
		members, _ := doc.(map[string]any)
		for _, m := range members {
			forEachMember(m, rest, fn)
		}
		return
	}
	obj, ok := doc.(map[string]any)
	switch {
	case !ok:
	case len(rest) == 0:
		fn(obj, seg)
	default:
		if child, present := obj[seg]; present {
			forEachMember(child, rest, fn)
		}
	}
}

// isTolokasValue reports whether a member holds the value Toloka fills in.
func isTolokasValue(f tolokaFill, obj map[string]any, key string) bool {
	v, present := obj[key]
	if !present {
		return false
	}
	if f.how == fillComputed || f.how == fillUnmodelled {
		return true
	}
	if _, made := f.value.(madeUp); made {
		return true
	}
	if f.how == fillEmptyIsNone {
		m, isMap := v.(map[string]any)
		return isMap && len(m) == 0
	}
	want, ok := fillValue(obj, f.value)
	return ok && sameJSONValue(v, want)
}

// withoutFills is a copy of Toloka's object without the values Toloka fills
// in: the configuration that leaves them all out.
func withoutFills(t *testing.T, object string, doc map[string]any) map[string]any {
	t.Helper()
	out, err := decodeJSONObject(mustMarshal(t, doc))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range tolokaFills {
		if f.object != object {
			continue
		}
		forEachMember(out, strings.Split(f.path, "."), func(obj map[string]any, key string) {
			if isTolokasValue(f, obj, key) {
				delete(obj, key)
			}
		})
	}
	return out
}

// requiredOnly keeps the members of a configuration whose attributes are
// required.
func requiredOnly(attrs map[string]schema.Attribute, doc map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range doc {
		if a, ok := attrs[k]; ok && a.IsRequired() {
			out[k] = v
		}
	}
	return out
}

// fixtureCase is a genuine answer (or an example of the API reference)
// served as Toloka's answer to a configuration without what Toloka fills in.
type fixtureCase struct {
	file   string
	item   int // the list page's item, or -1
	object string
	// correct fixes what the API reference's own rules refuse, each edit
	// explained.
	correct func(doc map[string]any)
}

var fixtureCases = []fixtureCase{
	{"project.json", -1, "project", nil},
	{"project_docs_example.json", -1, "project", nil},
	{"project_list_page.json", 0, "project", nil},
	{"project_request_classic.json", -1, "project", nil},
	{"project_request_template_builder.json", -1, "project", nil},
	{"pool.json", -1, "pool", nil},
	{"pool_list_page.json", 0, "pool", nil},
	{"pool_request_minimal.json", -1, "pool", nil},
	{"pool_sdk_readonly.json", -1, "pool", nil},
	{"pool_request_long.json", -1, "pool", func(doc map[string]any) {
		// TestLongPoolExampleBreaksTheDescription (openapitest): will_expire
		// lacks its seconds and an interval starts below its minimum of 1.
		doc["will_expire"] = "2030-09-01T13:00:00"
		intervals := doc["dynamic_pricing_config"].(map[string]any)["intervals"].([]any)
		intervals[0].(map[string]any)["from"] = json.Number("1")
	}},
}

// pointToOwnObjects makes a pool answer name objects that exist in the
// emulator: a project the test makes (the project_id of the configuration),
// and a training of it in place of the training the answer requires, which
// Toloka checks.
func pointToOwnObjects(t *testing.T, e *testEmulator, answer map[string]any) (projectID string) {
	t.Helper()
	projectID = e.call(t, http.MethodPost, "/projects", map[string]any{
		"public_name": "Pools of genuine answers", "public_description": "Holds a pool", "assignments_issuing_type": "AUTOMATED",
		"task_spec": map[string]any{
			"input_spec":  map[string]any{"image": map[string]any{"type": "url"}},
			"output_spec": map[string]any{"result": map[string]any{"type": "string"}},
			"view_spec":   map[string]any{"type": "classic", "markup": "{{img src=image}}", "settings": map[string]any{}},
		},
	})["id"].(string)
	answer["project_id"] = projectID
	qc, _ := answer["quality_control"].(map[string]any)
	if requirement, ok := qc["training_requirement"].(map[string]any); ok {
		requirement["training_pool_id"] = e.call(t, http.MethodPost, "/trainings", map[string]any{
			"project_id": projectID, "private_name": "Training of genuine answers", "inherited_instructions": true,
			"training_tasks_in_task_suite_count": 3,
		})["id"]
	}
	return projectID
}

// render is the configuration of a fixture case's object with the given
// members.
func (c fixtureCase) render(t *testing.T, e *testEmulator, doc map[string]any) string {
	t.Helper()
	return e.providerConfig() + "resource \"toloka_" + c.object + "\" \"genuine\" {\n" +
		hclBody(t, c.attributes(), doc) + "\n}\n"
}

func (c fixtureCase) attributes() map[string]schema.Attribute {
	if c.object == "project" {
		return projectSchema(context.Background()).Attributes
	}
	return poolSchema(context.Background()).Attributes
}

// rename changes the name of the object, for an update.
func (c fixtureCase) rename(doc map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range doc {
		out[k] = v
	}
	name := "public_name"
	if c.object == "pool" {
		name = "private_name"
	}
	out[name] = fmt.Sprint(out[name]) + " (renamed)"
	return out
}

// checkAnswered fails unless Toloka now holds every value of the answer that
// the configuration leaves out, so that the plans above saw them.
func checkAnswered(t *testing.T, e *testEmulator, c fixtureCase, answer map[string]any) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		held := e.rawObject(t, c.object, resourceID(s, "toloka_"+c.object+".genuine"))
		for _, f := range tolokaFills {
			if f.object != c.object || f.how == fillComputed || f.how == fillUnmodelled {
				continue
			}
			var missing []string
			forEachMember(answer, strings.Split(f.path, "."), func(obj map[string]any, key string) {
				if isTolokasValue(f, obj, key) && !holds(held, f.path, obj[key]) {
					missing = append(missing, fmt.Sprint(obj[key]))
				}
			})
			if len(missing) > 0 {
				return fmt.Errorf("Toloka does not hold %s = %v", f.path, missing)
			}
		}
		return nil
	}
}

// holds reports whether any member the path reaches in doc has the value.
func holds(doc map[string]any, path string, value any) bool {
	found := false
	forEachMember(doc, strings.Split(path, "."), func(obj map[string]any, key string) {
		if v, ok := obj[key]; ok && sameJSONValue(v, value) {
			found = true
		}
	})
	return found
}

// rawObject is a project or pool as Toloka answers it, numbers as written.
func (e *testEmulator) rawObject(t *testing.T, object, id string) map[string]any {
	t.Helper()
	return e.call(t, http.MethodGet, "/"+object+"s/"+id, nil)
}

// call sends one API request and decodes the answer, which must be a 2xx.
func (e *testEmulator) call(t *testing.T, method, path string, body any) map[string]any {
	t.Helper()
	return callAPI(t, e.apiURL, method, path, body)
}

func callAPI(t *testing.T, apiURL, method, path string, body any) map[string]any {
	t.Helper()
	var in io.Reader
	if body != nil {
		in = bytes.NewReader([]byte(mustMarshal(t, body)))
	}
	req, err := http.NewRequest(method, apiURL+path, in)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "ApiKey "+testAPIKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode/100 != 2 {
		t.Fatalf("%s %s: %d %v %s", method, path, resp.StatusCode, err, raw)
	}
	doc, err := decodeJSONObject(string(raw))
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	return doc
}

// Each genuine answer, served as Toloka's answer to a configuration that
// leaves out every value Toloka fills in, plans nothing: after the create,
// after an import, after an update, after a refresh, and with only the
// required attributes configured.
func TestAccTolokaFills_genuineAnswers(t *testing.T) {
	for _, c := range fixtureCases {
		name := c.file
		if c.item >= 0 {
			name += fmt.Sprintf("#items.%d", c.item)
		}
		t.Run(name, func(t *testing.T) {
			answer := readFixture(t, c.file, c.item)
			if c.correct != nil {
				c.correct(answer)
			}
			e := newTestEmulator(t, 100*time.Millisecond)
			kind := emulator.FillInProjects
			if c.object == "pool" {
				kind = emulator.FillInPools
				pointToOwnObjects(t, e, answer)
			}
			if err := e.SetFillIn(kind, json.RawMessage(mustMarshal(t, answer))); err != nil {
				t.Fatal(err)
			}
			config := withoutFills(t, c.object, answer)
			renamed := c.rename(config)
			addr := "toloka_" + c.object + ".genuine"
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{
					{
						Config: c.render(t, e, config),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
							PostApplyPreRefresh:  []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
							PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
						Check: checkAnswered(t, e, c, answer),
					},
					{
						ResourceName:    addr,
						ImportState:     true,
						ImportStateKind: resource.ImportBlockWithID,
					},
					{
						Config: c.render(t, e, renamed),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
							PostApplyPreRefresh:  []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
							PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
						Check: checkAnswered(t, e, c, answer),
					},
					{
						Config:   c.render(t, e, requiredOnly(c.attributes(), renamed)),
						PlanOnly: true,
					},
					{
						Config:          c.render(t, e, requiredOnly(c.attributes(), renamed)),
						ResourceName:    addr,
						ImportState:     true,
						ImportStateKind: resource.ImportBlockWithID,
					},
				},
			})
		})
	}
}

// The emulator fills in, on a minimal project and pool, every value the
// table says it does, as Toloka does.
func TestEmulatorFillsWhatTolokaFills(t *testing.T) {
	srv := emulator.New(emulator.Options{APIKeys: []string{testAPIKey}})
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	apiURL := hs.URL + "/api/v1"
	project := callAPI(t, apiURL, http.MethodPost, "/projects", map[string]any{
		"public_name": "p", "public_description": "d",
		"task_spec": map[string]any{
			"input_spec":  map[string]any{"image": map[string]any{"type": "url"}},
			"output_spec": map[string]any{"result": map[string]any{"type": "string"}},
			"view_spec":   map[string]any{"type": "classic", "markup": "m"},
		},
	})
	pool := callAPI(t, apiURL, http.MethodPost, "/pools", map[string]any{
		"project_id": project["id"], "private_name": "p", "reward_per_assignment": 0.05,
		"assignment_max_duration_seconds": 600, "will_expire": "2030-01-02T03:04:05",
		"defaults": map[string]any{"default_overlap_for_new_task_suites": 1},
		"quality_control": map[string]any{"configs": []any{map[string]any{
			"collector_config": map[string]any{"type": "SKIPPED_IN_ROW_ASSIGNMENTS"},
			"rules": []any{map[string]any{
				"conditions": []any{map[string]any{"key": "skipped_in_row_count", "operator": "GTE", "value": 10}},
				"action":     map[string]any{"type": "RESTRICTION_V2", "parameters": map[string]any{"scope": "PROJECT", "duration_unit": "PERMANENT"}},
			}},
		}}},
		"mixer_config": map[string]any{"real_tasks_count": 5, "golden_tasks_count": 1, "training_tasks_count": 0},
	})
	answers := map[string]map[string]any{"project": project, "pool": pool}
	for _, f := range tolokaFills {
		if !f.emulated {
			continue
		}
		t.Run(f.object+"."+f.path, func(t *testing.T) {
			reached := 0
			forEachMember(answers[f.object], strings.Split(f.path, "."), func(obj map[string]any, key string) {
				reached++
				if !isTolokasValue(f, obj, key) {
					t.Errorf("%s = %v, want %v", f.path, obj[key], f.value)
				}
			})
			if reached == 0 {
				t.Errorf("the emulator's answer has no %s", f.path)
			}
		})
	}
}
