// Package e2e drives the real Terraform CLI with the provider built as a
// binary, as users run it (through package tfcli), against an in-process
// Toloka emulator on loopback. Its helpers serve the end-to-end tests of this
// package, the soak test and the examples test; the tests run only with
// TF_ACC set, like acceptance tests.
package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/emulator"
	"github.com/toloka-terraform/terraform-provider-toloka/internal/tfcli"
)

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

// build is the provider binary built for the tests of this process, in a
// directory Main makes and removes.
var build struct {
	dir  string
	once sync.Once
	err  error
}

// Main runs a package's tests with a directory for the provider binary that
// ProviderDir builds for them, and removes it after them. The packages whose
// tests use ProviderDir (or NewWorkdir) call it from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(e2e.Main(m)) }
func Main(m *testing.M) int {
	dir, err := os.MkdirTemp("", "toloka-provider-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "making a directory for the provider built for the tests:", err)
		return 1
	}
	build.dir = dir
	code := m.Run()
	if err := os.RemoveAll(dir); err != nil {
		fmt.Fprintln(os.Stderr, "removing the provider built for the tests:", err)
	}
	return code
}

// ProviderDir builds the provider binary once per test process and returns
// the directory that holds it.
func ProviderDir(t testing.TB) string {
	t.Helper()
	if build.dir == "" {
		t.Fatal("the package's TestMain must run its tests through e2e.Main, which removes the provider built for them")
	}
	build.once.Do(func() {
		build.err = tfcli.BuildProvider(context.Background(), build.dir)
	})
	if build.err != nil {
		t.Fatal(build.err)
	}
	return build.dir
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

// Workdir is a Terraform working directory using the built provider, whose
// failures fail the test.
type Workdir struct {
	*tfcli.Workdir
	t testing.TB
}

// Result is the outcome of one Terraform command.
type Result = tfcli.Result

// NewWorkdir returns an empty working directory, removed after the test,
// whose commands use the built provider through a dev_overrides CLI
// configuration, and the given environment variables on top of the test's
// (without any TF_ or TOLOKA_ setting of the test's own).
func NewWorkdir(t testing.TB, env ...string) *Workdir {
	t.Helper()
	dir := t.TempDir()
	cli, err := tfcli.New(Terraform(t), ProviderDir(t), dir)
	if err != nil {
		t.Fatal(err)
	}
	w, err := cli.Workdir(dir, env...)
	if err != nil {
		t.Fatal(err)
	}
	return &Workdir{Workdir: w, t: t}
}

// Write replaces the configuration with main.tf holding config.
func (w *Workdir) Write(config string) {
	w.t.Helper()
	if err := w.Workdir.Write(config); err != nil {
		w.t.Fatal(err)
	}
}

// Run runs terraform with args and returns what it did; a failure to start
// it fails the test.
func (w *Workdir) Run(env []string, args ...string) Result {
	w.t.Helper()
	res, err := w.Workdir.Run(context.Background(), env, args...)
	if err != nil {
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
