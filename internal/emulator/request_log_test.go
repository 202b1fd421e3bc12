package emulator

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"
)

func TestRequestLogRecordsAnswersAndOperations(t *testing.T) {
	e := newEnv(t, Options{OperationDelay: time.Second})
	id := e.createProject(minimalProject("p"))["id"].(string)
	e.clock.Advance(250 * time.Millisecond)
	opID := e.archive(id).want(t, http.StatusAccepted).object(t)["id"].(string)
	e.clock.Advance(2 * time.Second)
	e.operation(opID)
	e.do(http.MethodGet, "/api/v1/pools?project_id="+id, nil).want(t, http.StatusOK)
	e.do(http.MethodGet, "/api/v1/nowhere", nil).want(t, http.StatusNotFound)
	e.control(http.MethodGet, "/requests", nil).want(t, http.StatusOK)

	archiveOp := &LoggedOperation{ID: opID, Type: opProjectArchive, Status: opPending}
	want := []LoggedRequest{
		{Seq: 1, At: epoch, Method: "POST", Path: "/projects", Route: "/projects", Status: 201},
		{Seq: 2, At: epoch.Add(250 * time.Millisecond), Method: "POST", Path: "/projects/" + id + "/archive",
			Route: "/projects/{id}/archive", Status: 202, Operation: archiveOp},
		{Seq: 3, At: epoch.Add(2250 * time.Millisecond), Method: "GET", Path: "/operations/" + opID,
			Route: "/operations/{id}", Status: 200, Operation: &LoggedOperation{ID: opID, Type: opProjectArchive, Status: opSuccess}},
		{Seq: 4, At: epoch.Add(2250 * time.Millisecond), Method: "GET", Path: "/pools?project_id=" + id, Route: "/pools", Status: 200},
		{Seq: 5, At: epoch.Add(2250 * time.Millisecond), Method: "GET", Path: "/nowhere", Status: 404},
	}
	got := e.s.RequestLog()
	if len(got) != len(want) {
		t.Fatalf("logged %d requests, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if !sameLogged(got[i], want[i]) {
			t.Errorf("entry %d = %+v (operation %+v), want %+v (operation %+v)", i, got[i], got[i].Operation, want[i], want[i].Operation)
		}
	}
}

func sameLogged(a, b LoggedRequest) bool {
	sameOp := (a.Operation == nil) == (b.Operation == nil) && (a.Operation == nil || *a.Operation == *b.Operation)
	a.Operation, b.Operation = nil, nil
	return sameOp && a.At.Equal(b.At) && a.Seq == b.Seq && a.Method == b.Method && a.Path == b.Path &&
		a.Route == b.Route && a.Status == b.Status
}

func TestRequestLogLeavesOutErrorsWithoutOperation(t *testing.T) {
	e := newEnv(t, Options{})
	id := e.createProject(minimalProject("p"))["id"].(string)
	e.s.AddPool(id, poolOpen)
	wantError(t, e.archive(id), http.StatusConflict, "UNARCHIVED_POOLS_CONFLICT")
	log := e.s.RequestLog()
	if last := log[len(log)-1]; last.Status != http.StatusConflict || last.Operation != nil {
		t.Errorf("the refused archive is logged as %+v, operation %+v", last, last.Operation)
	}
}

func TestRequestLogControl(t *testing.T) {
	e := newEnv(t, Options{})
	e.createProject(minimalProject("p"))
	e.do(http.MethodGet, "/api/v1/projects", nil).want(t, http.StatusOK)

	var body struct {
		Requests []LoggedRequest `json:"requests"`
	}
	raw := e.control(http.MethodGet, "/request-log", nil).want(t, http.StatusOK).raw
	if err := json.Unmarshal(raw, &body); err != nil {
		t.Fatal(err)
	}
	paths := []string{}
	for _, r := range body.Requests {
		paths = append(paths, r.Method+" "+r.Path)
	}
	if want := []string{"POST /projects", "GET /projects"}; !slices.Equal(paths, want) {
		t.Errorf("GET /_emulator/request-log lists %v, want %v", paths, want)
	}

	e.control(http.MethodDelete, "/request-log", nil).want(t, http.StatusNoContent)
	if raw := e.control(http.MethodGet, "/request-log", nil).want(t, http.StatusOK).raw; string(raw) != "{\"requests\":[]}\n" {
		t.Errorf("after DELETE the log is %s", raw)
	}
	e.do(http.MethodGet, "/api/v1/projects", nil).want(t, http.StatusOK)
	if log := e.s.RequestLog(); len(log) != 1 || log[0].Seq != 3 {
		t.Errorf("after clearing, the log is %+v, want one entry numbered 3", log)
	}
	wantError(t, e.control(http.MethodPost, "/request-log", nil), http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED")
}

func TestRequestLogKeepsTheLatest(t *testing.T) {
	e := newEnv(t, Options{})
	extra := 7
	for range requestLogLimit + extra {
		e.do(http.MethodGet, "/api/v1/nowhere", nil)
	}
	log := e.s.RequestLog()
	if len(log) != requestLogLimit {
		t.Fatalf("the log holds %d requests, want %d", len(log), requestLogLimit)
	}
	for i, r := range log {
		if r.Seq != extra+i+1 {
			t.Fatalf("entry %d is request %d, want %d: the oldest go first", i, r.Seq, extra+i+1)
		}
	}
}
