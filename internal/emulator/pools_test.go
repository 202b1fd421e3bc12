package emulator

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"
)

func TestPoolMatchesFixtureShape(t *testing.T) {
	e := newEnv(t, Options{})
	want := fixture(t, "pool.json")
	id := e.s.AddPool("100001", "OPEN")
	got := e.do(http.MethodGet, "/api/v1/pools/"+id, nil).want(t, http.StatusOK).object(t)
	// Members of the fixture that a pool made by the controls must have too,
	// with the same JSON type.
	for _, k := range []string{
		"id", "project_id", "private_name", "may_contain_adult_content", "will_expire",
		"reward_per_assignment", "assignment_max_duration_seconds", "auto_accept_solutions",
		"auto_accept_period_day", "defaults", "priority", "owner", "type", "status", "created",
	} {
		if jsonType(got[k]) != jsonType(want[k]) {
			t.Errorf("%s = %v (%s), want a %s like %v", k, got[k], jsonType(got[k]), jsonType(want[k]), want[k])
		}
	}
	if got["id"] != id || got["project_id"] != "100001" || got["status"] != "OPEN" {
		t.Errorf("pool %v", got)
	}
	for _, k := range []string{"created", "will_expire", "last_started"} {
		if s, _ := got[k].(string); !wireDate.MatchString(s) {
			t.Errorf("%s = %v", k, got[k])
		}
	}
}

func jsonType(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case json.Number:
		return "number"
	case bool:
		return "boolean"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case nil:
		return "absent"
	}
	return "?"
}

func TestGetMissingPool(t *testing.T) {
	e := newEnv(t, Options{})
	project := e.createProject(minimalProject("p"))["id"].(string)
	for _, id := range []string{"30009999", "x", project} {
		wantError(t, e.do(http.MethodGet, "/api/v1/pools/"+id, nil), http.StatusNotFound, "DOES_NOT_EXIST")
	}
}

func TestSetPoolStatus(t *testing.T) {
	e := newEnv(t, Options{})
	id := e.s.AddPool("100001", "CLOSED")
	e.clock.Advance(time.Minute)
	if err := e.s.SetPoolStatus(id, "OPEN"); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(time.Minute)
	if err := e.s.SetPoolStatus(id, "CLOSED"); err != nil {
		t.Fatal(err)
	}
	got := e.do(http.MethodGet, "/api/v1/pools/"+id, nil).want(t, http.StatusOK).object(t)
	if got["status"] != "CLOSED" || got["last_started"] != "2024-03-10T12:01:00.123" ||
		got["last_stopped"] != "2024-03-10T12:02:00.123" || got["last_close_reason"] != "MANUAL" {
		t.Errorf("pool %v", got)
	}
	if err := e.s.SetPoolStatus("30009999", "OPEN"); err != ErrNotFound {
		t.Errorf("missing pool: %v", err)
	}
	if err := e.s.SetPoolStatus(id, "PAUSED"); err == nil {
		t.Error("invalid status accepted")
	}
}

func TestAddPoolPanicsOnInvalidStatus(t *testing.T) {
	e := newEnv(t, Options{})
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	e.s.AddPool("100001", "open")
}

func TestListPools(t *testing.T) {
	e := newEnv(t, Options{})
	var ids []string
	for _, c := range []struct{ project, status string }{
		{"100001", "OPEN"}, {"100001", "ARCHIVED"}, {"100002", "CLOSED"}, {"100001", "LOCKED"},
	} {
		ids = append(ids, e.s.AddPool(c.project, c.status))
		e.clock.Advance(time.Minute)
	}
	cases := map[string][]string{
		"":                                  ids,
		"project_id=100001":                 {ids[0], ids[1], ids[3]},
		"project_id=100001&status=ARCHIVED": ids[1:2],
		"status=CLOSED":                     ids[2:3],
		"id_gt=" + ids[1]:                   ids[2:],
		"created_gte=2024-03-10T12:02:00":   ids[2:],
		"last_started_lt=2024-03-11":        ids[:1],
		"sort=-created&limit=2":             {ids[3], ids[2]},
		"sort=-id":                          {ids[3], ids[2], ids[1], ids[0]},
	}
	for query, want := range cases {
		t.Run(query, func(t *testing.T) {
			got, _ := e.listIDs("/api/v1/pools?" + query)
			if !slices.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
	_, hasMore := e.listIDs("/api/v1/pools?limit=3")
	if !hasMore {
		t.Error("has_more false with 4 pools and limit 3")
	}
}

func TestListPoolsBadParameters(t *testing.T) {
	e := newEnv(t, Options{})
	for query, field := range map[string]string{
		"limit=301":     "limit",
		"status=PAUSED": "status",
		"sort=priority": "sort",
		"id_lt=x":       "id_lt",
	} {
		t.Run(query, func(t *testing.T) {
			got := wantError(t, e.do(http.MethodGet, "/api/v1/pools?"+query, nil), http.StatusBadRequest, "VALIDATION_ERROR")
			if fieldCode(got, field) == nil {
				t.Errorf("payload %v does not name %s", got["payload"], field)
			}
		})
	}
}
