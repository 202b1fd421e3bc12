package toloka

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestNextPollDelay(t *testing.T) {
	s := defaultPollSettings
	ms := time.Millisecond
	submitted := Time{time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)}
	startedAfter := func(d time.Duration) *Time { return &Time{submitted.Add(d)} }
	running := func(progress int64, startDelay time.Duration) *Operation {
		return &Operation{Status: OperationRunning, Progress: &progress, Submitted: &submitted, Started: startedAfter(startDelay)}
	}
	pending := &Operation{Status: OperationPending}
	for _, tc := range []struct {
		name   string
		waited time.Duration
		op     *Operation
		want   time.Duration
	}{
		{"first poll 100ms after submission", 0, pending, 100 * ms},
		{"first poll counts time already spent", 30 * ms, pending, 70 * ms},
		{"floor right after the first poll", 100 * ms, pending, 50 * ms},
		{"a third of the time waited", 600 * ms, pending, 200 * ms},
		{"capped", time.Minute, pending, 2 * time.Second},
		{"progress: poll at the estimated finish", time.Second, running(50, 0), time.Second},
		{"progress: the start delay is not running time", 1100 * ms, running(80, 100*ms), 250 * ms},
		{"progress: estimate below the floor", 2 * time.Second, running(99, 0), 50 * ms},
		{"progress: a far end is approached halfway", 2 * time.Second, running(10, 0), 9 * time.Second},
		{"progress: just beyond the cap, halfway too", 2 * time.Second, running(48, 0), 2 * time.Second * 52 / 48 / 2},
		{"progress: a very far end is polled for within reach", 10 * time.Second, running(1, 0), 30 * time.Second},
		{"progress 100 but not finished", time.Second, running(100, 0), 50 * ms},
		{"progress 0 gives no estimate", 600 * ms, running(0, 0), 200 * ms},
		{"started later than waited (skew) gives no estimate", 600 * ms, running(50, time.Second), 200 * ms},
		{"no started time gives no estimate", 600 * ms, &Operation{Progress: new(int64(50)), Submitted: &submitted}, 200 * ms},
	} {
		if got := nextPollDelay(s, tc.waited, tc.op); got != tc.want {
			t.Errorf("%s: nextPollDelay(%v) = %v, want %v", tc.name, tc.waited, got, tc.want)
		}
	}
}

// operationServer serves GET /api/v1/operations/op-1 from a script of
// responses; the last one repeats.
type operationServer struct {
	t      *testing.T
	mu     sync.Mutex
	script []func(w http.ResponseWriter)
	polls  int
}

func (s *operationServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet || r.URL.Path != "/api/v1/operations/op-1" {
		s.t.Errorf("unexpected request %s %s", r.Method, r.URL.Path)
	}
	// A fresh connection per poll, so that the transport does not silently
	// retry a dropped one.
	w.Header().Set("Connection", "close")
	s.mu.Lock()
	step := s.script[min(s.polls, len(s.script)-1)]
	s.polls++
	s.mu.Unlock()
	step(w)
}

func (s *operationServer) pollCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.polls
}

func respondOperation(t *testing.T, status string, progress int64, details string) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		op := Operation{ID: "op-1", Type: "PROJECT.ARCHIVE", Status: status, Progress: &progress}
		if details != "" {
			op.Details = json.RawMessage(details)
		}
		writeJSON(t, w, op)
	}
}

func respondStatus(status int, body string) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) { writeBody(w, status, []byte(body)) }
}

// dropConnection makes the client see a network error.
func dropConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		_ = conn.Close()
	}
}

var submittedOperation = &Operation{ID: "op-1", Type: "PROJECT.ARCHIVE", Status: OperationPending}

func TestWaitOperationSuccess(t *testing.T) {
	server := &operationServer{t: t, script: []func(http.ResponseWriter){
		respondOperation(t, OperationRunning, 10, ""),
		respondOperation(t, OperationRunning, 60, ""),
		respondOperation(t, OperationSuccess, 100, `{}`),
	}}
	client := newTestClient(t, server)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	op, err := client.WaitOperation(ctx, submittedOperation)
	if err != nil || op.Status != OperationSuccess || server.pollCount() != 3 {
		t.Errorf("WaitOperation = %+v, %v after %d polls", op, err, server.pollCount())
	}
}

