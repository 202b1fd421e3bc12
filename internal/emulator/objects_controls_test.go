package emulator

import (
	"encoding/json"
	"net/http"
	"testing"
)

func TestControlSkillsAndUserSkills(t *testing.T) {
	e := newEnv(t, Options{})
	skill := e.createSkill(map[string]any{"name": "s"})["id"].(string)
	if got := e.control(http.MethodGet, "/skills/"+skill, nil).want(t, http.StatusOK).object(t); got["name"] != "s" {
		t.Errorf("skill %v", got)
	}
	wantError(t, e.control(http.MethodGet, "/skills/60009", nil), http.StatusNotFound, "DOES_NOT_EXIST")

	id := e.setUserSkill(skill, "u1", 10)["id"].(string)
	e.control(http.MethodPut, "/user-skills/"+id+"/value", map[string]any{"value": 72.5}).want(t, http.StatusNoContent)
	got := e.do(http.MethodGet, "/api/v1/user-skills/"+id, nil).want(t, http.StatusOK).object(t)
	if got["value"] != json.Number("73") || got["exact_value"] != json.Number("72.5") {
		t.Errorf("after the control: %v", got)
	}
	var listed []map[string]any
	if err := json.Unmarshal(e.control(http.MethodGet, "/user-skills", nil).want(t, http.StatusOK).raw, &listed); err != nil ||
		len(listed) != 1 || listed[0]["id"] != id {
		t.Errorf("listed %v, %v", listed, err)
	}
	wantError(t, e.control(http.MethodPut, "/user-skills/"+id+"/value", map[string]any{"value": 101}), http.StatusBadRequest, "VALIDATION_ERROR")
	wantError(t, e.control(http.MethodPut, "/user-skills/"+id+"/value", map[string]any{}), http.StatusBadRequest, "VALIDATION_ERROR")
	wantError(t, e.control(http.MethodPut, "/user-skills/1/value", map[string]any{"value": 1}), http.StatusNotFound, "DOES_NOT_EXIST")
	if err := e.s.SetUserSkillValue(id, -1); err == nil {
		t.Error("SetUserSkillValue accepted -1")
	}
}

func TestControlBans(t *testing.T) {
	e := newEnv(t, Options{})
	expiring := e.ban(map[string]any{"scope": "ALL_PROJECTS", "user_id": "u1", "will_expire": "2030-01-01T00:00:00"})["id"].(string)
	permanent := e.ban(map[string]any{"scope": "ALL_PROJECTS", "user_id": "u2"})["id"].(string)
	if got := e.control(http.MethodGet, "/user-restrictions/"+expiring, nil).want(t, http.StatusOK).object(t); got["user_id"] != "u1" {
		t.Errorf("ban %v", got)
	}
	e.control(http.MethodPost, "/user-restrictions/"+expiring+"/expire", nil).want(t, http.StatusNoContent)
	wantError(t, e.do(http.MethodGet, "/api/v1/user-restrictions/"+expiring, nil), http.StatusNotFound, "DOES_NOT_EXIST")
	wantError(t, e.control(http.MethodGet, "/user-restrictions/"+expiring, nil), http.StatusNotFound, "DOES_NOT_EXIST")
	wantError(t, e.control(http.MethodPost, "/user-restrictions/"+expiring+"/expire", nil), http.StatusNotFound, "DOES_NOT_EXIST")
	// Toloka never lifts a ban without will_expire by itself.
	wantError(t, e.control(http.MethodPost, "/user-restrictions/"+permanent+"/expire", nil), http.StatusBadRequest, "VALIDATION_ERROR")
	if err := e.s.ExpireUserRestriction(permanent); err != ErrNeverExpires {
		t.Errorf("ExpireUserRestriction of a permanent ban: %v", err)
	}
	e.do(http.MethodGet, "/api/v1/user-restrictions/"+permanent, nil).want(t, http.StatusOK)
}

func TestControlWebhookShowsTheSecretKey(t *testing.T) {
	e := newEnv(t, Options{})
	sub := subscription(e.s.AddPool("100001", "OPEN"), "POOL_CLOSED")
	sub["secret_key"] = "k3y"
	items, _ := e.upsertHooks(sub)
	id := items["0"].(map[string]any)["id"].(string)
	got := e.control(http.MethodGet, "/webhook-subscriptions/"+id, nil).want(t, http.StatusOK).object(t)
	if got["secret_key"] != "k3y" || got["id"] != id || got["webhook_url"] != hookURL {
		t.Errorf("stored %v", got)
	}
	wantError(t, e.control(http.MethodGet, "/webhook-subscriptions/nope", nil), http.StatusNotFound, "DOES_NOT_EXIST")
}
