package toloka

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"
)

// DocumentedRequestsPerSecond is Toloka's documented limit on the requests of
// one account; the API answers 429 beyond it.
const DocumentedRequestsPerSecond = 300

// documentedPerDay is Toloka's documented daily quota of each kind of
// creation.
const documentedPerDay = 100

const (
	// maxLimiterWait is the longest a request is held back. A longer wait
	// (a daily quota) is not waited out: the request goes and the API's 429
	// tells the caller when to come back. It stays below the default
	// client's timeout, which the wait counts toward.
	maxLimiterWait = 90 * time.Second
	// learnedWindowMargin is added to a quota window learned from a 429,
	// for the time an answer takes to come back.
	learnedWindowMargin = 50 * time.Millisecond
	// defaultPause is how long every request waits after a 429 of the
	// per-second limit that names no Retry-After.
	defaultPause = time.Second
	// rateRecovery is how long the request rate takes to climb back to the
	// cap after a 429 of the per-second limit halved it.
	rateRecovery = 30 * time.Second
	// maxStamps bounds the answers a quota remembers.
	maxStamps = 10000
	// maxQuotaBody bounds how much of a 429's body is read for its interval.
	maxQuotaBody = 64 << 10
)

// RateLimits configure a RateLimiter.
type RateLimits struct {
	// MaxRequestsPerSecond caps the requests of all the clients sharing the
	// limiter; zero means DocumentedRequestsPerSecond.
	MaxRequestsPerSecond int
}

// RateLimiter paces the requests of the clients that share it so that they
// stay within Toloka's limits: a cap on requests per second, and the quotas
// on creations (20 projects, pools or trainings a minute and 100 a day,
// each counted apart; 10 skills a minute). It starts from the documented
// limits and adapts to the API's 429 answers: their Retry-After holds the
// requests back, their payload.interval names the quota, and when the
// limiter's own count explains the 429, the quota window the API enforces
// is learned from it. When the API accepts a creation the documented quota
// forbids, that limit is dropped until a 429 brings it back.
//
// Share one limiter among all the clients of an account. It is safe for
// concurrent use.
type RateLimiter struct {
	mu      sync.Mutex
	clock   Clock
	changed chan struct{} // closed and replaced when a probe or a block ends
	pace    pace
	// pausedUntil holds every request back after a 429 of the per-second
	// limit.
	pausedUntil time.Time
	quotas      map[string]*quota
	maxWait     time.Duration
}

// NewRateLimiter returns a limiter knowing Toloka's documented limits, with
// the request rate capped as limits say.
func NewRateLimiter(limits RateLimits) (*RateLimiter, error) {
	perSecond := limits.MaxRequestsPerSecond
	switch {
	case perSecond < 0:
		return nil, fmt.Errorf("toloka: MaxRequestsPerSecond %d is negative", perSecond)
	case perSecond == 0:
		perSecond = DocumentedRequestsPerSecond
	}
	return &RateLimiter{
		clock:   wallClock{},
		changed: make(chan struct{}),
		pace:    newPace(perSecond),
		quotas:  documentedQuotas(),
		maxWait: maxLimiterWait,
	}, nil
}

// documentedQuotas are Toloka's creation quotas, keyed by quotaKey.
func documentedQuotas() map[string]*quota {
	return map[string]*quota{
		"POST /projects":             newQuota("project creations", 20),
		"POST /pools":                newQuota("pool creations", 20),
		"POST /trainings":            newQuota("training creations", 20),
		"POST /pools/{id}/clone":     newQuota("pool clones", 20),
		"POST /trainings/{id}/clone": newQuota("training clones", 20),
		"POST /skills":               newQuota("skill creations", 10),
	}
}

// quotaKey names the request for documentedQuotas: the method and the path
// under the API root, with the id of a clone replaced by {id}.
func quotaKey(method, path string) string {
	if method != http.MethodPost {
		return ""
	}
	parts := strings.Split(strings.Trim(path, "/"), "/")
	if len(parts) == 3 {
		parts[1] = "{id}"
	}
	return method + " /" + strings.Join(parts, "/")
}

// ticket is a request the limiter let go; done reports its answer.
type ticket struct {
	limiter *RateLimiter
	quota   *quota
	probe   bool
	// waited and reason say how long the request was held back, and why.
	waited time.Duration
	reason string
}

