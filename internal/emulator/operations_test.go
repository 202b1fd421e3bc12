package emulator

import (
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"testing"
	"time"
)

func (e *testEnv) operation(id string) map[string]any {
	e.t.Helper()
	return e.do(http.MethodGet, "/api/v1/operations/"+id, nil).want(e.t, http.StatusOK).object(e.t)
}

func progressOf(t *testing.T, op map[string]any) int64 {
	t.Helper()
	n, err := op["progress"].(json.Number).Int64()
	if err != nil {
		t.Fatalf("progress %v", op["progress"])
	}
	return n
}

func TestOperationProgressesByClock(t *testing.T) {
	e := newEnv(t, Options{OperationDelay: 10 * time.Second})
	id := e.createProject(minimalProject("p"))["id"].(string)
	opID := e.archive(id).want(t, http.StatusAccepted).object(t)["id"].(string)

	e.clock.Advance(time.Second)
	op := e.operation(opID)
	if op["status"] != "PENDING" || op["started"] != nil || op["progress"] != nil || op["finished"] != nil {
		t.Errorf("at 1 s: %v, want PENDING without started, progress, finished", op)
	}

	e.clock.Advance(2 * time.Second)
	op = e.operation(opID)
	if op["status"] != "RUNNING" || op["started"] != "2024-03-10T12:00:02.123" || op["finished"] != nil {
		t.Errorf("at 3 s: %v, want RUNNING since 2 s", op)
	}
	early := progressOf(t, op)

	e.clock.Advance(4 * time.Second)
	op = e.operation(opID)
	late := progressOf(t, op)
	if op["status"] != "RUNNING" || (early <= 0 || early >= late || late >= 100) {
		t.Errorf("progress %d then %d (%v), want growing within 1..99", early, late, op["status"])
	}
	if e.projectStatus(id) != "ACTIVE" {
		t.Error("project archived while the operation runs")
	}

	e.clock.Advance(3 * time.Second)
	op = e.operation(opID)
	if op["status"] != "SUCCESS" || op["finished"] != "2024-03-10T12:00:10.123" || progressOf(t, op) != 100 {
		t.Errorf("at 10 s: %v, want SUCCESS finished at 10 s with progress 100", op)
	}
	if !reflect.DeepEqual(op["details"], map[string]any{}) {
		t.Errorf("details %v, want {}", op["details"])
	}
	if e.projectStatus(id) != "ARCHIVED" {
		t.Error("project not archived at SUCCESS")
	}
}

func TestOperationMatchesFixtureShape(t *testing.T) {
	e := newEnv(t, Options{})
	want := fixture(t, "operation_project_archive_success.json")
	id := e.createProject(minimalProject("p"))["id"].(string)
	opID := e.archive(id).want(t, http.StatusAccepted).object(t)["id"].(string)
	e.clock.Advance(time.Hour)
	got := e.operation(opID)
	gotKeys, wantKeys := keysOf(got), keysOf(want)
	slices.Sort(gotKeys)
	slices.Sort(wantKeys)
	if !slices.Equal(gotKeys, wantKeys) {
		t.Errorf("members %v, want the fixture's %v", gotKeys, wantKeys)
	}
	for _, k := range []string{"submitted", "started", "finished"} {
		if !wireDate.MatchString(got[k].(string)) {
			t.Errorf("%s = %v", k, got[k])
		}
	}
	if got["type"] != want["type"] || got["status"] != want["status"] || !reflect.DeepEqual(got["details"], want["details"]) {
		t.Errorf("got %v, want like %v", got, want)
	}
}

func TestFailOperations(t *testing.T) {
	e := newEnv(t, Options{})
	id := e.createProject(minimalProject("p"))["id"].(string)
	details := map[string]any{"reason": "storage unavailable", "attempts": 3}
	e.s.FailOperations(id, details)
	details["reason"] = "changed afterwards"

	opID := e.archive(id).want(t, http.StatusAccepted).object(t)["id"].(string)
	e.clock.Advance(2 * time.Second)
	op := e.operation(opID)
	if op["status"] != "FAIL" || op["finished"] == nil {
		t.Errorf("operation %v, want FAIL with finished", op)
	}
	want := map[string]any{"reason": "storage unavailable", "attempts": json.Number("3")}
	if !reflect.DeepEqual(op["details"], want) {
		t.Errorf("details %v, want %v", op["details"], want)
	}
	if e.projectStatus(id) != "ACTIVE" {
		t.Error("project archived by a failed operation")
	}
}

