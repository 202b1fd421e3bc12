package emulator

import (
	"encoding/json"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/openapitest"
)

// newCheckedEnv is newEnv whose API requests and answers are checked against
// Toloka's OpenAPI description (controls must then go through the Go methods).
func newCheckedEnv(t *testing.T, opts Options) *testEnv {
	t.Helper()
	e := newEnv(t, opts)
	e.handler = openapitest.MustLoad(t).Middleware(e.s, openapitest.Check(t))
	return e
}

// specProject is minimalProject with the members the OpenAPI form requires
// although the service fills them in.
func specProject(name string) map[string]any {
	p := minimalProject(name)
	p["assignments_issuing_type"] = "AUTOMATED"
	p["task_spec"].(map[string]any)["view_spec"].(map[string]any)["settings"] = map[string]any{}
	return p
}

// minimalPool is a valid pool body with only the required fields.
func minimalPool(projectID string) map[string]any {
	return map[string]any{
		"project_id":                      projectID,
		"private_name":                    "Pool of " + projectID,
		"reward_per_assignment":           0.05,
		"assignment_max_duration_seconds": 600,
		"will_expire":                     "2030-01-02T03:04:05",
		"defaults":                        map[string]any{"default_overlap_for_new_task_suites": 3},
	}
}

func (e *testEnv) createPool(body map[string]any) map[string]any {
	e.t.Helper()
	return e.do(http.MethodPost, "/api/v1/pools", body).want(e.t, http.StatusCreated).object(e.t)
}

func (e *testEnv) getPool(id string) map[string]any {
	e.t.Helper()
	return e.do(http.MethodGet, "/api/v1/pools/"+id, nil).want(e.t, http.StatusOK).object(e.t)
}

func (e *testEnv) poolAction(id, action string) response {
	e.t.Helper()
	return e.do(http.MethodPost, "/api/v1/pools/"+id+"/"+action, nil)
}

// newProjectAndPool creates a project and a pool of it; the pool has tasks.
func (e *testEnv) newProjectAndPool() (projectID, poolID string) {
	e.t.Helper()
	projectID = e.createProject(specProject("p"))["id"].(string)
	poolID = e.createPool(minimalPool(projectID))["id"].(string)
	if err := e.s.SetPoolHasTasks(poolID, true); err != nil {
		e.t.Fatal(err)
	}
	return projectID, poolID
}

// runAction submits an action, checks the operation it answers and lets it
// finish (the default delay is one second).
func (e *testEnv) runAction(poolID, action, wantType string) {
	e.t.Helper()
	op := e.poolAction(poolID, action).want(e.t, http.StatusAccepted).object(e.t)
	if op["type"] != wantType || op["status"] != "PENDING" || at(op, "parameters", "pool_id") != poolID {
		e.t.Errorf("%s operation %v", action, op)
	}
	e.clock.Advance(DefaultOperationDelay)
	done := e.do(http.MethodGet, "/api/v1/operations/"+op["id"].(string), nil).want(e.t, http.StatusOK).object(e.t)
	if done["status"] != "SUCCESS" {
		e.t.Errorf("%s operation after its delay: %v", action, done)
	}
}

func TestCreatePool(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	project := e.createProject(specProject("p"))["id"].(string)
	body := minimalPool(project)
	body["status"] = "OPEN" // read-only: ignored
	body["unexpected"] = []any{"kept"}
	got := e.createPool(body)
	want := map[string]any{
		"id":                              got["id"],
		"project_id":                      project,
		"private_name":                    "Pool of " + project,
		"reward_per_assignment":           json.Number("0.05"),
		"assignment_max_duration_seconds": json.Number("600"),
		"will_expire":                     "2030-01-02T03:04:05.000",
		"defaults":                        map[string]any{"default_overlap_for_new_task_suites": json.Number("3")},
		"may_contain_adult_content":       false,
		"auto_accept_solutions":           true,
		"auto_accept_period_day":          json.Number("21"),
		"auto_close_after_complete_delay_seconds": json.Number("0"),
		"priority":                   json.Number("0"),
		"assignments_issuing_config": map[string]any{"issue_task_suites_in_creation_order": false},
		"metadata":                   map[string]any{},
		"unexpected":                 []any{"kept"},
		"type":                       "REGULAR",
		"status":                     "CLOSED",
		"created":                    "2024-03-10T12:00:00.123",
		"owner":                      map[string]any{"id": DefaultRequesterID, "myself": true, "company_id": DefaultCompanyID},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("created pool\n got %v\nwant %v", got, want)
	}
	if !reflect.DeepEqual(e.getPool(got["id"].(string)), want) {
		t.Error("GET differs from the creation answer")
	}
}