// acquire holds a request back until the limits let it go, or ctx ends.
func (l *RateLimiter) acquire(ctx context.Context, key string) (*ticket, error) {
	q := l.quotas[key]
	began := l.now()
	t := &ticket{limiter: l, quota: q}
	for {
		l.mu.Lock()
		now := l.now()
		v := l.decide(q, now)
		if !v.admit && !v.until.IsZero() && !l.worthWaiting(ctx, now, v.until) {
			v = verdict{admit: true} // the API's own 429 will say when to come back
		}
		if v.admit {
			at := l.pace.reserve(now)
			q.admit(v.probe)
			l.mu.Unlock()
			t.probe = v.probe
			if err := l.sleepUntil(ctx, at); err != nil {
				t.cancel()
				return nil, err
			}
			t.waited = l.now().Sub(began)
			return t, nil
		}
		changed := l.changed
		l.mu.Unlock()
		t.reason = v.reason
		if err := l.waitFor(ctx, changed, v.until.Sub(now)); err != nil {
			return nil, err
		}
	}
}

// worthWaiting reports whether a request may be held back until until:
// not too long, and not past ctx's deadline.
func (l *RateLimiter) worthWaiting(ctx context.Context, now, until time.Time) bool {
	if until.Sub(now) > l.maxWait {
		return false
	}
	deadline, ok := ctx.Deadline()
	return !ok || until.Before(deadline)
}

// verdict is the limiter's decision on a request: let it go (as a probe of
// the quota, maybe), or hold it back until a time, or, with a zero time,
// until a request in flight is answered.
type verdict struct {
	admit  bool
	probe  bool
	until  time.Time
	reason string
}

func (l *RateLimiter) decide(q *quota, now time.Time) verdict {
	if now.Before(l.pausedUntil) {
		return verdict{until: l.pausedUntil, reason: "the API's per-second limit"}
	}
	if q == nil {
		return verdict{admit: true}
	}
	return q.decide(now)
}

// done records the answer to the ticket's request: status 0 when none came.
func (t *ticket) done(status int, header http.Header, body []byte) {
	l := t.limiter
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	interval := ""
	if status == http.StatusTooManyRequests {
		interval = quotaInterval(parseAPIError(status, body).Payload)
	}
	wait, asked := retryAfter(header, now)
	switch {
	case status == http.StatusTooManyRequests && interval == "":
		if !asked {
			wait = defaultPause
		}
		l.pausedUntil = laterOf(l.pausedUntil, now.Add(wait))
		l.pace.cut(now)
		t.quota.release(t.probe)
	default:
		t.quota.record(now, t.probe, status, interval, wait, asked)
	}
	l.broadcast()
}

// cancel gives back the place of a request that was not sent.
func (t *ticket) cancel() {
	l := t.limiter
	l.mu.Lock()
	defer l.mu.Unlock()
	t.quota.release(t.probe)
	l.broadcast()
}

func (l *RateLimiter) broadcast() {
	close(l.changed)
	l.changed = make(chan struct{})
}

// Clock is the time a RateLimiter reads and waits on: the wall clock, unless
// UseClock sets another, as tests do to measure a limiter's pace.
type Clock interface {
	Now() time.Time
	// Sleep waits for d, or returns ctx's error if ctx ends first.
	Sleep(ctx context.Context, d time.Duration) error
}

type wallClock struct{}

func (wallClock) Now() time.Time { return time.Now() }

func (wallClock) Sleep(ctx context.Context, d time.Duration) error { return sleepContext(ctx, d) }

// UseClock makes the limiter read the time from c and wait on it. Call it
// before the limiter's first request.
func (l *RateLimiter) UseClock(c Clock) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.clock = c
}

func (l *RateLimiter) now() time.Time {
	return l.clock.Now()
}

// sleepUntil waits until at, or returns ctx's error if ctx ends first.
func (l *RateLimiter) sleepUntil(ctx context.Context, at time.Time) error {
	if d := at.Sub(l.now()); d > 0 {
		return l.clock.Sleep(ctx, d)
	}
	return ctx.Err()
}

