// Package e2e drives the real Terraform CLI with the provider built as a
// binary, as users run it, against an in-process Toloka emulator on
// loopback. Its helpers serve the end-to-end tests of this package and the
// soak test; the tests run only with TF_ACC set, like acceptance tests.
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/emulator"
)

// providerAddress is the provider's registry address (provider.RegistryAddress).
const providerAddress = "registry.terraform.io/toloka-terraform/toloka"

// openTofuProviderAddress is the address OpenTofu gives the same source.
const openTofuProviderAddress = "registry.opentofu.org/toloka-terraform/toloka"

// Terraform returns the CLI to run, from TF_ACC_TERRAFORM_PATH or PATH. The
// test is skipped unless TF_ACC is set.
func Terraform(t testing.TB) string {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("set TF_ACC=1 to run tests that drive the Terraform CLI")
	}
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p
	}
	p, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatal("no terraform CLI: set TF_ACC_TERRAFORM_PATH")
	}
	return p
}

var build struct {
	once sync.Once
	dir  string
	err  error
}

// ProviderDir builds the provider binary once per test process and returns
// the directory that holds it.
func ProviderDir(t testing.TB) string {
	t.Helper()
	build.once.Do(func() {
		build.dir, build.err = buildProvider()
	})
	if build.err != nil {
		t.Fatal(build.err)
	}
	return build.dir
}

func buildProvider() (string, error) {
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("locating the module: %w", err)
	}
	dir, err := os.MkdirTemp("", "toloka-provider-")
	if err != nil {
		return "", err
	}
	cmd := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-toloka"), ".")
	cmd.Dir = filepath.Dir(strings.TrimSpace(string(gomod)))
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building the provider: %v\n%s", err, out)
	}
	return dir, nil
}

// Emulator is an in-process Toloka emulator served on loopback.
type Emulator struct {
	*emulator.Server
	URL string // the API root, .../api/v1
}

// StartEmulator serves a new emulator for the test's duration.
func StartEmulator(t testing.TB, opts emulator.Options) *Emulator {
	t.Helper()
	s := emulator.New(opts)
	hs := httptest.NewServer(s)
	t.Cleanup(hs.Close)
	return &Emulator{Server: s, URL: hs.URL + "/api/v1"}
}

// Workdir is a Terraform working directory using the built provider.
type Workdir struct {
	t         testing.TB
	terraform string
	Dir       string
	env       []string
}

// NewWorkdir returns an empty working directory whose commands use the built
// provider through a dev_overrides CLI configuration, and the given
// environment variables on top of the test's (without any TF_LOG or
// TOLOKA_ setting of the test's own).
func NewWorkdir(t testing.TB, env ...string) *Workdir {
	t.Helper()
	terraform := Terraform(t)
	providers := ProviderDir(t)
	dir := t.TempDir()
	rc := filepath.Join(dir, ".terraformrc")
	config := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n    %q = %q\n  }\n  direct {}\n}\n",
		providerAddress, providers, openTofuProviderAddress, providers)
	if err := os.WriteFile(rc, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	var base []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TF_LOG") && !strings.HasPrefix(kv, "TOLOKA_") && !strings.HasPrefix(kv, "TF_CLI_CONFIG_FILE=") {
			base = append(base, kv)
		}
	}
	base = append(base, "TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
	return &Workdir{t: t, terraform: terraform, Dir: dir, env: append(base, env...)}
}

