package openapitest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

func TestLoadValidOpenAPI3(t *testing.T) {
	s, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := Load(); again != s {
		t.Error("Load does not cache the parsed extract")
	}
	if !strings.HasPrefix(s.doc.OpenAPI, "3.0.") {
		t.Errorf("openapi = %q, want 3.0.x", s.doc.OpenAPI)
	}
	if err := s.doc.Validate(context.Background()); err != nil {
		t.Errorf("the extract is not a valid OpenAPI 3 document: %v", err)
	}
	// A fresh load, external references forbidden, proves it is self-contained.
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = false
	if _, err := loader.LoadFromData(extract); err != nil {
		t.Errorf("the extract is not self-contained: %v", err)
	}
	if len(s.doc.Servers) != 1 || s.doc.Servers[0].URL != "/api/v1" {
		t.Errorf("servers = %v, want the single relative /api/v1", s.doc.Servers)
	}
	var paths []string
	for p := range s.doc.Paths.Map() {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	want := []string{"/operations", "/operations/{id}", "/pools", "/pools/{id}", "/pools/{id}/archive",
		"/pools/{id}/close", "/pools/{id}/close-for-update", "/pools/{id}/open",
		"/projects", "/projects/{id}", "/projects/{id}/archive", "/requester", "/skills", "/skills/{id}",
		"/trainings", "/trainings/{id}", "/trainings/{id}/archive", "/trainings/{id}/close",
		"/trainings/{id}/close-for-update", "/trainings/{id}/open", "/user-restrictions", "/user-restrictions/{id}",
		"/user-skills", "/user-skills/{id}", "/webhook-subscriptions", "/webhook-subscriptions/{id}"}
	if !slices.Equal(paths, want) {
		t.Errorf("paths = %v, want %v", paths, want)
	}
}

func TestMiddlewarePassesBodiesThrough(t *testing.T) {
	project := fixture(t, "project.json")
	var received string
	echo := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		received = string(b)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		// Written in two parts, flushed in between.
		half := len(b) / 2
		_, _ = w.Write(b[:half])
		if err := http.NewResponseController(w).Flush(); err != nil {
			t.Errorf("flushing the first half: %v", err)
		}
		_, _ = w.Write(b[half:])
	})
	var c collector
	got := exchange(t, echo, &c, "POST", "/api/v1/projects", project, nil)
	if received != project {
		t.Errorf("handler read %d bytes, want the %d bytes sent", len(received), len(project))
	}
	if got != project {
		t.Errorf("client read %d bytes, want the %d bytes written", len(got), len(project))
	}
	wantNone(t, &c)
}

func TestMiddlewareConcurrent(t *testing.T) {
	spec := MustLoad(t)
	report := Check(t)
	srv := httptest.NewServer(spec.Middleware(reply(http.StatusOK, fixture(t, "pool.json")), report))
	defer srv.Close()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			req, _ := http.NewRequest("GET", srv.URL+"/api/v1/pools/1", nil)
			req.Header.Set("Authorization", testAuth)
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		})
	}
	wg.Wait()
}

func TestTransport(t *testing.T) {
	project := fixture(t, "project.json")
	var received string
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		received = string(b)
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/api/v1/projects/10" {
			_, _ = io.WriteString(w, project)
			return
		}
		w.WriteHeader(http.StatusAccepted) // an operation answer without its body
	}))
	defer fake.Close()
	var c collector
	client := &http.Client{Transport: MustLoad(t).Transport(fake.Client().Transport, c.report)}

	req, _ := http.NewRequest("PUT", fake.URL+"/api/v1/projects/10", strings.NewReader(project))
	req.Header.Set("Authorization", testAuth)
	req.Header.Set("Content-Type", "application/json")
	if got := do(t, client, req); got != project {
		t.Errorf("client read %d bytes, want %d", len(got), len(project))
	}
	if received != project {
		t.Errorf("server read %d bytes, want %d", len(received), len(project))
	}
	wantNone(t, &c)

	req, _ = http.NewRequest("POST", fake.URL+"/api/v1/pools/1/open", nil)
	do(t, client, req)
	wantOne(t, &c, Request, "Authorization")
	wantOne(t, &c, Response, "openPool", "body")

	req, _ = http.NewRequest("GET", fake.URL+"/api/v1/projects?limit=1000", nil)
	req.Header.Set("Authorization", testAuth)
	do(t, client, req)
	wantOne(t, &c, Request, "limit")
}

// do sends req with client and returns the response body.
func do(t *testing.T, client *http.Client, req *http.Request) string {
	t.Helper()
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// fakeTB records what Check does with its testing.TB.
type fakeTB struct {
	testing.TB
	cleanups []func()
	errors   []string
}

// Helper does nothing.
func (f *fakeTB) Helper() {}

// Cleanup records fn.
func (f *fakeTB) Cleanup(fn func()) { f.cleanups = append(f.cleanups, fn) }

// Errorf records the formatted message.
func (f *fakeTB) Errorf(format string, args ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
}

// finish runs the registered cleanups, last first.
func (f *fakeTB) finish() {
	for i := len(f.cleanups) - 1; i >= 0; i-- {
		f.cleanups[i]()
	}
}

func TestCheck(t *testing.T) {
	clean := &fakeTB{TB: t}
	Check(clean)
	clean.finish()
	if len(clean.errors) != 0 {
		t.Errorf("Check failed a test without violations: %v", clean.errors)
	}

	dirty := &fakeTB{TB: t}
	report := Check(dirty)
	report(Violation{Method: "GET", Path: "/api/v1/skills", Side: Request, Message: "undocumented operation"})
	report(Violation{Method: "POST", Path: "/api/v1/pools/1/open", Side: Response, Status: 200, Message: "status is not supported"})
	if len(dirty.errors) != 0 {
		t.Error("Check failed the test before its cleanup")
	}
	dirty.finish()
	if len(dirty.errors) != 1 {
		t.Fatalf("Check reported %d failures, want 1", len(dirty.errors))
	}
	for _, want := range []string{"2 exchange(s)", "GET /api/v1/skills: request: undocumented operation",
		"POST /api/v1/pools/1/open: response 200: status is not supported"} {
		if !strings.Contains(dirty.errors[0], want) {
			t.Errorf("Check's failure message lacks %q:\n%s", want, dirty.errors[0])
		}
	}
}
