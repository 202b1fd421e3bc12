package toloka

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// deadlineRecorder is a transport that notes the deadline of each request's
// context ("none" without one) before sending it on.
type deadlineRecorder struct {
	mu        sync.Mutex
	deadlines map[string][]time.Time // by "METHOD path"; the zero time: none
}

func (d *deadlineRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	deadline, _ := req.Context().Deadline()
	d.mu.Lock()
	key := req.Method + " " + strings.TrimPrefix(req.URL.Path, "/api/v1")
	d.deadlines[key] = append(d.deadlines[key], deadline)
	d.mu.Unlock()
	return http.DefaultTransport.RoundTrip(req)
}

func (d *deadlineRecorder) of(key string) []time.Time {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.deadlines[key]
}

// A GET whose context has no deadline gets one, the read timeout away, for
// the whole call, retries included; other requests and contexts with a
// deadline are left as they are.
func TestReadsWithoutADeadlineGetOne(t *testing.T) {
	const readTimeout = 90 * time.Second
	recorder := &deadlineRecorder{deadlines: map[string][]time.Time{}}
	var projectReads atomic.Int32
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/api/v1/projects/1" && r.Method == http.MethodGet && projectReads.Add(1) == 1:
			writeBody(w, 503, []byte(`{"code":"REMOTE_SERVICE_UNAVAILABLE","message":"later"}`))
		case strings.HasPrefix(r.URL.Path, "/api/v1/projects"):
			writeBody(w, 200, []byte(`{"id":"1","public_name":"p","items":[],"has_more":false}`))
		case r.URL.Path == "/api/v1/operations/op-1":
			writeBody(w, 200, []byte(`{"id":"op-1","type":"PROJECT.ARCHIVE","status":"SUCCESS"}`))
		}
	}), func(c *Config) {
		c.HTTPClient = &http.Client{Transport: recorder}
		c.ReadTimeout = readTimeout
	})
	client.sleep = (&sleepRecorder{}).sleep

	before := time.Now()
	if _, err := client.GetProject(context.Background(), "1"); err != nil {
		t.Fatal(err)
	}
	if _, err := client.ListProjects(context.Background(), ProjectListOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.WaitOperation(context.Background(), submittedOperation); err != nil {
		t.Fatal(err)
	}
	if _, err := client.UpdateProject(context.Background(), "1", &Project{PublicName: "p"}); err != nil {
		t.Fatal(err)
	}
	after := time.Now()

	reads := recorder.of("GET /projects/1")
	if len(reads) != 2 || !reads[0].Equal(reads[1]) {
		t.Errorf("deadlines of a retried read: %v, want the same one for both attempts", reads)
	}
	for _, key := range []string{"GET /projects/1", "GET /projects", "GET /operations/op-1"} {
		for _, deadline := range recorder.of(key) {
			if deadline.Before(before.Add(readTimeout)) || deadline.After(after.Add(readTimeout)) {
				t.Errorf("%s: deadline %v, want the read timeout from the call", key, deadline)
			}
		}
	}
	if writes := recorder.of("PUT /projects/1"); len(writes) != 1 || !writes[0].IsZero() {
		t.Errorf("deadlines of an update: %v, want none: its caller bounds it", writes)
	}

	own := time.Now().Add(time.Hour)
	ctx, cancel := context.WithDeadline(context.Background(), own)
	defer cancel()
	if _, err := client.GetProject(ctx, "1"); err != nil {
		t.Fatal(err)
	}
	if reads := recorder.of("GET /projects/1"); len(reads) != 3 || !reads[2].Equal(own) {
		t.Errorf("deadline of a read with its own: %v, want %v", reads, own)
	}
}

// The read timeout covers the retries: a wait that would pass it is not
// begun.
func TestReadTimeoutBoundsTheRetries(t *testing.T) {
	var requests atomic.Int32
	client := newTestClient(t, rateLimited(100, "100", &requests), func(c *Config) { c.ReadTimeout = time.Minute })
	recorder := &sleepRecorder{}
	client.sleep = recorder.sleep
	_, err := client.GetProject(context.Background(), "1")
	if asAPIError(t, err).StatusCode != 429 || !strings.Contains(err.Error(), "would pass the deadline") {
		t.Errorf("err = %v, want the 429 whose wait passes the read timeout", err)
	}
	if requests.Load() != 1 || len(recorder.recorded()) != 0 {
		t.Errorf("%d requests and waits %v, want 1 and none", requests.Load(), recorder.recorded())
	}
}

// A read that hangs ends with the read timeout, and says so.
func TestReadTimeoutEndsAHangingRead(t *testing.T) {
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // answers only once the client has given up
	}), func(c *Config) { c.ReadTimeout = 50 * time.Millisecond })
	_, err := client.GetProject(context.Background(), "1")
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "GET /projects/1 did not finish within the read timeout of 50ms") {
		t.Errorf("err = %v, want one naming the read timeout", err)
	}
}

func TestReadTimeoutSetting(t *testing.T) {
	client, err := New(Config{BaseURL: SandboxURL, Credentials: APIKey("k")})
	if err != nil || client.readTimeout != DefaultReadTimeout {
		t.Errorf("New without a read timeout: %v, read timeout %v, want %v", err, client.readTimeout, DefaultReadTimeout)
	}
	if _, err := New(Config{BaseURL: SandboxURL, Credentials: APIKey("k"), ReadTimeout: -time.Second}); err == nil {
		t.Error("New accepted a negative read timeout")
	}
}
