package e2e

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/emulator"
)

const interruptKey = "interrupt-test-key"

// archiveDelay is how long the emulator's archive operations take: long
// enough to interrupt one, short enough to wait for one in a test.
const archiveDelay = 6 * time.Second

// interruptDuringArchive starts terraform with args, sends it SIGINT once the
// provider is polling the archive operation, and returns what it did.
func interruptDuringArchive(t *testing.T, e *Emulator, w *Workdir, args ...string) Result {
	t.Helper()
	polls := e.Requests()["GET /operations/{id}"]
	cmd := w.Command(context.Background(), nil, append(args, "-no-color")...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	started := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	WaitFor(t, time.Minute, "the provider to poll the archive operation", func() bool {
		return e.Requests()["GET /operations/{id}"] > polls
	})
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	res := Result{Args: args, Stdout: stdout.String(), Stderr: stderr.String(), Took: time.Since(started)}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		res.ExitCode = exit.ExitCode()
	}
	if exit != nil && !exit.Exited() {
		t.Fatalf("terraform did not exit by itself: %v\n%s", err, res)
	}
	return res
}

// checkConverged checks that Toloka ran one archive operation for the one
// project there is, that it is archived, and that Terraform has nothing
// left to do.
func checkConverged(t *testing.T, e *Emulator, w *Workdir) {
	t.Helper()
	ops := e.List(t, interruptKey, "/operations?type=PROJECT.ARCHIVE")
	projects := e.List(t, interruptKey, "/projects")
	if len(ops) != 1 || len(projects) != 1 || projects[0]["status"] != "ARCHIVED" {
		t.Errorf("%d archive operations and projects %v; want one operation and one archived project", len(ops), projects)
	}
	if empty, res := w.PlanIsEmpty(); !empty {
		t.Errorf("the plan after convergence is not empty:\n%s", res)
	}
}

// withProject returns an emulator whose archive operations take
// archiveDelay, and a working directory where toloka_project.p exists.
func withProject(t *testing.T, name string) (*Emulator, *Workdir) {
	t.Helper()
	e := StartEmulator(t, emulator.Options{APIKeys: []string{interruptKey}, OperationDelay: archiveDelay})
	w := NewWorkdir(t)
	w.Write(ProviderBlock(e, interruptKey) + ProjectResource("p", name, "Under SIGINT", false))
	w.Apply()
	return e, w
}

// stateList fails the test unless the state lists exactly want.
func stateList(t *testing.T, w *Workdir, want string) {
	t.Helper()
	if list := w.MustRun(nil, "state", "list"); strings.TrimSpace(list.Stdout) != want {
		t.Errorf("the state lists %q, want %q", list.Stdout, want)
	}
}

// SIGINT while an apply waits on an archive operation: the apply stops, the
// project stays in the state, and the next apply waits on the same operation.
func TestInterruptedArchiveConverges(t *testing.T) {
	t.Parallel()
	e, w := withProject(t, "Interrupted")

	w.Write(ProviderBlock(e, interruptKey) + ProjectResource("p", "Interrupted", "Under SIGINT", true))
	res := interruptDuringArchive(t, e, w, "apply", "-auto-approve", "-input=false")
	if res.ExitCode == 0 || !strings.Contains(res.Output(), "Interrupt received") || !strings.Contains(res.Output(), "stopped waiting for operation") {
		t.Errorf("the interrupted apply did not stop with an error:\n%s", res)
	}
	stateList(t, w, "toloka_project.p")
	w.Apply()
	checkConverged(t, e, w)
}

// SIGINT while a destroy waits on an archive operation: the next destroy
// waits on the same operation and empties the state.
func TestInterruptedDestroyConverges(t *testing.T) {
	t.Parallel()
	e, w := withProject(t, "Destroyed")

	res := interruptDuringArchive(t, e, w, "destroy", "-auto-approve", "-input=false")
	if res.ExitCode == 0 {
		t.Errorf("the interrupted destroy did not stop with an error:\n%s", res)
	}
	stateList(t, w, "toloka_project.p")
	w.MustRun(nil, "destroy", "-auto-approve", "-input=false", "-no-color")
	stateList(t, w, "")
	w.Write(ProviderBlock(e, interruptKey))
	checkConverged(t, e, w)
}
