package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/provider"
)

// providerCommand is the name of the provider binary Terraform runs.
const providerCommand = "terraform-provider-toloka"

// sampleEvery is how often the provider processes are sampled.
const sampleEvery = 25 * time.Millisecond

// terraformCLI runs the Terraform CLI with the provider binary in
// providerDir, through a dev_overrides CLI configuration: no terraform init.
type terraformCLI struct {
	path string
	env  []string
}

func newTerraformCLI(path, root, providerDir string) (*terraformCLI, error) {
	cliConfig := filepath.Join(root, "terraformrc")
	content := fmt.Sprintf(`provider_installation {
  dev_overrides {
    %q = %q
  }
  direct {}
}
`, provider.RegistryAddress, providerDir)
	if err := os.WriteFile(cliConfig, []byte(content), 0o600); err != nil {
		return nil, err
	}
	env := append(cleanEnvironment(os.Environ()),
		"TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "TF_INPUT=0")
	return &terraformCLI{path: path, env: env}, nil
}

// cleanEnvironment drops the variables that would change what Terraform or
// the provider do: logging, CLI arguments and configuration, Toloka
// settings.
func cleanEnvironment(environ []string) []string {
	var out []string
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "TF_") || strings.HasPrefix(name, "TOLOKA_") || name == "CHECKPOINT_DISABLE" {
			continue
		}
		out = append(out, kv)
	}
	return out
}

// workspace is a Terraform working directory pointed at an emulator.
type workspace struct {
	cli *terraformCLI
	dir string
	env []string
}

// workspace creates dir with main.tf holding config, for the emulator whose
// API root is apiURL; extraEnv is added to the environment of every command.
func (c *terraformCLI) workspace(dir, apiURL, config string, extraEnv ...string) (*workspace, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	w := &workspace{cli: c, dir: dir, env: append(append([]string{}, c.env...),
		"TOLOKA_ENVIRONMENT=sandbox", "TOLOKA_BASE_URL="+apiURL, "TOLOKA_API_KEY="+apiKey)}
	w.env = append(w.env, extraEnv...)
	return w, w.configure(config)
}

// configure replaces the workspace's configuration.
func (w *workspace) configure(config string) error {
	return os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(config), 0o644)
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

// run runs terraform with args in the workspace. It fails unless terraform
// exits with status 0.
func (w *workspace) run(ctx context.Context, args []string) (cliRun, error) {
	cmd := exec.CommandContext(ctx, w.cli.path, args...)
	cmd.Dir, cmd.Env = w.dir, w.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	began := time.Now()
	if err := cmd.Start(); err != nil {
		return cliRun{}, err
	}
	watch := watchChildren(cmd.Process.Pid, providerCommand, sampleEvery)
	err := cmd.Wait()
	r := cliRun{ended: time.Now(), provider: watch.finish(), output: out.String()}
	r.wall = r.ended.Sub(began)
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		return r, err
	}
	r.code = cmd.ProcessState.ExitCode()
	if usage, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.cpu = time.Duration(usage.Utime.Nano() + usage.Stime.Nano())
	}
	if r.code == 0 {
		return r, nil
	}
	return r, fmt.Errorf("terraform %s in %s exited with %d:\n%s", strings.Join(args, " "), w.dir, r.code, tail(r.output, 40))
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
		return r, fmt.Errorf("the plan in %s is not empty after apply:\n%s", w.dir, tail(r.output, 40))
	}
	return r, err
}

// version asks the CLI its version.
func (c *terraformCLI) version(ctx context.Context) (string, error) {
	cmd := exec.CommandContext(ctx, c.path, "version")
	cmd.Env = c.env
	out, err := cmd.Output()
	if err != nil {
		return "", err
	}
	first, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSpace(first), nil
}
