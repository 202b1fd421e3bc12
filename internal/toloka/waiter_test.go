package toloka

import (
	"context"
	"encoding/json"
	"errors"
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
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Millisecond)
	defer cancel()
	op, err := client.WaitOperation(ctx, submittedOperation)
	var timeout *OperationTimeoutError
	if !errors.As(err, &timeout) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %T %v, want *OperationTimeoutError", err, err)
	}
	if op == nil || op.Status != OperationRunning || timeout.Operation != op || server.pollCount() == 0 {
		t.Errorf("last operation %+v after %d polls", op, server.pollCount())
	}
	for _, want := range []string{"op-1", "PROJECT.ARCHIVE", "RUNNING", "30%"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
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

func TestWaitOperationRetriesTransientErrors(t *testing.T) {
	var logged atomic.Int32
	server := &operationServer{t: t, script: []func(http.ResponseWriter){
		respondOperation(t, OperationRunning, 0, ""),
		respondStatus(503, `{"code":"REMOTE_SERVICE_UNAVAILABLE","message":"try later"}`),
		dropConnection,
		respondStatus(502, "<html>Bad Gateway</html>"),
		respondStatus(429, `{"code":"TOO_MANY_REQUESTS","message":"slow down"}`),
		respondStatus(429, `{"code":"TOO_MANY_REQUESTS","message":"slow down"}`),
		respondStatus(429, `{"code":"TOO_MANY_REQUESTS","message":"slow down"}`),
		respondStatus(429, `{"code":"TOO_MANY_REQUESTS","message":"slow down"}`),
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
	client.sleep = recorder.sleep // the 429s would otherwise cost a second each
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	op, err := client.WaitOperation(ctx, submittedOperation)
	if err != nil || op.Status != OperationSuccess {
		t.Fatalf("WaitOperation = %+v, %v", op, err)
	}
	// The client's retry policy (3 retries in tests) absorbs the first four
	// failures of a poll; the waiter sees the fourth and polls again.
	if server.pollCount() != 9 || logged.Load() != 1 {
		t.Errorf("%d requests, %d transient failures logged; want 9 and 1", server.pollCount(), logged.Load())
	}
}

func TestWaitOperationStopsOnNotFound(t *testing.T) {
	server := &operationServer{t: t, script: []func(http.ResponseWriter){
		respondOperation(t, OperationRunning, 0, ""),
		respondStatus(404, `{"code":"DOES_NOT_EXIST","message":"Object not found","request_id":"r-1"}`),
		respondOperation(t, OperationSuccess, 100, ""),
	}}
	client := newTestClient(t, server)
	op, err := client.WaitOperation(context.Background(), submittedOperation)
	if !IsNotFound(err) || !strings.Contains(err.Error(), "op-1") || op.Status != OperationRunning || server.pollCount() != 2 {
		t.Errorf("WaitOperation = %+v, %v after %d polls", op, err, server.pollCount())
	}
}

func TestWaitOperationHonoursRetryAfterOfA429(t *testing.T) {
	tooMany := func(w http.ResponseWriter) {
		w.Header().Set("Retry-After", "7")
		writeBody(w, 429, []byte(`{"code":"TOO_MANY_REQUESTS","message":"slow down"}`))
	}
	server := &operationServer{t: t, script: []func(http.ResponseWriter){tooMany, tooMany, tooMany, tooMany, respondOperation(t, OperationSuccess, 100, "")}}
	client := newTestClient(t, server)
	recorder := &sleepRecorder{}
	client.sleep = recorder.sleep
	if _, err := client.WaitOperation(context.Background(), submittedOperation); err != nil {
		t.Fatal(err)
	}
	// poll, 3 retries inside do, then the waiter's own pause before polling again
	if len(recorder.waits) != 5 || recorder.waits[4] != 7*time.Second {
		t.Errorf("waits %v, want the fifth to be 7s", recorder.waits)
	}
}
