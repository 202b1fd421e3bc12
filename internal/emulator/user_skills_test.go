package emulator

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"
)

func (e *testEnv) setUserSkill(skillID, userID string, value any) map[string]any {
	e.t.Helper()
	body := map[string]any{"skill_id": skillID, "user_id": userID, "value": value}
	return e.do(http.MethodPut, "/api/v1/user-skills", body).want(e.t, http.StatusOK).object(e.t)
}

func TestSetUserSkillUpsertsThePair(t *testing.T) {
	e := newEnv(t, Options{})
	skill := e.createSkill(map[string]any{"name": "s"})["id"].(string)
	first := e.setUserSkill(skill, "u1", 49.5)
	wantSameShape(t, first, fixture(t, "user_skill.json"))
	if first["id"] != "1800000001" || first["value"] != json.Number("50") || first["exact_value"] != json.Number("49.5") ||
		first["created"] != "2024-03-10T12:00:00.123" || first["modified"] != first["created"] {
		t.Errorf("first %v", first)
	}
	e.clock.Advance(time.Minute)
	body := map[string]any{"skill_id": skill, "user_id": "u1", "value": 33.333, "reason": "retrained"}
	again := e.do(http.MethodPut, "/api/v1/user-skills", body).want(t, http.StatusOK).object(t)
	if again["id"] != first["id"] || again["value"] != json.Number("33") || again["exact_value"] != json.Number("33.333") ||
		again["created"] != first["created"] || again["modified"] != "2024-03-10T12:01:00.123" || again["reason"] != nil {
		t.Errorf("again %v", again)
	}
	other := e.setUserSkill(skill, "u2", 0)
	if other["id"] != "1800000002" || other["value"] != json.Number("0") {
		t.Errorf("other %v", other)
	}
	if got := e.do(http.MethodGet, "/api/v1/user-skills/1800000001", nil).want(t, http.StatusOK).object(t); !sameJSON(got, again) {
		t.Errorf("GET %v, PUT answered %v", got, again)
	}
}

func TestSetUserSkillValidation(t *testing.T) {
	e := newEnv(t, Options{})
	skill := e.createSkill(map[string]any{"name": "s"})["id"].(string)
	for name, tc := range map[string]struct {
		body       map[string]any
		path, code string
	}{
		"no value":        {map[string]any{"skill_id": skill, "user_id": "u"}, "value", "VALUE_REQUIRED"},
		"value above 100": {map[string]any{"skill_id": skill, "user_id": "u", "value": 100.5}, "value", "VALUE_GREATER_THAN_MAX"},
		"negative value":  {map[string]any{"skill_id": skill, "user_id": "u", "value": -1}, "value", "VALUE_LESS_THAN_MIN"},
		"value a string":  {map[string]any{"skill_id": skill, "user_id": "u", "value": "50"}, "value", "FLOAT_EXPECTED"},
		"no user":         {map[string]any{"skill_id": skill, "value": 5}, "user_id", "VALUE_REQUIRED"},
		"skill a number":  {map[string]any{"skill_id": 60001, "user_id": "u", "value": 5}, "skill_id", "STRING_EXPECTED"},
		"unknown skill":   {map[string]any{"skill_id": "60009", "user_id": "u", "value": 5}, "skill_id", "DOES_NOT_EXIST"},
		"reason a number": {map[string]any{"skill_id": skill, "user_id": "u", "value": 5, "reason": 1}, "reason", "STRING_EXPECTED"},
	} {
		t.Run(name, func(t *testing.T) {
			got := wantError(t, e.do(http.MethodPut, "/api/v1/user-skills", tc.body), http.StatusBadRequest, "VALIDATION_ERROR")
			if fieldCode(got, tc.path) != tc.code {
				t.Errorf("payload %v, want %s at %s", got["payload"], tc.code, tc.path)
			}
		})
	}
	if len(e.s.UserSkills()) != 0 {
		t.Errorf("invalid values stored: %s", e.s.UserSkills())
	}
}

