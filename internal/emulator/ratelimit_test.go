package emulator

import (
	"net/http"
	"reflect"
	"testing"
	"time"
)

func TestCreationQuotaPerMinute(t *testing.T) {
	e := newEnv(t, Options{})
	for i := range 20 {
		e.createProject(minimalProject("p"))
		if i == 9 {
			e.clock.Advance(30 * time.Second)
		}
	}
	r := e.do(http.MethodPost, "/api/v1/projects", minimalProject("21st"))
	body := wantError(t, r, http.StatusTooManyRequests, "TOO_MANY_REQUESTS")
	if !reflect.DeepEqual(body["payload"], map[string]any{"interval": "MIN"}) {
		t.Errorf("payload %v", body["payload"])
	}
	// The first creation leaves the window 60 s after it, 30 s from now.
	if got := r.header.Get("Retry-After"); got != "30" {
		t.Errorf("Retry-After %q, want 30", got)
	}
	e.do(http.MethodGet, "/api/v1/projects", nil).want(t, http.StatusOK)

	e.clock.Advance(30 * time.Second)
	e.createProject(minimalProject("after the window slid"))
}

func TestCreationQuotaPerDay(t *testing.T) {
	e := newEnv(t, Options{CreateQuota: &Quota{PerMinute: 2, PerDay: 3}})
	for range 3 {
		e.createProject(minimalProject("p"))
		e.clock.Advance(time.Hour)
	}
	r := e.do(http.MethodPost, "/api/v1/projects", minimalProject("4th"))
	body := wantError(t, r, http.StatusTooManyRequests, "TOO_MANY_REQUESTS")
	if at(body, "payload", "interval") != "DAY" {
		t.Errorf("payload %v", body["payload"])
	}
	if got := r.header.Get("Retry-After"); got != "75600" { // 24 h after the first, 3 h ago
		t.Errorf("Retry-After %q", got)
	}
	e.clock.Advance(21 * time.Hour)
	e.createProject(minimalProject("next day"))
}

func TestCreationQuotaDefaultsToTolokas(t *testing.T) {
	e := newEnv(t, Options{})
	for range 5 {
		for range 20 {
			e.createProject(minimalProject("p"))
		}
		e.clock.Advance(time.Minute)
	}
	body := wantError(t, e.do(http.MethodPost, "/api/v1/projects", minimalProject("101st")), http.StatusTooManyRequests, "TOO_MANY_REQUESTS")
	if at(body, "payload", "interval") != "DAY" {
		t.Errorf("101st creation of the day: payload %v", body["payload"])
	}
}

func TestCreationQuotaCountsInvalidRequests(t *testing.T) {
	e := newEnv(t, Options{CreateQuota: &Quota{PerMinute: 1}})
	wantError(t, e.do(http.MethodPost, "/api/v1/projects", map[string]any{}), http.StatusBadRequest, "VALIDATION_ERROR")
	wantError(t, e.do(http.MethodPost, "/api/v1/projects", minimalProject("p")), http.StatusTooManyRequests, "TOO_MANY_REQUESTS")
}

func TestCreationQuotaDisabled(t *testing.T) {
	e := newEnv(t, Options{CreateQuota: &Quota{}})
	for range 150 {
		e.createProject(minimalProject("p"))
	}
}

func TestCreationQuotaSparesOtherRequests(t *testing.T) {
	e := newEnv(t, Options{CreateQuota: &Quota{PerMinute: 1}})
	id := e.createProject(minimalProject("p"))["id"].(string)
	e.do(http.MethodPut, "/api/v1/projects/"+id, minimalProject("q")).want(t, http.StatusOK)
	e.archive(id).want(t, http.StatusAccepted)
}
