package emulator

import (
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"testing"
	"time"
)

func (e *testEnv) createSkill(body map[string]any) map[string]any {
	e.t.Helper()
	return e.do(http.MethodPost, "/api/v1/skills", body).want(e.t, http.StatusCreated).object(e.t)
}

// wantSameShape fails unless got has every member of the fixture want, each
// with the same JSON type, and no member the fixture lacks.
func wantSameShape(t *testing.T, got, want map[string]any) {
	t.Helper()
	for k, v := range want {
		if jsonType(got[k]) != jsonType(v) {
			t.Errorf("%s = %v (%s), want a %s like %v", k, got[k], jsonType(got[k]), jsonType(v), v)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("member %s = %v is not in the reference's example", k, got[k])
		}
	}
}

// sameJSON reports whether a and b encode the same JSON value.
func sameJSON(a, b any) bool {
	var x, y any
	ra, errA := json.Marshal(a)
	rb, errB := json.Marshal(b)
	return errA == nil && errB == nil && json.Unmarshal(ra, &x) == nil && json.Unmarshal(rb, &y) == nil && reflect.DeepEqual(x, y)
}

func TestCreateSkillFillsInWhatTolokaDoes(t *testing.T) {
	e := newEnv(t, Options{})
	got := e.createSkill(map[string]any{
		"name": "product search relevance", "public_name": map[string]any{"EN": "product search relevance"}, "private_comment": "",
	})
	wantSameShape(t, got, fixture(t, "skill.json"))
	if got["id"] != "60001" || got["hidden"] != true || got["deprecated"] != false || got["global"] != false ||
		got["created"] != "2024-03-10T12:00:00.123" || at(got, "owner", "id") != DefaultRequesterID || at(got, "owner", "myself") != true {
		t.Errorf("skill %v", got)
	}
	if again := e.do(http.MethodGet, "/api/v1/skills/60001", nil).want(t, http.StatusOK).object(t); !sameJSON(again, got) {
		t.Errorf("GET %v, POST answered %v", again, got)
	}
}

func TestCreateSkillValidation(t *testing.T) {
	e := newEnv(t, Options{SkillCreateQuota: &Quota{}})
	for name, tc := range map[string]struct {
		body       map[string]any
		path, code string
	}{
		"no name":              {map[string]any{"hidden": true}, "name", "VALUE_REQUIRED"},
		"empty name":           {map[string]any{"name": ""}, "name", "INVALID_VALUE"},
		"public name a string": {map[string]any{"name": "s", "public_name": "EN"}, "public_name", "OBJECT_EXPECTED"},
		"public name a number": {map[string]any{"name": "s", "public_requester_description": map[string]any{"EN": 1}}, "public_requester_description.EN", "STRING_EXPECTED"},
		"hidden a string":      {map[string]any{"name": "s", "hidden": "yes"}, "hidden", "BOOLEAN_EXPECTED"},
		"zero TTL":             {map[string]any{"name": "s", "skill_ttl_hours": 0}, "skill_ttl_hours", "VALUE_LESS_THAN_MIN"},
		"fractional TTL":       {map[string]any{"name": "s", "skill_ttl_hours": 1.5}, "skill_ttl_hours", "INTEGER_EXPECTED"},
		"training a string":    {map[string]any{"name": "s", "training": "no"}, "training", "BOOLEAN_EXPECTED"},
	} {
		t.Run(name, func(t *testing.T) {
			got := wantError(t, e.do(http.MethodPost, "/api/v1/skills", tc.body), http.StatusBadRequest, "VALIDATION_ERROR")
			if fieldCode(got, tc.path) != tc.code {
				t.Errorf("payload %v, want %s at %s", got["payload"], tc.code, tc.path)
			}
		})
	}
	if ids, _ := e.listIDs("/api/v1/skills"); len(ids) != 0 {
		t.Errorf("invalid skills stored: %v", ids)
	}
}

