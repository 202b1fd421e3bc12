package emulator

import (
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"testing"
	"time"
)

// minimalTraining is a valid training body with only the required fields.
func minimalTraining(projectID string) map[string]any {
	return map[string]any{
		"project_id":                         projectID,
		"private_name":                       "Training of " + projectID,
		"inherited_instructions":             true,
		"training_tasks_in_task_suite_count": 3,
	}
}

func (e *testEnv) createTraining(body map[string]any) map[string]any {
	e.t.Helper()
	return e.do(http.MethodPost, "/api/v1/trainings", body).want(e.t, http.StatusCreated).object(e.t)
}

func (e *testEnv) getTraining(id string) map[string]any {
	e.t.Helper()
	return e.do(http.MethodGet, "/api/v1/trainings/"+id, nil).want(e.t, http.StatusOK).object(e.t)
}

func (e *testEnv) trainingAction(id, action string) response {
	e.t.Helper()
	return e.do(http.MethodPost, "/api/v1/trainings/"+id+"/"+action, nil)
}

// newProjectAndTraining creates a project and a training of it; the
// training has tasks.
func (e *testEnv) newProjectAndTraining() (projectID, trainingID string) {
	e.t.Helper()
	projectID = e.createProject(specProject("p"))["id"].(string)
	trainingID = e.createTraining(minimalTraining(projectID))["id"].(string)
	if err := e.s.SetTrainingHasTasks(trainingID, true); err != nil {
		e.t.Fatal(err)
	}
	return projectID, trainingID
}

// runTrainingAction submits an action, checks the operation it answers and
// lets it finish (the default delay is one second).
func (e *testEnv) runTrainingAction(id, action, wantType string) {
	e.t.Helper()
	op := e.trainingAction(id, action).want(e.t, http.StatusAccepted).object(e.t)
	if op["type"] != wantType || op["status"] != "PENDING" || !reflect.DeepEqual(op["parameters"], map[string]any{"training_id": id}) {
		e.t.Errorf("%s operation %v", action, op)
	}
	e.clock.Advance(DefaultOperationDelay)
	done := e.do(http.MethodGet, "/api/v1/operations/"+op["id"].(string), nil).want(e.t, http.StatusOK).object(e.t)
	if done["status"] != "SUCCESS" {
		e.t.Errorf("%s operation after its delay: %v", action, done)
	}
}

// linkedPool is a pool body whose training requirement names the training.
func linkedPool(projectID, trainingID string) map[string]any {
	p := minimalPool(projectID)
	p["quality_control"] = map[string]any{
		"configs": []any{},
		"training_requirement": map[string]any{
			"training_pool_id": trainingID, "training_passing_skill_value": 80,
		},
	}
	return p
}

func TestCreateTraining(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	project := e.createProject(specProject("p"))["id"].(string)
	body := minimalTraining(project)
	body["status"] = "OPEN" // read-only: ignored
	body["unexpected"] = map[string]any{"kept": true}
	got := e.createTraining(body)
	want := map[string]any{
		"id":                                 got["id"],
		"project_id":                         project,
		"private_name":                       "Training of " + project,
		"inherited_instructions":             true,
		"training_tasks_in_task_suite_count": json.Number("3"),
		"may_contain_adult_content":          false,
		"mix_tasks_in_creation_order":        true,
		"shuffle_tasks_in_task_suite":        true,
		"unexpected":                         map[string]any{"kept": true},
		"status":                             "CLOSED",
		"created":                            "2024-03-10T12:00:00.123",
		"owner":                              map[string]any{"id": DefaultRequesterID, "myself": true, "company_id": DefaultCompanyID},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("created training\n got %v\nwant %v", got, want)
	}
	if !reflect.DeepEqual(e.getTraining(got["id"].(string)), want) {
		t.Error("GET differs from the creation answer")
	}
}

