package emulator

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestAuthentication(t *testing.T) {
	e := newEnv(t, Options{})
	cases := []struct {
		name   string
		header string
		status int
	}{
		{"missing", "", http.StatusUnauthorized},
		{"bearer scheme", "Bearer " + testKey, http.StatusUnauthorized},
		{"unknown key", "ApiKey not-a-key", http.StatusUnauthorized},
		{"key sent as OAuth", "OAuth " + testKey, http.StatusUnauthorized},
		{"token sent as ApiKey", "ApiKey " + testToken, http.StatusUnauthorized},
		{"scheme only", "ApiKey", http.StatusUnauthorized},
		{"api key", "ApiKey " + testKey, http.StatusOK},
		{"oauth token", "OAuth " + testToken, http.StatusOK},
		{"scheme case-insensitive", "apikey " + testKey, http.StatusOK},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.do(http.MethodGet, "/api/v1/projects", nil, withAuth(c.header))
			if c.status == http.StatusOK {
				r.want(t, http.StatusOK)
				return
			}
			body := wantError(t, r, c.status, "AUTHENTICATION_ERROR")
			if body["payload"] != nil {
				t.Errorf("payload %v, want null", body["payload"])
			}
		})
	}
}

func TestAuthenticationComesBeforeRouting(t *testing.T) {
	e := newEnv(t, Options{})
	r := e.do(http.MethodGet, "/api/v1/no-such-thing", nil, withAuth(""))
	wantError(t, r, http.StatusUnauthorized, "AUTHENTICATION_ERROR")
}

func TestDemoKeyWhenNoCredentials(t *testing.T) {
	s := New(Options{})
	e := &testEnv{t: t, s: s}
	e.do(http.MethodGet, "/api/v1/projects", nil, withAuth("ApiKey "+DemoAPIKey)).want(t, http.StatusOK)
	wantError(t, e.do(http.MethodGet, "/api/v1/projects", nil), http.StatusUnauthorized, "AUTHENTICATION_ERROR")
}

func TestDemoKeyLooksLikeAnAPIKeyToTheSDKs(t *testing.T) {
	// The SDKs send "ApiKey" for a token with exactly two dots, the first at
	// index 22 to 24; anything else goes as "OAuth".
	first := strings.IndexByte(DemoAPIKey, '.')
	if strings.Count(DemoAPIKey, ".") != 2 || first < 22 || first > 24 {
		t.Errorf("DemoAPIKey %q would be sent as OAuth", DemoAPIKey)
	}
}

func TestUnknownPaths(t *testing.T) {
	e := newEnv(t, Options{})
	for _, p := range []string{"/api/v1/nope", "/api/v1/projects/1/nope", "/api/v1/projects/", "/api/v2/projects", "/api/v10/projects", "/", "/_emulator/nope"} {
		t.Run(p, func(t *testing.T) {
			wantError(t, e.do(http.MethodGet, p, nil), http.StatusNotFound, "DOES_NOT_EXIST")
		})
	}
}

