package emulator

import (
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"
)

// listIDs GETs path and returns the ids of the page and has_more.
func (e *testEnv) listIDs(path string) ([]string, bool) {
	e.t.Helper()
	page := e.do(http.MethodGet, path, nil).want(e.t, http.StatusOK).object(e.t)
	if len(page) != 2 {
		e.t.Errorf("page has members %v, want items and has_more", keysOf(page))
	}
	var ids []string
	for _, it := range page["items"].([]any) {
		ids = append(ids, at(it, "id").(string))
	}
	return ids, page["has_more"].(bool)
}

// seedProjects creates one project per name, a minute apart.
func (e *testEnv) seedProjects(names ...string) []string {
	e.t.Helper()
	var ids []string
	for _, n := range names {
		ids = append(ids, e.createProject(minimalProject(n))["id"].(string))
		e.clock.Advance(time.Minute)
	}
	return ids
}

func TestListProjectsPagesBySortAndIDGT(t *testing.T) {
	e := newEnv(t, Options{})
	all := e.seedProjects("a", "b", "c", "d", "e", "f", "g")
	var seen []string
	query := "sort=id&limit=3"
	for pageNo, wantLen := range []int{3, 3, 1} {
		ids, hasMore := e.listIDs("/api/v1/projects?" + query)
		if len(ids) != wantLen || hasMore != (pageNo < 2) {
			t.Fatalf("page %d: %v has_more=%v", pageNo, ids, hasMore)
		}
		seen = append(seen, ids...)
		query = "sort=id&limit=3&id_gt=" + ids[len(ids)-1]
	}
	if !slices.Equal(seen, all) {
		t.Errorf("pages gave %v, want %v", seen, all)
	}
}

func TestListProjectsComparesIDsAsNumbers(t *testing.T) {
	e := newEnv(t, Options{})
	e.s.lastProject = 99_997 // the next ids cross from 5 to 6 digits
	ids := e.seedProjects("a", "b", "c", "d")
	got, _ := e.listIDs("/api/v1/projects?id_gt=99999")
	if !slices.Equal(got, ids[2:]) {
		t.Errorf("id_gt=99999 gave %v, want %v", got, ids[2:])
	}
	got, _ = e.listIDs("/api/v1/projects?sort=-id&limit=1")
	if !slices.Equal(got, ids[3:]) {
		t.Errorf("sort=-id gave %v, want %v", got, ids[3:])
	}
}

