package emulator

import (
	"encoding/json"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// A pool created with only the documented minimal body comes back with the
// values the documented answer (responses/api/pool-id.yaml) shows the service
// filling in.
func TestCreatedPoolHasTheDocumentedFills(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	project := e.createProject(specProject("p"))["id"].(string)
	got := e.createPool(minimalPool(project))
	for path, want := range map[string]any{
		"assignments_issuing_config.issue_task_suites_in_creation_order": false,
		"auto_accept_solutions":                   true,
		"auto_accept_period_day":                  json.Number("21"),
		"auto_close_after_complete_delay_seconds": json.Number("0"),
		"priority":     json.Number("0"),
		"type":         "REGULAR",
		"owner.myself": true,
	} {
		if v := at(got, strings.Split(path, ".")...); !reflect.DeepEqual(v, want) {
			t.Errorf("%s = %#v, want %#v", path, v, want)
		}
	}
	if m, ok := got["metadata"].(map[string]any); !ok || len(m) != 0 {
		t.Errorf("metadata = %#v, want {}", got["metadata"])
	}
}

var uuidShape = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

func TestMixerConfigDefaults(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	project := e.createProject(specProject("p"))["id"].(string)
	body := minimalPool(project)
	body["mixer_config"] = map[string]any{
		"real_tasks_count": 5, "golden_tasks_count": 1, "training_tasks_count": 0,
		"min_golden_tasks_count": 0, "shuffle_tasks_in_task_suite": false,
	}
	got := e.createPool(body)["mixer_config"]
	want := map[string]any{
		"real_tasks_count": json.Number("5"), "golden_tasks_count": json.Number("1"), "training_tasks_count": json.Number("0"),
		// Documented defaults fill what the request leaves out ...
		"min_real_tasks_count": json.Number("5"), "min_training_tasks_count": json.Number("0"),
		"force_last_assignment": true, "mix_tasks_in_creation_order": false,
		// ... and never what it sets.
		"min_golden_tasks_count": json.Number("0"), "shuffle_tasks_in_task_suite": false,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("mixer_config\n got %v\nwant %v", got, want)
	}
}

func qualityControl(collectors ...map[string]any) map[string]any {
	configs := make([]any, len(collectors))
	for i, c := range collectors {
		configs[i] = map[string]any{
			"collector_config": c,
			"rules": []any{map[string]any{
				"conditions": []any{map[string]any{"key": "skipped_in_row_count", "operator": "GTE", "value": 10}},
				"action":     map[string]any{"type": "RESTRICTION_V2", "parameters": map[string]any{"scope": "PROJECT", "duration_unit": "PERMANENT"}},
			}},
		}
	}
	return map[string]any{"configs": configs}
}

func collectorUUIDs(pool map[string]any) []any {
	var out []any
	configs, _ := at(pool, "quality_control", "configs").([]any)
	for _, c := range configs {
		out = append(out, at(c, "collector_config", "uuid"))
	}
	return out
}

func TestCollectorsGetAUUID(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	project := e.createProject(specProject("p"))["id"].(string)
	body := minimalPool(project)
	const kept = "38830d4b-930b-43ab-a98f-f52e992fd11a"
	body["quality_control"] = qualityControl(
		map[string]any{"type": "SKIPPED_IN_ROW_ASSIGNMENTS"},
		map[string]any{"type": "SKIPPED_IN_ROW_ASSIGNMENTS", "uuid": kept},
	)
	created := e.createPool(body)
	uuids := collectorUUIDs(created)
	if len(uuids) != 2 || uuids[1] != kept {
		t.Fatalf("collector uuids %v, want a new one and %s", uuids, kept)
	}
	first, _ := uuids[0].(string)
	if !uuidShape.MatchString(first) {
		t.Errorf("made-up uuid %q is not a UUID", first)
	}

	// A PUT that sends the pool back keeps the uuids; a collector sent
	// without one gets a new one, unlike any before.
	id := created["id"].(string)
	back := e.do(http.MethodPut, "/api/v1/pools/"+id, created).want(t, http.StatusOK).object(t)
	if got := collectorUUIDs(back); !reflect.DeepEqual(got, uuids) {
		t.Errorf("after a PUT sending them back, uuids %v, want %v", got, uuids)
	}
	body["quality_control"] = qualityControl(map[string]any{"type": "SKIPPED_IN_ROW_ASSIGNMENTS"})
	renewed := e.do(http.MethodPut, "/api/v1/pools/"+id, body).want(t, http.StatusOK).object(t)
	if got := collectorUUIDs(renewed); len(got) != 1 || got[0] == first || got[0] == kept || got[0] == nil {
		t.Errorf("a collector sent without a uuid got %v", got)
	}
}

func TestFillIn(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	project := e.createProject(specProject("p"))["id"].(string)
	fill := fixture(t, "pool.json")
	raw, err := json.Marshal(fill)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.s.SetFillIn(FillInPools, raw); err != nil {
		t.Fatal(err)
	}
	body := minimalPool(project)
	body["quality_control"] = map[string]any{"configs": []any{map[string]any{
		"collector_config": map[string]any{"type": "ASSIGNMENT_SUBMIT_TIME", "parameters": map[string]any{"history_size": 5}},
		"rules": []any{map[string]any{
			"conditions": []any{map[string]any{"key": "fast_submitted_count", "operator": "GTE", "value": 1}},
			"action":     map[string]any{"type": "RESTRICTION_V2", "parameters": map[string]any{"scope": "PROJECT", "duration_unit": "PERMANENT"}},
		}},
	}}}
	got := e.createPool(body)
	// Left out of the request: filled in from the document, at any depth.
	if got["speed_quality_balance"] == nil || got["filter"] == nil || got["may_contain_adult_content"] != true {
		t.Errorf("top-level members not filled in: %v", got)
	}
	if uuids := collectorUUIDs(got); len(uuids) != 1 || uuids[0] != "38830d4b-930b-43ab-a98f-f52e992fd11a" {
		t.Errorf("collector uuid %v, want the document's", uuids)
	}
	// Set by the request, or read-only: not taken from the document.
	if got["private_name"] != "Pool of "+project || got["project_id"] != project || got["status"] != "CLOSED" ||
		got["id"] == fill["id"] || at(got, "defaults", "default_overlap_for_new_task_suites") != json.Number("3") {
		t.Errorf("the document overrode the request or a read-only member: %v", got)
	}

	// Projects are untouched, and stopping the fill-in stops it.
	if p := e.createProject(specProject("q")); p["private_comment"] != nil {
		t.Errorf("a pool fill-in reached a project: %v", p)
	}
	if err := e.s.SetFillIn(FillInPools, nil); err != nil {
		t.Fatal(err)
	}
	if p := e.createPool(minimalPool(project)); p["filter"] != nil {
		t.Errorf("filled in after it stopped: %v", p)
	}
}

func TestFillInControl(t *testing.T) {
	e := newEnv(t, Options{})
	e.control(http.MethodPut, "/fill-in/projects", map[string]any{"private_comment": "filled"}).want(t, http.StatusNoContent)
	if p := e.createProject(minimalProject("p")); p["private_comment"] != "filled" {
		t.Errorf("project %v, want private_comment filled in", p)
	}
	body := minimalProject("q")
	body["private_comment"] = "mine"
	if p := e.createProject(body); p["private_comment"] != "mine" {
		t.Errorf("the fill-in overrode the request: %v", p)
	}
	wantError(t, e.control(http.MethodPut, "/fill-in/tasks", map[string]any{"a": 1}), http.StatusNotFound, "DOES_NOT_EXIST")
	wantError(t, e.control(http.MethodPut, "/fill-in/pools", []any{1}), http.StatusBadRequest, "VALIDATION_ERROR")
	e.control(http.MethodDelete, "/fill-in/projects", nil).want(t, http.StatusNoContent)
	if p := e.createProject(minimalProject("r")); p["private_comment"] != nil {
		t.Errorf("filled in after DELETE: %v", p)
	}
}
