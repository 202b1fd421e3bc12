package emulator

import (
	"encoding/json"
	"net/http"
	"reflect"
	"testing"
)

// checkPath is the project check of a project.
func checkPath(id string) string { return "/api/staging/projects/" + id + "/check" }

// editedProject is the stored project with edit applied to a copy of it.
func editedProject(t *testing.T, stored map[string]any, edit func(p map[string]any)) map[string]any {
	t.Helper()
	raw, err := json.Marshal(stored)
	if err != nil {
		t.Fatal(err)
	}
	copied := response{raw: raw}.object(t)
	edit(copied)
	return copied
}

// fieldOf is a field spec of one side of a project's task spec.
func fieldOf(p map[string]any, side, name string) map[string]any {
	return at(p, "task_spec", side, name).(map[string]any)
}

// inputsOf is the input spec of a project.
func inputsOf(p map[string]any) map[string]any {
	return at(p, "task_spec", "input_spec").(map[string]any)
}

func TestProjectCheckVerdicts(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	body := specProject("Check me")
	inputsOf(body)["note"] = map[string]any{"type": "string", "required": false}
	stored := e.createProject(body)
	id := stored["id"].(string)
	cases := []struct {
		name string
		edit func(p map[string]any)
		want string
	}{
		{"the project as stored", func(map[string]any) {}, differenceEqual},
		{"the project with what the service fills in left out", func(p map[string]any) {
			delete(p, "assignments_automerge_enabled")
			delete(fieldOf(p, "input_spec", "image"), "hidden")
		}, differenceEqual},
		{"a new name", func(p map[string]any) { p["public_name"] = "Renamed" }, differenceNonBreaking},
		{"new instructions", func(p map[string]any) { p["public_instructions"] = "<p>Look closer</p>" }, differenceNonBreaking},
		{"a new view", func(p map[string]any) {
			at(p, "task_spec", "view_spec").(map[string]any)["markup"] = "<p>{{img src=image width=100}}</p>"
		}, differenceNonBreaking},
		{"an optional input added", func(p map[string]any) {
			inputsOf(p)["comment"] = map[string]any{"type": "string", "required": false}
		}, differenceNonBreaking},
		{"an optional input removed", func(p map[string]any) { delete(inputsOf(p), "note") }, differenceNonBreaking},
		{"an optional input bounded", func(p map[string]any) {
			fieldOf(p, "input_spec", "note")["max_length"] = 100
		}, differenceNonBreaking},
		{"an optional input hidden", func(p map[string]any) {
			fieldOf(p, "input_spec", "note")["hidden"] = true
		}, differenceNonBreaking},
		{"a type written in capitals", func(p map[string]any) {
			fieldOf(p, "input_spec", "image")["type"] = "URL"
		}, differenceNonBreaking},
		{"a required input added", func(p map[string]any) {
			inputsOf(p)["caption"] = map[string]any{"type": "string"}
		}, differenceBreaking},
		{"a required input removed", func(p map[string]any) { delete(inputsOf(p), "image") }, differenceBreaking},
		{"a required output changed", func(p map[string]any) {
			fieldOf(p, "output_spec", "label")["allowed_values"] = []any{"cat", "dog"}
		}, differenceBreaking},
		{"a required output made optional", func(p map[string]any) {
			fieldOf(p, "output_spec", "label")["required"] = false
		}, differenceBreaking},
		{"an optional input made required", func(p map[string]any) {
			fieldOf(p, "input_spec", "note")["required"] = true
		}, differenceBreaking},
		{"an optional input of a new type", func(p map[string]any) {
			fieldOf(p, "input_spec", "note")["type"] = "json"
		}, differenceBreaking},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e.s.ResetRequests()
			got := e.do(http.MethodPost, checkPath(id), editedProject(t, stored, tc.edit)).want(t, http.StatusOK).object(t)
			if !reflect.DeepEqual(got, map[string]any{"differenceLevel": tc.want}) {
				t.Errorf("answer %v, want differenceLevel %s", got, tc.want)
			}
			if n := e.s.Requests()["POST /staging/projects/{id}/check"]; n != 1 {
				t.Errorf("%d checks counted, want 1: %v", n, e.s.Requests())
			}
		})
	}
	// Nothing was stored: the project is as created.
	now := e.do(http.MethodGet, "/api/v1/projects/"+id, nil).want(t, http.StatusOK).object(t)
	if !reflect.DeepEqual(now, stored) {
		t.Errorf("the checks changed the project:\nbefore %v\nafter  %v", stored, now)
	}
}

func TestProjectCheckRefusals(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	stored := e.createProject(specProject("Check me"))
	id := stored["id"].(string)

	wantError(t, e.do(http.MethodPost, checkPath("999999"), stored), http.StatusNotFound, codeDoesNotExist)
	invalid := editedProject(t, stored, func(p map[string]any) { delete(p, "public_name") })
	body := wantError(t, e.do(http.MethodPost, checkPath(id), invalid), http.StatusBadRequest, codeValidation)
	if fieldCode(body, "public_name") == nil {
		t.Errorf("the validation error does not name public_name: %v", body)
	}
	e.s.mu.Lock()
	e.s.projects[mustID(t, id)].status = projectArchived
	e.s.mu.Unlock()
	wantError(t, e.do(http.MethodPost, checkPath(id), stored), http.StatusConflict, codeInappropriateStatus)
}

func mustID(t *testing.T, id string) int64 {
	t.Helper()
	n, ok := parseID(id)
	if !ok {
		t.Fatalf("id %q is not numeric", id)
	}
	return n
}

func TestFailProjectChecks(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	stored := e.createProject(specProject("Check me"))
	path := checkPath(stored["id"].(string))
	for status, code := range map[int]string{
		http.StatusForbidden:           codeAccessDenied,
		http.StatusNotFound:            codeDoesNotExist,
		http.StatusInternalServerError: "INTERNAL_ERROR",
		http.StatusServiceUnavailable:  "REMOTE_SERVICE_UNAVAILABLE",
	} {
		if err := e.s.FailProjectChecks(status); err != nil {
			t.Fatal(err)
		}
		wantError(t, e.do(http.MethodPost, path, stored), status, code)
	}
	if err := e.s.FailProjectChecks(http.StatusTeapot); err == nil {
		t.Error("FailProjectChecks(418) succeeded")
	}
	if err := e.s.FailProjectChecks(0); err != nil {
		t.Fatal(err)
	}
	e.do(http.MethodPost, path, stored).want(t, http.StatusOK)
}

func TestFailProjectChecksControl(t *testing.T) {
	e := newEnv(t, Options{})
	stored := e.createProject(minimalProject("Check me"))
	path := checkPath(stored["id"].(string))
	e.do(http.MethodPut, "/_emulator/project-check", `{"status": 503}`).want(t, http.StatusNoContent)
	wantError(t, e.do(http.MethodPost, path, stored), http.StatusServiceUnavailable, "REMOTE_SERVICE_UNAVAILABLE")
	wantError(t, e.do(http.MethodPut, "/_emulator/project-check", `{"status": 302}`), http.StatusBadRequest, codeValidation)
	e.do(http.MethodPut, "/_emulator/project-check", `{"status": 0}`).want(t, http.StatusNoContent)
	e.do(http.MethodPost, path, stored).want(t, http.StatusOK)
}