func TestCreatePoolValidation(t *testing.T) {
	e := newEnv(t, Options{CreateQuota: &Quota{}})
	project := e.createProject(specProject("p"))["id"].(string)
	cases := map[string]struct {
		edit       func(map[string]any)
		field      string
		code, want string
	}{
		"no project":       {func(b map[string]any) { delete(b, "project_id") }, "project_id", "VALUE_REQUIRED", ""},
		"no name":          {func(b map[string]any) { delete(b, "private_name") }, "private_name", "VALUE_REQUIRED", ""},
		"empty name":       {func(b map[string]any) { b["private_name"] = "" }, "private_name", "INVALID_VALUE", ""},
		"no reward":        {func(b map[string]any) { delete(b, "reward_per_assignment") }, "reward_per_assignment", "VALUE_REQUIRED", ""},
		"negative reward":  {func(b map[string]any) { b["reward_per_assignment"] = -1 }, "reward_per_assignment", "VALUE_LESS_THAN_MIN", ""},
		"no duration":      {func(b map[string]any) { delete(b, "assignment_max_duration_seconds") }, "assignment_max_duration_seconds", "VALUE_REQUIRED", ""},
		"short duration":   {func(b map[string]any) { b["assignment_max_duration_seconds"] = 4 }, "assignment_max_duration_seconds", "VALUE_LESS_THAN_MIN", ""},
		"no expiry":        {func(b map[string]any) { delete(b, "will_expire") }, "will_expire", "VALUE_REQUIRED", ""},
		"date only":        {func(b map[string]any) { b["will_expire"] = "2030-01-02" }, "will_expire", "INVALID_DATE_TIME_SYNTAX", ""},
		"no defaults":      {func(b map[string]any) { delete(b, "defaults") }, "defaults", "OBJECT_EXPECTED", ""},
		"no overlap":       {func(b map[string]any) { b["defaults"] = map[string]any{} }, "defaults.default_overlap_for_new_task_suites", "VALUE_REQUIRED", ""},
		"priority too big": {func(b map[string]any) { b["priority"] = 101 }, "priority", "VALUE_GREATER_THAN_MAX", ""},
		"filter string":    {func(b map[string]any) { b["filter"] = "x" }, "filter", "OBJECT_EXPECTED", ""},
		"mixer incomplete": {func(b map[string]any) { b["mixer_config"] = map[string]any{"real_tasks_count": 1} }, "mixer_config.golden_tasks_count", "VALUE_REQUIRED", ""},
		"bad balance":      {func(b map[string]any) { b["speed_quality_balance"] = map[string]any{"type": "FAST"} }, "speed_quality_balance.type", "UNKNOWN_ENUM_VALUE", ""},
		"metadata values":  {func(b map[string]any) { b["metadata"] = map[string]any{"team": "x"} }, "metadata.team", "ARRAY_EXPECTED", ""},
		"missing project":  {func(b map[string]any) { b["project_id"] = "100999" }, "project_id", "DOES_NOT_EXIST", ""},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			body := minimalPool(project)
			c.edit(body)
			got := wantError(t, e.do(http.MethodPost, "/api/v1/pools", body), http.StatusBadRequest, "VALIDATION_ERROR")
			if code := fieldCode(got, c.field); code != c.code {
				t.Errorf("payload %v: %s has code %v, want %s", got["payload"], c.field, code, c.code)
			}
		})
	}
}

