package toloka

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

func TestNewValidatesBaseURL(t *testing.T) {
	for _, tc := range []struct {
		url  string
		want string // normalized URL, or "" when New must fail
	}{
		{SandboxURL, SandboxURL},
		{ProductionURL + "/", ProductionURL},
		{"http://127.0.0.1:8080/api/v1", "http://127.0.0.1:8080/api/v1"},
		{"http://127.10.0.3/api/v1", "http://127.10.0.3/api/v1"},
		{"http://[::1]:9000/api/v1", "http://[::1]:9000/api/v1"},
		{"http://LOCALHOST:9000/api/v1", "http://LOCALHOST:9000/api/v1"},
		{"http://toloka.dev/api/v1", ""},
		{"http://10.0.0.1/api/v1", ""},
		{"http://localhost.example.com/api/v1", ""},
		{"ftp://toloka.dev/api/v1", ""},
		{"/api/v1", ""},
		{"https:///api/v1", ""},
		{"https://toloka.dev/api/v1?x=1", ""},
		{"", ""},
	} {
		client, err := New(Config{BaseURL: tc.url, Credentials: APIKey("k")})
		switch {
		case tc.want == "" && err == nil:
			t.Errorf("New(%q) succeeded, want an error", tc.url)
		case tc.want != "" && err != nil:
			t.Errorf("New(%q): %v", tc.url, err)
		case tc.want != "" && client.baseURL != tc.want:
			t.Errorf("New(%q) base = %q, want %q", tc.url, client.baseURL, tc.want)
		}
	}
}

func TestNewExplainsPlainHTTP(t *testing.T) {
	_, err := New(Config{BaseURL: "http://toloka.dev/api/v1", Credentials: APIKey("k")})
	if err == nil || !strings.Contains(err.Error(), "loopback") || !strings.Contains(err.Error(), "https") {
		t.Errorf("err = %v, want an explanation of the loopback rule", err)
	}
}

func TestNewDoesNotEchoSecretsInTheURL(t *testing.T) {
	for _, raw := range []string{"https://user:s3cr3t@toloka.dev/api/v1", "https://user:s3cr3t@toloka.dev/%zz"} {
		_, err := New(Config{BaseURL: raw, Credentials: APIKey("k")})
		if err == nil || strings.Contains(err.Error(), "s3cr3t") {
			t.Errorf("New(%q) err = %v, want an error without the password", raw, err)
		}
	}
}

func TestNewValidatesCredentials(t *testing.T) {
	for _, creds := range []Credentials{{}, APIKey(""), {Scheme: "Bearer", Token: "t"}, APIKey("two words"), OAuth("line\nbreak")} {
		if _, err := New(Config{BaseURL: SandboxURL, Credentials: creds}); err == nil {
			t.Errorf("New accepted credentials %#v", creds)
		}
	}
}

func TestCredentialsDoNotPrintTheToken(t *testing.T) {
	cfg := Config{BaseURL: SandboxURL, Credentials: APIKey(testToken)}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		if got := fmt.Sprintf(verb, cfg); strings.Contains(got, testToken) {
			t.Errorf("%s of Config reveals the token: %s", verb, got)
		}
	}
}

func TestDefaultHTTPClientHonoursProxyEnvironment(t *testing.T) {
	client, err := New(Config{BaseURL: SandboxURL, Credentials: APIKey("k")})
	if err != nil {
		t.Fatal(err)
	}
	transport, ok := client.http.Transport.(*http.Transport)
	if !ok || transport.Proxy == nil {
		t.Fatalf("default transport %T has no proxy function", client.http.Transport)
	}
	if client.http.Timeout <= 0 || client.http.CheckRedirect == nil {
		t.Error("default client has no timeout or redirect guard")
	}
}

func TestRequestHeaders(t *testing.T) {
	for _, tc := range []struct {
		creds      Credentials
		userAgent  string
		wantAuth   string
		wantAgent  string
		withBody   bool
		wantCType  string
		wantMethod string
	}{
		{APIKey("key-1"), "", "ApiKey key-1", defaultUserAgent, false, "", http.MethodGet},
		{OAuth("tok-2"), "my-provider/1.2 terraform/1.11", "OAuth tok-2", "my-provider/1.2 terraform/1.11", true, "application/json", http.MethodPost},
	} {
		var got http.Header
		var method string
		client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			got, method = r.Header.Clone(), r.Method
			writeBody(w, 200, []byte(`{"id":"1","public_name":"p","public_description":"d"}`))
		}), func(c *Config) { c.Credentials, c.UserAgent = tc.creds, tc.userAgent })
		var err error
		if tc.withBody {
			_, err = client.CreateProject(context.Background(), &Project{PublicName: "p"})
		} else {
			_, err = client.GetProject(context.Background(), "1")
		}
		if err != nil {
			t.Fatal(err)
		}
		if method != tc.wantMethod || got.Get("Authorization") != tc.wantAuth || got.Get("User-Agent") != tc.wantAgent ||
			got.Get("Content-Type") != tc.wantCType || got.Get("Accept") != "application/json" {
			t.Errorf("%s request headers = %v", method, got)
		}
	}
}

