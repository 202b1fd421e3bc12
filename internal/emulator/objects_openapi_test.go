package emulator

import (
	"net/http"
	"testing"
	"time"
)

// TestObjectsConformToTheOpenAPIDescription drives every documented route
// of skills, skill values, bans and webhook subscriptions, successes and
// refusals, through the check against Toloka's OpenAPI description.
func TestObjectsConformToTheOpenAPIDescription(t *testing.T) {
	e := newCheckedEnv(t, Options{SkillCreateQuota: &Quota{PerMinute: 3}})
	project := e.do(http.MethodPost, "/api/v1/projects", specProject("p")).want(t, http.StatusCreated).object(t)["id"].(string)
	pool := e.s.AddPool(project, "OPEN")

	// skills
	skill := e.createSkill(map[string]any{
		"name": "Programmer", "public_name": map[string]any{"EN": "Programmer"},
		"public_requester_description": map[string]any{"EN": "You know C++"}, "private_comment": "c",
		"hidden": false, "skill_ttl_hours": 720, "deprecated": false,
	})
	skillID := skill["id"].(string)
	skill["deprecated"] = true
	e.do(http.MethodPut, "/api/v1/skills/"+skillID, skill).want(t, http.StatusOK)
	e.do(http.MethodGet, "/api/v1/skills/"+skillID, nil).want(t, http.StatusOK)
	e.do(http.MethodGet, "/api/v1/skills?name=Programmer&global=false&sort=-created&limit=100&created_gte=2024-03-10", nil).want(t, http.StatusOK)
	wantError(t, e.do(http.MethodGet, "/api/v1/skills/60009", nil), http.StatusNotFound, "DOES_NOT_EXIST")
	wantError(t, e.do(http.MethodPost, "/api/v1/skills", map[string]any{"name": ""}), http.StatusBadRequest, "VALIDATION_ERROR")
	e.createSkill(map[string]any{"name": "third"})
	wantError(t, e.do(http.MethodPost, "/api/v1/skills", map[string]any{"name": "fourth"}), http.StatusTooManyRequests, "TOO_MANY_REQUESTS")

	// skill values
	userSkill := e.setUserSkill(skillID, "1ad097faba0eff85a04fe30bc04d53db", 50.5)["id"].(string)
	e.do(http.MethodPut, "/api/v1/user-skills", map[string]any{"skill_id": skillID, "user_id": "u", "value": 100, "reason": "r"}).want(t, http.StatusOK)
	e.do(http.MethodGet, "/api/v1/user-skills/"+userSkill, nil).want(t, http.StatusOK)
	e.do(http.MethodGet, "/api/v1/user-skills?skill_id="+skillID+"&sort=-modified&modified_lt=2030-01-01", nil).want(t, http.StatusOK)
	wantError(t, e.do(http.MethodPut, "/api/v1/user-skills", map[string]any{"skill_id": "60009", "user_id": "u", "value": 1}),
		http.StatusBadRequest, "VALIDATION_ERROR")
	e.do(http.MethodDelete, "/api/v1/user-skills/"+userSkill, nil).want(t, http.StatusNoContent)
	wantError(t, e.do(http.MethodGet, "/api/v1/user-skills/"+userSkill, nil), http.StatusNotFound, "DOES_NOT_EXIST")

	// bans
	ban := e.ban(map[string]any{"scope": "PROJECT", "user_id": "u", "project_id": project, "private_comment": "Many mistakes",
		"will_expire": "2030-03-28T18:08:07"})["id"].(string)
	e.ban(map[string]any{"scope": "POOL", "user_id": "u", "pool_id": pool})
	e.ban(map[string]any{"scope": "ALL_PROJECTS", "user_id": "v", "will_expire": "2024-03-10T13:00:00"})
	e.do(http.MethodGet, "/api/v1/user-restrictions/"+ban, nil).want(t, http.StatusOK)
	e.do(http.MethodGet, "/api/v1/user-restrictions?scope=POOL&pool_id="+pool+"&sort=id,-created", nil).want(t, http.StatusOK)
	wantError(t, e.do(http.MethodGet, "/api/v1/user-restrictions?scope=PROJECT", nil), http.StatusBadRequest, "VALIDATION_ERROR")
	wantError(t, e.do(http.MethodPut, "/api/v1/user-restrictions", map[string]any{"scope": "POOL", "user_id": "u", "pool_id": "30000009"}),
		http.StatusBadRequest, "VALIDATION_ERROR")
	wantError(t, e.do(http.MethodPut, "/api/v1/user-restrictions", map[string]any{"scope": "SYSTEM", "user_id": "u"}),
		http.StatusConflict, "SYSTEM_SCOPE_MODIFICATION")
	e.do(http.MethodDelete, "/api/v1/user-restrictions/"+ban, nil).want(t, http.StatusNoContent)
	e.clock.Advance(time.Hour)
	e.do(http.MethodGet, "/api/v1/user-restrictions?user_id=v", nil).want(t, http.StatusOK)

	// webhook subscriptions
	withSecret := subscription(pool, "ASSIGNMENT_SUBMITTED")
	withSecret["secret_key"] = "12345"
	badURL := subscription(pool, "POOL_CLOSED")
	badURL["webhook_url"] = "not a url"
	items, refused := e.upsertHooks(withSecret, badURL, subscription("30000009", "DYNAMIC_OVERLAP_COMPLETED"))
	if len(items) != 1 || len(refused) != 2 {
		t.Fatalf("items %v, validation_errors %v", items, refused)
	}
	hook := items["0"].(map[string]any)["id"].(string)
	e.do(http.MethodGet, "/api/v1/webhook-subscriptions/"+hook, nil).want(t, http.StatusOK)
	e.do(http.MethodGet, "/api/v1/webhook-subscriptions?pool_id="+pool+"&event_type=ASSIGNMENT_SUBMITTED&sort=-created&limit=300", nil).
		want(t, http.StatusOK)
	wantError(t, e.do(http.MethodPut, "/api/v1/webhook-subscriptions", []any{badURL}), http.StatusBadRequest, "VALIDATION_ERROR")
	e.do(http.MethodDelete, "/api/v1/webhook-subscriptions/"+hook, nil).want(t, http.StatusNoContent)
	wantError(t, e.do(http.MethodDelete, "/api/v1/webhook-subscriptions/"+hook, nil), http.StatusNotFound, "DOES_NOT_EXIST")
}