func TestDeleteUserSkill(t *testing.T) {
	e := newEnv(t, Options{})
	skill := e.createSkill(map[string]any{"name": "s"})["id"].(string)
	id := e.setUserSkill(skill, "u1", 10)["id"].(string)
	e.do(http.MethodDelete, "/api/v1/user-skills/"+id, nil).want(t, http.StatusNoContent)
	wantError(t, e.do(http.MethodGet, "/api/v1/user-skills/"+id, nil), http.StatusNotFound, "DOES_NOT_EXIST")
	wantError(t, e.do(http.MethodDelete, "/api/v1/user-skills/"+id, nil), http.StatusNotFound, "DOES_NOT_EXIST")
	if again := e.setUserSkill(skill, "u1", 10)["id"]; again == id {
		t.Errorf("a value set after the delete kept the id %s", id)
	}
}

// A value not updated for the skill's skill_ttl_hours leaves the Toloker's
// profile; setting it again renews it.
func TestUserSkillExpiresAfterTheSkillTTL(t *testing.T) {
	e := newEnv(t, Options{})
	// 5124096 hours, more than a Duration holds, would wrap round to 25 minutes.
	lasting := e.createSkill(map[string]any{"name": "lasting", "skill_ttl_hours": 5124096})["id"].(string)
	fading := e.createSkill(map[string]any{"name": "fading", "skill_ttl_hours": 2})["id"].(string)
	kept := e.setUserSkill(lasting, "u1", 10)["id"].(string)
	renewed := e.setUserSkill(fading, "u1", 10)["id"].(string)
	lost := e.setUserSkill(fading, "u2", 10)["id"].(string)
	e.clock.Advance(90 * time.Minute)
	e.setUserSkill(fading, "u1", 20)
	e.clock.Advance(30 * time.Minute)
	wantError(t, e.do(http.MethodGet, "/api/v1/user-skills/"+lost, nil), http.StatusNotFound, "DOES_NOT_EXIST")
	if ids, _ := e.listIDs("/api/v1/user-skills"); !slices.Equal(ids, []string{kept, renewed}) {
		t.Errorf("values %v, want %s and %s", ids, kept, renewed)
	}
}

func TestListUserSkills(t *testing.T) {
	e := newEnv(t, Options{})
	a := e.createSkill(map[string]any{"name": "a"})["id"].(string)
	b := e.createSkill(map[string]any{"name": "b"})["id"].(string)
	var ids []string
	for _, c := range []struct{ skill, user string }{{a, "u1"}, {b, "u1"}, {a, "u2"}} {
		ids = append(ids, e.setUserSkill(c.skill, c.user, 50)["id"].(string))
		e.clock.Advance(time.Minute)
	}
	e.setUserSkill(a, "u1", 60) // modified now, created first
	for query, want := range map[string][]string{
		"":                                   {ids[0], ids[1], ids[2]},
		"skill_id=" + a:                      {ids[0], ids[2]},
		"user_id=u1":                         {ids[0], ids[1]},
		"user_id=u1&skill_id=" + b:           {ids[1]},
		"sort=-modified":                     {ids[0], ids[2], ids[1]},
		"modified_gte=2024-03-10T12:03:00":   {ids[0]},
		"created_gt=2024-03-10T12:00:00.123": {ids[1], ids[2]},
		"id_lte=" + ids[1] + "&sort=-id":     {ids[1], ids[0]},
	} {
		t.Run(query, func(t *testing.T) {
			if got, _ := e.listIDs("/api/v1/user-skills?" + query); !slices.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
	wantError(t, e.do(http.MethodGet, "/api/v1/user-skills?limit=1001", nil), http.StatusBadRequest, "VALIDATION_ERROR")
	e.do(http.MethodGet, "/api/v1/user-skills?limit=1000", nil).want(t, http.StatusOK)
}