func TestCreatePoolInAnUnusableProject(t *testing.T) {
	e := newEnv(t, Options{OperationDelay: -1})
	archived := e.createProject(specProject("archived"))["id"].(string)
	e.archive(archived).want(t, http.StatusAccepted)
	got := wantError(t, e.do(http.MethodPost, "/api/v1/pools", minimalPool(archived)), http.StatusConflict, "PROJECT_INAPPROPRIATE_STATUS")
	if !reflect.DeepEqual(at(got, "payload", "appropriate_statuses"), []any{"ACTIVE"}) {
		t.Errorf("payload %v", got["payload"])
	}
	denied := e.createProject(specProject("denied"))["id"].(string)
	if err := e.s.DenyProjectAccess(denied); err != nil {
		t.Fatal(err)
	}
	wantError(t, e.do(http.MethodPost, "/api/v1/pools", minimalPool(denied)), http.StatusForbidden, "ACCESS_DENIED")
}

func TestCreatePoolQuotaIsApartFromProjects(t *testing.T) {
	e := newEnv(t, Options{CreateQuota: &Quota{PerMinute: 2}})
	project := e.createProject(specProject("p"))["id"].(string)
	e.createPool(minimalPool(project))
	e.createPool(minimalPool(project))
	got := wantError(t, e.do(http.MethodPost, "/api/v1/pools", minimalPool(project)), http.StatusTooManyRequests, "TOO_MANY_REQUESTS")
	if at(got, "payload", "interval") != "MIN" {
		t.Errorf("payload %v", got["payload"])
	}
	e.createProject(specProject("second")) // one project made so far: the projects' quota has room
}

func TestUpdatePool(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	project, id := e.newProjectAndPool()
	view := e.getPool(id)
	view["private_name"] = "Renamed"
	view["priority"] = 7
	delete(view, "auto_accept_period_day")  // full replace: the default comes back
	view["created"] = "2000-01-01T00:00:00" // read-only: ignored
	got := e.do(http.MethodPut, "/api/v1/pools/"+id, view).want(t, http.StatusOK).object(t)
	if got["private_name"] != "Renamed" || got["priority"] != json.Number("7") || got["auto_accept_period_day"] != json.Number("21") ||
		got["created"] != "2024-03-10T12:00:00.123" || got["project_id"] != project || got["status"] != "CLOSED" {
		t.Errorf("updated pool %v", got)
	}
	if !reflect.DeepEqual(e.getPool(id), got) {
		t.Error("GET differs from the update answer")
	}

	moved := e.getPool(id)
	moved["project_id"] = e.createProject(specProject("other"))["id"]
	got = wantError(t, e.do(http.MethodPut, "/api/v1/pools/"+id, moved), http.StatusBadRequest, "VALIDATION_ERROR")
	if fieldCode(got, "project_id") != "INVALID_VALUE" {
		t.Errorf("payload %v", got["payload"])
	}
	wantError(t, e.do(http.MethodPut, "/api/v1/pools/30009999", e.getPool(id)), http.StatusNotFound, "DOES_NOT_EXIST")
}

func TestUpdatePoolRefusedUnlessClosed(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	_, id := e.newProjectAndPool()
	e.runAction(id, "open", "POOL.OPEN")
	got := wantError(t, e.do(http.MethodPut, "/api/v1/pools/"+id, e.getPool(id)), http.StatusConflict, "INAPPROPRIATE_STATUS")
	if !reflect.DeepEqual(at(got, "payload", "appropriate_statuses"), []any{"CLOSED"}) {
		t.Errorf("payload %v", got["payload"])
	}
	e.runAction(id, "close", "POOL.CLOSE")
	e.runAction(id, "archive", "POOL.ARCHIVE")
	wantError(t, e.do(http.MethodPut, "/api/v1/pools/"+id, e.getPool(id)), http.StatusConflict, "INAPPROPRIATE_STATUS")
}