func TestWaitOperationAlreadyFinished(t *testing.T) {
	server := &operationServer{t: t, script: []func(http.ResponseWriter){respondStatus(500, "")}}
	client := newTestClient(t, server)
	done := &Operation{ID: "op-1", Type: "POOL.OPEN", Status: OperationSuccess}
	if op, err := client.WaitOperation(context.Background(), done); op != done || err != nil {
		t.Errorf("WaitOperation(SUCCESS) = %v, %v", op, err)
	}
	failed := &Operation{ID: "op-1", Type: "POOL.OPEN", Status: OperationFail}
	var failedErr *OperationFailedError
	if op, err := client.WaitOperation(context.Background(), failed); op != failed || !errors.As(err, &failedErr) {
		t.Errorf("WaitOperation(FAIL) = %v, %v", op, err)
	}
	if server.pollCount() != 0 {
		t.Errorf("%d polls of a finished operation", server.pollCount())
	}
	if _, err := client.WaitOperation(context.Background(), nil); err == nil {
		t.Error("WaitOperation(nil) succeeded")
	}
}

func TestWaitOperationFail(t *testing.T) {
	server := &operationServer{t: t, script: []func(http.ResponseWriter){
		respondOperation(t, OperationRunning, 0, ""),
		respondOperation(t, OperationFail, 100, `{"error":"UNARCHIVED_POOLS_CONFLICT"}`),
	}}
	client := newTestClient(t, server)
	op, err := client.WaitOperation(context.Background(), submittedOperation)
	var failed *OperationFailedError
	if !errors.As(err, &failed) || failed.Operation != op || op.Status != OperationFail {
		t.Fatalf("WaitOperation = %+v, %v", op, err)
	}
	for _, want := range []string{"op-1", "PROJECT.ARCHIVE", `{"error":"UNARCHIVED_POOLS_CONFLICT"}`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
}

func TestWaitOperationTimeout(t *testing.T) {
	server := &operationServer{t: t, script: []func(http.ResponseWriter){respondOperation(t, OperationRunning, 30, "")}}
	client := newTestClient(t, server)
	ctx := newExpiringContext(t)
	client.sleep = ctx.expireOnSleep(3)
	op, err := client.WaitOperation(ctx, submittedOperation)
	var timeout *OperationTimeoutError
	if !errors.As(err, &timeout) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %T %v, want *OperationTimeoutError", err, err)
	}
	if op == nil || op.Status != OperationRunning || timeout.Operation != op || server.pollCount() != 2 {
		t.Errorf("last operation %+v after %d polls, want RUNNING after 2", op, server.pollCount())
	}
	for _, want := range []string{"op-1", "PROJECT.ARCHIVE", "RUNNING", "30%"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
	if timeout.LastPollError != nil || timeout.FailedPolls != 0 || strings.Contains(err.Error(), "poll") {
		t.Errorf("a timeout after successful polls speaks of failed ones: %v", err)
	}
}

func TestWaitOperationCancelled(t *testing.T) {
	server := &operationServer{t: t, script: []func(http.ResponseWriter){respondOperation(t, OperationRunning, 0, "")}}
	client := newTestClient(t, server)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	_, err := client.WaitOperation(ctx, submittedOperation)
	var timeout *OperationTimeoutError
	if !errors.Is(err, context.Canceled) || errors.As(err, &timeout) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// Each transient failure of a poll costs one request, and a successful poll
// starts the count of failures in a row again.
func TestWaitOperationRetriesTransientErrors(t *testing.T) {
	var logged atomic.Int32
	tooMany := respondStatus(429, `{"code":"TOO_MANY_REQUESTS","message":"slow down"}`)
	unavailable := respondStatus(503, `{"code":"REMOTE_SERVICE_UNAVAILABLE","message":"try later"}`)
	server := &operationServer{t: t, script: []func(http.ResponseWriter){
		respondOperation(t, OperationRunning, 0, ""),
		unavailable, dropConnection, respondStatus(502, "<html>Bad Gateway</html>"), tooMany,
		respondOperation(t, OperationRunning, 50, ""),
		respondStatus(504, ""), respondStatus(408, `{"code":"REQUEST_TIMEOUT","message":"m"}`), respondStatus(200, `{"id":"op-1","sta`), tooMany,
		respondOperation(t, OperationSuccess, 100, ""),
	}}
	client := newTestClient(t, server, func(c *Config) {
		c.Logger = func(_ context.Context, msg string, _ map[string]any) {
			if strings.Contains(msg, "polling operation failed") {
				logged.Add(1)
			}
		}
	})
	recorder := &sleepRecorder{}
	client.sleep = recorder.sleep
	op, err := client.WaitOperation(context.Background(), submittedOperation)
	if err != nil || op.Status != OperationSuccess {
		t.Fatalf("WaitOperation = %+v, %v", op, err)
	}
	if server.pollCount() != 11 || logged.Load() != 8 || len(recorder.recorded()) != 11 {
		t.Errorf("%d requests, %d failures logged, %d waits; want 11, 8 and 11", server.pollCount(), logged.Load(), len(recorder.recorded()))
	}
}

// A poll is one request, however the client's requests are retried: the
// wait, not the request, repeats it.
func TestEachPollIsOneRequest(t *testing.T) {
	unavailable := respondStatus(503, `{"code":"REMOTE_SERVICE_UNAVAILABLE","message":"later"}`)
	server := &operationServer{t: t, script: []func(http.ResponseWriter){
		unavailable, unavailable, unavailable, respondOperation(t, OperationSuccess, 100, ""),
	}}
	var mu sync.Mutex
	logged := map[string]int{}
	client := newTestClient(t, server, func(c *Config) {
		c.Logger = func(_ context.Context, msg string, _ map[string]any) {
			mu.Lock()
			defer mu.Unlock()
			logged[msg]++
		}
	})
	if client.retry.MaxRetries < 3 {
		t.Fatalf("the test needs a policy that would retry a request 3 times, not %d", client.retry.MaxRetries)
	}
	recorder := &sleepRecorder{}
	client.sleep = recorder.sleep
	if _, err := client.WaitOperation(context.Background(), submittedOperation); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	// Within a retrying request, the first poll alone would have made all 4.
	if polls, waits := server.pollCount(), len(recorder.recorded()); polls != 4 || waits != 4 {
		t.Errorf("%d requests after %d waits, want one request per wait: 4 and 4", polls, waits)
	}
	if logged["toloka: polling operation failed, retrying"] != 3 || logged["toloka: retrying"] != 0 {
		t.Errorf("logged %v, want 3 failed polls and no retried request", logged)
	}
}

// Transient failures of as many polls in a row as a request may make
// attempts (and at least minFailedPolls) end the wait, with the error of the
// last, after the retry policy's backoff between them.
func TestWaitOperationGivesUpAfterFailedPollsInARow(t *testing.T) {
	for _, tc := range []struct {
		maxRetries, limit int
	}{
		{0, minFailedPolls},
		{3, minFailedPolls},
		{DefaultMaxRetries, DefaultMaxRetries + 1},
		{8, 9},
	} {
		t.Run(fmt.Sprintf("max retries %d", tc.maxRetries), func(t *testing.T) {
			server := &operationServer{t: t, script: []func(http.ResponseWriter){
				respondOperation(t, OperationRunning, 40, ""),
				respondStatus(503, `{"code":"REMOTE_SERVICE_UNAVAILABLE","message":"later","request_id":"r-5"}`),
			}}
			client := newTestClient(t, server)
			client.retry = RetryPolicy{MaxRetries: tc.maxRetries, BaseDelay: time.Second, MaxDelay: 30 * time.Second, MaxRetryAfter: time.Minute}
			client.jitter = func() float64 { return 0 } // the backoff's lower end: half of it
			recorder := &sleepRecorder{}
			client.sleep = recorder.sleep
			op, err := client.WaitOperation(context.Background(), submittedOperation)
			var pollErr *OperationPollError
			if !errors.As(err, &pollErr) || pollErr.FailedPolls != tc.limit || asAPIError(t, err).StatusCode != 503 {
				t.Fatalf("err = %T %v, want an *OperationPollError after %d failed polls", err, err, tc.limit)
			}
			if op.Status != OperationRunning || pollErr.Operation != op || server.pollCount() != 1+tc.limit {
				t.Errorf("last state %+v after %d polls, want RUNNING after %d", op, server.pollCount(), 1+tc.limit)
			}
			for _, want := range []string{"op-1", "PROJECT.ARCHIVE", "RUNNING", fmt.Sprintf("the last %d polls failed", tc.limit), "REMOTE_SERVICE_UNAVAILABLE", "r-5"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not say %s", err, want)
				}
			}
			waits := recorder.recorded()
			if len(waits) != 1+tc.limit {
				t.Fatalf("waits %v, want %d", waits, 1+tc.limit)
			}
			for i, wait := range waits[2:] {
				if backoff := client.retry.backoff(i+1, 0); wait != backoff {
					t.Errorf("wait after failed poll %d: %v, want the backoff %v", i+1, wait, backoff)
				}
			}
		})
	}
}

// A poll failure that repeating cannot mend ends the wait at once.
func TestWaitOperationStopsOnNotFound(t *testing.T) {
	server := &operationServer{t: t, script: []func(http.ResponseWriter){
		respondOperation(t, OperationRunning, 0, ""),
		respondStatus(404, `{"code":"DOES_NOT_EXIST","message":"Object not found","request_id":"r-1"}`),
		respondOperation(t, OperationSuccess, 100, ""),
	}}
	client := newTestClient(t, server)
	op, err := client.WaitOperation(context.Background(), submittedOperation)
	var pollErr *OperationPollError
	if !IsNotFound(err) || !errors.As(err, &pollErr) || pollErr.FailedPolls != 1 || !strings.Contains(err.Error(), "op-1") ||
		op.Status != OperationRunning || server.pollCount() != 2 {
		t.Errorf("WaitOperation = %+v, %v after %d polls", op, err, server.pollCount())
	}
}

// The wait honours the Retry-After or quota interval of a poll's 429, as
// requests do, and refuses as they do one too long to wait for.
func TestWaitOperationHonoursTheWaitA429AsksFor(t *testing.T) {
	for _, tc := range []struct {
		name    string
		answer  func(w http.ResponseWriter)
		wait    time.Duration // the wait before the second poll; 0: none, the wait ends
		wantErr string
	}{
		{"Retry-After", respondTooMany("7", "null"), 7 * time.Second, ""},
		{"a minute's quota", respondTooMany("", `{"interval":"MIN"}`), time.Minute, ""},
		{"an hour's Retry-After", respondTooMany("3600", "null"), 0, "the API asks to wait 1h0m0s"},
		{"a day's quota", respondTooMany("", `{"interval":"DAY"}`), 0, "the API asks to wait 24h0m0s"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			server := &operationServer{t: t, script: []func(http.ResponseWriter){tc.answer, respondOperation(t, OperationSuccess, 100, "")}}
			client := newTestClient(t, server)
			recorder := &sleepRecorder{}
			client.sleep = recorder.sleep
			_, err := client.WaitOperation(context.Background(), submittedOperation)
			waits := recorder.recorded()
			if tc.wantErr != "" {
				var pollErr *OperationPollError
				if !errors.As(err, &pollErr) || !strings.Contains(err.Error(), tc.wantErr) || len(waits) != 1 {
					t.Errorf("err = %v after waits %v, want one saying %q", err, waits, tc.wantErr)
				}
				return
			}
			if err != nil || len(waits) != 2 || waits[1] != tc.wait {
				t.Errorf("err = %v after waits %v, want the second to be %v", err, waits, tc.wait)
			}
		})
	}
}