// Write replaces the configuration with main.tf holding config.
func (w *Workdir) Write(config string) {
	w.t.Helper()
	if err := os.WriteFile(filepath.Join(w.Dir, "main.tf"), []byte(config), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

// Result is the outcome of one Terraform command.
type Result struct {
	Args     []string
	Stdout   string
	Stderr   string
	ExitCode int
	Took     time.Duration
}

// Output is stdout and stderr together.
func (r Result) Output() string { return r.Stdout + r.Stderr }

func (r Result) String() string {
	return fmt.Sprintf("terraform %s: exit %d after %s\n%s", strings.Join(r.Args, " "), r.ExitCode, r.Took.Round(time.Millisecond), r.Output())
}

// Command returns the command running terraform with args, extra
// environment variables added.
func (w *Workdir) Command(ctx context.Context, env []string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, w.terraform, append([]string{"-chdir=" + w.Dir}, args...)...)
	cmd.Env = append(append([]string(nil), w.env...), env...)
	cmd.WaitDelay = 10 * time.Second
	return cmd
}

// Run runs terraform with args and returns what it did; a failure to start
// it fails the test.
func (w *Workdir) Run(env []string, args ...string) Result {
	w.t.Helper()
	cmd := w.Command(context.Background(), env, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	started := time.Now()
	err := cmd.Run()
	res := Result{Args: args, Stdout: stdout.String(), Stderr: stderr.String(), Took: time.Since(started)}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		res.ExitCode = exit.ExitCode()
	case err != nil:
		w.t.Fatalf("running terraform %v: %v", args, err)
	}
	return res
}

// MustRun runs terraform and fails the test unless it exits with 0.
func (w *Workdir) MustRun(env []string, args ...string) Result {
	w.t.Helper()
	res := w.Run(env, args...)
	if res.ExitCode != 0 {
		w.t.Fatalf("%s", res)
	}
	return res
}

// Apply runs terraform apply -auto-approve and fails the test unless it succeeds.
func (w *Workdir) Apply(env ...string) Result {
	w.t.Helper()
	return w.MustRun(env, "apply", "-auto-approve", "-input=false", "-no-color")
}

// PlanIsEmpty runs terraform plan -detailed-exitcode and reports whether it
// has nothing to do; an error fails the test.
func (w *Workdir) PlanIsEmpty(env ...string) (bool, Result) {
	w.t.Helper()
	res := w.Run(env, "plan", "-input=false", "-detailed-exitcode", "-no-color")
	switch res.ExitCode {
	case 0:
		return true, res
	case 2:
		return false, res
	}
	w.t.Fatalf("%s", res)
	return false, res
}

// RequiredProviders names the provider's source, as every configuration must.
const RequiredProviders = `terraform {
  required_providers {
    toloka = { source = "toloka-terraform/toloka" }
  }
}
`

// ProviderBlock is a configuration of the provider for the emulator with the
// key given in the configuration itself, extra attributes added.
func ProviderBlock(e *Emulator, apiKey string, extra ...string) string {
	return RequiredProviders + fmt.Sprintf("provider \"toloka\" {\n  environment = \"sandbox\"\n  base_url    = %q\n  api_key     = %q\n%s}\n",
		e.URL, apiKey, strings.Join(extra, "\n"))
}

// ProjectResource is a toloka_project resource block.
func ProjectResource(label, name, description string, archived bool) string {
	return fmt.Sprintf(`
resource "toloka_project" %q {
  public_name         = %q
  public_description  = %q
  public_instructions = "<p>Pick one.</p>"
  private_comment     = "managed by terraform"
  task_spec = {
    input_spec  = { image = { type = "url" } }
    output_spec = { result = { type = "string", allowed_values = ["cat", "dog"] } }
    view_spec   = jsonencode({ type = "classic", markup = "{{img src=image}}" })
  }
  archived = %t
}
`, label, name, description, archived)
}

// List returns the items of every page of an API list (e.g. "/operations?type=PROJECT.ARCHIVE"),
// read with the given key.
func (e *Emulator) List(t testing.TB, apiKey, path string) []map[string]any {
	t.Helper()
	var all []map[string]any
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	idGt := ""
	for {
		url := e.URL + path + sep + "sort=id&limit=300"
		if idGt != "" {
			url += "&id_gt=" + idGt
		}
		var page struct {
			Items   []map[string]any `json:"items"`
			HasMore bool             `json:"has_more"`
		}
		getJSON(t, url, apiKey, &page)
		all = append(all, page.Items...)
		if !page.HasMore || len(page.Items) == 0 {
			return all
		}
		idGt = fmt.Sprint(page.Items[len(page.Items)-1]["id"])
	}
}

func getJSON(t testing.TB, url, apiKey string, out any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "ApiKey "+apiKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v %s", url, resp.StatusCode, err, body)
	}
	if err := json.Unmarshal(body, out); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}

// WaitFor polls cond until it holds, failing the test after timeout.
func WaitFor(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
