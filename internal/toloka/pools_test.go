package toloka

import (
	"context"
	"net/http"
	"testing"
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
		string(pool.Extra["reward_per_assignment"]) != "0.07" {
		t.Errorf("pool = %+v", pool)
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
		writeJSON(t, w, 200, page)
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