// A wait whose deadline passes while its polls fail says why they failed.
func TestWaitOperationTimeoutCarriesTheLastPollError(t *testing.T) {
	unavailable := respondStatus(503, `{"code":"REMOTE_SERVICE_UNAVAILABLE","message":"later","request_id":"r-9"}`)
	server := &operationServer{t: t, script: []func(http.ResponseWriter){
		respondOperation(t, OperationRunning, 30, ""), unavailable, unavailable,
	}}
	client := newTestClient(t, server)
	ctx := newExpiringContext(t)
	client.sleep = ctx.expireOnSleep(4)
	op, err := client.WaitOperation(ctx, submittedOperation)
	var timeout *OperationTimeoutError
	if !errors.As(err, &timeout) || !errors.Is(err, context.DeadlineExceeded) || op.Status != OperationRunning {
		t.Fatalf("WaitOperation = %+v, %T %v; want an *OperationTimeoutError", op, err, err)
	}
	if timeout.FailedPolls != 2 || asAPIError(t, timeout.LastPollError).StatusCode != 503 || server.pollCount() != 3 {
		t.Errorf("timeout %+v after %d polls, want the second of 2 failed polls", timeout, server.pollCount())
	}
	want := "timed out waiting for operation op-1 (PROJECT.ARCHIVE): still RUNNING, progress 30%; the last 2 polls " +
		"failed, the last with: toloka: HTTP 503 REMOTE_SERVICE_UNAVAILABLE: later; request id r-9"
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error %q\ndoes not say %q", err, want)
	}
}

