package toloka

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"
)

func TestGetPool(t *testing.T) {
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/v1/pools/32267581" {
			t.Errorf("path %s", r.URL.Path)
		}
		writeBody(w, 200, readFixture(t, "pool.json"))
	}))
	pool, err := client.GetPool(context.Background(), "32267581")
	if err != nil {
		t.Fatal(err)
	}
	if pool.ProjectID != "81776" || pool.Status != PoolStatusOpen || pool.Created.APIString() != "2022-03-10T07:41:53.626" ||
		*pool.RewardPerAssignment != 0.07 || *pool.AssignmentMaxDurationSeconds != 600 ||
		pool.WillExpire.APIString() != "2023-03-09T00:00:00" || *pool.Defaults.DefaultOverlapForNewTaskSuites != 3 ||
		pool.Defaults.DefaultOverlapForNewTasks != nil || !*pool.MayContainAdultContent || *pool.AutoAcceptPeriodDay != 21 ||
		*pool.AutoCloseAfterCompleteDelaySeconds != 0 || *pool.Priority != 0 ||
		*pool.AssignmentsIssuingConfig.IssueTaskSuitesInCreationOrder || pool.SpeedQualityBalance.Type != "TOP_PERCENTAGE_BY_QUALITY" ||
		*pool.SpeedQualityBalance.Percent != 100 || pool.Metadata == nil || len(pool.Metadata) != 0 {
		t.Errorf("pool = %+v", pool)
	}
	assertSameJSON(t, []byte(`{"and":[{"or":[{"category":"profile","key":"languages","operator":"IN","value":"EN"}]}]}`), pool.Filter)
	if string(pool.Extra["type"]) != `"REGULAR"` || pool.Extra["owner"] == nil || len(pool.Extra) != 2 {
		t.Errorf("Extra = %v, want owner and type only", pool.Extra)
	}
}

func TestCreatePool(t *testing.T) {
	var sent []byte
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/api/v1/pools" || r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("request %s %s (%s)", r.Method, r.URL.Path, r.Header.Get("Content-Type"))
		}
		sent, _ = io.ReadAll(r.Body)
		writeBody(w, http.StatusCreated, readFixture(t, "pool.json"))
	}))
	reward, duration, overlap := 0.0, int64(600), int64(1)
	expire := NewTime(time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC))
	input := &Pool{
		ProjectID:                    "81776",
		PrivateName:                  "p",
		RewardPerAssignment:          &reward,
		AssignmentMaxDurationSeconds: &duration,
		WillExpire:                   &expire,
		Defaults:                     &PoolDefaults{DefaultOverlapForNewTaskSuites: &overlap},
		Metadata:                     map[string][]string{},
		Filter:                       json.RawMessage(`{"and":[]}`),
	}
	created, err := client.CreatePool(context.Background(), input)
	if err != nil {
		t.Fatal(err)
	}
	if created.ID != "32267581" || created.Status != PoolStatusOpen {
		t.Errorf("created = %+v", created)
	}
	// A zero reward is sent (it is a valid price), an empty metadata map too.
	assertSameJSON(t, []byte(`{"project_id":"81776","private_name":"p","reward_per_assignment":0,
		"assignment_max_duration_seconds":600,"will_expire":"2030-01-02T03:04:05",
		"defaults":{"default_overlap_for_new_task_suites":1},"metadata":{},"filter":{"and":[]}}`), sent)
}

// TestGetThenUpdatePoolSendsEverythingBack checks that the GET → PUT round
// trip of a pool loses nothing, typed fields, raw JSON and unknown members.
func TestGetThenUpdatePoolSendsEverythingBack(t *testing.T) {
	stored := readFixture(t, "pool.json")
	var putBody []byte
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/pools/32267581", func(w http.ResponseWriter, r *http.Request) {
		writeBody(w, 200, stored)
	})
	mux.HandleFunc("PUT /api/v1/pools/32267581", func(w http.ResponseWriter, r *http.Request) {
		putBody, _ = io.ReadAll(r.Body)
		writeBody(w, 200, putBody)
	})
	client := newTestClient(t, mux)
	ctx := context.Background()
	pool, err := client.GetPool(ctx, "32267581")
	if err != nil {
		t.Fatal(err)
	}
	updated, err := client.UpdatePool(ctx, pool.ID, pool)
	if err != nil {
		t.Fatal(err)
	}
	assertSameJSON(t, stored, putBody)
	if updated.PrivateName != "Transcript of audio recordings" {
		t.Errorf("updated = %+v", updated)
	}
}

