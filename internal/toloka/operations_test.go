package toloka

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
)

func TestGetOperation(t *testing.T) {
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/v1/operations/57068577e4b0bf7b07a0256f" {
			t.Errorf("path %s", r.URL.Path)
		}
		writeBody(w, 200, readFixture(t, "operation_pool_archive_success.json"))
	}))
	op, err := client.GetOperation(context.Background(), "57068577e4b0bf7b07a0256f")
	if err != nil {
		t.Fatal(err)
	}
	if !op.Terminal() || op.Status != OperationSuccess || *op.Progress != 100 || op.Finished.APIString() != "2022-04-07T16:06:15.902" {
		t.Errorf("operation = %+v", op)
	}
}

func TestFindActiveOperation(t *testing.T) {
	active := map[string]Page[Operation]{
		OperationPending: {Items: []Operation{
			{ID: "p1", Type: "POOL.CLOSE", Status: OperationPending, Parameters: map[string]json.RawMessage{"pool_id": json.RawMessage(`"70"`)}},
		}},
		OperationRunning: {Items: []Operation{
			{ID: "r1", Type: "POOL.CLOSE", Status: OperationRunning, Parameters: map[string]json.RawMessage{"pool_id": json.RawMessage(`"71"`)}},
			{ID: "r2", Type: "POOL.CLOSE", Status: OperationRunning, Parameters: map[string]json.RawMessage{"pool_id": json.RawMessage(`72`)}},
			{ID: "r3", Type: "POOL.CLOSE", Status: OperationRunning},
		}},
	}
	var statuses []string
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if r.URL.Path != "/api/v1/operations" || q.Get("type") != "POOL.CLOSE" || q.Get("sort") != "-submitted" || q.Get("limit") != "50" {
			t.Errorf("request %s?%s", r.URL.Path, r.URL.RawQuery)
		}
		statuses = append(statuses, q.Get("status"))
		writeJSON(t, w, active[q.Get("status")])
	}))
	ctx := context.Background()
	for _, tc := range []struct{ poolID, wantID string }{{"70", "p1"}, {"71", "r1"}, {"72", "r2"}, {"73", ""}} {
		statuses = nil
		op, err := client.FindActiveOperation(ctx, "POOL.CLOSE", "pool_id", tc.poolID)
		if err != nil {
			t.Fatal(err)
		}
		gotID := ""
		if op != nil {
			gotID = op.ID
		}
		if gotID != tc.wantID {
			t.Errorf("pool %s: found %q, want %q", tc.poolID, gotID, tc.wantID)
		}
		if statuses[0] != OperationPending || (tc.wantID != "p1" && len(statuses) != 2) {
			t.Errorf("pool %s: statuses queried %v", tc.poolID, statuses)
		}
	}
}

func TestFindActiveOperationReturnsErrors(t *testing.T) {
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeBody(w, 401, []byte(`{"code":"AUTHENTICATION_ERROR","message":"no"}`))
	}))
	op, err := client.FindActiveOperation(context.Background(), "PROJECT.ARCHIVE", "project_id", "1")
	if op != nil || !HasCode(err, "AUTHENTICATION_ERROR") {
		t.Errorf("FindActiveOperation = %v, %v", op, err)
	}
}