// The request example of the API reference is accepted and stored as sent,
// and the answer has the members of the reference's answer, with their types.
func TestCreateTrainingFromTheReferenceExample(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	project := e.createProject(specProject("p"))["id"].(string)
	body := fixture(t, "training_body.json")
	body["project_id"] = project
	got := e.createTraining(body)
	for k, v := range body {
		if !reflect.DeepEqual(got[k], v) {
			t.Errorf("%s = %v, sent %v", k, got[k], v)
		}
	}
	reference := fixture(t, "training.json")
	for k := range reference {
		if k == "last_started" || k == "last_stopped" || k == "last_close_reason" {
			continue // a training never opened has none
		}
		if jsonType(got[k]) != jsonType(reference[k]) {
			t.Errorf("%s = %v (%s), want a %s like %v", k, got[k], jsonType(got[k]), jsonType(reference[k]), reference[k])
		}
	}
}

func TestCreateTrainingValidation(t *testing.T) {
	e := newEnv(t, Options{CreateQuota: &Quota{}})
	project := e.createProject(specProject("p"))["id"].(string)
	cases := map[string]struct {
		edit        func(map[string]any)
		field, code string
	}{
		"no project":            {func(b map[string]any) { delete(b, "project_id") }, "project_id", "VALUE_REQUIRED"},
		"no name":               {func(b map[string]any) { delete(b, "private_name") }, "private_name", "VALUE_REQUIRED"},
		"empty name":            {func(b map[string]any) { b["private_name"] = "" }, "private_name", "INVALID_VALUE"},
		"no instructions flag":  {func(b map[string]any) { delete(b, "inherited_instructions") }, "inherited_instructions", "VALUE_REQUIRED"},
		"flag as string":        {func(b map[string]any) { b["inherited_instructions"] = "yes" }, "inherited_instructions", "BOOLEAN_EXPECTED"},
		"no task count":         {func(b map[string]any) { delete(b, "training_tasks_in_task_suite_count") }, "training_tasks_in_task_suite_count", "VALUE_REQUIRED"},
		"task count too big":    {func(b map[string]any) { b["training_tasks_in_task_suite_count"] = 501 }, "training_tasks_in_task_suite_count", "VALUE_GREATER_THAN_MAX"},
		"negative task count":   {func(b map[string]any) { b["training_tasks_in_task_suite_count"] = -1 }, "training_tasks_in_task_suite_count", "VALUE_LESS_THAN_MIN"},
		"fractional task count": {func(b map[string]any) { b["training_tasks_in_task_suite_count"] = 2.5 }, "training_tasks_in_task_suite_count", "INTEGER_EXPECTED"},
		"short duration":        {func(b map[string]any) { b["assignment_max_duration_seconds"] = 4 }, "assignment_max_duration_seconds", "VALUE_LESS_THAN_MIN"},
		"suites to pass":        {func(b map[string]any) { b["task_suites_required_to_pass"] = 501 }, "task_suites_required_to_pass", "VALUE_GREATER_THAN_MAX"},
		"retry after 0 days":    {func(b map[string]any) { b["retry_training_after_days"] = 0 }, "retry_training_after_days", "VALUE_LESS_THAN_MIN"},
		"shuffle as number":     {func(b map[string]any) { b["shuffle_tasks_in_task_suite"] = 1 }, "shuffle_tasks_in_task_suite", "BOOLEAN_EXPECTED"},
		"instructions object":   {func(b map[string]any) { b["public_instructions"] = map[string]any{} }, "public_instructions", "STRING_EXPECTED"},
		"metadata values":       {func(b map[string]any) { b["metadata"] = map[string]any{"team": "x"} }, "metadata.team", "ARRAY_EXPECTED"},
		"missing project":       {func(b map[string]any) { b["project_id"] = "100999" }, "project_id", "DOES_NOT_EXIST"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			body := minimalTraining(project)
			c.edit(body)
			got := wantError(t, e.do(http.MethodPost, "/api/v1/trainings", body), http.StatusBadRequest, "VALIDATION_ERROR")
			if code := fieldCode(got, c.field); code != c.code {
				t.Errorf("payload %v: %s has code %v, want %s", got["payload"], c.field, code, c.code)
			}
		})
	}
	if page, _ := e.listIDs("/api/v1/trainings"); len(page) != 0 {
		t.Errorf("refused creations stored trainings %v", page)
	}
	body := minimalTraining(project)
	body["retry_training_after_days"] = nil
	if got := e.createTraining(body); slices.Contains(keysOf(got), "retry_training_after_days") {
		t.Errorf("a null optional field is stored: %v", got)
	}
}

