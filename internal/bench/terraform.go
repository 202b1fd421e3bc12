package bench

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/bench/floor"
	"github.com/toloka-terraform/terraform-provider-toloka/internal/tfcli"
)

// sampleEvery is how often the provider processes are sampled.
const sampleEvery = 25 * time.Millisecond

// workspace is a Terraform working directory pointed at an emulator.
type workspace struct {
	*tfcli.Workdir
}

// workspace creates dir, for the emulator whose API root is apiURL;
// extraEnv is added to the environment of every command.
func (b *bench) workspace(dir, apiURL string, extraEnv ...string) (*workspace, error) {
	return b.workspaceOf(b.cli, dir, apiURL, extraEnv...)
}

// workspaceOf is workspace with the given CLI.
func (b *bench) workspaceOf(cli *tfcli.CLI, dir, apiURL string, extraEnv ...string) (*workspace, error) {
	env := append([]string{"TOLOKA_ENVIRONMENT=sandbox", "TOLOKA_BASE_URL=" + apiURL, "TOLOKA_API_KEY=" + apiKey}, extraEnv...)
	w, err := cli.Workdir(dir, env...)
	if err != nil {
		return nil, err
	}
	return &workspace{w}, nil
}

// configuredWorkspace is a workspace with main.tf holding config.
func (b *bench) configuredWorkspace(dir, apiURL, config string) (*workspace, error) {
	w, err := b.workspace(dir, apiURL)
	if err != nil {
		return nil, err
	}
	return w, w.Write(config)
}

// floorWorkspace creates dir for plans with the floor binary in mode (see
// package floor).
func (b *bench) floorWorkspace(dir, mode string, extraEnv ...string) (*workspace, error) {
	env := append([]string{floor.ModeVariable + "=" + mode}, extraEnv...)
	w, err := b.floorCLI.Workdir(dir, env...)
	if err != nil {
		return nil, err
	}
	return &workspace{w}, nil
}

// cliRun is one Terraform command as it ran.
type cliRun struct {
	wall  time.Duration
	ended time.Time
	code  int
	// cpu is the user and system time of Terraform and of the provider
	// processes it ran; provider is what the watch saw of the latter.
	cpu      time.Duration
	provider childStats
	output   string
}

// run runs terraform with args in the workspace, watching the provider
// processes it starts. It fails unless terraform exits with status 0.
func (w *workspace) run(ctx context.Context, args []string) (cliRun, error) {
	var provider childStats
	watch := func(pid int) func() {
		watch := watchChildren(pid, tfcli.ProviderBinary, sampleEvery)
		return func() { provider = watch.finish() }
	}
	res, err := w.RunObserved(ctx, watch, nil, args...)
	if err != nil {
		return cliRun{}, err
	}
	r := cliRun{wall: res.Took, ended: res.Ended, code: res.ExitCode, cpu: res.CPU, provider: provider, output: res.Output()}
	if r.code == 0 {
		return r, nil
	}
	return r, fmt.Errorf("terraform %s in %s exited with %d:\n%s", strings.Join(args, " "), w.Dir, r.code, tail(r.output, 40))
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

var (
	planArgs  = []string{"plan", "-input=false", "-no-color", "-detailed-exitcode"}
	applyArgs = []string{"apply", "-input=false", "-no-color", "-auto-approve"}
)

// planNoChanges runs a plan that must find nothing to change.
func (w *workspace) planNoChanges(ctx context.Context) (cliRun, error) {
	r, err := w.run(ctx, planArgs)
	if err != nil && r.code == 2 {
		return r, fmt.Errorf("the plan in %s is not empty after apply:\n%s", w.Dir, tail(r.output, 40))
	}
	return r, err
}