// toloka-kit's patch_pool sends PATCH /pools/{id} {"priority": n}; the
// emulator once answered it 405.
func TestPatchPoolPriority(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	_, id := e.newProjectAndPool()
	patch := func(body any) response { return e.do(http.MethodPatch, "/api/v1/pools/"+id, body) }

	got := patch(map[string]any{"priority": 42}).want(t, http.StatusOK).object(t)
	if got["priority"] != json.Number("42") || !reflect.DeepEqual(e.getPool(id), got) {
		t.Errorf("patched pool %v", got)
	}
	e.runAction(id, "open", "POOL.OPEN")
	if got := patch(map[string]any{"priority": 7}).want(t, http.StatusOK).object(t); got["priority"] != json.Number("7") || got["status"] != "OPEN" {
		t.Errorf("patched open pool %v", got)
	}
	if got := patch(map[string]any{}).want(t, http.StatusOK).object(t); got["priority"] != json.Number("0") {
		t.Errorf("priority left out gives %v, want the default 0", got["priority"])
	}
	e.runAction(id, "close", "POOL.CLOSE")
	e.runAction(id, "archive", "POOL.ARCHIVE")
	if r := patch(map[string]any{"priority": 1}).want(t, http.StatusConflict); len(r.raw) != 0 {
		t.Errorf("archived pool: body %s, want none", r.raw)
	}
	wantError(t, e.do(http.MethodPatch, "/api/v1/pools/30009999", map[string]any{"priority": 1}), http.StatusNotFound, "DOES_NOT_EXIST")
}

func TestPatchPoolPriorityValidation(t *testing.T) {
	e := newEnv(t, Options{})
	_, id := e.newProjectAndPool()
	for _, bad := range []any{101, -1, 1.5, "high"} {
		got := wantError(t, e.do(http.MethodPatch, "/api/v1/pools/"+id, map[string]any{"priority": bad}), http.StatusBadRequest, "VALIDATION_ERROR")
		if _, named := got["payload"].(map[string]any)["priority"]; !named {
			t.Errorf("priority %v: payload %v", bad, got["payload"])
		}
	}
	if got := e.getPool(id)["priority"]; got != json.Number("0") {
		t.Errorf("priority %v after refused patches, want 0", got)
	}
}

func TestPoolLifecycle(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	project, id := e.newProjectAndPool()

	e.clock.Advance(time.Minute)
	e.runAction(id, "open", "POOL.OPEN")
	pool := e.getPool(id)
	if pool["status"] != "OPEN" || pool["last_started"] != "2024-03-10T12:01:01.123" {
		t.Errorf("opened pool %v", pool)
	}
	e.poolAction(id, "open").want(t, http.StatusNoContent)
	wantError(t, e.poolAction(id, "archive"), http.StatusConflict, "INAPPROPRIATE_STATUS")
	wantError(t, e.archive(project), http.StatusConflict, "UNARCHIVED_POOLS_CONFLICT")

	e.runAction(id, "close", "POOL.CLOSE")
	pool = e.getPool(id)
	if pool["status"] != "CLOSED" || pool["last_close_reason"] != "MANUAL" || pool["last_stopped"] != "2024-03-10T12:01:02.123" {
		t.Errorf("closed pool %v", pool)
	}
	e.poolAction(id, "close").want(t, http.StatusNoContent)
	e.poolAction(id, "close-for-update").want(t, http.StatusNoContent)

	e.runAction(id, "archive", "POOL.ARCHIVE")
	if status := e.getPool(id)["status"]; status != "ARCHIVED" {
		t.Errorf("status %v after archiving", status)
	}
	e.poolAction(id, "archive").want(t, http.StatusNoContent)
	for _, action := range []string{"open", "close", "close-for-update"} {
		wantError(t, e.poolAction(id, action), http.StatusConflict, "INAPPROPRIATE_STATUS")
	}
	e.archive(project).want(t, http.StatusAccepted)
}