func TestMethodNotAllowed(t *testing.T) {
	e := newEnv(t, Options{})
	cases := []struct{ method, path, allow string }{
		{http.MethodDelete, "/api/v1/projects/100001", "GET, PUT"},
		{http.MethodPatch, "/api/v1/projects", "GET, POST"},
		{http.MethodGet, "/api/v1/projects/100001/archive", "POST"},
		{http.MethodPost, "/api/v1/operations", "GET"},
	}
	for _, c := range cases {
		t.Run(c.method+" "+c.path, func(t *testing.T) {
			r := e.do(c.method, c.path, nil)
			wantError(t, r, http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED")
			if got := r.header.Get("Allow"); got != c.allow {
				t.Errorf("Allow %q, want %q", got, c.allow)
			}
		})
	}
}

func TestUnsupportedMediaType(t *testing.T) {
	e := newEnv(t, Options{})
	id := e.createProject(minimalProject("p"))["id"].(string)
	for _, ct := range []string{"", "text/plain", "application/x-www-form-urlencoded", "application/jsonx"} {
		t.Run("POST "+ct, func(t *testing.T) {
			r := e.do(http.MethodPost, "/api/v1/projects", minimalProject("q"), withContentType(ct))
			wantError(t, r, http.StatusUnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE")
		})
		t.Run("PUT "+ct, func(t *testing.T) {
			r := e.do(http.MethodPut, "/api/v1/projects/"+id, minimalProject("q"), withContentType(ct))
			wantError(t, r, http.StatusUnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE")
		})
	}
	t.Run("charset parameter accepted", func(t *testing.T) {
		e.do(http.MethodPost, "/api/v1/projects", minimalProject("q"), withContentType("application/json; charset=utf-8")).
			want(t, http.StatusCreated)
	})
	t.Run("archive takes no body", func(t *testing.T) {
		e.do(http.MethodPost, "/api/v1/projects/"+id+"/archive", nil).want(t, http.StatusAccepted)
	})
}

func TestEntityTooLarge(t *testing.T) {
	e := newEnv(t, Options{})
	huge := `{"public_name":"` + strings.Repeat("x", maxBodyBytes) + `"}`
	wantError(t, e.do(http.MethodPost, "/api/v1/projects", huge), http.StatusRequestEntityTooLarge, "ENTITY_TOO_LARGE")
}

func TestMalformedBodies(t *testing.T) {
	e := newEnv(t, Options{CreateQuota: &Quota{}})
	for name, body := range map[string]string{
		"empty":         "",
		"not json":      "{public_name:",
		"array":         "[]",
		"null":          "null",
		"trailing data": `{"public_name":"a"} {}`,
	} {
		t.Run(name, func(t *testing.T) {
			r := e.do(http.MethodPost, "/api/v1/projects", body, withContentType("application/json"))
			b := wantError(t, r, http.StatusBadRequest, "VALIDATION_ERROR")
			if b["payload"] != nil {
				t.Errorf("payload %v, want null", b["payload"])
			}
		})
	}
}

func TestErrorBodiesHaveFreshRequestIDs(t *testing.T) {
	e := newEnv(t, Options{})
	seen := map[string]bool{}
	for range 5 {
		body := wantError(t, e.do(http.MethodGet, "/api/v1/projects/1", nil), http.StatusNotFound, "DOES_NOT_EXIST")
		id := body["request_id"].(string)
		if seen[id] {
			t.Fatalf("request_id %s repeated", id)
		}
		seen[id] = true
	}
}

func TestErrorBodyMatchesFixtureShape(t *testing.T) {
	e := newEnv(t, Options{})
	want := fixture(t, "error_inappropriate_status_409.json")
	got := wantError(t, e.do(http.MethodGet, "/api/v1/nope", nil), http.StatusNotFound, "DOES_NOT_EXIST")
	for k := range want {
		if _, ok := got[k]; !ok {
			t.Errorf("error body lacks the fixture's %q", k)
		}
	}
}

func TestInjectTooManyRequests(t *testing.T) {
	e := newEnv(t, Options{})
	e.s.InjectTooManyRequests(2, 1500*time.Millisecond)
	for i := range 2 {
		r := e.do(http.MethodGet, "/api/v1/projects", nil)
		body := wantError(t, r, http.StatusTooManyRequests, "TOO_MANY_REQUESTS")
		if got := r.header.Get("Retry-After"); got != "2" {
			t.Errorf("request %d: Retry-After %q, want 2 (1.5 s rounded up)", i, got)
		}
		if body["payload"] != nil {
			t.Errorf("payload %v, want null", body["payload"])
		}
	}
	e.do(http.MethodGet, "/api/v1/projects", nil).want(t, http.StatusOK)
}

func TestInjectedTooManyRequestsSparesUnauthenticated(t *testing.T) {
	e := newEnv(t, Options{})
	e.s.InjectTooManyRequests(1, time.Second)
	wantError(t, e.do(http.MethodGet, "/api/v1/projects", nil, withAuth("")), http.StatusUnauthorized, "AUTHENTICATION_ERROR")
	wantError(t, e.do(http.MethodGet, "/api/v1/projects", nil), http.StatusTooManyRequests, "TOO_MANY_REQUESTS")
}

func TestRequestsCountsPerPattern(t *testing.T) {
	e := newEnv(t, Options{})
	id := e.createProject(minimalProject("p"))["id"].(string)
	e.do(http.MethodGet, "/api/v1/projects/"+id, nil)
	e.do(http.MethodGet, "/api/v1/projects/"+id, nil)
	e.do(http.MethodGet, "/api/v1/projects/999", nil)
	e.do(http.MethodPost, "/api/v1/projects/"+id+"/archive", nil)
	e.do(http.MethodGet, "/api/v1/elsewhere", nil)
	e.do(http.MethodGet, "/api/v1/projects", nil, withAuth(""))
	e.do(http.MethodGet, "/_emulator/requests", nil)
	want := map[string]int{
		"POST /projects":              1,
		"GET /projects/{id}":          3,
		"POST /projects/{id}/archive": 1,
		"GET (unmatched)":             1,
		"GET /projects":               1,
	}
	got := e.s.Requests()
	if len(got) != len(want) {
		t.Errorf("Requests() = %v, want %v", got, want)
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s: %d, want %d", k, got[k], n)
		}
	}
	e.s.ResetRequests()
	if n := len(e.s.Requests()); n != 0 {
		t.Errorf("after reset %d keys", n)
	}
}

func TestServesOverRealHTTP(t *testing.T) {
	// The same handler behind a real listener: headers and bodies survive
	// the transport.
	e := newEnv(t, Options{})
	srv := newHTTPServer(t, e.s)
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/v1/projects", strings.NewReader(`{"public_name":"x"}`))
	req.Header.Set("Authorization", "ApiKey "+testKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Content-Type") != "application/json" {
		t.Errorf("got %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

func TestConcurrentUse(t *testing.T) {
	e := newEnv(t, Options{CreateQuota: &Quota{}, OperationDelay: -1})
	srv := newHTTPServer(t, e.s)
	send := func(method, path, body string) int {
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		req.Header.Set("Authorization", "ApiKey "+testKey)
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Error(err)
			return 0
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	body := `{"public_name":"p","public_description":"d","task_spec":{"input_spec":{},"output_spec":{}}}`
	done := make(chan struct{})
	for w := range 8 {
		go func() {
			defer func() { done <- struct{}{} }()
			for range 10 {
				if code := send(http.MethodPost, "/api/v1/projects", body); code != http.StatusCreated {
					t.Errorf("worker %d: create answered %d", w, code)
				}
				send(http.MethodGet, "/api/v1/projects?sort=-created&limit=5", "")
				send(http.MethodPost, "/api/v1/projects/100001/archive", "")
				send(http.MethodGet, "/api/v1/operations", "")
				e.s.AddPool("100002", "OPEN")
				e.s.Requests()
			}
		}()
	}
	for range 8 {
		<-done
	}
	if n := e.s.Requests()["POST /projects"]; n != 80 {
		t.Errorf("%d creations counted, want 80", n)
	}
}
