package toloka

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"
)

var limiterEpoch = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

func after(d time.Duration) time.Time { return limiterEpoch.Add(d) }

func TestQuotaKey(t *testing.T) {
	for _, tc := range []struct{ method, path, want string }{
		{"POST", "/projects", "POST /projects"},
		{"POST", "/pools/", "POST /pools"},
		{"POST", "/pools/123/clone", "POST /pools/{id}/clone"},
		{"POST", "/trainings/7/clone", "POST /trainings/{id}/clone"},
		{"GET", "/projects", ""},
		{"PUT", "/projects/1", ""},
	} {
		if got := quotaKey(tc.method, tc.path); got != tc.want {
			t.Errorf("quotaKey(%s %s) = %q, want %q", tc.method, tc.path, got, tc.want)
		}
	}
	quotas := documentedQuotas()
	if quotas[quotaKey("POST", "/projects/1/archive")] != nil {
		t.Error("archiving a project counts against a creation quota")
	}
	if q := quotas["POST /projects"]; q.windows[0].limit != 20 || q.windows[1].limit != 100 {
		t.Errorf("project creation windows %+v, want Toloka's 20 a minute and 100 a day", q.windows)
	}
}

func TestPaceKeepsEverySecondUnderTheCap(t *testing.T) {
	p := newPace(50)
	var times []time.Time
	for range 200 {
		times = append(times, p.reserve(limiterEpoch))
	}
	if !times[5].Equal(limiterEpoch) || !times[6].After(limiterEpoch) {
		t.Errorf("a burst of 6 goes at once, then they are spaced: %v, %v", times[5], times[6])
	}
	for i, start := range times {
		n := 0
		for _, at := range times[i:] {
			if at.Before(start.Add(time.Second)) {
				n++
			}
		}
		if n > 50 {
			t.Fatalf("%d requests in the second from %v, cap 50", n, start.Sub(limiterEpoch))
		}
	}
	if last := times[len(times)-1].Sub(limiterEpoch); last > 5*time.Second {
		t.Errorf("200 requests at 50/s took until %v", last)
	}
}

func TestPaceHalvesOnA429AndClimbsBack(t *testing.T) {
	p := newPace(100) // 90/s plus a burst of 10
	p.cut(limiterEpoch)
	if got := p.rate(limiterEpoch); got != 45 {
		t.Errorf("rate after a 429 = %v, want 45", got)
	}
	if got := p.rate(after(rateRecovery / 2)); math.Abs(got-90) > 1e-9 {
		t.Errorf("rate halfway through the recovery = %v, want the cap 90", got)
	}
	if got := p.rate(after(rateRecovery / 4)); math.Abs(got-67.5) > 1e-9 {
		t.Errorf("rate a quarter into the recovery = %v, want 67.5", got)
	}
}

// created records the 201 answer to an admitted request.
func created(q *quota, at time.Time, probe bool) {
	q.record(at, probe, http.StatusCreated, "", 0, false)
}

func TestQuotaProbesOnePastTheDocumentedLimitThenLiftsIt(t *testing.T) {
	q := newQuota("project creations", 3)
	for i := range 3 {
		if v := q.decide(after(0)); !v.admit || v.probe {
			t.Fatalf("request %d: %+v, want admitted within the documented limit", i+1, v)
		}
		q.admit(false)
	}
	if v := q.decide(after(0)); v.admit || !v.until.IsZero() {
		t.Fatalf("4th request while 3 are in flight: %+v, want to wait for their answers", v)
	}
	for range 3 {
		created(q, after(10*time.Millisecond), false)
	}
	v := q.decide(after(20 * time.Millisecond))
	if !v.admit || !v.probe {
		t.Fatalf("4th request once answered: %+v, want a probe", v)
	}
	q.admit(true)
	if v := q.decide(after(20 * time.Millisecond)); v.admit {
		t.Fatalf("5th request while the probe is out: %+v, want to wait", v)
	}
	created(q, after(30*time.Millisecond), true)
	if q.windows[0].state != lifted || q.windows[1].state != documented {
		t.Fatalf("windows %+v: the minute should be lifted, the day untouched", q.windows)
	}
	for i := range 10 {
		if v := q.decide(after(40 * time.Millisecond)); !v.admit || v.probe {
			t.Fatalf("request %d after the lift: %+v", i+5, v)
		}
		q.admit(false)
	}
}

