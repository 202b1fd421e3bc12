package emulator

import (
	"encoding/json"
	"maps"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"
)

// wireDate is the service's date format: UTC, no zone, milliseconds.
var wireDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$`)

func TestCreateProjectFillsDefaults(t *testing.T) {
	e := newEnv(t, Options{})
	p := e.createProject(minimalProject("Cats"))

	if p["status"] != "ACTIVE" {
		t.Errorf("status %v", p["status"])
	}
	if p["created"] != "2024-03-10T12:00:00.123" {
		t.Errorf("created %v, want the clock's instant", p["created"])
	}
	wantOwner := map[string]any{"id": DefaultRequesterID, "myself": true, "company_id": DefaultCompanyID}
	if !reflect.DeepEqual(p["owner"], wantOwner) {
		t.Errorf("owner %v", p["owner"])
	}
	if p["assignments_issuing_type"] != "AUTOMATED" {
		t.Errorf("assignments_issuing_type %v", p["assignments_issuing_type"])
	}
	if p["assignments_automerge_enabled"] != false {
		t.Errorf("assignments_automerge_enabled %v", p["assignments_automerge_enabled"])
	}
	for _, side := range []string{"input_spec", "output_spec"} {
		for name, spec := range at(p, "task_spec", side).(map[string]any) {
			if at(spec, "required") != true || at(spec, "hidden") != false {
				t.Errorf("%s.%s = %v, want required true and hidden false", side, name, spec)
			}
		}
	}
	settings := at(p, "task_spec", "view_spec", "settings").(map[string]any)
	for _, name := range viewSettings {
		if settings[name] != true {
			t.Errorf("settings.%s = %v, want true", name, settings[name])
		}
	}
	if len(settings) != 9 {
		t.Errorf("settings has %d flags, want 9: %v", len(settings), settings)
	}
}

func TestCreateProjectKeepsExplicitValues(t *testing.T) {
	e := newEnv(t, Options{})
	body := minimalProject("Cats")
	body["assignments_automerge_enabled"] = true
	body["assignments_issuing_type"] = "MAP_SELECTOR"
	body["assignments_issuing_view_config"] = map[string]any{
		"title_template": "t", "description_template": "d", "map_provider": "GOOGLE",
	}
	spec := at(body, "task_spec", "output_spec", "label").(map[string]any)
	spec["required"], spec["hidden"] = false, true
	at(body, "task_spec", "view_spec").(map[string]any)["settings"] = map[string]any{"showSkip": false}

	p := e.createProject(body)
	if p["assignments_automerge_enabled"] != true || p["assignments_issuing_type"] != "MAP_SELECTOR" {
		t.Errorf("explicit values lost: %v %v", p["assignments_automerge_enabled"], p["assignments_issuing_type"])
	}
	label := at(p, "task_spec", "output_spec", "label")
	if at(label, "required") != false || at(label, "hidden") != true {
		t.Errorf("label %v", label)
	}
	if at(p, "task_spec", "view_spec", "settings", "showSkip") != false {
		t.Error("showSkip=false overwritten")
	}
	if at(p, "task_spec", "view_spec", "settings", "showTimer") != true {
		t.Error("showTimer not defaulted next to an explicit flag")
	}
}

func TestCreateProjectIDsAreIncreasingNumericStrings(t *testing.T) {
	e := newEnv(t, Options{})
	last := int64(0)
	for i := range 5 {
		id := e.createProject(minimalProject("p"))["id"].(string)
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || n <= last {
			t.Fatalf("project %d: id %q after %d", i, id, last)
		}
		last = n
	}
}

func TestCreateProjectKeepsUnknownFields(t *testing.T) {
	e := newEnv(t, Options{})
	body := minimalProject("p")
	body["brand_new_field"] = map[string]any{"nested": []any{1, "two", 3.5}}
	at(body, "task_spec", "input_spec", "image").(map[string]any)["future_option"] = "x"
	at(body, "task_spec").(map[string]any)["extra"] = 7
	p := e.createProject(body)
	if got := at(p, "brand_new_field", "nested"); !reflect.DeepEqual(got, []any{json.Number("1"), "two", json.Number("3.5")}) {
		t.Errorf("brand_new_field.nested = %v", got)
	}
	if at(p, "task_spec", "input_spec", "image", "future_option") != "x" {
		t.Error("unknown field spec option lost")
	}
	if at(p, "task_spec", "extra") != json.Number("7") {
		t.Error("unknown task_spec member lost")
	}
	got := e.do(http.MethodGet, "/api/v1/projects/"+p["id"].(string), nil).want(t, http.StatusOK).object(t)
	if !reflect.DeepEqual(got, p) {
		t.Errorf("GET differs from the create answer:\n%v\n%v", got, p)
	}
}

func TestCreateProjectIgnoresReadOnlyFields(t *testing.T) {
	e := newEnv(t, Options{})
	body := minimalProject("p")
	body["id"] = "42"
	body["status"] = "ARCHIVED"
	body["created"] = "2001-01-01T00:00:00"
	body["owner"] = map[string]any{"id": "someone-else", "myself": false}
	p := e.createProject(body)
	if p["id"] == "42" || p["status"] != "ACTIVE" || p["created"] == "2001-01-01T00:00:00" || at(p, "owner", "id") != DefaultRequesterID {
		t.Errorf("read-only fields taken from the client: %v %v %v %v", p["id"], p["status"], p["created"], p["owner"])
	}
}

func TestCreateProjectNullOptionalFieldsAreDropped(t *testing.T) {
	e := newEnv(t, Options{})
	body := minimalProject("p")
	body["private_comment"] = nil
	body["assignments_automerge_enabled"] = nil
	p := e.createProject(body)
	if _, ok := p["private_comment"]; ok {
		t.Error("null private_comment kept")
	}
	if p["assignments_automerge_enabled"] != false {
		t.Error("null assignments_automerge_enabled not defaulted")
	}
}

func TestProjectValidation(t *testing.T) {
	cases := []struct {
		name, path, code string
		edit             func(map[string]any)
	}{
		{"missing public_name", "public_name", "VALUE_REQUIRED", func(b map[string]any) { delete(b, "public_name") }},
		{"null public_name", "public_name", "VALUE_REQUIRED", func(b map[string]any) { b["public_name"] = nil }},
		{"missing public_description", "public_description", "VALUE_REQUIRED", func(b map[string]any) { delete(b, "public_description") }},
		{"number public_name", "public_name", "STRING_EXPECTED", func(b map[string]any) { b["public_name"] = 5 }},
		{"missing task_spec", "task_spec", "OBJECT_EXPECTED", func(b map[string]any) { delete(b, "task_spec") }},
		{"string task_spec", "task_spec", "OBJECT_EXPECTED", func(b map[string]any) { b["task_spec"] = "spec" }},
		{"missing input_spec", "task_spec.input_spec", "OBJECT_EXPECTED", func(b map[string]any) { delete(at(b, "task_spec").(map[string]any), "input_spec") }},
		{"field spec not object", "task_spec.output_spec.label", "OBJECT_EXPECTED", func(b map[string]any) { at(b, "task_spec", "output_spec").(map[string]any)["label"] = "string" }},
		{"field type missing", "task_spec.input_spec.image.type", "VALUE_REQUIRED", func(b map[string]any) { delete(at(b, "task_spec", "input_spec", "image").(map[string]any), "type") }},
		{"field type unknown", "task_spec.input_spec.image.type", "UNKNOWN_ENUM_VALUE", func(b map[string]any) { at(b, "task_spec", "input_spec", "image").(map[string]any)["type"] = "picture" }},
		{"file as input", "task_spec.input_spec.image.type", "UNKNOWN_ENUM_VALUE", func(b map[string]any) { at(b, "task_spec", "input_spec", "image").(map[string]any)["type"] = "file" }},
		{"required not boolean", "task_spec.output_spec.label.required", "BOOLEAN_EXPECTED", func(b map[string]any) {
			at(b, "task_spec", "output_spec", "label").(map[string]any)["required"] = "yes"
		}},
		{"max_length not integer", "task_spec.output_spec.label.max_length", "INTEGER_EXPECTED", func(b map[string]any) {
			at(b, "task_spec", "output_spec", "label").(map[string]any)["max_length"] = 2.5
		}},
		{"min_value not number", "task_spec.output_spec.label.min_value", "FLOAT_EXPECTED", func(b map[string]any) { at(b, "task_spec", "output_spec", "label").(map[string]any)["min_value"] = "1" }},
		{"allowed_values not array", "task_spec.output_spec.label.allowed_values", "ARRAY_EXPECTED", func(b map[string]any) {
			at(b, "task_spec", "output_spec", "label").(map[string]any)["allowed_values"] = "a"
		}},
		{"view type unknown", "task_spec.view_spec.type", "UNKNOWN_ENUM_VALUE", func(b map[string]any) { at(b, "task_spec", "view_spec").(map[string]any)["type"] = "fancy" }},
		{"setting not boolean", "task_spec.view_spec.settings.showTimer", "BOOLEAN_EXPECTED", func(b map[string]any) {
			at(b, "task_spec", "view_spec").(map[string]any)["settings"] = map[string]any{"showTimer": 1}
		}},
		{"issuing type unknown", "assignments_issuing_type", "UNKNOWN_ENUM_VALUE", func(b map[string]any) { b["assignments_issuing_type"] = "MANUAL" }},
		{"map selector without config", "assignments_issuing_view_config", "OBJECT_EXPECTED", func(b map[string]any) { b["assignments_issuing_type"] = "MAP_SELECTOR" }},
		{"map provider unknown", "assignments_issuing_view_config.map_provider", "UNKNOWN_ENUM_VALUE", func(b map[string]any) {
			b["assignments_issuing_view_config"] = map[string]any{"map_provider": "BING"}
		}},
		{"automerge not boolean", "assignments_automerge_enabled", "BOOLEAN_EXPECTED", func(b map[string]any) { b["assignments_automerge_enabled"] = "false" }},
		{"max active not integer", "max_active_assignments_count", "INTEGER_EXPECTED", func(b map[string]any) { b["max_active_assignments_count"] = "15" }},
		{"metadata not object", "metadata", "OBJECT_EXPECTED", func(b map[string]any) { b["metadata"] = []any{} }},
		{"quality_control.configs not array", "quality_control.configs", "ARRAY_EXPECTED", func(b map[string]any) { b["quality_control"] = map[string]any{"configs": 1} }},
		{"sensitive not boolean", "sensitive", "BOOLEAN_EXPECTED", func(b map[string]any) { b["sensitive"] = 0 }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, Options{})
			id := e.createProject(minimalProject("base"))["id"].(string)
			for _, method := range []string{http.MethodPost, http.MethodPut} {
				body := minimalProject("p")
				c.edit(body)
				path := "/api/v1/projects"
				if method == http.MethodPut {
					path += "/" + id
				}
				got := wantError(t, e.do(method, path, body), http.StatusBadRequest, "VALIDATION_ERROR")
				if code := fieldCode(got, c.path); code != c.code {
					t.Errorf("%s: payload[%s].code = %v, want %s; payload %v", method, c.path, code, c.code, got["payload"])
				}
			}
		})
	}
}

func TestProjectValidationMatchesFixture(t *testing.T) {
	e := newEnv(t, Options{})
	want := fixture(t, "error_validation_400.json")
	body := minimalProject("p")
	delete(body, "public_description")
	delete(body, "task_spec")
	got := wantError(t, e.do(http.MethodPost, "/api/v1/projects", body), http.StatusBadRequest, "VALIDATION_ERROR")
	if got["message"] != want["message"] {
		t.Errorf("message %v, want %v", got["message"], want["message"])
	}
	if !reflect.DeepEqual(got["payload"], want["payload"]) {
		t.Errorf("payload %v, want %v", got["payload"], want["payload"])
	}
}

func TestValidationReportsEveryField(t *testing.T) {
	e := newEnv(t, Options{})
	got := wantError(t, e.do(http.MethodPost, "/api/v1/projects", map[string]any{}), http.StatusBadRequest, "VALIDATION_ERROR")
	payload := got["payload"].(map[string]any)
	want := []string{"public_description", "public_name", "task_spec"}
	keys := keysOf(payload)
	slices.Sort(keys)
	if !slices.Equal(keys, want) {
		t.Errorf("payload fields %v, want %v", keys, want)
	}
}

func TestGetProject(t *testing.T) {
	e := newEnv(t, Options{})
	p := e.createProject(minimalProject("p"))
	got := e.do(http.MethodGet, "/api/v1/projects/"+p["id"].(string), nil).want(t, http.StatusOK).object(t)
	if !reflect.DeepEqual(got, p) {
		t.Errorf("GET %v, want %v", got, p)
	}
	for _, id := range []string{"999999", "abc", "30000001"} {
		wantError(t, e.do(http.MethodGet, "/api/v1/projects/"+id, nil), http.StatusNotFound, "DOES_NOT_EXIST")
	}
}

func TestPutFixtureProjectRoundTrips(t *testing.T) {
	e := newEnv(t, Options{})
	created := e.createProject(minimalProject("p"))
	id := created["id"].(string)
	body := fixture(t, "project.json")

	got := e.do(http.MethodPut, "/api/v1/projects/"+id, body).want(t, http.StatusOK).object(t)

	want := maps.Clone(body)
	want["id"], want["created"], want["owner"] = id, created["created"], created["owner"]
	// Defaults the fixture leaves out; everything else, unexpected_setting
	// included, must come back as sent.
	want["assignments_automerge_enabled"] = false
	settings := at(want, "task_spec", "view_spec", "settings").(map[string]any)
	for _, name := range []string{"showSkip", "showMessage", "showReward"} {
		settings[name] = true
	}
	if !reflect.DeepEqual(got, want) {
		gotJSON, _ := json.MarshalIndent(got, "", " ")
		wantJSON, _ := json.MarshalIndent(want, "", " ")
		t.Errorf("PUT answer\n%s\nwant\n%s", gotJSON, wantJSON)
	}
	if at(got, "task_spec", "view_spec", "settings", "unexpected_setting") != json.Number("1024") {
		t.Error("unexpected_setting lost")
	}
	again := e.do(http.MethodGet, "/api/v1/projects/"+id, nil).want(t, http.StatusOK).object(t)
	if !reflect.DeepEqual(again, got) {
		t.Error("GET after PUT differs from the PUT answer")
	}
}

func TestPutReplacesEditableFields(t *testing.T) {
	e := newEnv(t, Options{})
	body := minimalProject("p")
	body["private_comment"] = "first"
	body["max_active_assignments_count"] = 3
	id := e.createProject(body)["id"].(string)

	update := minimalProject("renamed")
	got := e.do(http.MethodPut, "/api/v1/projects/"+id, update).want(t, http.StatusOK).object(t)
	if got["public_name"] != "renamed" {
		t.Errorf("public_name %v", got["public_name"])
	}
	for _, k := range []string{"private_comment", "max_active_assignments_count"} {
		if _, ok := got[k]; ok {
			t.Errorf("%s survived a full replace", k)
		}
	}
}

func TestPutIgnoresReadOnlyFields(t *testing.T) {
	e := newEnv(t, Options{})
	created := e.createProject(minimalProject("p"))
	id := created["id"].(string)
	e.clock.Advance(time.Hour)
	body := minimalProject("p")
	body["id"] = "7"
	body["status"] = "ARCHIVED"
	body["created"] = "2030-01-01T00:00:00"
	body["owner"] = map[string]any{"id": "x"}
	got := e.do(http.MethodPut, "/api/v1/projects/"+id, body).want(t, http.StatusOK).object(t)
	for _, k := range projectReadOnly {
		if !reflect.DeepEqual(got[k], created[k]) {
			t.Errorf("%s = %v, want %v", k, got[k], created[k])
		}
	}
}

func TestPutMissingProject(t *testing.T) {
	e := newEnv(t, Options{})
	wantError(t, e.do(http.MethodPut, "/api/v1/projects/100999", minimalProject("p")), http.StatusNotFound, "DOES_NOT_EXIST")
}

func TestPutArchivedProjectConflicts(t *testing.T) {
	e := newEnv(t, Options{OperationDelay: -1})
	id := e.createProject(minimalProject("p"))["id"].(string)
	e.do(http.MethodPost, "/api/v1/projects/"+id+"/archive", nil).want(t, http.StatusAccepted)

	got := wantError(t, e.do(http.MethodPut, "/api/v1/projects/"+id, minimalProject("q")), http.StatusConflict, "INAPPROPRIATE_STATUS")
	want := fixture(t, "error_inappropriate_status_409.json")
	if got["message"] != want["message"] {
		t.Errorf("message %q, want the service's %q", got["message"], want["message"])
	}
	if !reflect.DeepEqual(at(got, "payload", "appropriate_statuses"), []any{"ACTIVE"}) {
		t.Errorf("payload %v", got["payload"])
	}
	stored, _ := e.s.Project(id)
	if !regexp.MustCompile(`"public_name":"p"`).Match(stored) {
		t.Errorf("the rejected PUT changed the project: %s", stored)
	}
}

func TestCreateDocsExampleKeepsShape(t *testing.T) {
	e := newEnv(t, Options{})
	doc := fixture(t, "project_docs_example.json")
	got := e.createProject(doc)
	for k, v := range doc {
		if _, ok := got[k]; !ok {
			t.Errorf("answer lacks %q", k)
			continue
		}
		if slices.Contains(projectReadOnly, k) {
			continue
		}
		if !reflect.DeepEqual(got[k], v) {
			t.Errorf("%s = %v, want %v as sent", k, got[k], v)
		}
	}
	if at(got, "task_spec", "input_spec", "image", "type") != "URL" {
		t.Error("type written URL not kept as written")
	}
	if !wireDate.MatchString(got["created"].(string)) {
		t.Errorf("created %v", got["created"])
	}
}

func TestDeniedProject(t *testing.T) {
	e := newEnv(t, Options{})
	id := e.createProject(minimalProject("p"))["id"].(string)
	other := e.createProject(minimalProject("q"))["id"].(string)
	if err := e.s.DenyProjectAccess(id); err != nil {
		t.Fatal(err)
	}
	wantError(t, e.do(http.MethodGet, "/api/v1/projects/"+id, nil), http.StatusForbidden, "ACCESS_DENIED")
	wantError(t, e.do(http.MethodPut, "/api/v1/projects/"+id, minimalProject("p")), http.StatusForbidden, "ACCESS_DENIED")
	wantError(t, e.do(http.MethodPost, "/api/v1/projects/"+id+"/archive", nil), http.StatusForbidden, "ACCESS_DENIED")
	page := e.do(http.MethodGet, "/api/v1/projects", nil).want(t, http.StatusOK).object(t)
	items := page["items"].([]any)
	if len(items) != 1 || at(items[0], "id") != other {
		t.Errorf("list shows %v, want only %s", items, other)
	}
	if e.s.DenyProjectAccess("100999") != ErrNotFound {
		t.Error("DenyProjectAccess of a missing project did not fail")
	}
}
