package emulator

import (
	"net/http"
	"reflect"
	"regexp"
	"testing"
	"time"
)

var operationID = regexp.MustCompile(`^[0-9a-f]{24}$`)

func (e *testEnv) archive(id string) response {
	e.t.Helper()
	return e.do(http.MethodPost, "/api/v1/projects/"+id+"/archive", nil)
}

func (e *testEnv) projectStatus(id string) any {
	e.t.Helper()
	return e.do(http.MethodGet, "/api/v1/projects/"+id, nil).want(e.t, http.StatusOK).object(e.t)["status"]
}

func TestArchiveSubmitsOperation(t *testing.T) {
	e := newEnv(t, Options{})
	id := e.createProject(minimalProject("p"))["id"].(string)
	e.clock.Advance(time.Second)
	op := e.archive(id).want(t, http.StatusAccepted).object(t)
	want := map[string]any{
		"id":         op["id"],
		"type":       "PROJECT.ARCHIVE",
		"status":     "PENDING",
		"submitted":  "2024-03-10T12:00:01.123",
		"parameters": map[string]any{"project_id": id},
	}
	if !reflect.DeepEqual(op, want) {
		t.Errorf("operation %v, want %v", op, want)
	}
	if !operationID.MatchString(op["id"].(string)) {
		t.Errorf("operation id %v is not 24 hex digits", op["id"])
	}
	if e.projectStatus(id) != "ACTIVE" {
		t.Error("project archived before its operation succeeded")
	}
}

func TestArchiveMissingProject(t *testing.T) {
	e := newEnv(t, Options{})
	wantError(t, e.archive("100999"), http.StatusNotFound, "DOES_NOT_EXIST")
	wantError(t, e.archive("nope"), http.StatusNotFound, "DOES_NOT_EXIST")
}

func TestArchiveWithUnarchivedPools(t *testing.T) {
	e := newEnv(t, Options{})
	id := e.createProject(minimalProject("p"))["id"].(string)
	other := e.createProject(minimalProject("q"))["id"].(string)
	open := e.s.AddPool(id, "OPEN")
	e.s.AddPool(id, "ARCHIVED")
	closed := e.s.AddPool(id, "CLOSED")
	e.s.AddPool(other, "OPEN")

	got := wantError(t, e.archive(id), http.StatusConflict, "UNARCHIVED_POOLS_CONFLICT")
	if ids := at(got, "payload", "pool_ids"); !reflect.DeepEqual(ids, []any{open, closed}) {
		t.Errorf("pool_ids %v, want [%s %s]", ids, open, closed)
	}

	for _, pl := range []string{open, closed} {
		if err := e.s.SetPoolStatus(pl, "ARCHIVED"); err != nil {
			t.Fatal(err)
		}
	}
	e.archive(id).want(t, http.StatusAccepted)
}

func TestArchiveWhileOperationInProgress(t *testing.T) {
	e := newEnv(t, Options{OperationDelay: 10 * time.Second})
	id := e.createProject(minimalProject("p"))["id"].(string)
	op := e.archive(id).want(t, http.StatusAccepted).object(t)

	for _, step := range []time.Duration{0, 5 * time.Second} { // PENDING, then RUNNING
		e.clock.Advance(step)
		got := wantError(t, e.archive(id), http.StatusConflict, "OPERATION_ALREADY_EXISTS")
		if at(got, "payload", "operation_id") != op["id"] {
			t.Errorf("payload %v, want the operation %v", got["payload"], op["id"])
		}
	}
	e.clock.Advance(5 * time.Second)
	r := e.archive(id).want(t, http.StatusNoContent)
	if len(r.raw) != 0 || r.header.Get("Content-Type") != "" {
		t.Errorf("204 with a body %q or Content-Type %q", r.raw, r.header.Get("Content-Type"))
	}
}

func TestArchiveTwice(t *testing.T) {
	e := newEnv(t, Options{})
	id := e.createProject(minimalProject("p"))["id"].(string)
	e.archive(id).want(t, http.StatusAccepted)
	e.clock.Advance(time.Second)
	if e.projectStatus(id) != "ARCHIVED" {
		t.Fatal("project not archived after the delay")
	}
	for range 2 {
		if r := e.archive(id).want(t, http.StatusNoContent); len(r.raw) != 0 {
			t.Errorf("204 body %q", r.raw)
		}
	}
	ops := e.do(http.MethodGet, "/api/v1/operations", nil).want(t, http.StatusOK).object(t)["items"].([]any)
	if len(ops) != 1 {
		t.Errorf("%d operations, want 1: a 204 starts none", len(ops))
	}
}

func TestArchiveAfterFailureCanBeRetried(t *testing.T) {
	e := newEnv(t, Options{})
	id := e.createProject(minimalProject("p"))["id"].(string)
	e.s.FailOperations(id, nil)
	e.archive(id).want(t, http.StatusAccepted)
	e.clock.Advance(time.Second)
	if e.projectStatus(id) != "ACTIVE" {
		t.Fatal("failed archive changed the project")
	}
	e.archive(id).want(t, http.StatusAccepted)
	e.clock.Advance(time.Second)
	if e.projectStatus(id) != "ARCHIVED" {
		t.Error("the failure fired twice")
	}
}

func TestArchiveOfVanishedProjectStillSucceeds(t *testing.T) {
	e := newEnv(t, Options{})
	id := e.createProject(minimalProject("p"))["id"].(string)
	op := e.archive(id).want(t, http.StatusAccepted).object(t)
	if err := e.s.DeleteProject(id); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(time.Second)
	got := e.do(http.MethodGet, "/api/v1/operations/"+op["id"].(string), nil).want(t, http.StatusOK).object(t)
	if got["status"] != "SUCCESS" {
		t.Errorf("status %v", got["status"])
	}
	wantError(t, e.do(http.MethodGet, "/api/v1/projects/"+id, nil), http.StatusNotFound, "DOES_NOT_EXIST")
}
