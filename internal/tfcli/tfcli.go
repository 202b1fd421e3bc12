// Package tfcli runs the Terraform CLI (or OpenTofu) with the provider built
// as a binary, as users run it, through a dev_overrides CLI configuration: no
// terraform init and no registry. It serves the end-to-end tests
// (internal/e2e, and through it internal/soak and the examples test) and the
// benchmarks (internal/bench).
package tfcli

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
)

// ProviderBinary is the name of the provider binary the CLI runs.
const ProviderBinary = "terraform-provider-toloka"

// The addresses Terraform and OpenTofu give the provider's source,
// toloka-terraform/toloka.
const (
	terraformAddress = "registry.terraform.io/toloka-terraform/toloka"
	openTofuAddress  = "registry.opentofu.org/toloka-terraform/toloka"
)

// BuildProvider builds the provider of the module that holds the working
// directory into dir/ProviderBinary.
func BuildProvider(ctx context.Context, dir string) error {
	gomod, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return fmt.Errorf("locating the module: %w", err)
	}
	cmd := exec.CommandContext(ctx, "go", "build", "-o", filepath.Join(dir, ProviderBinary), ".")
	cmd.Dir = filepath.Dir(strings.TrimSpace(string(gomod)))
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building the provider: %w\n%s", err, out)
	}
	return nil
}

// CLI is a Terraform or OpenTofu CLI set up to run the provider binary of a
// directory.
type CLI struct {
	Path string
	env  []string
}

// New sets up the CLI at path to run the provider binary in providerDir: it
// writes the CLI configuration into configDir, which must exist.
func New(path, providerDir, configDir string) (*CLI, error) {
	config := filepath.Join(configDir, "terraformrc")
	content := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n    %q = %q\n  }\n  direct {}\n}\n",
		terraformAddress, providerDir, openTofuAddress, providerDir)
	if err := os.WriteFile(config, []byte(content), 0o600); err != nil {
		return nil, err
	}
	env := append(CleanEnvironment(os.Environ()),
		"TF_CLI_CONFIG_FILE="+config, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "TF_INPUT=0")
	return &CLI{Path: path, env: env}, nil
}

// CleanEnvironment drops the variables that would change what the CLI or the
// provider do: logging, CLI arguments, variables and configuration, Toloka
// settings.
func CleanEnvironment(environ []string) []string {
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

// Version is the first line of `terraform version`, e.g. "Terraform v1.11.4"
// or "OpenTofu v1.12.6".
func (c *CLI) Version(ctx context.Context) (string, error) {
	cmd := exec.CommandContext(ctx, c.Path, "version")
	cmd.Env = c.env
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%s version: %w", c.Path, err)
	}
	first, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSpace(first), nil
}

// Workdir is a working directory of the CLI.
type Workdir struct {
	cli *CLI
	Dir string
	env []string
}

// Workdir returns the working directory dir, created if need be, whose
// commands get env on top of the CLI's environment.
func (c *CLI) Workdir(dir string, env ...string) (*Workdir, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return &Workdir{cli: c, Dir: dir, env: append(append([]string{}, c.env...), env...)}, nil
}

// Write replaces the configuration with main.tf holding config.
func (w *Workdir) Write(config string) error {
	return os.WriteFile(filepath.Join(w.Dir, "main.tf"), []byte(config), 0o600)
}

// Command returns the command running the CLI with args in the directory,
// with extra environment variables.
func (w *Workdir) Command(ctx context.Context, env []string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, w.cli.Path, append([]string{"-chdir=" + w.Dir}, args...)...)
	cmd.Env = append(append([]string{}, w.env...), env...)
	cmd.WaitDelay = 10 * time.Second
	return cmd
}

// Result is how one command ran.
type Result struct {
	Args     []string
	Stdout   string
	Stderr   string
	ExitCode int
	Took     time.Duration
	Ended    time.Time
	// CPU is the user and system time of the CLI and of the processes it
	// ran and waited for, the provider among them.
	CPU time.Duration
}

// Output is stdout and stderr together.
func (r Result) Output() string { return r.Stdout + r.Stderr }

func (r Result) String() string {
	return fmt.Sprintf("terraform %s: exit %d after %s\n%s", strings.Join(r.Args, " "), r.ExitCode, r.Took.Round(time.Millisecond), r.Output())
}

// Run runs the CLI with args and extra environment variables. Its error
// says the command could not run; how it ended is in the Result.
func (w *Workdir) Run(ctx context.Context, env []string, args ...string) (Result, error) {
	return w.RunObserved(ctx, nil, env, args...)
}

// RunObserved is Run that calls observe, when not nil, with the CLI's process
// id once it has started, and the function observe returns once it has ended.
func (w *Workdir) RunObserved(ctx context.Context, observe func(pid int) (ended func()), env []string, args ...string) (Result, error) {
	cmd := w.Command(ctx, env, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	started := time.Now()
	if err := cmd.Start(); err != nil {
		return Result{Args: args}, err
	}
	ended := func() {}
	if observe != nil {
		ended = observe(cmd.Process.Pid)
	}
	err := cmd.Wait()
	ended()
	res := Result{Args: args, Stdout: stdout.String(), Stderr: stderr.String(), Ended: time.Now()}
	res.Took = res.Ended.Sub(started)
	if usage, ok := processUsage(cmd); ok {
		res.CPU = time.Duration(usage.Utime.Nano() + usage.Stime.Nano())
	}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		res.ExitCode = exit.ExitCode()
	case err != nil:
		return res, err
	}
	return res, nil
}

// processUsage is the resource usage of the command's process and of the
// children it waited for, once it has ended.
func processUsage(cmd *exec.Cmd) (*syscall.Rusage, bool) {
	if cmd.ProcessState == nil {
		return nil, false
	}
	usage, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return usage, ok
}
