package emulator

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

func (e *testEnv) ban(body map[string]any) map[string]any {
	e.t.Helper()
	return e.do(http.MethodPut, "/api/v1/user-restrictions", body).want(e.t, http.StatusOK).object(e.t)
}

func TestBanFillsInWhatTolokaDoes(t *testing.T) {
	e := newEnv(t, Options{})
	project := e.createProject(minimalProject("p"))["id"].(string)
	got := e.ban(map[string]any{
		"scope": "PROJECT", "user_id": "f25a5f41", "project_id": project, "private_comment": "Many mistakes",
		"will_expire": "2030-01-01T00:00:00.000Z", // as the reference's code sample writes it
	})
	wantSameShape(t, got, fixture(t, "user_restriction.json"))
	if got["id"] != "7000001" || got["project_id"] != project || got["will_expire"] != "2030-01-01T00:00:00.000" ||
		got["created"] != "2024-03-10T12:00:00.123" {
		t.Errorf("ban %v", got)
	}
	if again := e.do(http.MethodGet, "/api/v1/user-restrictions/7000001", nil).want(t, http.StatusOK).object(t); !sameJSON(again, got) {
		t.Errorf("GET %v, PUT answered %v", again, got)
	}
}

// The PUT upserts on who is banned from what: the comment and expiry of
// the same ban are replaced, another scope or target is another ban.
func TestBanUpserts(t *testing.T) {
	e := newEnv(t, Options{})
	pool := e.s.AddPool("100001", "OPEN")
	first := e.ban(map[string]any{"scope": "POOL", "user_id": "u1", "pool_id": pool, "private_comment": "a", "will_expire": "2030-01-01T00:00:00"})
	e.clock.Advance(time.Minute)
	same := e.ban(map[string]any{"scope": "POOL", "user_id": "u1", "pool_id": pool, "private_comment": "b"})
	if same["id"] != first["id"] || same["created"] != first["created"] || same["private_comment"] != "b" || same["will_expire"] != nil {
		t.Errorf("first %v, then %v", first, same)
	}
	everywhere := e.ban(map[string]any{"scope": "ALL_PROJECTS", "user_id": "u1"})
	otherUser := e.ban(map[string]any{"scope": "POOL", "user_id": "u2", "pool_id": pool})
	if ids := []any{first["id"], everywhere["id"], otherUser["id"]}; ids[1] != "7000002" || ids[2] != "7000003" {
		t.Errorf("ids %v", ids)
	}
}

func TestBanValidation(t *testing.T) {
	e := newEnv(t, Options{})
	project := e.createProject(minimalProject("p"))["id"].(string)
	pool := e.s.AddPool(project, "OPEN")
	for name, tc := range map[string]struct {
		body       map[string]any
		path, code string
	}{
		"no scope":            {map[string]any{"user_id": "u"}, "scope", "VALUE_REQUIRED"},
		"unknown scope":       {map[string]any{"scope": "EVERYWHERE", "user_id": "u"}, "scope", "UNKNOWN_ENUM_VALUE"},
		"no user":             {map[string]any{"scope": "ALL_PROJECTS"}, "user_id", "VALUE_REQUIRED"},
		"project without id":  {map[string]any{"scope": "PROJECT", "user_id": "u"}, "project_id", "VALUE_REQUIRED"},
		"pool without id":     {map[string]any{"scope": "POOL", "user_id": "u", "project_id": project}, "pool_id", "VALUE_REQUIRED"},
		"pool with a project": {map[string]any{"scope": "POOL", "user_id": "u", "pool_id": pool, "project_id": project}, "project_id", "INVALID_VALUE"},
		"all with a pool":     {map[string]any{"scope": "ALL_PROJECTS", "user_id": "u", "pool_id": pool}, "pool_id", "INVALID_VALUE"},
		"comment too long":    {map[string]any{"scope": "ALL_PROJECTS", "user_id": "u", "private_comment": strings.Repeat("é", 500)}, "private_comment", "STRING_LENGTH_GREATER_THAN_MAX"},
		"expiry not a date":   {map[string]any{"scope": "ALL_PROJECTS", "user_id": "u", "will_expire": "soon"}, "will_expire", "INVALID_DATE_TIME_SYNTAX"},
		"expiry in the past":  {map[string]any{"scope": "ALL_PROJECTS", "user_id": "u", "will_expire": "2024-03-10T12:00:00"}, "will_expire", "INVALID_VALUE"},
		"unknown project":     {map[string]any{"scope": "PROJECT", "user_id": "u", "project_id": "100009"}, "project_id", "DOES_NOT_EXIST"},
		"unknown pool":        {map[string]any{"scope": "POOL", "user_id": "u", "pool_id": "30000009"}, "pool_id", "DOES_NOT_EXIST"},
		"project id a number": {map[string]any{"scope": "PROJECT", "user_id": "u", "project_id": 100001}, "project_id", "STRING_EXPECTED"},
	} {
		t.Run(name, func(t *testing.T) {
			got := wantError(t, e.do(http.MethodPut, "/api/v1/user-restrictions", tc.body), http.StatusBadRequest, "VALIDATION_ERROR")
			if fieldCode(got, tc.path) != tc.code {
				t.Errorf("payload %v, want %s at %s", got["payload"], tc.code, tc.path)
			}
		})
	}
	e.ban(map[string]any{"scope": "ALL_PROJECTS", "user_id": "u", "private_comment": strings.Repeat("é", 499)})

	wantError(t, e.do(http.MethodPut, "/api/v1/user-restrictions", map[string]any{"scope": "SYSTEM", "user_id": "u"}),
		http.StatusConflict, "SYSTEM_SCOPE_MODIFICATION")
	if err := e.s.DenyProjectAccess(project); err != nil {
		t.Fatal(err)
	}
	wantError(t, e.do(http.MethodPut, "/api/v1/user-restrictions", map[string]any{"scope": "PROJECT", "user_id": "u", "project_id": project}),
		http.StatusForbidden, "ACCESS_DENIED")
	if ids, _ := e.listIDs("/api/v1/user-restrictions"); len(ids) != 1 {
		t.Errorf("bans stored: %v", ids)
	}
}

