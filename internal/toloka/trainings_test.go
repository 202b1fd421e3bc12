package toloka

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"
)

func TestGetTraining(t *testing.T) {
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || r.URL.Path != "/api/v1/trainings/31226418" {
			t.Errorf("request %s %s", r.Method, r.URL.Path)
		}
		writeBody(w, 200, readFixture(t, "training.json"))
	}))
	tr, err := client.GetTraining(context.Background(), "31226418")
	if err != nil {
		t.Fatal(err)
	}
	if tr.ID != "31226418" || tr.ProjectID != "74175" || tr.PrivateName != "Simple training pool" || !tr.InheritedInstructions ||
		*tr.PublicInstructions != "" || *tr.MayContainAdultContent || *tr.AssignmentMaxDurationSeconds != 600 ||
		!*tr.MixTasksInCreationOrder || !*tr.ShuffleTasksInTaskSuite || tr.TrainingTasksInTaskSuiteCount != 10 ||
		tr.TaskSuitesRequiredToPass != nil || *tr.RetryTrainingAfterDays != 14 || tr.Metadata != nil ||
		tr.Status != PoolStatusOpen || tr.LastCloseReason != PoolCloseManual || tr.Created.APIString() != "2022-01-22T07:50:14.781" ||
		tr.LastStarted.APIString() != "2022-01-22T07:50:21.491" || tr.LastStopped.APIString() != "2022-02-24T13:40:29.754" {
		t.Errorf("training = %+v", tr)
	}
	if tr.Extra["owner"] == nil || len(tr.Extra) != 1 {
		t.Errorf("Extra = %v, want owner only", tr.Extra)
	}
}

func TestCreateTraining(t *testing.T) {
	var sent []byte
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/api/v1/trainings" || r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("request %s %s (%s)", r.Method, r.URL.Path, r.Header.Get("Content-Type"))
		}
		sent, _ = io.ReadAll(r.Body)
		writeBody(w, http.StatusCreated, readFixture(t, "training.json"))
	}))
	required, retry := int64(0), int64(3)
	created, err := client.CreateTraining(context.Background(), &Training{
		ProjectID:                "74175",
		PrivateName:              "t",
		TaskSuitesRequiredToPass: &required,
		RetryTrainingAfterDays:   &retry,
		Metadata:                 map[string][]string{},
	})
	if err != nil {
		t.Fatal(err)
	}
	if created.ID != "31226418" {
		t.Errorf("created = %+v", created)
	}
	// The required members are sent even when false or zero; so are a zero
	// count that was set and an empty metadata map.
	assertSameJSON(t, []byte(`{"project_id":"74175","private_name":"t","inherited_instructions":false,
		"training_tasks_in_task_suite_count":0,"task_suites_required_to_pass":0,"retry_training_after_days":3,
		"metadata":{}}`), sent)
}

// A training whose create answer was lost is adopted, not made twice, and a
// training of the same name with other required members is not taken for it.
func TestCreateTrainingNeverMakesTwo(t *testing.T) {
	store := &projectStore{path: "/trainings", script: []postFault{postBadGateway}}
	client, adopted := newStoreClient(t, store)
	fields := map[string]any{"project_id": "7", "private_name": "Warm-up", "inherited_instructions": true,
		"training_tasks_in_task_suite_count": 5}
	store.add(fields, 0) // made just now by someone else: another count
	created, err := client.CreateTraining(context.Background(), &Training{ProjectID: "7", PrivateName: "Warm-up",
		InheritedInstructions: true, TrainingTasksInTaskSuiteCount: 3})
	if err != nil {
		t.Fatal(err)
	}
	if created.ID != "2" || created.TrainingTasksInTaskSuiteCount != 3 || store.count() != 2 ||
		store.posts.Load() != 1 || adopted.Load() != 1 {
		t.Errorf("CreateTraining = %+v; %d stored, %d POSTs, %d adopted", created, store.count(), store.posts.Load(), adopted.Load())
	}
}

// TestGetThenUpdateTrainingSendsEverythingBack checks that the GET → PUT
// round trip of a training loses nothing, typed fields and unknown members.
func TestGetThenUpdateTrainingSendsEverythingBack(t *testing.T) {
	stored := readFixture(t, "training.json")
	var putBody []byte
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/trainings/31226418", func(w http.ResponseWriter, r *http.Request) {
		writeBody(w, 200, stored)
	})
	mux.HandleFunc("PUT /api/v1/trainings/31226418", func(w http.ResponseWriter, r *http.Request) {
		putBody, _ = io.ReadAll(r.Body)
		writeBody(w, 200, putBody)
	})
	client := newTestClient(t, mux)
	ctx := context.Background()
	tr, err := client.GetTraining(ctx, "31226418")
	if err != nil {
		t.Fatal(err)
	}
	updated, err := client.UpdateTraining(ctx, tr.ID, tr)
	if err != nil {
		t.Fatal(err)
	}
	assertSameJSON(t, stored, putBody)
	if updated.PrivateName != "Simple training pool" {
		t.Errorf("updated = %+v", updated)
	}
}