func TestListProjectsSort(t *testing.T) {
	e := newEnv(t, Options{})
	ids := e.seedProjects("b", "a", "b", "c")
	cases := map[string][]string{
		"":                     ids,
		"-id":                  {ids[3], ids[2], ids[1], ids[0]},
		"-created":             {ids[3], ids[2], ids[1], ids[0]},
		"public_name":          {ids[1], ids[0], ids[2], ids[3]},
		"public_name,-id":      {ids[1], ids[2], ids[0], ids[3]},
		"-public_name,id":      {ids[3], ids[0], ids[2], ids[1]},
		"private_comment":      ids,
		" created , -id ":      ids,
		"-private_comment,-id": {ids[3], ids[2], ids[1], ids[0]},
	}
	for sort, want := range cases {
		t.Run(sort, func(t *testing.T) {
			got, _ := e.listIDs("/api/v1/projects?sort=" + url.QueryEscape(sort))
			if !slices.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

func TestListProjectsBadParameters(t *testing.T) {
	e := newEnv(t, Options{})
	cases := map[string]struct{ field, code string }{
		"sort=name":              {"sort", "UNKNOWN_ENUM_VALUE"},
		"sort=id,":               {"sort", "UNKNOWN_ENUM_VALUE"},
		"sort=status":            {"sort", "UNKNOWN_ENUM_VALUE"},
		"limit=301":              {"limit", "VALUE_GREATER_THAN_MAX"},
		"limit=0":                {"limit", "VALUE_LESS_THAN_MIN"},
		"limit=ten":              {"limit", "INTEGER_EXPECTED"},
		"status=DELETED":         {"status", "UNKNOWN_ENUM_VALUE"},
		"status=active":          {"status", "UNKNOWN_ENUM_VALUE"},
		"id_gt=abc":              {"id_gt", "INVALID_VALUE"},
		"created_lt=yesterday":   {"created_lt", "INVALID_DATE_TIME_SYNTAX"},
		"created_gte=2024-13-01": {"created_gte", "INVALID_DATE_TIME_SYNTAX"},
	}
	for query, want := range cases {
		t.Run(query, func(t *testing.T) {
			got := wantError(t, e.do(http.MethodGet, "/api/v1/projects?"+query, nil), http.StatusBadRequest, "VALIDATION_ERROR")
			if code := fieldCode(got, want.field); code != want.code {
				t.Errorf("payload[%s] = %v, want %s (payload %v)", want.field, code, want.code, got["payload"])
			}
		})
	}
	e.do(http.MethodGet, "/api/v1/projects?limit=300&unknown_param=1", nil).want(t, http.StatusOK)
}

func TestListProjectsDefaultLimit(t *testing.T) {
	e := newEnv(t, Options{CreateQuota: &Quota{}})
	for range defaultLimit + 1 {
		e.createProject(minimalProject("p"))
	}
	ids, hasMore := e.listIDs("/api/v1/projects")
	if len(ids) != 50 || !hasMore {
		t.Errorf("default page: %d items, has_more %v; want 50, true", len(ids), hasMore)
	}
	ids, hasMore = e.listIDs("/api/v1/projects?limit=51")
	if len(ids) != 51 || hasMore {
		t.Errorf("limit=51: %d items, has_more %v", len(ids), hasMore)
	}
}

func TestListProjectsFilters(t *testing.T) {
	e := newEnv(t, Options{OperationDelay: -1})
	ids := e.seedProjects("a", "b", "c", "d")
	e.do(http.MethodPost, "/api/v1/projects/"+ids[1]+"/archive", nil).want(t, http.StatusAccepted)
	cases := map[string][]string{
		"status=ARCHIVED":                            {ids[1]},
		"status=ACTIVE":                              {ids[0], ids[2], ids[3]},
		"owner=" + DefaultRequesterID:                ids,
		"owner=somebody-else":                        nil,
		"id_gte=" + ids[1] + "&id_lte=" + ids[2]:     ids[1:3],
		"id_gt=" + ids[1] + "&id_lt=" + ids[3]:       ids[2:3],
		"status=ACTIVE&id_gt=" + ids[0]:              {ids[2], ids[3]},
		"created_gt=2024-03-10T12:01:00.123":         ids[2:],
		"created_gte=2024-03-10T12:01:00.123":        ids[1:],
		"created_lt=2024-03-10T12:01:00.123":         ids[:1],
		"created_lte=2024-03-10T12:01:00.123":        ids[:2],
		"created_gte=2024-03-10T12:01:00":            ids[1:],
		"created_gte=2024-03-10T12:01:00.1234567":    ids[2:],
		"created_gt=2024-03-10T14:01:00.123%2B02:00": ids[2:],
		"created_gt=2024-03-10T12:01:00.123Z":        ids[2:],
		"created_gte=2024-03-10":                     ids,
		"created_lt=2024-03-10":                      nil,
		"created_lt=2024-03-11":                      ids,
	}
	for query, want := range cases {
		t.Run(query, func(t *testing.T) {
			got, _ := e.listIDs("/api/v1/projects?" + query)
			if !slices.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

func TestListProjectsCreatedAcrossDays(t *testing.T) {
	e := newEnv(t, Options{})
	first := e.seedProjects("a")
	e.clock.Advance(48 * time.Hour)
	second := e.seedProjects("b")
	got, _ := e.listIDs("/api/v1/projects?created_gte=2024-03-11")
	if !slices.Equal(got, second) {
		t.Errorf("created_gte=2024-03-11 gave %v, want %v", got, second)
	}
	got, _ = e.listIDs("/api/v1/projects?created_lt=2024-03-11")
	if !slices.Equal(got, first) {
		t.Errorf("created_lt=2024-03-11 gave %v, want %v", got, first)
	}
}

func TestListProjectsPageMatchesFixtureShape(t *testing.T) {
	e := newEnv(t, Options{})
	want := fixture(t, "project_list_page.json")
	e.createProject(at(want, "items").([]any)[0].(map[string]any))
	e.createProject(minimalProject("second"))
	got := e.do(http.MethodGet, "/api/v1/projects?limit=1", nil).want(t, http.StatusOK).object(t)
	if got["has_more"] != want["has_more"] {
		t.Errorf("has_more %v, want %v", got["has_more"], want["has_more"])
	}
	wantItem := at(want, "items").([]any)[0].(map[string]any)
	gotItem := got["items"].([]any)[0].(map[string]any)
	for k := range wantItem {
		if _, ok := gotItem[k]; !ok {
			t.Errorf("item lacks %q", k)
		}
	}
}
