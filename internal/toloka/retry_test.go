package toloka

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fastRetries is the retry policy of test clients: the default's shape with
// millisecond waits, and 3 retries.
var fastRetries = RetryPolicy{MaxRetries: 3, BaseDelay: time.Millisecond, MaxDelay: 4 * time.Millisecond, MaxRetryAfter: 2 * time.Minute}

// sleepRecorder replaces Client.sleep: it records the waits and returns at once.
type sleepRecorder struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *sleepRecorder) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.waits = append(s.waits, d)
	return ctx.Err()
}

func (s *sleepRecorder) recorded() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.waits...)
}

// rateLimited answers 429 (with the given Retry-After, if any) to the first
// `limited` requests, then 200.
func rateLimited(limited int32, retryAfter string, requests *atomic.Int32) http.Handler {
	return failing(limited, requests, func(w http.ResponseWriter) {
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		writeBody(w, 429, []byte(`{"request_id":"r-429","code":"TOO_MANY_REQUESTS","message":"Too many requests","payload":null}`))
	})
}

// respondTooMany answers 429 with the given Retry-After (none when empty)
// and payload (JSON).
func respondTooMany(retryAfter, payload string) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		writeBody(w, 429, []byte(`{"code":"TOO_MANY_REQUESTS","message":"m","payload":`+payload+`}`))
	}
}

// failing answers the first `failures` requests with fail, then 200 with a
// project.
func failing(failures int32, requests *atomic.Int32, fail func(w http.ResponseWriter)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if requests.Add(1) <= failures {
			fail(w)
			return
		}
		writeBody(w, 200, []byte(`{"id":"1","public_name":"p","public_description":"d"}`))
	})
}

func TestDefaultRetryPolicy(t *testing.T) {
	p := DefaultRetryPolicy()
	if p.MaxRetries != DefaultMaxRetries || p.BaseDelay <= 0 || p.MaxDelay < p.BaseDelay || p.MaxRetryAfter < time.Minute {
		t.Errorf("DefaultRetryPolicy() = %+v", p)
	}
	client, err := New(Config{BaseURL: SandboxURL, Credentials: APIKey("k")})
	if err != nil || client.retry != p {
		t.Errorf("New without a policy: %v, policy %+v", err, client.retry)
	}
	for _, bad := range []RetryPolicy{{MaxRetries: -1}, {BaseDelay: time.Second, MaxDelay: time.Millisecond}, {MaxRetryAfter: -1}} {
		if _, err := New(Config{BaseURL: SandboxURL, Credentials: APIKey("k"), Retry: &bad}); err == nil {
			t.Errorf("New accepted the retry policy %+v", bad)
		}
	}
}

func TestBackoffDoublesUpToTheCapWithJitter(t *testing.T) {
	p := RetryPolicy{BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}
	for _, tc := range []struct {
		retry    int
		low, top time.Duration // the wait with fraction 0 and with fraction 1
	}{
		{1, 50 * time.Millisecond, 100 * time.Millisecond},
		{2, 100 * time.Millisecond, 200 * time.Millisecond},
		{4, 400 * time.Millisecond, 800 * time.Millisecond},
		{5, 500 * time.Millisecond, time.Second},
		{63, 500 * time.Millisecond, time.Second},
		{1000, 500 * time.Millisecond, time.Second},
	} {
		if got := p.backoff(tc.retry, 0); got != tc.low {
			t.Errorf("backoff(%d, 0) = %v, want %v", tc.retry, got, tc.low)
		}
		if got := p.backoff(tc.retry, 0.999999); got < tc.top-time.Millisecond || got > tc.top {
			t.Errorf("backoff(%d, ~1) = %v, want about %v", tc.retry, got, tc.top)
		}
	}
}

// Retried are 408, 429, 5xx gateway and server errors; answers that would
// not change are not.
func TestWhichStatusesAreRetried(t *testing.T) {
	for status, retried := range map[int]bool{
		400: false, 401: false, 403: false, 404: false, 405: false, 409: false, 413: false, 415: false,
		408: true, 429: true, 500: true, 502: true, 503: true, 504: true,
	} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			var requests atomic.Int32
			client := newTestClient(t, failing(100, &requests, respondStatus(status, `{"code":"SOME_ERROR","message":"m"}`)))
			_, err := client.GetProject(context.Background(), "1")
			if asAPIError(t, err).StatusCode != status {
				t.Errorf("err = %v", err)
			}
			want := int32(1)
			if retried {
				want = int32(fastRetries.MaxRetries + 1)
			}
			if requests.Load() != want {
				t.Errorf("%d requests, want %d", requests.Load(), want)
			}
		})
	}
}