func TestOpenEmptyPool(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	project := e.createProject(specProject("p"))["id"].(string)
	id := e.createPool(minimalPool(project))["id"].(string)
	got := wantError(t, e.poolAction(id, "open"), http.StatusConflict, "EMPTY_POOL")
	if got["payload"] != nil {
		t.Errorf("payload %v, want null as in the service's answer", got["payload"])
	}
	if err := e.s.SetPoolHasTasks(id, true); err != nil {
		t.Fatal(err)
	}
	e.poolAction(id, "open").want(t, http.StatusAccepted)
}

func TestPoolLockedWhileAnOperationRuns(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	_, id := e.newProjectAndPool()
	op := e.poolAction(id, "open").want(t, http.StatusAccepted).object(t)
	e.clock.Advance(DefaultOperationDelay / 2)
	for _, action := range []string{"open", "close", "close-for-update", "archive"} {
		got := wantError(t, e.poolAction(id, action), http.StatusConflict, "POOL_LOCKED_BY_ANOTHER_OPERATION")
		if at(got, "payload", "operation_id") != op["id"] {
			t.Errorf("%s: payload %v does not name operation %v", action, got["payload"], op["id"])
		}
	}
	wantError(t, e.do(http.MethodPut, "/api/v1/pools/"+id, e.getPool(id)), http.StatusConflict, "POOL_LOCKED_BY_ANOTHER_OPERATION")
	if status := e.getPool(id)["status"]; status != "CLOSED" {
		t.Errorf("status %v before the operation ended", status)
	}
	e.clock.Advance(DefaultOperationDelay / 2)
	e.runAction(id, "close", "POOL.CLOSE")
}

func TestCloseForUpdateReopensAfterFifteenMinutes(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	_, id := e.newProjectAndPool()
	e.runAction(id, "open", "POOL.OPEN")
	e.runAction(id, "close-for-update", "POOL.CLOSE")
	pool := e.getPool(id)
	if pool["status"] != "CLOSED" || pool["last_close_reason"] != "FOR_UPDATE" {
		t.Fatalf("pool closed for update: %v", pool)
	}
	pool["private_name"] = "Edited while closed for update"
	e.do(http.MethodPut, "/api/v1/pools/"+id, pool).want(t, http.StatusOK)

	e.clock.Advance(15*time.Minute - time.Millisecond)
	if status := e.getPool(id)["status"]; status != "CLOSED" {
		t.Errorf("status %v just before 15 minutes", status)
	}
	e.clock.Advance(time.Millisecond)
	pool = e.getPool(id)
	if pool["status"] != "OPEN" || pool["last_started"] != "2024-03-10T12:15:02.123" || pool["private_name"] != "Edited while closed for update" {
		t.Errorf("pool 15 minutes after closing for update: %v", pool)
	}
}

func TestClosedManuallyStaysClosed(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	_, id := e.newProjectAndPool()
	e.runAction(id, "open", "POOL.OPEN")
	e.runAction(id, "close", "POOL.CLOSE")
	e.clock.Advance(time.Hour)
	if status := e.getPool(id)["status"]; status != "CLOSED" {
		t.Errorf("status %v an hour after a manual close", status)
	}
}

func TestFailPoolOperations(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	_, id := e.newProjectAndPool()
	if err := e.s.FailPoolOperations(id, map[string]any{"reason": "emulated"}); err != nil {
		t.Fatal(err)
	}
	op := e.poolAction(id, "open").want(t, http.StatusAccepted).object(t)
	e.clock.Advance(DefaultOperationDelay)
	done := e.do(http.MethodGet, "/api/v1/operations/"+op["id"].(string), nil).want(t, http.StatusOK).object(t)
	if done["status"] != "FAIL" || at(done, "details", "reason") != "emulated" {
		t.Errorf("operation %v", done)
	}
	if status := e.getPool(id)["status"]; status != "CLOSED" {
		t.Errorf("status %v after a failed open", status)
	}
	e.runAction(id, "open", "POOL.OPEN") // the failure fired once
	if err := e.s.FailPoolOperations("30009999", nil); err != ErrNotFound {
		t.Errorf("missing pool: %v", err)
	}
}

