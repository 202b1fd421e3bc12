package toloka

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"sync/atomic"
	"syscall"
	"testing"
)

// failureCase is one way a call to the API can fail, and whether repeating
// the call may mend it.
type failureCase struct {
	name      string
	fail      func(w http.ResponseWriter, r *http.Request)
	always    bool // every request fails, not just the first
	tls       bool // the server's certificate is not trusted
	transient bool
}

func failWith(status int, body string) func(w http.ResponseWriter, r *http.Request) {
	return func(w http.ResponseWriter, _ *http.Request) { writeBody(w, status, []byte(body)) }
}

func failureCases() []failureCase {
	var cases []failureCase
	for _, status := range []int{400, 401, 403, 404, 405, 409, 413, 415, 501, 505} {
		cases = append(cases, failureCase{name: fmt.Sprint(status), fail: failWith(status, `{"code":"SOME_ERROR","message":"m"}`)})
	}
	for _, status := range []int{408, 429, 500, 502, 503, 504} {
		cases = append(cases, failureCase{name: fmt.Sprint(status), fail: failWith(status, `{"code":"SOME_ERROR","message":"m"}`), transient: true})
	}
	return append(cases,
		failureCase{name: "502 proxy page", fail: failWith(502, "<html><h1>502 Bad Gateway</h1></html>"), transient: true},
		failureCase{name: "200 with truncated JSON", fail: failWith(200, `{"id":"1","status":"RU`), transient: true},
		failureCase{name: "200 with an empty body", fail: failWith(200, ""), transient: true},
		failureCase{name: "connection dropped", fail: func(w http.ResponseWriter, _ *http.Request) { dropConnection(w) }, transient: true},
		failureCase{name: "body cut by the network", fail: func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Length", "100")
			w.WriteHeader(200)
			_, _ = io.WriteString(w, `{"id":"1"`)
			dropConnection(w)
		}, transient: true},
		failureCase{name: "redirect loop", fail: func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, r.URL.Path, http.StatusFound)
		}, always: true},
		failureCase{name: "untrusted certificate", tls: true, always: true},
	)
}

// classifyingServer fails as tc says, then answers GET /projects/1 and
// GET /operations/op-1 with success.
func classifyingServer(t *testing.T, tc failureCase) http.Handler {
	var requests atomic.Int32
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Connection", "close")
		if requests.Add(1) == 1 || tc.always {
			tc.fail(w, r)
			return
		}
		switch r.URL.Path {
		case "/api/v1/projects/1":
			writeBody(w, 200, []byte(`{"id":"1","public_name":"p"}`))
		case "/api/v1/operations/op-1":
			writeBody(w, 200, []byte(`{"id":"op-1","type":"PROJECT.ARCHIVE","status":"SUCCESS"}`))
		default:
			t.Errorf("unexpected request %s %s", r.Method, r.URL.Path)
		}
	})
}

// newClassifyingClient returns a client of a server for tc that counts the
// HTTP exchanges it makes and never really sleeps.
func newClassifyingClient(t *testing.T, tc failureCase) (*Client, *atomic.Int32) {
	t.Helper()
	start := httptest.NewServer
	if tc.tls {
		start = httptest.NewTLSServer
	}
	server := start(classifyingServer(t, tc))
	t.Cleanup(server.Close)
	var exchanges atomic.Int32
	client, err := New(Config{BaseURL: server.URL + "/api/v1", Credentials: APIKey(testToken),
		Logger: func(_ context.Context, msg string, _ map[string]any) {
			if msg == "toloka: request" || msg == "toloka: request failed" {
				exchanges.Add(1)
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	client.retry = fastRetries
	client.sleep = (&sleepRecorder{}).sleep
	return client, &exchanges
}

// A request and a poll of an operation take every failure alike: what is
// transient is repeated, once, and then succeeds; what is not ends the call
// after its single exchange.
func TestRequestsAndPollsTakeFailuresAlike(t *testing.T) {
	for _, tc := range failureCases() {
		t.Run(tc.name, func(t *testing.T) {
			request, poll := requestVerdict(t, tc), pollVerdict(t, tc)
			if request != tc.transient || poll != tc.transient {
				t.Errorf("transient for a request: %v, for a poll: %v; want %v for both", request, poll, tc.transient)
			}
		})
	}
}

// requestVerdict reports whether GetProject took tc's failure as transient.
func requestVerdict(t *testing.T, tc failureCase) bool {
	t.Helper()
	client, exchanges := newClassifyingClient(t, tc)
	project, err := client.GetProject(context.Background(), "1")
	return repeatedOnce(t, "request", err, err == nil && project.ID == "1", exchanges.Load())
}

// pollVerdict reports whether WaitOperation took tc's failure as transient.
func pollVerdict(t *testing.T, tc failureCase) bool {
	t.Helper()
	client, exchanges := newClassifyingClient(t, tc)
	op, err := client.WaitOperation(context.Background(), submittedOperation)
	var pollErr *OperationPollError
	if err != nil && (!errors.As(err, &pollErr) || pollErr.FailedPolls != 1) {
		t.Errorf("poll: err = %T %v, want an *OperationPollError after one failed poll", err, err)
	}
	return repeatedOnce(t, "poll", err, err == nil && op.Status == OperationSuccess, exchanges.Load())
}

// repeatedOnce reads a call's outcome: repeated once and successful (transient),
// or failed after one exchange (not transient).
func repeatedOnce(t *testing.T, path string, err error, succeeded bool, exchanges int32) bool {
	t.Helper()
	switch {
	case succeeded && exchanges == 2:
		return true
	case err != nil && exchanges == 1:
		return false
	}
	t.Fatalf("%s: %d exchanges, err %v: neither repeated once nor ended at once", path, exchanges, err)
	return false
}

// Failures the table above does not stage: network errors met while
// reading the body, which net/http does not wrap in *url.Error, and an
// answer too large to read.
func TestTransportFailuresOutsideTheTable(t *testing.T) {
	for name, tc := range map[string]struct {
		err       error
		transient bool
	}{
		"connection reset while reading": {fmt.Errorf("toloka: reading response of GET /x: %w", syscall.ECONNRESET), true},
		"broken pipe":                    {fmt.Errorf("toloka: reading response of GET /x: %w", syscall.EPIPE), true},
		"read timeout":                   {fmt.Errorf("toloka: reading response of GET /x: %w", os.ErrDeadlineExceeded), true},
		"response too large":             {errors.New("toloka: response of GET /x exceeds 67108864 bytes"), false},
	} {
		if got := (attempt{outcome: transportOutcome(tc.err, true)}).transient(); got != tc.transient {
			t.Errorf("%s: transient %v, want %v", name, got, tc.transient)
		}
	}
}