func TestCreateTrainingInAnUnusableProject(t *testing.T) {
	e := newEnv(t, Options{OperationDelay: -1})
	archived := e.createProject(specProject("archived"))["id"].(string)
	e.archive(archived).want(t, http.StatusAccepted)
	got := wantError(t, e.do(http.MethodPost, "/api/v1/trainings", minimalTraining(archived)), http.StatusConflict, "PROJECT_INAPPROPRIATE_STATUS")
	if !reflect.DeepEqual(at(got, "payload", "appropriate_statuses"), []any{"ACTIVE"}) {
		t.Errorf("payload %v", got["payload"])
	}
	denied := e.createProject(specProject("denied"))["id"].(string)
	if err := e.s.DenyProjectAccess(denied); err != nil {
		t.Fatal(err)
	}
	wantError(t, e.do(http.MethodPost, "/api/v1/trainings", minimalTraining(denied)), http.StatusForbidden, "ACCESS_DENIED")
}

// Trainings are created under their own quota of 20 a minute, apart from
// the projects' and the pools'.
func TestCreateTrainingQuota(t *testing.T) {
	e := newEnv(t, Options{})
	project := e.createProject(specProject("p"))["id"].(string)
	for range DefaultCreateQuota.PerMinute {
		e.createTraining(minimalTraining(project))
	}
	got := wantError(t, e.do(http.MethodPost, "/api/v1/trainings", minimalTraining(project)), http.StatusTooManyRequests, "TOO_MANY_REQUESTS")
	if at(got, "payload", "interval") != "MIN" {
		t.Errorf("payload %v", got["payload"])
	}
	e.createPool(minimalPool(project))
	e.createProject(specProject("second"))
	e.clock.Advance(time.Minute)
	e.createTraining(minimalTraining(project))
}

func TestUpdateTraining(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	project, id := e.newProjectAndTraining()
	view := e.getTraining(id)
	view["private_name"] = "Renamed"
	view["retry_training_after_days"] = 7
	delete(view, "shuffle_tasks_in_task_suite") // full replace: the default comes back
	view["created"] = "2000-01-01T00:00:00"     // read-only: ignored
	got := e.do(http.MethodPut, "/api/v1/trainings/"+id, view).want(t, http.StatusOK).object(t)
	if got["private_name"] != "Renamed" || got["retry_training_after_days"] != json.Number("7") || got["shuffle_tasks_in_task_suite"] != true ||
		got["created"] != "2024-03-10T12:00:00.123" || got["project_id"] != project || got["status"] != "CLOSED" {
		t.Errorf("updated training %v", got)
	}
	if !reflect.DeepEqual(e.getTraining(id), got) {
		t.Error("GET differs from the update answer")
	}

	moved := e.getTraining(id)
	moved["project_id"] = e.createProject(specProject("other"))["id"]
	got = wantError(t, e.do(http.MethodPut, "/api/v1/trainings/"+id, moved), http.StatusBadRequest, "VALIDATION_ERROR")
	if fieldCode(got, "project_id") != "INVALID_VALUE" {
		t.Errorf("payload %v", got["payload"])
	}
	wantError(t, e.do(http.MethodPut, "/api/v1/trainings/30009999", e.getTraining(id)), http.StatusNotFound, "DOES_NOT_EXIST")
}

func TestUpdateTrainingRefusedUnlessClosed(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	_, id := e.newProjectAndTraining()
	e.runTrainingAction(id, "open", "TRAINING.OPEN")
	got := wantError(t, e.do(http.MethodPut, "/api/v1/trainings/"+id, e.getTraining(id)), http.StatusConflict, "INAPPROPRIATE_STATUS")
	if !reflect.DeepEqual(at(got, "payload", "appropriate_statuses"), []any{"CLOSED"}) {
		t.Errorf("payload %v", got["payload"])
	}
	e.runTrainingAction(id, "close-for-update", "TRAINING.CLOSE")
	e.do(http.MethodPut, "/api/v1/trainings/"+id, e.getTraining(id)).want(t, http.StatusOK)
	e.runTrainingAction(id, "archive", "TRAINING.ARCHIVE")
	wantError(t, e.do(http.MethodPut, "/api/v1/trainings/"+id, e.getTraining(id)), http.StatusConflict, "INAPPROPRIATE_STATUS")
}

