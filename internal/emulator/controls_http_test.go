package emulator

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

// control calls an HTTP control without credentials.
func (e *testEnv) control(method, path string, body any) response {
	e.t.Helper()
	return e.do(method, "/_emulator"+path, body, withAuth(""))
}

func TestControlPools(t *testing.T) {
	e := newEnv(t, Options{})
	project := e.createProject(minimalProject("p"))["id"].(string)
	r := e.control(http.MethodPost, "/pools", map[string]any{"project_id": project, "status": "OPEN"}).want(t, http.StatusCreated)
	id, _ := r.object(t)["id"].(string)
	if id == "" {
		t.Fatalf("no id in %s", r.raw)
	}
	wantError(t, e.archive(project), http.StatusConflict, "UNARCHIVED_POOLS_CONFLICT")

	e.control(http.MethodPut, "/pools/"+id+"/status", map[string]any{"status": "ARCHIVED"}).want(t, http.StatusNoContent)
	e.archive(project).want(t, http.StatusAccepted)

	wantError(t, e.control(http.MethodPut, "/pools/30009999/status", map[string]any{"status": "OPEN"}), http.StatusNotFound, "DOES_NOT_EXIST")
	wantError(t, e.control(http.MethodPut, "/pools/"+id+"/status", map[string]any{"status": "GONE"}), http.StatusBadRequest, "VALIDATION_ERROR")
	wantError(t, e.control(http.MethodPost, "/pools", map[string]any{"project_id": project, "status": "open"}), http.StatusBadRequest, "VALIDATION_ERROR")
	wantError(t, e.control(http.MethodPost, "/pools", map[string]any{"project": project, "status": "OPEN"}), http.StatusBadRequest, "VALIDATION_ERROR")
}

func TestControlProjects(t *testing.T) {
	e := newEnv(t, Options{})
	body := minimalProject("p")
	body["unexpected"] = true
	created := e.createProject(body)
	id := created["id"].(string)

	stored := e.control(http.MethodGet, "/projects/"+id, nil).want(t, http.StatusOK).object(t)
	if stored["unexpected"] != true || stored["id"] != id {
		t.Errorf("stored project %v", stored)
	}
	raw, ok := e.s.Project(id)
	var viaGo map[string]any
	if !ok || json.Unmarshal(raw, &viaGo) != nil || viaGo["public_name"] != "p" {
		t.Errorf("Project(%s) = %s, %v", id, raw, ok)
	}

	e.control(http.MethodPost, "/projects/"+id+"/deny-access", nil).want(t, http.StatusNoContent)
	wantError(t, e.do(http.MethodGet, "/api/v1/projects/"+id, nil), http.StatusForbidden, "ACCESS_DENIED")

	e.control(http.MethodDelete, "/projects/"+id, nil).want(t, http.StatusNoContent)
	wantError(t, e.do(http.MethodGet, "/api/v1/projects/"+id, nil), http.StatusNotFound, "DOES_NOT_EXIST")
	wantError(t, e.control(http.MethodGet, "/projects/"+id, nil), http.StatusNotFound, "DOES_NOT_EXIST")
	wantError(t, e.control(http.MethodDelete, "/projects/"+id, nil), http.StatusNotFound, "DOES_NOT_EXIST")
	wantError(t, e.control(http.MethodPost, "/projects/"+id+"/deny-access", nil), http.StatusNotFound, "DOES_NOT_EXIST")
	if _, ok := e.s.Project(id); ok {
		t.Error("Project() finds a deleted project")
	}
}

func TestControlFailOperations(t *testing.T) {
	e := newEnv(t, Options{})
	id := e.createProject(minimalProject("p"))["id"].(string)
	e.control(http.MethodPost, "/projects/"+id+"/fail-operations", map[string]any{"details": map[string]any{"why": "test"}}).
		want(t, http.StatusNoContent)
	opID := e.archive(id).want(t, http.StatusAccepted).object(t)["id"].(string)
	e.clock.Advance(time.Second)
	op := e.operation(opID)
	if op["status"] != "FAIL" || at(op, "details", "why") != "test" {
		t.Errorf("operation %v", op)
	}
	e.control(http.MethodPost, "/projects/"+id+"/fail-operations", nil).want(t, http.StatusNoContent)
	opID = e.archive(id).want(t, http.StatusAccepted).object(t)["id"].(string)
	e.clock.Advance(time.Second)
	if op := e.operation(opID); op["status"] != "FAIL" || len(op["details"].(map[string]any)) != 0 {
		t.Errorf("without details: %v", op)
	}
}

func TestControlOperationDelay(t *testing.T) {
	e := newEnv(t, Options{})
	e.control(http.MethodPut, "/operation-delay", map[string]any{"delay": "1m"}).want(t, http.StatusNoContent)
	id := e.createProject(minimalProject("p"))["id"].(string)
	opID := e.archive(id).want(t, http.StatusAccepted).object(t)["id"].(string)
	e.clock.Advance(59 * time.Second)
	if st := e.operation(opID)["status"]; st != "RUNNING" {
		t.Errorf("after 59 s of 1 m: %v", st)
	}
	wantError(t, e.control(http.MethodPut, "/operation-delay", map[string]any{"delay": "soon"}), http.StatusBadRequest, "VALIDATION_ERROR")
}

func TestControlTooManyRequests(t *testing.T) {
	e := newEnv(t, Options{})
	e.control(http.MethodPost, "/too-many-requests", map[string]any{"count": 1, "retry_after": "3s"}).want(t, http.StatusNoContent)
	r := e.do(http.MethodGet, "/api/v1/projects", nil)
	wantError(t, r, http.StatusTooManyRequests, "TOO_MANY_REQUESTS")
	if r.header.Get("Retry-After") != "3" {
		t.Errorf("Retry-After %q", r.header.Get("Retry-After"))
	}
	e.do(http.MethodGet, "/api/v1/projects", nil).want(t, http.StatusOK)
}

func TestControlRequests(t *testing.T) {
	e := newEnv(t, Options{})
	e.do(http.MethodGet, "/api/v1/projects", nil)
	e.do(http.MethodGet, "/api/v1/projects", nil)
	got := e.control(http.MethodGet, "/requests", nil).want(t, http.StatusOK).object(t)
	if got["GET /projects"] != json.Number("2") || len(got) != 1 {
		t.Errorf("requests %v", got)
	}
	e.control(http.MethodDelete, "/requests", nil).want(t, http.StatusNoContent)
	if got := e.control(http.MethodGet, "/requests", nil).object(t); len(got) != 0 {
		t.Errorf("after reset %v", got)
	}
}

func TestControlErrors(t *testing.T) {
	e := newEnv(t, Options{})
	wantError(t, e.control(http.MethodGet, "/nope", nil), http.StatusNotFound, "DOES_NOT_EXIST")
	r := e.control(http.MethodGet, "/pools", nil)
	wantError(t, r, http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED")
	if r.header.Get("Allow") != "POST" {
		t.Errorf("Allow %q", r.header.Get("Allow"))
	}
	wantError(t, e.control(http.MethodPost, "/too-many-requests", "{"), http.StatusBadRequest, "VALIDATION_ERROR")
}
