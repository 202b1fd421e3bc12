package openapitest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// testAuth is a well-formed Authorization header.
const testAuth = "ApiKey test-key"

// collector gathers the violations reported during a test.
type collector struct {
	mu    sync.Mutex
	found []Violation
}

// report records v.
func (c *collector) report(v Violation) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.found = append(c.found, v)
}

// all returns the violations recorded so far.
func (c *collector) all() []Violation {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Violation(nil), c.found...)
}

// fixture returns the content of testdata/fixtures/name.
func fixture(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "fixtures", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// reply is a fake handler answering every request with status and body,
// as JSON when the body is not empty.
func reply(status int, body string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if body != "" {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	})
}

// exchange sends one request through the middleware wrapped around h and
// returns the response body read by the client.
func exchange(t *testing.T, h http.Handler, c *collector, method, path, body string, header http.Header) string {
	t.Helper()
	srv := httptest.NewServer(MustLoad(t).Middleware(h, c.report))
	defer srv.Close()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body == "" {
		req.Body = http.NoBody
	}
	req.Header.Set("Authorization", testAuth)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(got)
}

// wantNone fails t if c recorded any violation.
func wantNone(t *testing.T, c *collector) {
	t.Helper()
	for _, v := range c.all() {
		t.Errorf("unexpected violation: %s", v)
	}
}

// wantOne fails t unless c recorded a violation on side whose message
// contains every one of parts.
func wantOne(t *testing.T, c *collector, side Side, parts ...string) {
	t.Helper()
	for _, v := range c.all() {
		if v.Side == side && containsAll(v.Message, parts) {
			return
		}
	}
	t.Errorf("no %s violation mentioning %q; got %v", side, parts, c.all())
}

// containsAll reports whether s contains every one of parts.
func containsAll(s string, parts []string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
