package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/emulator"
)

// Distinctive credentials, so that any trace of them is found.
const (
	secretKey   = "SecretKeyForE2E-7f3a9c1d.b5e8.20af6c4e"
	secretToken = "SecretOAuthTokenForE2E-91c7d2e4a6b8"
)

// traced is a working directory whose commands log at TRACE level to a file.
type traced struct {
	*Workdir
	log string
}

func newTraced(t *testing.T, env ...string) traced {
	t.Helper()
	log := filepath.Join(t.TempDir(), "terraform.log")
	return traced{NewWorkdir(t, append([]string{"TF_LOG=TRACE", "TF_LOG_PATH=" + log}, env...)...), log}
}

// scan fails the test where a secret appears: in the TRACE log, in the
// commands' output, or in the files of the working directory (state
// included). It also checks that the log holds the provider's request log,
// so that a clean scan means something.
func (tr traced) scan(t *testing.T, results []Result, secrets ...string) {
	t.Helper()
	tr.scanFor(t, results, true, secrets...)
}

// scanOutsideState is scan, but for a secret of a resource, which the state
// holds as Terraform keeps every sensitive value of a resource there.
func (tr traced) scanOutsideState(t *testing.T, results []Result, secrets ...string) {
	t.Helper()
	tr.scanFor(t, results, false, secrets...)
}

func (tr traced) scanFor(t *testing.T, results []Result, inState bool, secrets ...string) {
	t.Helper()
	log, err := os.ReadFile(tr.log)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(log), "toloka: request") {
		t.Errorf("the TRACE log (%d bytes) holds no request of the provider: the scan would prove nothing", len(log))
	}
	texts := map[string]string{"the TRACE log": string(log)}
	for _, r := range results {
		texts["the output of terraform "+strings.Join(r.Args, " ")] = r.Output()
	}
	// Every file but the configuration, which holds the key in some cases.
	files, _ := filepath.Glob(filepath.Join(tr.Dir, "*.tfstate*"))
	if !inState {
		files = nil
	}
	for _, f := range files {
		if raw, err := os.ReadFile(f); err == nil {
			texts[filepath.Base(f)] = string(raw)
		}
	}
	for where, text := range texts {
		for _, secret := range secrets {
			if strings.Contains(text, secret) {
				t.Errorf("%s reveals a secret", where)
			}
		}
	}
}

// A whole life cycle at TRACE level: apply, a plan with a change, show,
// refresh and destroy never print or log the credentials.
func TestCredentialsNeverAppear(t *testing.T) {
	for _, tc := range []struct {
		name     string
		provider func(e *Emulator) string
		env      []string
	}{
		{"api_key in the configuration", func(e *Emulator) string { return ProviderBlock(e, secretKey) }, nil},
		{"api_key from TOLOKA_API_KEY", func(e *Emulator) string { return providerWithoutKey(e) }, []string{"TOLOKA_API_KEY=" + secretKey}},
		{"oauth_token from TOLOKA_OAUTH_TOKEN", func(e *Emulator) string { return providerWithoutKey(e) }, []string{"TOLOKA_OAUTH_TOKEN=" + secretToken}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := StartEmulator(t, emulator.Options{APIKeys: []string{secretKey}, OAuthTokens: []string{secretToken}, OperationDelay: -1})
			w := newTraced(t, tc.env...)
			w.Write(tc.provider(e) + ProjectResource("p", "Secret keeper", "First", false))
			results := []Result{w.Apply()}
			w.Write(tc.provider(e) + ProjectResource("p", "Secret keeper", "Second", true))
			_, plan := w.PlanIsEmpty()
			results = append(results, plan, w.Apply(), w.MustRun(nil, "show", "-no-color"),
				w.MustRun(nil, "refresh", "-no-color"), w.MustRun(nil, "destroy", "-auto-approve", "-no-color"))
			if e.Requests()["PUT /projects/{id}"] != 1 || e.Requests()["POST /projects/{id}/archive"] != 1 {
				t.Errorf("the life cycle did not run: %v", e.Requests())
			}
			w.scan(t, results, secretKey, secretToken)
		})
	}
}

// Distinctive secret keys of a webhook subscription.
const (
	webhookSecret        = "WebhookSecretForE2E-3d7b1f9a.c2e4"
	webhookSecretRotated = "WebhookSecretForE2E-8a6e0c5d.f1b3"
)