func TestRetriesAreBoundedAndSaySo(t *testing.T) {
	var requests atomic.Int32
	client := newTestClient(t, failing(100, &requests, respondStatus(503, `{"code":"REMOTE_SERVICE_UNAVAILABLE","message":"later"}`)))
	_, err := client.GetProject(context.Background(), "1")
	if !strings.Contains(err.Error(), "gave up after 4 attempts") || asAPIError(t, err).Code != "REMOTE_SERVICE_UNAVAILABLE" {
		t.Errorf("err = %v", err)
	}
	if requests.Load() != 4 {
		t.Errorf("%d requests, want 4", requests.Load())
	}
}

func TestServerWaitIsHonoured(t *testing.T) {
	in3s := time.Now().Add(3 * time.Second).UTC().Format(http.TimeFormat)
	for _, tc := range []struct {
		name     string
		fail     func(w http.ResponseWriter)
		min, max time.Duration
	}{
		{"seconds", respondTooMany("2", "null"), 2 * time.Second, 2 * time.Second},
		{"http date", respondTooMany(in3s, "null"), time.Second, 3 * time.Second},
		{"zero", respondTooMany("0", `{"interval":"MIN"}`), 0, 0},
		{"minute quota without Retry-After", respondTooMany("", `{"interval":"MIN"}`), time.Minute, time.Minute},
		{"neither: backoff", respondTooMany("", "null"), fastRetries.BaseDelay / 2, 2 * fastRetries.BaseDelay},
		{"garbage: backoff", respondTooMany("soon", "null"), fastRetries.BaseDelay / 2, 2 * fastRetries.BaseDelay},
		{"503 with Retry-After", func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "4")
			writeBody(w, 503, []byte(`{"code":"REMOTE_SERVICE_UNAVAILABLE","message":"m"}`))
		}, 4 * time.Second, 4 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var requests atomic.Int32
			client := newTestClient(t, failing(2, &requests, tc.fail))
			recorder := &sleepRecorder{}
			client.sleep = recorder.sleep
			project, err := client.GetProject(context.Background(), "1")
			if err != nil || project.ID != "1" {
				t.Fatalf("GetProject = %v, %v", project, err)
			}
			waits := recorder.recorded()
			if requests.Load() != 3 || len(waits) != 2 {
				t.Fatalf("%d requests and waits %v, want 3 requests and 2 waits", requests.Load(), waits)
			}
			for _, wait := range waits {
				if wait < tc.min || wait > tc.max {
					t.Errorf("waited %v, want between %v and %v", wait, tc.min, tc.max)
				}
			}
		})
	}
}

func TestLongQuotaWaitsAreNotWaitedFor(t *testing.T) {
	for _, tc := range []struct {
		name, header, payload, want string
	}{
		{"hour-long Retry-After", "3600", "null", "asks to wait 1h0m0s"},
		{"daily quota", "", `{"interval":"DAY"}`, "asks to wait 24h0m0s"},
		{"hourly quota", "", `{"interval":"hour"}`, "asks to wait 1h0m0s"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var requests atomic.Int32
			client := newTestClient(t, failing(1, &requests, respondTooMany(tc.header, tc.payload)))
			recorder := &sleepRecorder{}
			client.sleep = recorder.sleep
			_, err := client.GetProject(context.Background(), "1")
			if asAPIError(t, err).StatusCode != 429 || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want a 429 saying %q", err, tc.want)
			}
			if requests.Load() != 1 || len(recorder.recorded()) != 0 {
				t.Errorf("%d requests, waits %v", requests.Load(), recorder.recorded())
			}
		})
	}
}