func TestPoolActions(t *testing.T) {
	actions := map[string]func(*Client, context.Context, string) (*Operation, error){
		"open":             (*Client).OpenPool,
		"close":            (*Client).ClosePool,
		"close-for-update": (*Client).ClosePoolForUpdate,
		"archive":          (*Client).ArchivePool,
	}
	for action, call := range actions {
		t.Run(action, func(t *testing.T) {
			client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "" {
					t.Errorf("%s with Content-Type %q", r.Method, r.Header.Get("Content-Type"))
				}
				switch r.URL.Path {
				case "/api/v1/pools/1/" + action:
					writeBody(w, http.StatusAccepted, readFixture(t, "operation_pool_archive_success.json"))
				case "/api/v1/pools/2/" + action:
					w.WriteHeader(http.StatusNoContent)
				case "/api/v1/pools/3/" + action:
					writeBody(w, http.StatusConflict, readFixture(t, "error_empty_pool_409.json"))
				default:
					t.Errorf("unexpected path %s", r.URL.Path)
				}
			}))
			ctx := context.Background()
			op, err := call(client, ctx, "1")
			if err != nil || op == nil || op.ID != "57068577e4b0bf7b07a0256f" || string(op.Parameters["pool_id"]) != `"1"` {
				t.Errorf("202: %+v, %v", op, err)
			}
			op, err = call(client, ctx, "2")
			if op != nil || err != nil {
				t.Errorf("204: %v, %v; want nil, nil", op, err)
			}
			op, err = call(client, ctx, "3")
			if op != nil || !HasCode(err, CodeEmptyPool) {
				t.Errorf("409: %v, %v; want EMPTY_POOL", op, err)
			}
		})
	}
}

func TestPoolCallsRejectBadInput(t *testing.T) {
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("request sent: %s %s", r.Method, r.URL.Path)
	}))
	ctx := context.Background()
	if _, err := client.CreatePool(ctx, nil); err == nil {
		t.Error("CreatePool(nil) succeeded")
	}
	if _, err := client.UpdatePool(ctx, "1", nil); err == nil {
		t.Error("UpdatePool(nil) succeeded")
	}
	if _, err := client.UpdatePool(ctx, "..", &Pool{}); err == nil {
		t.Error("UpdatePool(..) succeeded")
	}
	if _, err := client.ArchivePool(ctx, ""); err == nil {
		t.Error("ArchivePool(\"\") succeeded")
	}
}

func TestPoolIDIsOnePathSegment(t *testing.T) {
	var paths []string
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.EscapedPath())
		w.WriteHeader(http.StatusNoContent)
	}))
	if _, err := client.ClosePool(context.Background(), "a/b?c"); err != nil {
		t.Fatal(err)
	}
	if len(paths) != 1 || paths[0] != "/api/v1/pools/a%2Fb%3Fc/close" {
		t.Errorf("paths %v", paths)
	}
}

func TestListPoolsQuery(t *testing.T) {
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		want := "id_gt=5&limit=300&project_id=42&sort=-created&status=CLOSED"
		if got := r.URL.Query().Encode(); got != want {
			t.Errorf("query %s, want %s", got, want)
		}
		writeBody(w, 200, []byte(`{"items":[{"id":"6","project_id":"42","private_name":"p","status":"CLOSED"}],"has_more":false}`))
	}))
	page, err := client.ListPools(context.Background(), PoolListOptions{ProjectID: "42", Status: PoolStatusClosed, IDGt: "5", Sort: "-created"})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 || page.Items[0].ID != "6" || page.HasMore {
		t.Errorf("page = %+v", page)
	}
}

func TestListAllPoolsAcrossThreePages(t *testing.T) {
	pages := map[string]PoolPage{
		"":   {Items: []Pool{{ID: "1"}, {ID: "2"}}, HasMore: true},
		"2":  {Items: []Pool{{ID: "5"}, {ID: "10"}}, HasMore: true},
		"10": {Items: []Pool{{ID: "11"}}, HasMore: false},
	}
	var idGts []string
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("sort") != "id" || q.Get("project_id") != "7" || q.Get("limit") != "2" {
			t.Errorf("query %v", q)
		}
		idGt := q.Get("id_gt")
		idGts = append(idGts, idGt)
		page, ok := pages[idGt]
		if !ok {
			t.Errorf("unexpected id_gt %q", idGt)
		}
		writeJSON(t, w, page)
	}))
	pools, err := client.ListAllPools(context.Background(), PoolListOptions{ProjectID: "7", Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range pools {
		ids = append(ids, p.ID)
	}
	assertSameJSON(t, []byte(`["1","2","5","10","11"]`), mustMarshal(t, ids))
	assertSameJSON(t, []byte(`["","2","10"]`), mustMarshal(t, idGts))
}

func TestListAllPoolsStopsWhenPagingDoesNotAdvance(t *testing.T) {
	for name, body := range map[string]string{
		"empty page with more": `{"items":[],"has_more":true}`,
		"same last id":         `{"items":[{"id":"4"}],"has_more":true}`,
	} {
		t.Run(name, func(t *testing.T) {
			requests := 0
			client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				requests++
				writeBody(w, 200, []byte(body))
			}))
			_, err := client.ListAllPools(context.Background(), PoolListOptions{IDGt: "4"})
			if err == nil || requests != 1 {
				t.Errorf("err = %v after %d requests, want an error after 1", err, requests)
			}
		})
	}
}

func TestListAllPoolsReturnsPageErrors(t *testing.T) {
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeBody(w, 403, []byte(`{"code":"ACCESS_DENIED","message":"no"}`))
	}))
	pools, err := client.ListAllPools(context.Background(), PoolListOptions{})
	if pools != nil || !HasCode(err, "ACCESS_DENIED") {
		t.Errorf("ListAllPools = %v, %v", pools, err)
	}
}