func TestTrainingLifecycle(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	project, id := e.newProjectAndTraining()

	e.clock.Advance(time.Minute)
	e.runTrainingAction(id, "open", "TRAINING.OPEN")
	training := e.getTraining(id)
	if training["status"] != "OPEN" || training["last_started"] != "2024-03-10T12:01:01.123" {
		t.Errorf("opened training %v", training)
	}
	e.trainingAction(id, "open").want(t, http.StatusNoContent)
	wantError(t, e.trainingAction(id, "archive"), http.StatusConflict, "INAPPROPRIATE_STATUS")

	e.runTrainingAction(id, "close", "TRAINING.CLOSE")
	training = e.getTraining(id)
	if training["status"] != "CLOSED" || training["last_close_reason"] != "MANUAL" || training["last_stopped"] != "2024-03-10T12:01:02.123" {
		t.Errorf("closed training %v", training)
	}
	e.trainingAction(id, "close").want(t, http.StatusNoContent)
	e.trainingAction(id, "close-for-update").want(t, http.StatusNoContent)

	e.runTrainingAction(id, "archive", "TRAINING.ARCHIVE")
	if status := e.getTraining(id)["status"]; status != "ARCHIVED" {
		t.Errorf("status %v after archiving", status)
	}
	e.trainingAction(id, "archive").want(t, http.StatusNoContent)
	for _, action := range []string{"open", "close", "close-for-update"} {
		wantError(t, e.trainingAction(id, action), http.StatusConflict, "INAPPROPRIATE_STATUS")
	}
	e.archive(project).want(t, http.StatusAccepted)
}

func TestOpenEmptyTraining(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	project := e.createProject(specProject("p"))["id"].(string)
	id := e.createTraining(minimalTraining(project))["id"].(string)
	wantError(t, e.trainingAction(id, "open"), http.StatusConflict, "EMPTY_POOL")
	if err := e.s.SetTrainingHasTasks(id, true); err != nil {
		t.Fatal(err)
	}
	e.trainingAction(id, "open").want(t, http.StatusAccepted)
}

func TestTrainingLockedWhileAnOperationRuns(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	_, id := e.newProjectAndTraining()
	op := e.trainingAction(id, "open").want(t, http.StatusAccepted).object(t)
	e.clock.Advance(DefaultOperationDelay / 2)
	for _, action := range []string{"open", "close", "close-for-update", "archive"} {
		got := wantError(t, e.trainingAction(id, action), http.StatusConflict, "POOL_LOCKED_BY_ANOTHER_OPERATION")
		if at(got, "payload", "operation_id") != op["id"] {
			t.Errorf("%s: payload %v does not name operation %v", action, got["payload"], op["id"])
		}
	}
	wantError(t, e.do(http.MethodPut, "/api/v1/trainings/"+id, e.getTraining(id)), http.StatusConflict, "POOL_LOCKED_BY_ANOTHER_OPERATION")
	e.clock.Advance(DefaultOperationDelay / 2)
	e.runTrainingAction(id, "close", "TRAINING.CLOSE")
}

// Toloka documents the reopening 15 minutes after a close for update for
// main pools only: a training stays closed until it is opened.
func TestTrainingClosedForUpdateStaysClosed(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	_, id := e.newProjectAndTraining()
	e.runTrainingAction(id, "open", "TRAINING.OPEN")
	e.runTrainingAction(id, "close-for-update", "TRAINING.CLOSE")
	e.clock.Advance(time.Hour)
	training := e.getTraining(id)
	if training["status"] != "CLOSED" || training["last_close_reason"] != "FOR_UPDATE" {
		t.Errorf("training an hour after closing for update: %v", training)
	}
}