func TestRetriesStayWithinTheDeadline(t *testing.T) {
	for _, tc := range []struct {
		name    string
		fail    func(w http.ResponseWriter)
		policy  RetryPolicy
		timeout time.Duration
	}{
		{"Retry-After beyond the deadline", func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "30")
			writeBody(w, 429, []byte(`{"code":"TOO_MANY_REQUESTS","message":"m"}`))
		}, fastRetries, 5 * time.Second},
		{"backoff beyond the deadline", respondStatus(502, `{"code":"BAD_GATEWAY","message":"m"}`),
			RetryPolicy{MaxRetries: 3, BaseDelay: 20 * time.Second, MaxDelay: 20 * time.Second}, 5 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var requests atomic.Int32
			client := newTestClient(t, failing(1, &requests, tc.fail))
			client.retry = tc.policy
			recorder := &sleepRecorder{}
			client.sleep = recorder.sleep
			ctx, cancel := context.WithTimeout(context.Background(), tc.timeout)
			defer cancel()
			_, err := client.GetProject(ctx, "1")
			if !strings.Contains(fmt.Sprint(err), "would pass the deadline") {
				t.Errorf("err = %v", err)
			}
			if requests.Load() != 1 || len(recorder.recorded()) != 0 {
				t.Errorf("%d requests, waits %v: retried despite the deadline", requests.Load(), recorder.recorded())
			}
		})
	}
}

func TestRetryWaitEndsWithTheContext(t *testing.T) {
	var requests atomic.Int32
	client := newTestClient(t, rateLimited(1, "60", &requests))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	slept := make(chan error, 1)
	client.sleep = func(ctx context.Context, d time.Duration) error {
		time.AfterFunc(20*time.Millisecond, cancel) // well within the minute asked for
		err := sleepContext(ctx, d)
		slept <- err
		return err
	}
	_, err := client.GetProject(ctx, "1")
	if waitErr := <-slept; !errors.Is(waitErr, context.Canceled) {
		t.Errorf("the wait of a minute ended with %v, want the context's cancellation", waitErr)
	}
	if asAPIError(t, err).StatusCode != 429 || requests.Load() != 1 {
		t.Errorf("err = %v after %d requests", err, requests.Load())
	}
}

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		header string
		want   time.Duration
		ok     bool
	}{
		{"5", 5 * time.Second, true},
		{"0", 0, true},
		{"99999999999999", 24 * time.Hour, true},
		{"Mon, 01 Jan 2024 12:00:10 GMT", 10 * time.Second, true},
		{"Mon, 01 Jan 2024 11:00:00 GMT", 0, true},
		{"-3", 0, false},
		{"", 0, false},
	} {
		h := http.Header{}
		if tc.header != "" {
			h.Set("Retry-After", tc.header)
		}
		got, ok := retryAfter(h, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tc.header, got, ok, tc.want, tc.ok)
		}
	}
}

func TestNetworkErrorsAndGarbledAnswersAreRetried(t *testing.T) {
	for name, fail := range map[string]func(w http.ResponseWriter){
		"dropped connection": dropConnection,
		"cut body": func(w http.ResponseWriter) {
			w.Header().Set("Content-Length", "100")
			w.WriteHeader(200)
			_, _ = io.WriteString(w, `{"id":"1","public_na`)
			dropConnection(w)
		},
		"truncated JSON": respondStatus(200, `{"id":"1","public_na`),
		"proxy page":     respondStatus(502, "<html><body><h1>502 Bad Gateway</h1></body></html>"),
	} {
		t.Run(name, func(t *testing.T) {
			var requests atomic.Int32
			client := newTestClient(t, failing(2, &requests, fail))
			project, err := client.GetProject(context.Background(), "1")
			if err != nil || project.PublicName != "p" || requests.Load() != 3 {
				t.Errorf("GetProject = %+v, %v after %d requests", project, err, requests.Load())
			}
		})
	}
}

func TestConnectionRefusedIsRetried(t *testing.T) {
	client, err := New(Config{BaseURL: "http://127.0.0.1:1/api/v1", Credentials: APIKey(testToken), Retry: &fastRetries})
	if err != nil {
		t.Fatal(err)
	}
	var attempts atomic.Int32
	client.logger = func(_ context.Context, msg string, _ map[string]any) {
		if msg == "toloka: request failed" {
			attempts.Add(1)
		}
	}
	_, err = client.GetProject(context.Background(), "1")
	if err == nil || !strings.Contains(err.Error(), "gave up after 4 attempts") || attempts.Load() != 4 {
		t.Errorf("err = %v after %d attempts", err, attempts.Load())
	}
}