// When the backoff after a failed poll would pass the deadline, the wait
// ends at once with the timeout and the poll's error.
func TestWaitOperationDoesNotBackOffPastTheDeadline(t *testing.T) {
	server := &operationServer{t: t, script: []func(http.ResponseWriter){
		respondStatus(502, "<html>Bad Gateway</html>"),
	}}
	client := newTestClient(t, server)
	client.retry.BaseDelay, client.retry.MaxDelay = 2*time.Hour, 2*time.Hour
	recorder := &sleepRecorder{}
	client.sleep = recorder.sleep
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	_, err := client.WaitOperation(ctx, submittedOperation)
	var timeout *OperationTimeoutError
	if !errors.As(err, &timeout) || timeout.FailedPolls != 1 || !strings.Contains(err.Error(), "the last poll failed: toloka: HTTP 502") {
		t.Fatalf("err = %v, want a timeout carrying the 502", err)
	}
	if waits := recorder.recorded(); len(waits) != 1 || server.pollCount() != 1 {
		t.Errorf("waits %v and %d polls, want 1 and 1", waits, server.pollCount())
	}
}

// expiringContext is a context whose deadline the test makes pass, so that a
// wait times out at a chosen step rather than at a race against real time.
type expiringContext struct {
	context.Context
	once sync.Once
	done chan struct{}
}

func newExpiringContext(t *testing.T) *expiringContext {
	return &expiringContext{Context: t.Context(), done: make(chan struct{})}
}

func (c *expiringContext) Deadline() (time.Time, bool) { return time.Now().Add(time.Hour), true }
func (c *expiringContext) Done() <-chan struct{}       { return c.done }

func (c *expiringContext) Err() error {
	select {
	case <-c.done:
		return context.DeadlineExceeded
	default:
		return nil
	}
}

func (c *expiringContext) expire() { c.once.Do(func() { close(c.done) }) }

// expireOnSleep is a Client.sleep that returns at once, except the nth
// time, when it makes the deadline pass.
func (c *expiringContext) expireOnSleep(n int) func(context.Context, time.Duration) error {
	var calls atomic.Int32
	return func(ctx context.Context, _ time.Duration) error {
		if int(calls.Add(1)) >= n {
			c.expire()
		}
		return ctx.Err()
	}
}
