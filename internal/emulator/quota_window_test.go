package emulator

import (
	"net/http"
	"testing"
	"time"
)

func TestCreationQuotaShortenedMinute(t *testing.T) {
	e := newEnv(t, Options{CreateQuota: &Quota{PerMinute: 2, Minute: 6 * time.Second}})
	e.createProject(minimalProject("p1"))
	e.clock.Advance(2500 * time.Millisecond)
	e.createProject(minimalProject("p2"))

	r := e.do(http.MethodPost, "/api/v1/projects", minimalProject("3rd"))
	body := wantError(t, r, http.StatusTooManyRequests, "TOO_MANY_REQUESTS")
	if at(body, "payload", "interval") != "MIN" {
		t.Errorf("payload %v, want the MIN interval", body["payload"])
	}
	// The first creation leaves the 6 s window 3.5 s from now: rounded up.
	if got := r.header.Get("Retry-After"); got != "4" {
		t.Errorf("Retry-After %q, want 4", got)
	}
	e.clock.Advance(3500 * time.Millisecond)
	e.createProject(minimalProject("after the short window slid"))
}