func TestQuotaLearnsTheWindowFromA429(t *testing.T) {
	q := newQuota("project creations", 3)
	for i := range 3 {
		q.admit(false)
		created(q, after(time.Duration(i)*2*time.Second), false)
	}
	q.admit(true)
	// The API's window is 6 s: the first creation leaves it 1.9 s after
	// the probe, which Retry-After rounds up to 2 s.
	q.record(after(4100*time.Millisecond), true, http.StatusTooManyRequests, "MIN", 2*time.Second, true)

	minute := q.windows[0]
	if minute.state != learned || minute.length != 6*time.Second+learnedWindowMargin {
		t.Fatalf("minute window %+v, want learned as 6 s plus the margin", minute)
	}
	// The API said 2 s, rounded up: the window reopens before, when the
	// first creation leaves it.
	first := after(minute.length)
	if v := q.decide(after(5 * time.Second)); v.admit || !v.until.Equal(first) {
		t.Errorf("before the window reopens: %+v, want to wait until %v", v, first.Sub(limiterEpoch))
	}
	if v := q.decide(first); !v.admit || v.probe {
		t.Errorf("once the first creation left: %+v, want admitted", v)
	}
	q.admit(false)
	reopen := after(2*time.Second + minute.length)
	if v := q.decide(first); v.admit || !v.until.Equal(reopen) {
		t.Errorf("next one: %+v, want to wait for the second creation to leave the window", v)
	}
	if v := q.decide(reopen); !v.admit {
		t.Errorf("once it left: %+v, want admitted", v)
	}
}

func TestWindowLength(t *testing.T) {
	for _, tc := range []struct{ upper, want time.Duration }{
		{6850 * time.Millisecond, 6 * time.Second},
		{6 * time.Second, 6 * time.Second},
		{60900 * time.Millisecond, time.Minute},
		{400 * time.Millisecond, 400 * time.Millisecond},
	} {
		if got := windowLength(tc.upper); got != tc.want+learnedWindowMargin {
			t.Errorf("windowLength(%v) = %v, want %v and the margin", tc.upper, got, tc.want)
		}
	}
}

func TestQuotaDoesNotLearnWithoutRetryAfter(t *testing.T) {
	q := newQuota("project creations", 2)
	for range 2 {
		q.admit(false)
		created(q, after(0), false)
	}
	q.admit(true)
	q.record(after(time.Second), true, http.StatusTooManyRequests, "MIN", 0, false)
	if q.windows[0].state != documented || !q.blockedUntil.Equal(after(61*time.Second)) {
		t.Errorf("window %+v blocked until %v: want the documented minute, waited in full", q.windows[0], q.blockedUntil.Sub(limiterEpoch))
	}
}

func TestQuotaDoesNotLearnFromA429ItsOwnCountDoesNotExplain(t *testing.T) {
	q := newQuota("project creations", 20)
	q.admit(false)
	created(q, after(0), false)
	q.admit(false)
	q.record(after(time.Second), false, http.StatusTooManyRequests, "MIN", 40*time.Second, true)
	if q.windows[0].state != documented || q.windows[0].length != time.Minute {
		t.Errorf("minute window %+v, want the documented one kept", q.windows[0])
	}
	if v := q.decide(after(2 * time.Second)); v.admit || !v.until.Equal(after(41*time.Second)) {
		t.Errorf("%+v, want to wait until the API said", v)
	}
	if q.inFlight != 0 || len(q.stamps) != 1 {
		t.Errorf("in flight %d, stamps %d: a 429 frees its place and does not count", q.inFlight, len(q.stamps))
	}
}

func TestQuotaWithoutRetryAfterBlocksForTheNamedWindow(t *testing.T) {
	q := newQuota("pool creations", 20)
	q.admit(false)
	q.record(after(0), false, http.StatusTooManyRequests, "DAY", 0, false)
	if !q.blockedUntil.Equal(after(24 * time.Hour)) {
		t.Errorf("blocked until %v, want a day", q.blockedUntil.Sub(limiterEpoch))
	}
}