func TestPoolOperationsAreListed(t *testing.T) {
	e := newCheckedEnv(t, Options{OperationDelay: time.Minute})
	_, id := e.newProjectAndPool()
	op := e.poolAction(id, "open").want(t, http.StatusAccepted).object(t)
	page := e.do(http.MethodGet, "/api/v1/operations?type=POOL.OPEN&status=PENDING", nil).want(t, http.StatusOK).object(t)
	items, _ := page["items"].([]any)
	if len(items) != 1 || at(items[0], "id") != op["id"] || at(items[0], "parameters", "pool_id") != id {
		t.Errorf("page %v", page)
	}
}

func TestPoolDriftControls(t *testing.T) {
	e := newEnv(t, Options{})
	_, id := e.newProjectAndPool()
	wantError(t, e.control(http.MethodPost, "/pools/"+id+"/auto-close", nil), http.StatusBadRequest, "VALIDATION_ERROR")
	e.runAction(id, "open", "POOL.OPEN")
	wantError(t, e.control(http.MethodPost, "/pools/"+id+"/auto-archive", nil), http.StatusBadRequest, "VALIDATION_ERROR")
	wantError(t, e.control(http.MethodPost, "/pools/"+id+"/auto-close", map[string]any{"reason": "FOR_UPDATE"}), http.StatusBadRequest, "VALIDATION_ERROR")

	e.control(http.MethodPost, "/pools/"+id+"/auto-close", map[string]any{"reason": "EXPIRED"}).want(t, http.StatusNoContent)
	pool := e.getPool(id)
	if pool["status"] != "CLOSED" || pool["last_close_reason"] != "EXPIRED" {
		t.Errorf("auto-closed pool %v", pool)
	}
	e.control(http.MethodPost, "/pools/"+id+"/auto-archive", nil).want(t, http.StatusNoContent)
	if status := e.getPool(id)["status"]; status != "ARCHIVED" {
		t.Errorf("status %v after auto-archive", status)
	}
	wantError(t, e.control(http.MethodPost, "/pools/30009999/auto-archive", nil), http.StatusNotFound, "DOES_NOT_EXIST")
}

func TestPoolControlsOverHTTP(t *testing.T) {
	e := newEnv(t, Options{})
	project := e.createProject(specProject("p"))["id"].(string)
	id := e.createPool(minimalPool(project))["id"].(string)
	e.control(http.MethodPut, "/pools/"+id+"/tasks", map[string]any{"has_tasks": true}).want(t, http.StatusNoContent)
	e.control(http.MethodPost, "/pools/"+id+"/fail-operations", map[string]any{"details": map[string]any{"why": "x"}}).want(t, http.StatusNoContent)
	op := e.poolAction(id, "open").want(t, http.StatusAccepted).object(t)
	e.clock.Advance(DefaultOperationDelay)
	if got := e.do(http.MethodGet, "/api/v1/operations/"+op["id"].(string), nil).object(t); got["status"] != "FAIL" {
		t.Errorf("operation %v", got)
	}
	e.control(http.MethodPut, "/pools/"+id+"/tasks", map[string]any{"has_tasks": false}).want(t, http.StatusNoContent)
	wantError(t, e.poolAction(id, "open"), http.StatusConflict, "EMPTY_POOL")
	wantError(t, e.control(http.MethodPut, "/pools/"+id+"/tasks", map[string]any{"tasks": 3}), http.StatusBadRequest, "VALIDATION_ERROR")
	wantError(t, e.control(http.MethodPut, "/pools/30009999/tasks", map[string]any{"has_tasks": true}), http.StatusNotFound, "DOES_NOT_EXIST")
}
