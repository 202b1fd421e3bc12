package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/tfcli"
)

// archiveCase is one operation length of the archive-wait scenario.
type archiveCase struct {
	delay time.Duration
	// applies is how many terraform applies archive a project; harnessOps
	// how many operations the two strategies wait on side by side.
	applies, harnessOps int
}

// Sizes say how much each scenario does.
type Sizes struct {
	PlanResources  int
	ApplyResources int
	// Repeats is how many times each plan and apply runs; the two sides
	// alternate.
	Repeats int
	// QuietLogsPlan adds a plan of the projects with the plugin SDK's trace
	// logging off, to show what that logging costs.
	QuietLogsPlan bool
	Archive       []archiveCase
	// The rate-limit scenario: QuotaCreations projects in one apply against
	// a quota of QuotaPerWindow creations per QuotaWindow, QuotaRuns times.
	QuotaCreations int
	QuotaPerWindow int
	QuotaWindow    time.Duration
	QuotaRuns      int
}

// FullSizes are the sizes of `make bench`.
func FullSizes() Sizes {
	return Sizes{
		PlanResources:  500,
		ApplyResources: 200,
		Repeats:        3,
		QuietLogsPlan:  true,
		Archive: []archiveCase{
			{delay: 500 * time.Millisecond, applies: 5, harnessOps: 5},
			{delay: 3 * time.Second, applies: 5, harnessOps: 5},
			{delay: 30 * time.Second, applies: 2, harnessOps: 5},
		},
		QuotaCreations: 60,
		QuotaPerWindow: 20,
		QuotaWindow:    6 * time.Second,
		QuotaRuns:      2,
	}
}

// SmokeSizes check that every scenario runs, in seconds; their timings
// mean little.
func SmokeSizes() Sizes {
	return Sizes{
		PlanResources:  5,
		ApplyResources: 5,
		Repeats:        1,
		Archive:        []archiveCase{{delay: 300 * time.Millisecond, applies: 1, harnessOps: 2}},
		QuotaCreations: 25,
		QuotaPerWindow: 20,
		QuotaWindow:    2 * time.Second,
		QuotaRuns:      1,
	}
}

// Config configures Run.
type Config struct {
	Terraform string // the Terraform CLI
	Provider  string // the provider binary, copied before use
	Work      string // an empty directory for the workspaces
	Sizes     Sizes
	Progress  io.Writer // a line per step; may be nil
}

// Report is what a run measured.
type Report struct {
	Machine  Machine
	Sizes    Sizes
	Began    time.Time
	Took     time.Duration
	Plan     planResult
	Apply    applyResult
	Archive  []archiveResult
	Quota    []quotaResult
	Problems []string // targets missed by a checked invariant, e.g. a non-empty plan
}

type bench struct {
	cfg Config
	cli *tfcli.CLI
}

// Run runs every scenario and returns the report.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	b := &bench{cfg: cfg}
	providerDir := filepath.Join(cfg.Work, "plugins")
	if err := copyExecutable(cfg.Provider, filepath.Join(providerDir, tfcli.ProviderBinary)); err != nil {
		return nil, fmt.Errorf("copying the provider: %w", err)
	}
	cli, err := tfcli.New(cfg.Terraform, providerDir, cfg.Work)
	if err != nil {
		return nil, err
	}
	b.cli = cli
	report := &Report{Sizes: cfg.Sizes, Began: time.Now()}
	if report.Machine, err = describeMachine(ctx, cli); err != nil {
		return nil, err
	}
	steps := []struct {
		name string
		run  func(context.Context, *Report) error
	}{
		{"plan refresh", b.planRefresh},
		{"apply", b.apply},
		{"archive wait", b.archiveWait},
		{"rate limits", b.rateLimits},
	}
	for _, step := range steps {
		b.logf("== %s", step.name)
		if err := step.run(ctx, report); err != nil {
			return report, fmt.Errorf("%s: %w", step.name, err)
		}
	}
	report.Machine.LoadAfter = loadAverage()
	report.Took = time.Since(report.Began)
	return report, nil
}

func (b *bench) logf(format string, args ...any) {
	if b.cfg.Progress != nil {
		_, _ = fmt.Fprintf(b.cfg.Progress, format+"\n", args...) // progress only: a failed write loses nothing measured
	}
}

// dir is a directory for one workspace.
func (b *bench) dir(name string) string {
	return filepath.Join(b.cfg.Work, name)
}

func copyExecutable(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o755)
}

// BuildProvider builds the provider of the module in dir into out.
func BuildProvider(ctx context.Context, dir, out string) error {
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, ".")
	cmd.Dir = dir
	if output, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %w\n%s", err, output)
	}
	return nil
}