func newTestLimiter(t *testing.T, perSecond int) *RateLimiter {
	t.Helper()
	l, err := NewRateLimiter(RateLimits{MaxRequestsPerSecond: perSecond})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestNewRateLimiter(t *testing.T) {
	if _, err := NewRateLimiter(RateLimits{MaxRequestsPerSecond: -1}); err == nil {
		t.Error("a negative rate was accepted")
	}
	l := newTestLimiter(t, 0)
	if l.pace.full+l.pace.burst != DocumentedRequestsPerSecond {
		t.Errorf("default pace %+v, want Toloka's 300 a second", l.pace)
	}
}

func TestLimiterPausesEverythingAfterAPerSecond429(t *testing.T) {
	l := newTestLimiter(t, 100)
	tk, err := l.acquire(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	began := l.now()
	tk.done(http.StatusTooManyRequests, http.Header{"Retry-After": {"2"}}, []byte(`{"code":"TOO_MANY_REQUESTS","message":"slow down"}`))
	if paused := l.pausedUntil.Sub(began); paused < 2*time.Second || paused > 3*time.Second {
		t.Errorf("paused for %v, want the 2 s the API asked", paused)
	}
	if rate := l.pace.rate(l.now()); rate > 46 {
		t.Errorf("rate %v after the 429, want about half of 90", rate)
	}
	v := l.decide(l.quotas["POST /projects"], l.now())
	if v.admit || v.until.IsZero() {
		t.Errorf("a creation during the pause: %+v, want to wait", v)
	}
}

func TestLimiterSendsARequestWhoseWaitIsTooLong(t *testing.T) {
	l := newTestLimiter(t, 100)
	q := l.quotas["POST /projects"]
	q.blockedUntil = l.now().Add(20 * time.Hour) // the daily quota is spent
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	tk, err := l.acquire(ctx, "POST /projects")
	if err != nil {
		t.Fatalf("acquire: %v, want the request sent for the API to answer", err)
	}
	if tk.waited > 500*time.Millisecond || q.inFlight != 1 {
		t.Errorf("held back %v, %d in flight", tk.waited, q.inFlight)
	}

	q.blockedUntil = l.now().Add(5 * time.Second) // worth waiting, but past the deadline
	short, cancelShort := context.WithTimeout(context.Background(), time.Second)
	defer cancelShort()
	if _, err := l.acquire(short, "POST /projects"); err != nil {
		t.Errorf("acquire before a deadline the wait passes: %v, want it sent at once", err)
	}
}

func TestLimiterWaitEndsWithTheContext(t *testing.T) {
	l := newTestLimiter(t, 100)
	q := l.quotas["POST /projects"]
	q.blockedUntil = l.now().Add(30 * time.Second)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	_, err := l.acquire(ctx, "POST /projects")
	if !errors.Is(err, context.Canceled) || q.inFlight != 0 {
		t.Errorf("acquire = %v with %d in flight, want context.Canceled and nothing held", err, q.inFlight)
	}
}

// quotaServer answers POST /api/v1/projects within a sliding quota of limit
// creations per window, the way Toloka does: 429 with Retry-After in whole
// seconds, rounded up, and payload.interval MIN.
type quotaServer struct {
	t      *testing.T
	limit  int
	window time.Duration

	mu       sync.Mutex
	accepted []time.Time
	tooMany  int
	next     int
}

func (s *quotaServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/api/v1/projects" {
		s.t.Errorf("unexpected request %s %s", r.Method, r.URL.Path)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	inWindow := 0
	for _, at := range s.accepted {
		if at.After(now.Add(-s.window)) {
			inWindow++
		}
	}
	if inWindow >= s.limit {
		s.tooMany++
		reopens := s.window
		if s.limit > 0 {
			reopens = s.accepted[len(s.accepted)-s.limit].Add(s.window).Sub(now)
		}
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(reopens.Seconds()))))
		writeBody(w, http.StatusTooManyRequests, []byte(`{"code":"TOO_MANY_REQUESTS","message":"quota","payload":{"interval":"MIN"}}`))
		return
	}
	s.accepted = append(s.accepted, now)
	s.next++
	writeBody(w, http.StatusCreated, fmt.Appendf(nil, `{"id":"%d","public_name":"p","public_description":"d"}`, s.next))
}