func TestTrainingActions(t *testing.T) {
	actions := map[string]func(*Client, context.Context, string) (*Operation, error){
		"open":             (*Client).OpenTraining,
		"close":            (*Client).CloseTraining,
		"close-for-update": (*Client).CloseTrainingForUpdate,
		"archive":          (*Client).ArchiveTraining,
	}
	conflict := []byte(`{"request_id":"r","code":"TRAINING_ARCHIVE_CONFLICT","message":"linked pools","payload":null}`)
	for action, call := range actions {
		t.Run(action, func(t *testing.T) {
			client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "" {
					t.Errorf("%s with Content-Type %q", r.Method, r.Header.Get("Content-Type"))
				}
				switch r.URL.Path {
				case "/api/v1/trainings/1/" + action:
					writeBody(w, http.StatusAccepted, readFixture(t, "operation_training_archive_success.json"))
				case "/api/v1/trainings/2/" + action:
					w.WriteHeader(http.StatusNoContent)
				case "/api/v1/trainings/3/" + action:
					writeBody(w, http.StatusConflict, conflict)
				default:
					t.Errorf("unexpected path %s", r.URL.Path)
				}
			}))
			ctx := context.Background()
			op, err := call(client, ctx, "1")
			if err != nil || op == nil || op.Type != OperationTrainingArchive || string(op.Parameters["training_id"]) != `"1245598"` {
				t.Errorf("202: %+v, %v", op, err)
			}
			op, err = call(client, ctx, "2")
			if op != nil || err != nil {
				t.Errorf("204: %v, %v; want nil, nil", op, err)
			}
			op, err = call(client, ctx, "3")
			if op != nil || !HasCode(err, CodeTrainingArchiveConflict) {
				t.Errorf("409: %v, %v; want TRAINING_ARCHIVE_CONFLICT", op, err)
			}
		})
	}
}

func TestTrainingCallsRejectBadInput(t *testing.T) {
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("request sent: %s %s", r.Method, r.URL.Path)
	}))
	ctx := context.Background()
	if _, err := client.CreateTraining(ctx, nil); err == nil {
		t.Error("CreateTraining(nil) succeeded")
	}
	if _, err := client.UpdateTraining(ctx, "1", nil); err == nil {
		t.Error("UpdateTraining(nil) succeeded")
	}
	if _, err := client.GetTraining(ctx, ".."); err == nil {
		t.Error("GetTraining(..) succeeded")
	}
	if _, err := client.OpenTraining(ctx, ""); err == nil {
		t.Error("OpenTraining(\"\") succeeded")
	}
}

func TestTrainingIDIsOnePathSegment(t *testing.T) {
	var paths []string
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.EscapedPath())
		w.WriteHeader(http.StatusNoContent)
	}))
	if _, err := client.ArchiveTraining(context.Background(), "a/b?c"); err != nil {
		t.Fatal(err)
	}
	if len(paths) != 1 || paths[0] != "/api/v1/trainings/a%2Fb%3Fc/archive" {
		t.Errorf("paths %v", paths)
	}
}

func TestListTrainingsQuery(t *testing.T) {
	at := func(day int) Time { return NewTime(time.Date(2024, 3, day, 12, 0, 0, 0, time.UTC)) }
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/v1/trainings" {
			t.Errorf("path %s", r.URL.Path)
		}
		want := "created_gt=2024-03-01T12%3A00%3A00&created_gte=2024-03-02T12%3A00%3A00&created_lt=2024-03-03T12%3A00%3A00" +
			"&created_lte=2024-03-04T12%3A00%3A00&id_gt=1&id_gte=2&id_lt=9&id_lte=8" +
			"&last_started_gt=2024-03-05T12%3A00%3A00&last_started_gte=2024-03-06T12%3A00%3A00" +
			"&last_started_lt=2024-03-07T12%3A00%3A00&last_started_lte=2024-03-08T12%3A00%3A00" +
			"&limit=20&project_id=42&sort=-last_started%2Cid&status=ARCHIVED"
		if got := r.URL.Query().Encode(); got != want {
			t.Errorf("query\n got %s\nwant %s", got, want)
		}
		writeBody(w, 200, readFixture(t, "training_list_page.json"))
	}))
	page, err := client.ListTrainings(context.Background(), TrainingListOptions{
		ProjectID: "42", Status: PoolStatusArchived, Sort: "-last_started,id", Limit: 20,
		ID:          IDRange{Gt: "1", Gte: "2", Lt: "9", Lte: "8"},
		Created:     TimeRange{Gt: at(1), Gte: at(2), Lt: at(3), Lte: at(4)},
		LastStarted: TimeRange{Gt: at(5), Gte: at(6), Lt: at(7), Lte: at(8)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 || page.Items[0].ID != "31226418" || !page.HasMore {
		t.Errorf("page = %+v", page)
	}
}

func TestListAllTrainingsAcrossPages(t *testing.T) {
	pages := map[string]TrainingPage{
		"":   {Items: []Training{{ID: "3"}, {ID: "10"}}, HasMore: true},
		"10": {Items: []Training{{ID: "12"}}, HasMore: false},
	}
	var idGts []string
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("sort") != "id" || q.Get("status") != "CLOSED" || q.Get("limit") != "300" {
			t.Errorf("query %v", q)
		}
		idGts = append(idGts, q.Get("id_gt"))
		page, ok := pages[q.Get("id_gt")]
		if !ok {
			t.Errorf("unexpected id_gt %q", q.Get("id_gt"))
		}
		writeJSON(t, w, page)
	}))
	trainings, err := client.ListAllTrainings(context.Background(), TrainingListOptions{Status: PoolStatusClosed, Sort: "-created"})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, tr := range trainings {
		ids = append(ids, tr.ID)
	}
	assertSameJSON(t, []byte(`["3","10","12"]`), mustMarshal(t, ids))
	assertSameJSON(t, []byte(`["","10"]`), mustMarshal(t, idGts))
}