// PUT replaces every editable field: what is left out goes (or takes its
// default again), the read-only fields sent back are ignored and unknown
// fields are kept.
func TestUpdateSkillReplacesEverything(t *testing.T) {
	e := newEnv(t, Options{})
	created := e.createSkill(map[string]any{"name": "s", "private_comment": "c", "hidden": false, "skill_ttl_hours": 24})
	e.clock.Advance(time.Minute)
	body := map[string]any{
		"name": "renamed", "deprecated": true, "future_field": map[string]any{"x": 1},
		"id": "1", "owner": map[string]any{"id": "someone"}, "global": true, "created": "2000-01-01T00:00:00",
	}
	got := e.do(http.MethodPut, "/api/v1/skills/60001", body).want(t, http.StatusOK).object(t)
	want := map[string]any{
		"id": "60001", "name": "renamed", "deprecated": true, "hidden": true, "global": false,
		"created": created["created"], "owner": created["owner"], "future_field": map[string]any{"x": 1},
	}
	if !sameJSON(got, want) {
		t.Errorf("PUT answered %v, want %v", got, want)
	}
	if ids, _ := e.listIDs("/api/v1/skills?modified_gte=2024-03-10T12:01:00"); !slices.Equal(ids, []string{"60001"}) {
		t.Errorf("modified filter: %v", ids)
	}
	wantError(t, e.do(http.MethodPut, "/api/v1/skills/60002", body), http.StatusNotFound, "DOES_NOT_EXIST")
	wantError(t, e.do(http.MethodPut, "/api/v1/skills/60001", map[string]any{"hidden": false}), http.StatusBadRequest, "VALIDATION_ERROR")
}

func TestSkillsCannotBeDeleted(t *testing.T) {
	e := newEnv(t, Options{})
	e.createSkill(map[string]any{"name": "s"})
	wantError(t, e.do(http.MethodDelete, "/api/v1/skills/60001", nil), http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED")
	if allow := e.do(http.MethodDelete, "/api/v1/skills/60001", nil).header.Get("Allow"); allow != "GET, PUT" {
		t.Errorf("Allow %q", allow)
	}
	e.do(http.MethodGet, "/api/v1/skills/60001", nil).want(t, http.StatusOK)
}

func TestListSkills(t *testing.T) {
	e := newEnv(t, Options{})
	for _, name := range []string{"a", "b", "a"} {
		e.createSkill(map[string]any{"name": name})
		e.clock.Advance(time.Minute)
	}
	for query, want := range map[string][]string{
		"":                      {"60001", "60002", "60003"},
		"name=a":                {"60001", "60003"},
		"name=c":                nil,
		"global=false":          {"60001", "60002", "60003"},
		"global=true":           nil,
		"sort=-created&limit=2": {"60003", "60002"},
		"id_gt=60001&created_lt=2024-03-10T12:02:00": {"60002"},
	} {
		t.Run(query, func(t *testing.T) {
			if got, _ := e.listIDs("/api/v1/skills?" + query); !slices.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
	for query, field := range map[string]string{"global=yes": "global", "limit=101": "limit", "sort=name": "sort"} {
		got := wantError(t, e.do(http.MethodGet, "/api/v1/skills?"+query, nil), http.StatusBadRequest, "VALIDATION_ERROR")
		if fieldCode(got, field) == nil {
			t.Errorf("%s: payload %v does not name %s", query, got["payload"], field)
		}
	}
}

// Toloka allows 10 skill creations a minute and 100 a day, counted apart
// from the projects' and pools' quota.
func TestSkillCreationQuota(t *testing.T) {
	e := newEnv(t, Options{})
	for i := range 10 {
		e.createSkill(map[string]any{"name": "s" + string(rune('a'+i))})
	}
	got := wantError(t, e.do(http.MethodPost, "/api/v1/skills", map[string]any{"name": "k"}), http.StatusTooManyRequests, "TOO_MANY_REQUESTS")
	if at(got, "payload", "interval") != "MIN" {
		t.Errorf("payload %v", got["payload"])
	}
	e.createProject(minimalProject("projects are counted apart"))
	e.clock.Advance(time.Minute)
	e.createSkill(map[string]any{"name": "k"})

	day := newEnv(t, Options{SkillCreateQuota: &Quota{PerDay: 2}, CreateQuota: &Quota{PerMinute: 1}})
	day.createProject(minimalProject("uses up the project quota"))
	day.createSkill(map[string]any{"name": "a"})
	day.createSkill(map[string]any{"name": "b"})
	got = wantError(t, day.do(http.MethodPost, "/api/v1/skills", map[string]any{"name": "c"}), http.StatusTooManyRequests, "TOO_MANY_REQUESTS")
	if at(got, "payload", "interval") != "DAY" {
		t.Errorf("payload %v", got["payload"])
	}
}