func createConcurrently(t *testing.T, client *Client, n, workers int) {
	t.Helper()
	var wg sync.WaitGroup
	jobs := make(chan int)
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				p := &Project{PublicName: fmt.Sprintf("p%d", i), PublicDescription: "d"}
				if _, err := client.CreateProject(context.Background(), p); err != nil {
					t.Errorf("create %d: %v", i, err)
				}
			}
		})
	}
	for i := range n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}

func TestLimiterMeetsAShortQuotaWithOne429(t *testing.T) {
	server := &quotaServer{t: t, limit: 20, window: time.Second}
	limiter := newTestLimiter(t, 0)
	client := newTestClient(t, server, func(c *Config) { c.RateLimiter = limiter })
	createConcurrently(t, client, 50, 10)
	if len(server.accepted) != 50 || server.tooMany != 1 {
		t.Errorf("%d created with %d 429 answers, want 50 with the one that taught the window", len(server.accepted), server.tooMany)
	}
	if w := limiter.quotas["POST /projects"].windows[0]; w.state != learned || w.length < time.Second {
		t.Errorf("minute window %+v, want learned, at least the API's 1 s", w)
	}
}

func TestLimiterLiftsAQuotaTheAPIDoesNotEnforce(t *testing.T) {
	server := &quotaServer{t: t, limit: 1000, window: time.Minute}
	limiter := newTestLimiter(t, 0)
	client := newTestClient(t, server, func(c *Config) { c.RateLimiter = limiter })
	createConcurrently(t, client, 120, 10)
	q := limiter.quotas["POST /projects"]
	if len(server.accepted) != 120 || server.tooMany != 0 || q.windows[0].state != lifted || q.windows[1].state != lifted {
		t.Errorf("%d created, %d 429s, windows %+v: want 120, none, both lifted", len(server.accepted), server.tooMany, q.windows)
	}
}

func TestLimiterKeepsThe429BodyForTheClient(t *testing.T) {
	server := &quotaServer{t: t, limit: 0, window: time.Minute}
	limiter := newTestLimiter(t, 0)
	client := newTestClient(t, server, func(c *Config) { c.RateLimiter = limiter })
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second) // shorter than the minute asked
	defer cancel()
	_, err := client.CreateProject(ctx, &Project{PublicName: "p", PublicDescription: "d"})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Code != CodeTooManyRequests || quotaInterval(apiErr.Payload) != "MIN" {
		t.Fatalf("err = %v, want the API's 429 with its payload", err)
	}
}

// steppingClock is a Clock whose Sleep moves its time on at once.
type steppingClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *steppingClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *steppingClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	return ctx.Err()
}

// The limiter paces requests and waits out a quota on its clock.
func TestLimiterWaitsOnItsClock(t *testing.T) {
	l := newTestLimiter(t, 50)
	clock := &steppingClock{now: limiterEpoch}
	l.UseClock(clock)
	var admitted []time.Time
	for range 100 {
		tk, err := l.acquire(context.Background(), "")
		if err != nil {
			t.Fatal(err)
		}
		tk.done(http.StatusOK, nil, nil)
		admitted = append(admitted, clock.Now())
	}
	// 5 at once, then 45 a second
	if took := admitted[99].Sub(limiterEpoch); took < 2*time.Second || took > 2200*time.Millisecond {
		t.Errorf("100 requests at 50 a second took %v on the limiter's clock", took)
	}
	q := l.quotas["POST /projects"]
	q.blockedUntil = clock.Now().Add(30 * time.Second)
	if _, err := l.acquire(context.Background(), "POST /projects"); err != nil {
		t.Fatal(err)
	}
	if clock.Now().Before(q.blockedUntil) {
		t.Errorf("a creation went at %v, before the quota reopened at %v", clock.Now(), q.blockedUntil)
	}
}