// webhookConfig is a project, a pool and a subscription to the pool's
// closing signed with this secret key.
func webhookConfig(e *Emulator, secret string) string {
	return ProviderBlock(e, secretKey) + ProjectResource("p", "Webhooks", "Signed notifications", false) + fmt.Sprintf(`
resource "toloka_pool" "batch" {
  project_id                      = toloka_project.p.id
  private_name                    = "Notified"
  reward_per_assignment           = 0.05
  assignment_max_duration_seconds = 600
  will_expire                     = "2030-01-02T03:04:05"
  defaults                        = { default_overlap_for_new_task_suites = 3 }
}

resource "toloka_webhook_subscription" "closed" {
  event_type  = "POOL_CLOSED"
  pool_id     = toloka_pool.batch.id
  webhook_url = "https://example.com/toloka"
  secret_key  = %q
}
`, secret)
}

// A webhook subscription's secret key, set and then rotated, is sent to
// Toloka but never printed or logged at TRACE level.
func TestWebhookSecretKeyNeverAppears(t *testing.T) {
	t.Parallel()
	e := StartEmulator(t, emulator.Options{APIKeys: []string{secretKey}, OperationDelay: -1})
	w := newTraced(t)
	w.Write(webhookConfig(e, webhookSecret))
	results := []Result{w.Apply()}
	w.Write(webhookConfig(e, webhookSecretRotated))
	empty, plan := w.PlanIsEmpty()
	if empty || !strings.Contains(plan.Output(), "(sensitive value)") {
		t.Errorf("the plan does not replace the subscription with the key hidden:\n%s", plan)
	}
	results = append(results, plan, w.Apply(), w.MustRun(nil, "show", "-no-color"), w.MustRun(nil, "refresh", "-no-color"))
	subs := e.List(t, secretKey, "/webhook-subscriptions")
	if len(subs) != 1 {
		t.Fatalf("Toloka has %d subscriptions, want 1", len(subs))
	}
	raw, _ := e.WebhookSubscription(fmt.Sprint(subs[0]["id"]))
	if !strings.Contains(string(raw), webhookSecretRotated) {
		t.Errorf("Toloka does not have the rotated key: %s", raw)
	}
	results = append(results, w.MustRun(nil, "destroy", "-auto-approve", "-no-color"))
	w.scanOutsideState(t, results, webhookSecret, webhookSecretRotated)
}

func providerWithoutKey(e *Emulator) string {
	return RequiredProviders + "provider \"toloka\" {\n  environment = \"sandbox\"\n  base_url    = \"" + e.URL + "\"\n}\n"
}

// Errors about credentials do not quote them.
func TestCredentialErrorsDoNotQuoteThem(t *testing.T) {
	t.Parallel()
	e := StartEmulator(t, emulator.Options{APIKeys: []string{"another-key"}})
	for _, tc := range []struct {
		name, key, want string
	}{
		{"rejected key", secretKey, "AUTHENTICATION_ERROR"},
		{"key with a space", secretKey + " tail", "spaces or control characters"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newTraced(t)
			w.Write(ProviderBlock(e, tc.key) + ProjectResource("p", "Never created", "Bad key", false))
			res := w.Run(nil, "apply", "-auto-approve", "-input=false", "-no-color")
			if res.ExitCode == 0 || !strings.Contains(res.Output(), tc.want) {
				t.Fatalf("want a failure saying %q:\n%s", tc.want, res)
			}
			logged, _ := os.ReadFile(w.log)
			for where, text := range map[string]string{"output": res.Output(), "log": string(logged)} {
				if strings.Contains(text, secretKey) {
					t.Errorf("the %s reveals the key", where)
				}
			}
		})
	}
}

// A redirect to another host never carries the key there.
func TestRedirectDoesNotCarryTheKey(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var seen []string // Authorization headers the other host received
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Header.Get("Authorization"))
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"request_id":"r","code":"AUTHENTICATION_ERROR","message":"Authorization header is missing","payload":null}`))
	}))
	t.Cleanup(elsewhere.Close)
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, elsewhere.URL+r.URL.RequestURI(), http.StatusTemporaryRedirect)
	}))
	t.Cleanup(front.Close)

	w := newTraced(t)
	w.Write(ProviderBlock(&Emulator{URL: front.URL + "/api/v1"}, secretKey) + ProjectResource("p", "Redirected", "Never created", false))
	res := w.Run(nil, "apply", "-auto-approve", "-input=false", "-no-color")
	if res.ExitCode == 0 || !strings.Contains(res.Output(), "Authorization header is missing") {
		t.Fatalf("want the other host's refusal:\n%s", res)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) == 0 {
		t.Fatal("the redirect was not followed: the test proves nothing")
	}
	for _, auth := range seen {
		if auth != "" {
			t.Errorf("the other host received Authorization %q", auth)
		}
	}
	w.scan(t, []Result{res}, secretKey)
}