func TestErrorResponses(t *testing.T) {
	html := "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>"
	for _, tc := range []struct {
		name, body, contentType string
		status                  int
		wantCode, wantRequestID string
		check                   func(t *testing.T, err error)
	}{
		{"validation", string(readFixture(t, "error_validation_400.json")), "application/json", 400, CodeValidationError, "abc-123", func(t *testing.T, err error) {
			fields := asAPIError(t, err).ValidationErrors()
			if fields["public_description"].Code != "VALUE_REQUIRED" || fields["task_spec"].Code != "OBJECT_EXPECTED" {
				t.Errorf("ValidationErrors() = %v", fields)
			}
			if !strings.Contains(err.Error(), "public_description: VALUE_REQUIRED") {
				t.Errorf("Error() hides the field errors: %s", err)
			}
		}},
		{"not found", `{"request_id":"r-404","code":"DOES_NOT_EXIST","message":"Object not found"}`, "application/json", 404, CodeDoesNotExist, "r-404", func(t *testing.T, err error) {
			if !IsNotFound(err) {
				t.Error("IsNotFound is false")
			}
		}},
		{"conflict", `{"request_id":"r-409","code":"UNARCHIVED_POOLS_CONFLICT","message":"Project has unarchived pools","payload":null}`, "application/json", 409, CodeUnarchivedPoolsConflict, "r-409", func(t *testing.T, err error) {
			if !HasCode(err, CodeUnarchivedPoolsConflict) || IsNotFound(err) || asAPIError(t, err).Payload != nil {
				t.Errorf("conflict misclassified: %+v", err)
			}
		}},
		{"unauthenticated", `{"request_id":"r-401","code":"AUTHENTICATION_ERROR","message":"Invalid credentials"}`, "application/json", 401, "AUTHENTICATION_ERROR", "r-401", func(t *testing.T, err error) {
			if want := "toloka: HTTP 401 AUTHENTICATION_ERROR: Invalid credentials; request id r-401"; err.Error() != want {
				t.Errorf("Error() = %q, want %q", err, want)
			}
		}},
		{"proxy page", html, "text/html", 502, CodeNonJSONResponse, "", func(t *testing.T, err error) {
			if !strings.Contains(err.Error(), "HTTP 502") || !strings.Contains(err.Error(), "502 Bad Gateway") || strings.Contains(err.Error(), "<") {
				t.Errorf("Error() = %q, want status and a tag-free excerpt", err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tc.contentType)
				w.WriteHeader(tc.status)
				_, _ = io.WriteString(w, tc.body)
			}))
			_, err := client.GetProject(context.Background(), "1")
			apiErr := asAPIError(t, err)
			if apiErr.StatusCode != tc.status || apiErr.Code != tc.wantCode || apiErr.RequestID != tc.wantRequestID {
				t.Errorf("APIError = %+v", apiErr)
			}
			if strings.Contains(err.Error(), testToken) {
				t.Error("the error reveals the API key")
			}
			tc.check(t, err)
		})
	}
}

func asAPIError(t *testing.T, err error) *APIError {
	t.Helper()
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %T %v, want an *APIError", err, err)
	}
	return apiErr
}

func TestSuccessWithUnexpectedBody(t *testing.T) {
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v1/projects/empty" {
			w.WriteHeader(200)
			return
		}
		_, _ = io.WriteString(w, "<html>captive portal</html>")
	}))
	for id, want := range map[string]string{"html": "captive portal", "empty": "empty body"} {
		_, err := client.GetProject(context.Background(), id)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("GetProject(%s) err = %v, want one mentioning %q", id, err, want)
		}
	}
}

