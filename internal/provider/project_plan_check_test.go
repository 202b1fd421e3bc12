package provider

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/e2e"
)

// The plan's diagnostics are what these tests are about, and the testing
// framework does not show them: they drive the CLI through package e2e and
// read `terraform plan -json`.

// cliDiagnostic is one diagnostic of the CLI's JSON output.
type cliDiagnostic struct {
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
	Address  string `json:"address"`
}

func (d cliDiagnostic) String() string {
	return fmt.Sprintf("%s: %s\n%s", d.Severity, d.Summary, d.Detail)
}

// planOutcome is what a plan (or an apply) said and how it ended.
type planOutcome struct {
	exitCode    int
	diagnostics []cliDiagnostic
	output      string
}

// providerDiagnostics are the diagnostics about this configuration's
// resources, leaving out the CLI's own (such as the one on dev_overrides).
func (p planOutcome) providerDiagnostics() []cliDiagnostic {
	var own []cliDiagnostic
	for _, d := range p.diagnostics {
		if d.Address != "" {
			own = append(own, d)
		}
	}
	return own
}

// find returns the diagnostic of this severity whose summary starts so.
func (p planOutcome) find(t *testing.T, severity, summary string) cliDiagnostic {
	t.Helper()
	for _, d := range p.diagnostics {
		if d.Severity == severity && strings.HasPrefix(d.Summary, summary) {
			return d
		}
	}
	t.Fatalf("no %s %q; the CLI said:\n%s", severity, summary, p.output)
	return cliDiagnostic{}
}

// runJSON runs a CLI command with -json and collects its diagnostics.
func runJSON(t *testing.T, w *e2e.Workdir, args ...string) planOutcome {
	t.Helper()
	res := w.Run(nil, append(args, "-json", "-input=false")...)
	out := planOutcome{exitCode: res.ExitCode, output: res.Output()}
	scanner := bufio.NewScanner(strings.NewReader(res.Stdout))
	scanner.Buffer(make([]byte, 0, 64*1024), 16<<20)
	for scanner.Scan() {
		var line struct {
			Type       string        `json:"type"`
			Diagnostic cliDiagnostic `json:"diagnostic"`
		}
		if json.Unmarshal(scanner.Bytes(), &line) == nil && line.Type == "diagnostic" {
			out.diagnostics = append(out.diagnostics, line.Diagnostic)
		}
	}
	return out
}

// planJSON runs terraform plan -json and fails the test unless it exits
// with want.
func planJSON(t *testing.T, w *e2e.Workdir, want int, args ...string) planOutcome {
	t.Helper()
	out := runJSON(t, w, append([]string{"plan"}, args...)...)
	if out.exitCode != want {
		t.Fatalf("terraform plan exited with %d, want %d:\n%s", out.exitCode, want, out.output)
	}
	return out
}

// wantNoProviderDiagnostics fails unless the provider said nothing.
func wantNoProviderDiagnostics(t *testing.T, p planOutcome) {
	t.Helper()
	for _, d := range p.providerDiagnostics() {
		t.Errorf("unexpected diagnostic: %s", d)
	}
}

// wantAll fails unless text holds each of parts.
func wantAll(t *testing.T, what, text string, parts ...string) {
	t.Helper()
	for _, part := range parts {
		if !strings.Contains(text, part) {
			t.Errorf("%s does not say %q:\n%s", what, part, text)
		}
	}
}

// planWorkdir is a CLI working directory for the emulator e whose provider
// repeats a failed request at most once.
func planWorkdir(t *testing.T, e *testEmulator) *e2e.Workdir {
	t.Helper()
	return e2e.NewWorkdir(t, EnvBaseURL+"="+e.apiURL, EnvAPIKey+"="+testAPIKey, EnvEnvironment+"=sandbox",
		EnvMaxRetries+"=1")
}

// checkedProject is a project, toloka_project.cats, with one pool,
// toloka_pool.batch; inputs are its task_spec input fields and extra more
// project attributes.
func checkedProject(inputs, extra string) string {
	return e2e.RequiredProviders + fmt.Sprintf(`
resource "toloka_project" "cats" {
  public_name        = "Cats or dogs"
  public_description = "Look at the picture"
  task_spec = {
    input_spec  = { %s }
    output_spec = { result = { type = "string", allowed_values = ["cat", "dog"] } }
    view_spec   = jsonencode({ type = "classic", markup = "{{img src=image}}" })
  }
  %s
}
`, inputs, extra) + poolBlock("batch", "Managed batch", "")
}

const (
	imageInput   = `image = { type = "url" }`
	captionInput = `image = { type = "url" }, caption = { type = "string" }`
	noteInput    = `image = { type = "url" }, note = { type = "string", required = false }`
)

// checkRequests counts the project checks the emulator answered.
func checkRequests(e *testEmulator) int {
	return e.Requests()["POST /staging/projects/{id}/check"]
}

// wantNothingSent fails if the emulator received anything but reads and
// project checks since its counts were reset.
func wantNothingSent(t *testing.T, e *testEmulator) {
	t.Helper()
	for key, n := range e.Requests() {
		if !strings.HasPrefix(key, http.MethodGet+" ") && key != "POST /staging/projects/{id}/check" {
			t.Errorf("%d × %s sent by a plan", n, key)
		}
	}
}

