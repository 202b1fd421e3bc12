package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

const (
	testKey   = "test-key-0123456789abcd.test.key"
	testToken = "oauth-token-for-tests"
)

// epoch is the fake clock's start: a UTC instant with milliseconds.
var epoch = time.Date(2024, 3, 10, 12, 0, 0, 123_000_000, time.UTC)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

type testEnv struct {
	t     *testing.T
	s     *Server
	clock *fakeClock
	// handler, when set, serves the requests instead of s (e.g. s wrapped
	// in the OpenAPI check).
	handler http.Handler
}

// newEnv returns a server on a fake clock accepting testKey and testToken.
func newEnv(t *testing.T, opts Options) *testEnv {
	t.Helper()
	clock := &fakeClock{t: epoch}
	if opts.APIKeys == nil && opts.OAuthTokens == nil {
		opts.APIKeys = []string{testKey}
		opts.OAuthTokens = []string{testToken}
	}
	opts.Now = clock.Now
	return &testEnv{t: t, s: New(opts), clock: clock}
}

type response struct {
	status int
	header http.Header
	raw    []byte
}

// object decodes the body as a JSON object, numbers as json.Number.
func (r response) object(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(r.raw))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("body is not a JSON object: %v\n%s", err, r.raw)
	}
	return m
}

func (r response) want(t *testing.T, status int) response {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body: %s", r.status, status, r.raw)
	}
	return r
}

type reqOpt func(*http.Request)

// withAuth sets the Authorization header; "" removes it.
func withAuth(value string) reqOpt {
	return func(r *http.Request) {
		if value == "" {
			r.Header.Del("Authorization")
		} else {
			r.Header.Set("Authorization", value)
		}
	}
}

// withContentType sets Content-Type; "" removes it.
func withContentType(value string) reqOpt {
	return func(r *http.Request) {
		if value == "" {
			r.Header.Del("Content-Type")
		} else {
			r.Header.Set("Content-Type", value)
		}
	}
}

// do sends a request authenticated with testKey; a non-nil body (a string
// sent as is, or a value marshalled) comes with Content-Type application/json.
func (e *testEnv) do(method, path string, body any, opts ...reqOpt) response {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = bytes.NewReader([]byte(b))
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(raw)
	}
	req := httptest.NewRequest(method, path, rd)
	req.Header.Set("Authorization", "ApiKey "+testKey)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for _, o := range opts {
		o(req)
	}
	rec := httptest.NewRecorder()
	if e.handler != nil {
		e.handler.ServeHTTP(rec, req)
	} else {
		e.s.ServeHTTP(rec, req)
	}
	return response{status: rec.Code, header: rec.Header(), raw: rec.Body.Bytes()}
}

// createProject posts body and returns the created project.
func (e *testEnv) createProject(body map[string]any) map[string]any {
	e.t.Helper()
	return e.do(http.MethodPost, "/api/v1/projects", body).want(e.t, http.StatusCreated).object(e.t)
}

// minimalProject is a valid body with only the required fields.
func minimalProject(name string) map[string]any {
	return map[string]any{
		"public_name":        name,
		"public_description": "Describe " + name,
		"task_spec": map[string]any{
			"input_spec":  map[string]any{"image": map[string]any{"type": "url"}},
			"output_spec": map[string]any{"label": map[string]any{"type": "string"}},
			"view_spec":   map[string]any{"type": "classic", "markup": "<p>{{img src=image}}</p>"},
		},
	}
}

// fixture reads testdata/name as a JSON object, numbers as json.Number.
func fixture(t *testing.T, name string) map[string]any {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return response{raw: raw}.object(t)
}

// wantError checks status, code and the exact error body shape and returns
// the body.
func wantError(t *testing.T, r response, status int, code string) map[string]any {
	t.Helper()
	r.want(t, status)
	body := r.object(t)
	if len(body) != 4 {
		t.Errorf("error body has %d members, want request_id, code, message, payload: %s", len(body), r.raw)
	}
	for _, k := range []string{"request_id", "code", "message", "payload"} {
		if _, ok := body[k]; !ok {
			t.Errorf("error body lacks %q: %s", k, r.raw)
		}
	}
	if id, _ := body["request_id"].(string); id == "" {
		t.Errorf("request_id empty: %s", r.raw)
	}
	if msg, _ := body["message"].(string); msg == "" {
		t.Errorf("message empty: %s", r.raw)
	}
	if body["code"] != code {
		t.Errorf("code %v, want %s", body["code"], code)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	return body
}

// at walks nested objects.
func at(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// fieldCode is the code of a validation error's payload entry for path.
func fieldCode(body map[string]any, path string) any {
	p, _ := body["payload"].(map[string]any)
	return at(p, path, "code")
}

func keysOf(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

// newHTTPServer serves h on a loopback listener for the test's duration.
func newHTTPServer(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}