// A plain POST that may have been processed is not sent again; one the API
// surely did not act on is.
func TestPlainPOSTIsRepeatedOnlyWhenNotProcessed(t *testing.T) {
	for _, tc := range []struct {
		name     string
		fail     func(w http.ResponseWriter)
		requests int32
	}{
		{"429", respondStatus(429, `{"code":"TOO_MANY_REQUESTS","message":"m"}`), 2},
		{"408", respondStatus(408, `{"code":"REQUEST_TIMEOUT","message":"m"}`), 2},
		{"500", respondStatus(500, `{"code":"INTERNAL_ERROR","message":"m"}`), 1},
		{"504", respondStatus(504, `{"code":"GATEWAY_TIMEOUT","message":"m"}`), 1},
		{"dropped after sending", dropConnection, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var requests atomic.Int32
			client := newTestClient(t, failing(1, &requests, tc.fail))
			_, err := client.do(context.Background(), http.MethodPost, "/things", nil, map[string]string{"a": "b"}, nil)
			if requests.Load() != tc.requests {
				t.Errorf("%d requests, want %d (err %v)", requests.Load(), tc.requests, err)
			}
			if tc.requests == 1 && (err == nil || !strings.Contains(err.Error(), "not sent again")) {
				t.Errorf("err = %v, want one saying it was not sent again", err)
			}
		})
	}
}

func TestArchiveIsRetriedAsALifecycleAction(t *testing.T) {
	var requests atomic.Int32
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if requests.Add(1) == 1 {
			writeBody(w, 502, []byte("<html>Bad Gateway</html>"))
			return
		}
		writeBody(w, 202, []byte(`{"id":"op-1","type":"PROJECT.ARCHIVE","status":"PENDING"}`))
	}))
	op, err := client.ArchiveProject(context.Background(), "1")
	if err != nil || op.ID != "op-1" || requests.Load() != 2 {
		t.Errorf("ArchiveProject = %+v, %v after %d requests", op, err, requests.Load())
	}
}

func TestRefusedRedirectIsNotRetried(t *testing.T) {
	var requests atomic.Int32
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		http.Redirect(w, r, r.URL.Path, http.StatusFound)
	}))
	_, err := client.GetProject(context.Background(), "1")
	if !errors.Is(err, errRedirectRefused) || requests.Load() != maxRedirects {
		t.Errorf("err = %v after %d requests", err, requests.Load())
	}
}

func TestRetriesAreLoggedWithoutSecrets(t *testing.T) {
	var mu sync.Mutex
	var retries []map[string]any
	var lines []string
	var requests atomic.Int32
	client := newTestClient(t, failing(2, &requests, respondStatus(503, `{"code":"REMOTE_SERVICE_UNAVAILABLE","message":"m"}`)),
		func(c *Config) {
			c.Logger = func(_ context.Context, msg string, fields map[string]any) {
				mu.Lock()
				defer mu.Unlock()
				lines = append(lines, fmt.Sprint(msg, fields))
				if msg == "toloka: retrying" {
					retries = append(retries, fields)
				}
			}
		})
	if _, err := client.GetProject(context.Background(), "1"); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(retries) != 2 {
		t.Fatalf("retries logged: %v", retries)
	}
	for i, fields := range retries {
		if fields["attempt"] != i+1 || fields["method"] != "GET" || fields["path"] != "/projects/1" ||
			fields["reason"] != "HTTP 503 REMOTE_SERVICE_UNAVAILABLE" || fields["wait"] == "" {
			t.Errorf("retry %d logged %v", i+1, fields)
		}
	}
	for _, line := range lines {
		if strings.Contains(line, testToken) {
			t.Errorf("log line reveals the key: %s", line)
		}
	}
}

// A garbled answer leaves nothing in the result that the next answer lacks.
func TestRetriedAnswerIsDecodedAfresh(t *testing.T) {
	var requests atomic.Int32
	client := newTestClient(t, failing(1, &requests, respondStatus(200, `{"id":"1","public_name":"p","private_comment":"stale","status":7}`)))
	project, err := client.GetProject(context.Background(), "1")
	if err != nil || project.PrivateComment != nil || project.PublicName != "p" || requests.Load() != 2 {
		t.Errorf("GetProject = %+v, %v after %d requests", project, err, requests.Load())
	}
}