// A training is archived only when every main pool linked to it is; the
// refusal names the pools still to archive.
func TestTrainingArchiveWaitsForItsLinkedPools(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	project, training := e.newProjectAndTraining()
	first := e.createPool(linkedPool(project, training))["id"].(string)
	e.createPool(minimalPool(project)) // not linked
	second := e.createPool(linkedPool(project, training))["id"].(string)
	_, other := e.newProjectAndTraining()
	e.createPool(linkedPool(e.getTraining(other)["project_id"].(string), other))

	got := wantError(t, e.trainingAction(training, "archive"), http.StatusConflict, "TRAINING_ARCHIVE_CONFLICT")
	if ids := at(got, "payload", "pool_ids"); !reflect.DeepEqual(ids, []any{first, second}) {
		t.Errorf("pool_ids %v, want [%s %s]", ids, first, second)
	}
	e.runAction(first, "archive", "POOL.ARCHIVE")
	got = wantError(t, e.trainingAction(training, "archive"), http.StatusConflict, "TRAINING_ARCHIVE_CONFLICT")
	if ids := at(got, "payload", "pool_ids"); !reflect.DeepEqual(ids, []any{second}) {
		t.Errorf("pool_ids %v after archiving %s", ids, first)
	}
	e.runAction(second, "archive", "POOL.ARCHIVE")
	e.runTrainingAction(training, "archive", "TRAINING.ARCHIVE")
}

// The closed status is checked before the linked pools: an open training
// is refused as inappropriate, whatever links it.
func TestTrainingArchiveChecksTheStatusFirst(t *testing.T) {
	e := newEnv(t, Options{})
	project, training := e.newProjectAndTraining()
	e.createPool(linkedPool(project, training))
	e.runTrainingAction(training, "open", "TRAINING.OPEN")
	wantError(t, e.trainingAction(training, "archive"), http.StatusConflict, "INAPPROPRIATE_STATUS")
}

func TestPoolTrainingRequirementNamesATrainingOfItsProject(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	project, training := e.newProjectAndTraining()
	_, foreign := e.newProjectAndTraining()
	const path = "quality_control.training_requirement.training_pool_id"
	for _, c := range []struct {
		training, code string
	}{{"30009999", "DOES_NOT_EXIST"}, {foreign, "INVALID_VALUE"}} {
		got := wantError(t, e.do(http.MethodPost, "/api/v1/pools", linkedPool(project, c.training)), http.StatusBadRequest, "VALIDATION_ERROR")
		if fieldCode(got, path) != c.code {
			t.Errorf("training %s: payload %v, want %s at %s", c.training, got["payload"], c.code, path)
		}
	}
	pool := e.createPool(minimalPool(project))
	id := pool["id"].(string)
	pool["quality_control"] = linkedPool(project, foreign)["quality_control"]
	got := wantError(t, e.do(http.MethodPut, "/api/v1/pools/"+id, pool), http.StatusBadRequest, "VALIDATION_ERROR")
	if fieldCode(got, path) != "INVALID_VALUE" {
		t.Errorf("PUT: payload %v", got["payload"])
	}
	pool["quality_control"] = linkedPool(project, training)["quality_control"]
	updated := e.do(http.MethodPut, "/api/v1/pools/"+id, pool).want(t, http.StatusOK).object(t)
	if at(updated, "quality_control", "training_requirement", "training_pool_id") != training {
		t.Errorf("updated pool %v", updated)
	}
	e.createPool(linkedPool(project, training))
}

// Archiving a project needs all its pools archived, training pools
// included; the refusal names both.
func TestProjectArchiveWaitsForItsTrainings(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	project, training := e.newProjectAndTraining()
	pool := e.createPool(minimalPool(project))["id"].(string)
	got := wantError(t, e.archive(project), http.StatusConflict, "UNARCHIVED_POOLS_CONFLICT")
	if !reflect.DeepEqual(got["payload"], map[string]any{"pool_ids": []any{pool}, "training_ids": []any{training}}) {
		t.Errorf("payload %v", got["payload"])
	}
	e.runAction(pool, "archive", "POOL.ARCHIVE")
	got = wantError(t, e.archive(project), http.StatusConflict, "UNARCHIVED_POOLS_CONFLICT")
	if !reflect.DeepEqual(got["payload"], map[string]any{"pool_ids": []any{}, "training_ids": []any{training}}) {
		t.Errorf("payload %v", got["payload"])
	}
	e.runTrainingAction(training, "archive", "TRAINING.ARCHIVE")
	e.archive(project).want(t, http.StatusAccepted)
}