// Toloka lifts a ban by itself at its will_expire: it is gone.
func TestBanIsLiftedAtItsExpiry(t *testing.T) {
	e := newEnv(t, Options{})
	lifted := e.ban(map[string]any{"scope": "ALL_PROJECTS", "user_id": "u1", "will_expire": "2024-03-10T13:00:00"})["id"].(string)
	kept := e.ban(map[string]any{"scope": "ALL_PROJECTS", "user_id": "u2"})["id"].(string)
	e.clock.Advance(59 * time.Minute)
	e.do(http.MethodGet, "/api/v1/user-restrictions/"+lifted, nil).want(t, http.StatusOK)
	e.clock.Advance(time.Minute)
	wantError(t, e.do(http.MethodGet, "/api/v1/user-restrictions/"+lifted, nil), http.StatusNotFound, "DOES_NOT_EXIST")
	wantError(t, e.do(http.MethodDelete, "/api/v1/user-restrictions/"+lifted, nil), http.StatusNotFound, "DOES_NOT_EXIST")
	if ids, _ := e.listIDs("/api/v1/user-restrictions"); !slices.Equal(ids, []string{kept}) {
		t.Errorf("bans %v, want %s", ids, kept)
	}
	// Banned again, the Toloker has a new ban.
	if again := e.ban(map[string]any{"scope": "ALL_PROJECTS", "user_id": "u1"})["id"]; again == lifted {
		t.Errorf("the lifted ban %s came back", lifted)
	}
}

func TestDeleteBan(t *testing.T) {
	e := newEnv(t, Options{})
	id := e.ban(map[string]any{"scope": "ALL_PROJECTS", "user_id": "u1"})["id"].(string)
	e.do(http.MethodDelete, "/api/v1/user-restrictions/"+id, nil).want(t, http.StatusNoContent)
	wantError(t, e.do(http.MethodGet, "/api/v1/user-restrictions/"+id, nil), http.StatusNotFound, "DOES_NOT_EXIST")
	wantError(t, e.do(http.MethodDelete, "/api/v1/user-restrictions/x", nil), http.StatusNotFound, "DOES_NOT_EXIST")
}

func TestListBans(t *testing.T) {
	e := newEnv(t, Options{})
	project := e.createProject(minimalProject("p"))["id"].(string)
	pool := e.s.AddPool(project, "OPEN")
	var ids []string
	for _, body := range []map[string]any{
		{"scope": "ALL_PROJECTS", "user_id": "u1"},
		{"scope": "PROJECT", "user_id": "u1", "project_id": project},
		{"scope": "POOL", "user_id": "u2", "pool_id": pool},
	} {
		ids = append(ids, e.ban(body)["id"].(string))
		e.clock.Advance(time.Minute)
	}
	for query, want := range map[string][]string{
		"":                                    ids,
		"user_id=u1":                          ids[:2],
		"scope=ALL_PROJECTS":                  ids[:1],
		"scope=PROJECT&project_id=" + project: ids[1:2],
		"scope=POOL&pool_id=" + pool:          ids[2:],
		"pool_id=" + pool:                     ids[2:],
		"sort=-created&limit=2":               {ids[2], ids[1]},
		"created_gte=2024-03-10T12:01:00&id_lt=" + ids[2]: ids[1:2],
	} {
		t.Run(query, func(t *testing.T) {
			if got, _ := e.listIDs("/api/v1/user-restrictions?" + query); !slices.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
	// As documented, scope POOL requires pool_id and PROJECT project_id.
	for query, field := range map[string]string{
		"scope=POOL": "pool_id", "scope=PROJECT": "project_id", "scope=BANNED": "scope", "limit=501": "limit",
	} {
		got := wantError(t, e.do(http.MethodGet, "/api/v1/user-restrictions?"+query, nil), http.StatusBadRequest, "VALIDATION_ERROR")
		if fieldCode(got, field) == nil {
			t.Errorf("%s: payload %v does not name %s", query, got["payload"], field)
		}
	}
}