// waitFor waits for changed to close or for d to pass (d ≤ 0: no limit),
// or returns ctx's error if ctx ends first.
func (l *RateLimiter) waitFor(ctx context.Context, changed <-chan struct{}, d time.Duration) error {
	if d <= 0 {
		select {
		case <-changed:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	sleeping, stop := context.WithCancel(ctx)
	defer stop()
	go func() {
		select {
		case <-changed:
			stop()
		case <-sleeping.Done():
		}
	}()
	_ = l.clock.Sleep(sleeping, d)
	return ctx.Err()
}

func laterOf(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// pace spaces requests at a rate, letting a tenth of a second's worth go at
// once, so that no second sees more than the cap (a generic cell rate
// algorithm). A 429 of the per-second limit halves the rate, which climbs
// back to the cap over rateRecovery.
type pace struct {
	full    float64 // requests per second when nothing went wrong
	burst   float64 // requests that may go at once
	next    time.Time
	cutRate float64
	cutAt   time.Time
}

func newPace(perSecond int) pace {
	burst := float64(perSecond / 10)
	return pace{full: float64(perSecond) - burst, burst: burst}
}

func (p *pace) rate(now time.Time) float64 {
	if p.cutAt.IsZero() {
		return p.full
	}
	climbed := p.full * float64(now.Sub(p.cutAt)) / float64(rateRecovery)
	return min(p.full, p.cutRate+climbed)
}

// reserve returns when a request arriving at now may go, and counts it.
func (p *pace) reserve(now time.Time) time.Time {
	interval := time.Duration(math.Ceil(float64(time.Second) / p.rate(now)))
	at := laterOf(now, p.next.Add(-time.Duration(p.burst)*interval))
	p.next = laterOf(p.next, at).Add(interval)
	return at
}

func (p *pace) cut(now time.Time) {
	p.cutRate, p.cutAt = max(1, p.rate(now)/2), now
}

// windowState says what a quota window's length rests on.
type windowState int

const (
	// documented: Toloka's documentation, not yet checked against the API.
	documented windowState = iota
	// learned: the API's 429 answers.
	learned
	// lifted: the API accepted more than the documented limit, so the
	// window is not enforced until the API answers 429 for it.
	lifted
)

// quotaWindow is one window of a creation quota: at most limit requests in
// any length of time.
type quotaWindow struct {
	interval string // as the API's 429 names it in payload.interval
	limit    int
	length   time.Duration
	state    windowState
}

// quota counts the requests of one kind of creation against its windows.
type quota struct {
	name    string
	windows []quotaWindow
	// stamps are the times of the answers to the requests, oldest first;
	// every answer but a 429 counts, since the API counts the requests that
	// pass its quota whether or not they then succeed.
	stamps       []time.Time
	inFlight     int
	probing      bool
	blockedUntil time.Time
}

// newQuota is a documented quota: perMinute requests a minute and, like
// every creation quota, documentedPerDay a day.
func newQuota(name string, perMinute int) *quota {
	return &quota{name: name, windows: []quotaWindow{
		{interval: "MIN", limit: perMinute, length: time.Minute},
		{interval: "DAY", limit: documentedPerDay, length: 24 * time.Hour},
	}}
}

// decide lets a request go when every window has room. A window that is
// full by the documentation only lets one request go at a time, once the
// others are answered, to ask the API: its answer confirms the window or
// lifts it.
func (q *quota) decide(now time.Time) verdict {
	if now.Before(q.blockedUntil) {
		return verdict{until: q.blockedUntil, reason: "the API's quota of " + q.name}
	}
	probe := false
	for i := range q.windows {
		w := &q.windows[i]
		if w.state == lifted || q.room(w, now) > 0 {
			continue
		}
		if w.state == learned {
			return verdict{until: q.reopens(w), reason: "the quota of " + q.name}
		}
		probe = true
	}
	if probe && (q.probing || q.inFlight > 0) {
		return verdict{reason: "an answer that tells the quota of " + q.name}
	}
	return verdict{admit: true, probe: probe}
}

// room is how many more requests the window takes at now.
func (q *quota) room(w *quotaWindow, now time.Time) int {
	return w.limit - q.inFlight - q.countAfter(now.Add(-w.length))
}

// countAfter is the number of stamps after t.
func (q *quota) countAfter(t time.Time) int {
	return len(q.stamps) - sort.Search(len(q.stamps), func(i int) bool { return q.stamps[i].After(t) })
}

// reopens is when the full window w takes a request again: when the stamp
// that leaves room for one ages out; zero when only an answer to a request
// in flight can make room.
func (q *quota) reopens(w *quotaWindow) time.Time {
	keep := w.limit - q.inFlight
	if keep <= 0 || len(q.stamps) < keep {
		return time.Time{}
	}
	return q.stamps[len(q.stamps)-keep].Add(w.length)
}

func (q *quota) admit(probe bool) {
	switch {
	case q == nil:
	case probe:
		q.probing = true
	default:
		q.inFlight++
	}
}

func (q *quota) release(probe bool) {
	switch {
	case q == nil:
	case probe:
		q.probing = false
	default:
		q.inFlight--
	}
}

// record counts the answer to a request at now. A 429 naming a window
// teaches the window's length when the requests this quota counted explain
// it, and otherwise blocks the quota for as long as the API asks. Any other answer
// to a probe but a 5xx (which may come from a gateway in front of the
// quota) lifts the windows that the documentation alone said were full.
func (q *quota) record(now time.Time, probe bool, status int, interval string, wait time.Duration, asked bool) {
	if q == nil {
		return
	}
	q.release(probe)
	if status == http.StatusTooManyRequests {
		q.block(now, interval, wait, asked)
		return
	}
	if probe && status != 0 && status < http.StatusInternalServerError {
		for i := range q.windows {
			if w := &q.windows[i]; w.state == documented && q.room(w, now) <= 0 {
				w.state = lifted
			}
		}
	}
	q.stamps = append(q.stamps, now)
	q.prune(now)
}

func (q *quota) block(now time.Time, interval string, wait time.Duration, asked bool) {
	w := q.window(interval)
	if !asked {
		wait = defaultPause
		if w != nil {
			wait = w.length
		}
	}
	if w != nil && asked && q.learn(w, now, now.Add(wait)) {
		return // the learned window holds the requests back until it reopens
	}
	q.blockedUntil = laterOf(q.blockedUntil, now.Add(wait))
}

// learn sets the length of window w from a 429 answered at now asking to
// wait until until, when the requests this quota counted explain it.
func (q *quota) learn(w *quotaWindow, now, until time.Time) bool {
	if len(q.stamps) < w.limit {
		return false
	}
	oldest := q.stamps[len(q.stamps)-w.limit]
	if w.state == documented && oldest.Before(now.Add(-w.length)) {
		return false // our own requests do not fill the documented window: others share the quota
	}
	w.length, w.state = windowLength(until.Sub(oldest)), learned
	return true
}

// windowLength is the length of a quota window that reopens upper after the
// request whose expiry reopens it. Retry-After counts whole seconds, rounded
// up, so the window is up to a second shorter than upper; quota windows
// being whole seconds (a minute, a day), it is upper's whole seconds. If the
// answers' latency put upper just under the true length, the window comes
// out a second short and the API's next 429 corrects it.
func windowLength(upper time.Duration) time.Duration {
	whole := upper.Truncate(time.Second)
	if whole <= 0 {
		whole = upper
	}
	return whole + learnedWindowMargin
}

func (q *quota) window(interval string) *quotaWindow {
	for i := range q.windows {
		if q.windows[i].interval == interval {
			return &q.windows[i]
		}
	}
	return nil
}

// prune forgets the stamps that no window needs any more.
func (q *quota) prune(now time.Time) {
	var longest time.Duration
	for _, w := range q.windows {
		longest = max(longest, w.length)
	}
	drop := len(q.stamps) - q.countAfter(now.Add(-longest))
	drop = max(drop, len(q.stamps)-maxStamps)
	if drop > 0 {
		q.stamps = append(q.stamps[:0], q.stamps[drop:]...)
	}
}

// limitedTransport sends requests through a RateLimiter.
type limitedTransport struct {
	next    http.RoundTripper
	limiter *RateLimiter
	apiPath string // the API root's path, cut from request paths
	log     func(ctx context.Context, msg string, fields map[string]any)
}

// wrap returns a copy of hc whose requests to the API at apiRoot go
// through the limiter; a nil limiter returns hc.
func (l *RateLimiter) wrap(hc *http.Client, apiRoot string, log func(context.Context, string, map[string]any)) *http.Client {
	if l == nil {
		return hc
	}
	next := hc.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	apiPath := ""
	if u, err := url.Parse(apiRoot); err == nil {
		apiPath = strings.TrimRight(u.Path, "/")
	}
	limited := *hc
	limited.Transport = &limitedTransport{next: next, limiter: l, apiPath: apiPath, log: log}
	return &limited
}

func (t *limitedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	key := quotaKey(req.Method, strings.TrimPrefix(req.URL.Path, t.apiPath))
	tk, err := t.limiter.acquire(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("toloka: waiting for the rate limit: %w", err)
	}
	if tk.reason != "" && t.log != nil {
		t.log(ctx, "toloka: request held back by the rate limiter", map[string]any{
			"method": req.Method, "path": req.URL.Path, "waited": tk.waited.String(), "reason": tk.reason,
		})
	}
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		tk.done(0, nil, nil)
		return nil, err
	}
	var body []byte
	if resp.StatusCode == http.StatusTooManyRequests {
		body = peekBody(resp)
	}
	tk.done(resp.StatusCode, resp.Header, body)
	return resp, nil
}

// peekBody reads the start of resp's body and puts it back.
func peekBody(resp *http.Response) []byte {
	start, err := io.ReadAll(io.LimitReader(resp.Body, maxQuotaBody))
	resp.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(start), resp.Body), resp.Body}
	if err != nil {
		return nil
	}
	return start
}