func TestListTrainings(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	first := e.createProject(specProject("first"))["id"].(string)
	second := e.createProject(specProject("second"))["id"].(string)
	var ids []string
	for _, project := range []string{first, second, first} {
		ids = append(ids, e.createTraining(minimalTraining(project))["id"].(string))
		e.clock.Advance(time.Minute)
	}
	pool := e.createPool(minimalPool(first))["id"].(string)
	if err := e.s.SetTrainingHasTasks(ids[2], true); err != nil {
		t.Fatal(err)
	}
	e.runTrainingAction(ids[2], "open", "TRAINING.OPEN")
	cases := map[string][]string{
		"":                                   ids,
		"project_id=" + first:                {ids[0], ids[2]},
		"status=OPEN":                        ids[2:],
		"status=CLOSED&project_id=" + first:  ids[:1],
		"id_gte=" + ids[1]:                   ids[1:],
		"created_lt=2024-03-10T12:01:00.123": ids[:1],
		"last_started_gte=2024-03-10":        ids[2:],
		"sort=-created&limit=2":              {ids[2], ids[1]},
		"sort=-id":                           {ids[2], ids[1], ids[0]},
	}
	for query, want := range cases {
		t.Run(query, func(t *testing.T) {
			got, _ := e.listIDs("/api/v1/trainings?" + query)
			if !slices.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
	if _, hasMore := e.listIDs("/api/v1/trainings?limit=2"); !hasMore {
		t.Error("has_more false with 3 trainings and limit 2")
	}
	if pools, _ := e.listIDs("/api/v1/pools"); !slices.Equal(pools, []string{pool}) {
		t.Errorf("GET /pools lists %v, want the main pool %s only", pools, pool)
	}
	wantError(t, e.do(http.MethodGet, "/api/v1/pools/"+ids[0], nil), http.StatusNotFound, "DOES_NOT_EXIST")
	wantError(t, e.do(http.MethodGet, "/api/v1/trainings/"+pool, nil), http.StatusNotFound, "DOES_NOT_EXIST")
	wantError(t, e.do(http.MethodGet, "/api/v1/trainings?status=PAUSED", nil), http.StatusBadRequest, "VALIDATION_ERROR")
}

func TestTrainingControls(t *testing.T) {
	e := newEnv(t, Options{})
	_, id := e.newProjectAndTraining()

	if err := e.s.SetTrainingStatus(id, "LOCKED"); err != nil {
		t.Fatal(err)
	}
	if status := e.getTraining(id)["status"]; status != "LOCKED" {
		t.Errorf("status %v after SetTrainingStatus", status)
	}
	e.runTrainingAction(id, "close", "TRAINING.CLOSE")
	if err := e.s.FailTrainingOperations(id, map[string]any{"reason": "emulated"}); err != nil {
		t.Fatal(err)
	}
	op := e.trainingAction(id, "open").want(t, http.StatusAccepted).object(t)
	e.clock.Advance(DefaultOperationDelay)
	done := e.do(http.MethodGet, "/api/v1/operations/"+op["id"].(string), nil).object(t)
	if done["status"] != "FAIL" || at(done, "details", "reason") != "emulated" || e.getTraining(id)["status"] != "CLOSED" {
		t.Errorf("failed operation %v; training %v", done, e.getTraining(id))
	}
	if err := e.s.AutoArchiveTraining(id); err != nil {
		t.Fatal(err)
	}
	if status := e.getTraining(id)["status"]; status != "ARCHIVED" {
		t.Errorf("status %v after AutoArchiveTraining", status)
	}
	if err := e.s.AutoArchiveTraining(id); err == nil {
		t.Error("AutoArchiveTraining of an archived training succeeded")
	}
	if err := e.s.DeleteTraining(id); err != nil {
		t.Fatal(err)
	}
	wantError(t, e.do(http.MethodGet, "/api/v1/trainings/"+id, nil), http.StatusNotFound, "DOES_NOT_EXIST")
	for name, err := range map[string]error{
		"SetTrainingHasTasks":    e.s.SetTrainingHasTasks(id, true),
		"SetTrainingStatus":      e.s.SetTrainingStatus(id, "OPEN"),
		"FailTrainingOperations": e.s.FailTrainingOperations(id, nil),
		"DeleteTraining":         e.s.DeleteTraining(id),
	} {
		if err != ErrNotFound {
			t.Errorf("%s of a deleted training: %v", name, err)
		}
	}
	if err := e.s.SetTrainingStatus("30009999", "PAUSED"); err == nil {
		t.Error("SetTrainingStatus accepted PAUSED")
	}
}

func TestTrainingControlsOverHTTP(t *testing.T) {
	e := newEnv(t, Options{})
	project := e.createProject(specProject("p"))["id"].(string)
	id := e.createTraining(minimalTraining(project))["id"].(string)
	base := "/trainings/" + id
	e.control(http.MethodPut, base+"/tasks", map[string]any{"has_tasks": true}).want(t, http.StatusNoContent)
	e.control(http.MethodPost, base+"/fail-operations", map[string]any{"details": map[string]any{"why": "x"}}).want(t, http.StatusNoContent)
	op := e.trainingAction(id, "open").want(t, http.StatusAccepted).object(t)
	e.clock.Advance(DefaultOperationDelay)
	if got := e.do(http.MethodGet, "/api/v1/operations/"+op["id"].(string), nil).object(t); got["status"] != "FAIL" {
		t.Errorf("operation %v", got)
	}
	e.control(http.MethodPut, base+"/tasks", map[string]any{"has_tasks": false}).want(t, http.StatusNoContent)
	wantError(t, e.trainingAction(id, "open"), http.StatusConflict, "EMPTY_POOL")

	e.control(http.MethodPut, base+"/status", map[string]any{"status": "OPEN"}).want(t, http.StatusNoContent)
	wantError(t, e.control(http.MethodPost, base+"/auto-archive", nil), http.StatusBadRequest, "VALIDATION_ERROR")
	e.control(http.MethodPut, base+"/status", map[string]any{"status": "CLOSED"}).want(t, http.StatusNoContent)
	e.control(http.MethodPost, base+"/auto-archive", nil).want(t, http.StatusNoContent)
	if status := e.getTraining(id)["status"]; status != "ARCHIVED" {
		t.Errorf("status %v", status)
	}
	wantError(t, e.control(http.MethodPut, base+"/status", map[string]any{"status": "GONE"}), http.StatusBadRequest, "VALIDATION_ERROR")
	wantError(t, e.control(http.MethodPut, base+"/tasks", map[string]any{"tasks": 3}), http.StatusBadRequest, "VALIDATION_ERROR")
	e.control(http.MethodDelete, base, nil).want(t, http.StatusNoContent)
	wantError(t, e.control(http.MethodDelete, base, nil), http.StatusNotFound, "DOES_NOT_EXIST")
	wantError(t, e.control(http.MethodPut, "/trainings/30009999/tasks", map[string]any{"has_tasks": true}), http.StatusNotFound, "DOES_NOT_EXIST")
}

func TestTrainingOperationsAreListed(t *testing.T) {
	e := newCheckedEnv(t, Options{OperationDelay: time.Minute})
	_, id := e.newProjectAndTraining()
	op := e.trainingAction(id, "open").want(t, http.StatusAccepted).object(t)
	page := e.do(http.MethodGet, "/api/v1/operations?type=TRAINING.OPEN&status=PENDING", nil).want(t, http.StatusOK).object(t)
	items, _ := page["items"].([]any)
	if len(items) != 1 || at(items[0], "id") != op["id"] || at(items[0], "parameters", "training_id") != id {
		t.Errorf("page %v", page)
	}
}

// TestTrainingRoutesConformToOpenAPI walks every route of trainings and the
// requester, with each kind of answer they give, through the check against
// Toloka's OpenAPI description.
func TestTrainingRoutesConformToOpenAPI(t *testing.T) {
	e := newCheckedEnv(t, Options{CreateQuota: &Quota{PerMinute: 6}})
	project, id := e.newProjectAndTraining()
	idle := e.createTraining(minimalTraining(project))["id"].(string)
	e.do(http.MethodGet, "/api/v1/trainings?project_id="+project+"&status=CLOSED&sort=-created,id&limit=1&id_gt=1"+
		"&created_gte=2024-03-01&last_started_lt=2030-01-01T00:00:00", nil).want(t, http.StatusOK)
	wantError(t, e.do(http.MethodGet, "/api/v1/trainings?limit=0", nil), http.StatusBadRequest, "VALIDATION_ERROR")
	unnamed := minimalTraining(project)
	unnamed["private_name"] = ""
	wantError(t, e.do(http.MethodPost, "/api/v1/trainings", unnamed), http.StatusBadRequest, "VALIDATION_ERROR")
	wantError(t, e.do(http.MethodGet, "/api/v1/trainings/30009999", nil), http.StatusNotFound, "DOES_NOT_EXIST")

	view := e.getTraining(id)
	view["public_instructions"] = "<p>Read carefully</p>"
	view["metadata"] = map[string]any{"team": []any{"a"}}
	e.do(http.MethodPut, "/api/v1/trainings/"+id, view).want(t, http.StatusOK)
	view["project_id"] = e.createProject(specProject("other"))["id"]
	wantError(t, e.do(http.MethodPut, "/api/v1/trainings/"+id, view), http.StatusBadRequest, "VALIDATION_ERROR")
	wantError(t, e.trainingAction(idle, "open"), http.StatusConflict, "EMPTY_POOL")

	op := e.trainingAction(id, "open").want(t, http.StatusAccepted).object(t)
	wantError(t, e.trainingAction(id, "close"), http.StatusConflict, "POOL_LOCKED_BY_ANOTHER_OPERATION")
	e.clock.Advance(DefaultOperationDelay)
	e.do(http.MethodGet, "/api/v1/operations/"+op["id"].(string), nil).want(t, http.StatusOK)
	e.trainingAction(id, "open").want(t, http.StatusNoContent)
	wantError(t, e.do(http.MethodPut, "/api/v1/trainings/"+id, e.getTraining(id)), http.StatusConflict, "INAPPROPRIATE_STATUS")
	e.runTrainingAction(id, "close-for-update", "TRAINING.CLOSE")
	e.trainingAction(id, "close-for-update").want(t, http.StatusNoContent)
	e.trainingAction(id, "close").want(t, http.StatusNoContent)
	e.runTrainingAction(id, "open", "TRAINING.OPEN")
	e.runTrainingAction(id, "close", "TRAINING.CLOSE")

	pool := e.createPool(linkedPool(project, id))["id"].(string)
	wantError(t, e.do(http.MethodPost, "/api/v1/pools", linkedPool(project, idle+"9")), http.StatusBadRequest, "VALIDATION_ERROR")
	wantError(t, e.trainingAction(id, "archive"), http.StatusConflict, "TRAINING_ARCHIVE_CONFLICT")
	e.runAction(pool, "archive", "POOL.ARCHIVE")
	e.runTrainingAction(id, "archive", "TRAINING.ARCHIVE")
	e.trainingAction(id, "archive").want(t, http.StatusNoContent)
	wantError(t, e.archive(project), http.StatusConflict, "UNARCHIVED_POOLS_CONFLICT")

	for range 3 {
		e.createTraining(minimalTraining(project))
	}
	wantError(t, e.do(http.MethodPost, "/api/v1/trainings", minimalTraining(project)), http.StatusTooManyRequests, "TOO_MANY_REQUESTS")
	e.requester()

	requests := e.s.Requests()
	for _, key := range []string{
		"GET /trainings", "POST /trainings", "GET /trainings/{id}", "PUT /trainings/{id}", "POST /trainings/{id}/open",
		"POST /trainings/{id}/close", "POST /trainings/{id}/close-for-update", "POST /trainings/{id}/archive", "GET /requester",
	} {
		if requests[key] == 0 {
			t.Errorf("%s was not exercised", key)
		}
	}
}