func TestAccProjectPlan_breakingChanges(t *testing.T) {
	e := newTestEmulator(t, 100*time.Millisecond)
	w := planWorkdir(t, e)
	w.Write(checkedProject(imageInput, ""))
	w.Apply()
	projectID := stateID(t, w, "toloka_project.cats")
	managed := stateID(t, w, poolAddr)
	unmanaged := e.AddPool(projectID, "OPEN")
	archived := e.AddPool(projectID, "ARCHIVED")

	t.Run("a non-breaking edit plans without a warning", func(t *testing.T) {
		e.ResetRequests()
		w.Write(checkedProject(noteInput, ""))
		wantNoProviderDiagnostics(t, planJSON(t, w, 0))
		if n := checkRequests(e); n != 1 {
			t.Errorf("%d project checks, want 1", n)
		}
		wantNothingSent(t, e)
	})
	t.Run("a breaking edit warns and names the pools that keep the old version", func(t *testing.T) {
		e.ResetRequests()
		w.Write(checkedProject(captionInput, ""))
		warning := planJSON(t, w, 0).find(t, "warning", "Breaking change to project "+projectID)
		wantAll(t, "the warning", warning.Detail, "BREAKING_CHANGE",
			fmt.Sprintf(`pool %s "Managed batch" (CLOSED)`, managed),
			fmt.Sprintf(`pool %s "Pool %s" (OPEN)`, unmanaged, unmanaged))
		if strings.Contains(warning.Detail, archived) {
			t.Errorf("the warning names archived pool %s:\n%s", archived, warning.Detail)
		}
		wantNothingSent(t, e)
	})
	t.Run("deny fails the plan and the apply, and nothing is sent", func(t *testing.T) {
		e.ResetRequests()
		w.Write(checkedProject(captionInput, `breaking_changes = "deny"`))
		failed := planJSON(t, w, 1).find(t, "error", "Breaking change to project "+projectID+" refused")
		wantAll(t, "the error", failed.Detail, managed, unmanaged, "nothing is sent")
		if applied := runJSON(t, w, "apply", "-auto-approve"); applied.exitCode == 0 {
			t.Errorf("the apply of a denied breaking change succeeded:\n%s", applied.output)
		}
		wantNothingSent(t, e)
		if n := e.Requests()["PUT /projects/{id}"]; n != 0 {
			t.Errorf("%d updates sent", n)
		}
	})
	t.Run("an edit made while archiving the project is not checked", func(t *testing.T) {
		e.ResetRequests()
		w.Write(checkedProject(captionInput, "breaking_changes = \"deny\"\n  archived = true"))
		for _, d := range planJSON(t, w, 0).providerDiagnostics() {
			if strings.Contains(d.Summary, "Breaking") {
				t.Errorf("unexpected diagnostic: %s", d)
			}
		}
		if n := checkRequests(e); n != 0 {
			t.Errorf("%d project checks of an update that archives the project, want none", n)
		}
	})
	t.Run("allow plans silently and asks nothing", func(t *testing.T) {
		e.ResetRequests()
		w.Write(checkedProject(captionInput, `breaking_changes = "allow"`))
		wantNoProviderDiagnostics(t, planJSON(t, w, 0))
		if n := checkRequests(e); n != 0 {
			t.Errorf("%d project checks with allow, want none", n)
		}
	})
	t.Run("an unavailable check warns, and fails the plan with deny", func(t *testing.T) {
		for _, status := range []int{http.StatusNotFound, http.StatusServiceUnavailable} {
			if err := e.FailProjectChecks(status); err != nil {
				t.Fatal(err)
			}
			e.ResetRequests()
			w.Write(checkedProject(captionInput, ""))
			warning := planJSON(t, w, 0).find(t, "warning", "Breaking-change check of project "+projectID+" failed")
			wantAll(t, "the warning", warning.Detail, fmt.Sprintf("HTTP %d", status), "verdict is unknown", "goes on")
			w.Write(checkedProject(captionInput, `breaking_changes = "deny"`))
			failed := planJSON(t, w, 1).find(t, "error", "Breaking-change check of project "+projectID+" failed")
			wantAll(t, "the error", failed.Detail, fmt.Sprintf("HTTP %d", status), "nothing is sent")
			wantNothingSent(t, e)
		}
		if err := e.FailProjectChecks(0); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("values known only after apply leave the check for later, said only with deny", func(t *testing.T) {
		later := `
resource "terraform_data" "caption" {
  input = "A caption"
}
`
		e.ResetRequests()
		w.Write(checkedProject(captionInput, `private_comment = terraform_data.caption.output`) + later)
		wantNoProviderDiagnostics(t, planJSON(t, w, 0))
		w.Write(checkedProject(captionInput, "private_comment = terraform_data.caption.output\n  breaking_changes = \"deny\"") + later)
		warning := planJSON(t, w, 0).find(t, "warning", "Breaking-change check of project "+projectID+" left for later")
		wantAll(t, "the warning", warning.Detail, "private_comment", "known only after apply")
		if n := checkRequests(e); n != 0 {
			t.Errorf("%d project checks of a plan with unknown values, want none", n)
		}
		// The apply plans the project again once the value is known: deny
		// then refuses the breaking change before it is sent.
		applied := runJSON(t, w, "apply", "-auto-approve")
		if applied.exitCode == 0 {
			t.Fatalf("the apply of a denied breaking change succeeded:\n%s", applied.output)
		}
		applied.find(t, "error", "Breaking change to project "+projectID+" refused")
		if n := e.Requests()["PUT /projects/{id}"]; n != 0 {
			t.Errorf("%d updates sent", n)
		}
	})
}
