package toloka

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"
)

func TestCreateProject(t *testing.T) {
	var sent []byte
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/api/v1/projects" {
			t.Errorf("request %s %s", r.Method, r.URL.Path)
		}
		sent, _ = io.ReadAll(r.Body)
		writeBody(w, http.StatusCreated, readFixture(t, "project.json"))
	}))
	input := &Project{
		PublicName:        "Choose image color",
		PublicDescription: "Look at the picture",
		TaskSpec:          &TaskSpec{InputSpec: map[string]FieldSpec{"image": {Type: "url"}}, OutputSpec: map[string]FieldSpec{}},
		Extra:             map[string]json.RawMessage{"sensitive": json.RawMessage(`true`)},
	}
	created, err := client.CreateProject(context.Background(), input)
	if err != nil {
		t.Fatal(err)
	}
	if created.ID != "10" || created.Status != ProjectStatusActive || created.Created.APIString() != "2015-12-09T12:10:00" {
		t.Errorf("created = %+v", created)
	}
	assertSameJSON(t, []byte(`{"public_name":"Choose image color","public_description":"Look at the picture",
		"task_spec":{"input_spec":{"image":{"type":"url"}},"output_spec":{}},"sensitive":true}`), sent)
}

// TestGetThenUpdateSendsUnknownFieldsBack checks the GET → PUT round trip
// loses nothing the server sent, including fields this package doesn't model.
func TestGetThenUpdateSendsUnknownFieldsBack(t *testing.T) {
	stored := readFixture(t, "project_docs_example.json")
	var putBody []byte
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/projects/83859", func(w http.ResponseWriter, r *http.Request) {
		writeBody(w, 200, stored)
	})
	mux.HandleFunc("PUT /api/v1/projects/83859", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("PUT Content-Type = %q", r.Header.Get("Content-Type"))
		}
		putBody, _ = io.ReadAll(r.Body)
		writeBody(w, 200, putBody)
	})
	client := newTestClient(t, mux)
	ctx := context.Background()
	project, err := client.GetProject(ctx, "83859")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := project.Extra["owner"]; !ok {
		t.Fatalf("owner not kept in Extra: %v", project.Extra)
	}
	updated, err := client.UpdateProject(ctx, project.ID, project)
	if err != nil {
		t.Fatal(err)
	}
	assertSameJSON(t, stored, putBody)
	if updated.PublicName != "Elephant color" || *updated.MaxActiveAssignmentsCount != 15 {
		t.Errorf("updated = %+v", updated)
	}
}

func TestArchiveProject(t *testing.T) {
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "" {
			t.Errorf("%s with Content-Type %q", r.Method, r.Header.Get("Content-Type"))
		}
		switch r.URL.Path {
		case "/api/v1/projects/10/archive":
			writeBody(w, http.StatusAccepted, readFixture(t, "operation_project_archive_running.json"))
		case "/api/v1/projects/11/archive":
			w.WriteHeader(http.StatusNoContent)
		default:
			t.Errorf("unexpected path %s", r.URL.Path)
		}
	}))
	op, err := client.ArchiveProject(context.Background(), "10")
	if err != nil || op == nil {
		t.Fatalf("ArchiveProject(10) = %v, %v", op, err)
	}
	if op.ID != "archive-project-op-1" || op.Type != "PROJECT.ARCHIVE" || op.Status != OperationRunning || string(op.Parameters["project_id"]) != `"10"` {
		t.Errorf("operation = %+v", op)
	}
	op, err = client.ArchiveProject(context.Background(), "11")
	if op != nil || err != nil {
		t.Errorf("ArchiveProject of an archived project = %v, %v; want nil, nil", op, err)
	}
}

func TestListProjectsQuery(t *testing.T) {
	var queries []url.Values
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		queries = append(queries, r.URL.Query())
		writeBody(w, 200, readFixture(t, "project_list_page.json"))
	}))
	ctx := context.Background()
	page, err := client.ListProjects(ctx, ProjectListOptions{
		Status:     ProjectStatusActive,
		Sort:       "-created",
		Limit:      20,
		IDGt:       "100",
		CreatedGte: NewTime(time.Date(2022, 12, 1, 0, 0, 0, 0, time.UTC)),
		CreatedLt:  NewTime(time.Date(2023, 1, 1, 10, 30, 0, 500_000_000, time.UTC)),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 || !page.HasMore || page.Items[0].ID != "83859" {
		t.Errorf("page = %+v", page)
	}
	for _, opts := range []ProjectListOptions{{}, {Limit: 1000}} {
		if _, err := client.ListProjects(ctx, opts); err != nil {
			t.Fatal(err)
		}
	}
	want := []url.Values{
		{"status": {"ACTIVE"}, "sort": {"-created"}, "limit": {"20"}, "id_gt": {"100"},
			"created_gte": {"2022-12-01T00:00:00"}, "created_lt": {"2023-01-01T10:30:00.500"}},
		{"limit": {"300"}},
		{"limit": {"300"}},
	}
	assertSameJSON(t, mustMarshal(t, want), mustMarshal(t, queries))
}

func TestListAllProjectsPagesByID(t *testing.T) {
	var idGts []string
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		idGts = append(idGts, q.Get("id_gt"))
		if q.Get("sort") != "id" || q.Get("status") != "ARCHIVED" {
			t.Errorf("query %v", q)
		}
		page := ProjectPage{HasMore: q.Get("id_gt") == ""}
		if page.HasMore {
			page.Items = []Project{{ID: "3"}, {ID: "8"}}
		} else {
			page.Items = []Project{{ID: "9"}}
		}
		writeJSON(t, w, page)
	}))
	projects, err := client.ListAllProjects(context.Background(), ProjectListOptions{Status: ProjectStatusArchived, Sort: "-id"})
	if err != nil {
		t.Fatal(err)
	}
	if len(projects) != 3 || projects[2].ID != "9" || len(idGts) != 2 || idGts[1] != "8" {
		t.Errorf("projects %v after id_gt %q", projects, idGts)
	}
}

func TestCreateAndUpdateRejectANilProject(t *testing.T) {
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("request sent: %s %s", r.Method, r.URL.Path)
	}))
	if _, err := client.CreateProject(context.Background(), nil); err == nil {
		t.Error("CreateProject(nil) succeeded")
	}
	if _, err := client.UpdateProject(context.Background(), "1", nil); err == nil {
		t.Error("UpdateProject(nil) succeeded")
	}
}