func TestInvalidIDsAreRejectedBeforeAnyRequest(t *testing.T) {
	var requests atomic.Int32
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { requests.Add(1) }))
	ctx := context.Background()
	for _, id := range []string{"", ".", ".."} {
		if _, err := client.GetProject(ctx, id); err == nil {
			t.Errorf("GetProject(%q) succeeded", id)
		}
		if _, err := client.GetPool(ctx, id); err == nil {
			t.Errorf("GetPool(%q) succeeded", id)
		}
		if _, err := client.GetOperation(ctx, id); err == nil {
			t.Errorf("GetOperation(%q) succeeded", id)
		}
	}
	if requests.Load() != 0 {
		t.Errorf("%d requests sent", requests.Load())
	}
}

func TestIDsAreEscapedAsOnePathSegment(t *testing.T) {
	var rawPath string
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rawPath = r.URL.EscapedPath()
		writeBody(w, 200, []byte(`{"id":"a/b?c"}`))
	}))
	if _, err := client.GetPool(context.Background(), "a/b?c"); err != nil {
		t.Fatal(err)
	}
	if rawPath != "/api/v1/pools/a%2Fb%3Fc" {
		t.Errorf("path = %s", rawPath)
	}
}

func TestRedirectToAnotherHostDropsAuthorization(t *testing.T) {
	var elsewhereAuth, sameHostAuth atomic.Value
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhereAuth.Store(r.Header.Get("Authorization"))
		writeBody(w, 200, []byte(`{"id":"1"}`))
	}))
	defer elsewhere.Close()
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/v1/pools/away":
			http.Redirect(w, r, elsewhere.URL+"/pools/1", http.StatusFound)
		case "/api/v1/pools/moved":
			http.Redirect(w, r, "/api/v1/pools/here", http.StatusFound)
		default:
			sameHostAuth.Store(r.Header.Get("Authorization"))
			writeBody(w, 200, []byte(`{"id":"1"}`))
		}
	}))
	ctx := context.Background()
	if _, err := client.GetPool(ctx, "away"); err != nil {
		t.Fatal(err)
	}
	if _, err := client.GetPool(ctx, "moved"); err != nil {
		t.Fatal(err)
	}
	if got := elsewhereAuth.Load(); got != "" {
		t.Errorf("the other host received Authorization %q", got)
	}
	if got := sameHostAuth.Load(); got != "ApiKey "+testToken {
		t.Errorf("the same host received Authorization %q", got)
	}
}

func TestRedirectFromHTTPSToHTTPIsRefused(t *testing.T) {
	var plainRequests atomic.Int32
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { plainRequests.Add(1) }))
	defer plain.Close()
	secure := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, plain.URL+"/pools/1", http.StatusFound)
	}))
	defer secure.Close()
	client, err := New(Config{BaseURL: secure.URL + "/api/v1", Credentials: APIKey(testToken), HTTPClient: secure.Client()})
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.GetPool(context.Background(), "1")
	if err == nil || !strings.Contains(err.Error(), "refusing redirect") || plainRequests.Load() != 0 {
		t.Errorf("err = %v, plain requests %d", err, plainRequests.Load())
	}
	if secure.Client().CheckRedirect != nil {
		t.Error("New modified the caller's http.Client")
	}
}

func TestCustomRedirectPolicyStillApplies(t *testing.T) {
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/api/v1/pools/2", http.StatusFound)
	}), func(c *Config) {
		c.HTTPClient = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	})
	_, err := client.GetPool(context.Background(), "1")
	if apiErr := asAPIError(t, err); apiErr.StatusCode != http.StatusFound {
		t.Errorf("err = %v, want the 302 itself", err)
	}
}

func TestLoggerNeverSeesTheKey(t *testing.T) {
	var logged []string
	var mu sync.Mutex
	logger := func(_ context.Context, msg string, fields map[string]any) {
		mu.Lock()
		defer mu.Unlock()
		logged = append(logged, fmt.Sprint(msg, fields))
	}
	var requests atomic.Int32
	client := newTestClient(t, rateLimited(1, "0", &requests), func(c *Config) { c.Logger = logger })
	if _, err := client.GetProject(context.Background(), "1"); err != nil {
		t.Fatal(err)
	}
	unreachable, err := New(Config{BaseURL: "http://127.0.0.1:1/api/v1", Credentials: APIKey(testToken), Logger: logger, Retry: &RetryPolicy{}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = unreachable.GetProject(context.Background(), "1")
	if err == nil || strings.Contains(err.Error(), testToken) {
		t.Errorf("err = %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(logged) != 4 { // 429, retry notice, 200, connection refused
		t.Errorf("logged %d lines, want 4: %q", len(logged), logged)
	}
	for _, line := range logged {
		if strings.Contains(line, testToken) || strings.Contains(line, "ApiKey") {
			t.Errorf("log line reveals credentials: %s", line)
		}
	}
}