func TestFailOperationsOnlyAffectsItsProject(t *testing.T) {
	e := newEnv(t, Options{})
	failing := e.createProject(minimalProject("p"))["id"].(string)
	fine := e.createProject(minimalProject("q"))["id"].(string)
	e.s.FailOperations(failing, map[string]any{})
	opID := e.archive(fine).want(t, http.StatusAccepted).object(t)["id"].(string)
	e.clock.Advance(time.Second)
	if st := e.operation(opID)["status"]; st != "SUCCESS" {
		t.Errorf("other project's operation %v", st)
	}
}

func TestSetOperationDelay(t *testing.T) {
	e := newEnv(t, Options{OperationDelay: time.Hour})
	slow := e.createProject(minimalProject("slow"))["id"].(string)
	slowOp := e.archive(slow).want(t, http.StatusAccepted).object(t)["id"].(string)

	e.s.SetOperationDelay(0)
	fast := e.createProject(minimalProject("fast"))["id"].(string)
	e.archive(fast).want(t, http.StatusAccepted)
	if e.projectStatus(fast) != "ARCHIVED" {
		t.Error("zero delay did not archive at once")
	}
	if e.operation(slowOp)["status"] != "PENDING" {
		t.Error("SetOperationDelay changed an operation already submitted")
	}
}

func TestDefaultOperationDelay(t *testing.T) {
	e := newEnv(t, Options{})
	id := e.createProject(minimalProject("p"))["id"].(string)
	opID := e.archive(id).want(t, http.StatusAccepted).object(t)["id"].(string)
	e.clock.Advance(DefaultOperationDelay - time.Millisecond)
	if st := e.operation(opID)["status"]; st != "RUNNING" {
		t.Errorf("just before the default delay: %v", st)
	}
	e.clock.Advance(time.Millisecond)
	if st := e.operation(opID)["status"]; st != "SUCCESS" {
		t.Errorf("at the default delay: %v", st)
	}
}

func TestGetMissingOperation(t *testing.T) {
	e := newEnv(t, Options{})
	wantError(t, e.do(http.MethodGet, "/api/v1/operations/0123456789abcdef01234567", nil), http.StatusNotFound, "DOES_NOT_EXIST")
}

func TestListOperations(t *testing.T) {
	e := newEnv(t, Options{OperationDelay: 10 * time.Second})
	var projects, ops []string
	for range 3 {
		projects = append(projects, e.createProject(minimalProject("p"))["id"].(string))
	}
	e.s.FailOperations(projects[1], nil)
	for _, p := range projects {
		ops = append(ops, e.archive(p).want(t, http.StatusAccepted).object(t)["id"].(string))
		e.clock.Advance(5 * time.Second)
	}
	// Now: ops[0] finished (SUCCESS), ops[1] finished (FAIL), ops[2] RUNNING.
	if !slices.IsSorted(ops) {
		t.Errorf("operation ids %v do not increase", ops)
	}
	cases := map[string][]string{
		"":                                      ops,
		"type=PROJECT.ARCHIVE":                  ops,
		"type=POOL.ARCHIVE":                     nil,
		"status=SUCCESS":                        ops[:1],
		"status=FAIL":                           ops[1:2],
		"status=RUNNING":                        ops[2:],
		"id_gt=" + ops[0]:                       ops[1:],
		"id_lte=" + ops[1]:                      ops[:2],
		"submitted_gte=2024-03-10T12:00:05.123": ops[1:],
		"submitted_lt=2024-03-10T12:00:05":      ops[:1],
		"finished_gte=2024-03-10":               ops[:2],
		"finished_gt=2024-03-10T12:00:10.123":   ops[1:2],
		"sort=-submitted":                       {ops[2], ops[1], ops[0]},
		"sort=-id&limit=2":                      {ops[2], ops[1]},
		"sort=finished":                         {ops[2], ops[0], ops[1]},
	}
	for query, want := range cases {
		t.Run(query, func(t *testing.T) {
			got, _ := e.listIDs("/api/v1/operations?" + query)
			if !slices.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

func TestListOperationsBadParameters(t *testing.T) {
	e := newEnv(t, Options{})
	for query, field := range map[string]string{
		"limit=501":         "limit",
		"type=PROJECT.OPEN": "type",
		"status=DONE":       "status",
		"sort=created":      "sort",
		"submitted_gt=now":  "submitted_gt",
	} {
		t.Run(query, func(t *testing.T) {
			got := wantError(t, e.do(http.MethodGet, "/api/v1/operations?"+query, nil), http.StatusBadRequest, "VALIDATION_ERROR")
			if fieldCode(got, field) == nil {
				t.Errorf("payload %v does not name %s", got["payload"], field)
			}
		})
	}
	e.do(http.MethodGet, "/api/v1/operations?limit=500", nil).want(t, http.StatusOK)
}
