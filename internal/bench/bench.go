package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
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
	// PlanScales are the numbers of resources of each kind the plan
	// refresh plans over, growing; MemoryScales those of them at which it
	// also plans with each of memorySettings.
	PlanScales   []int
	MemoryScales []int
	// ShapeScale is the plan scale at which the floors also plan the
	// projects in a lighter shape (shape.go).
	ShapeScale     int
	ApplyResources int
	// Repeats is how many times each plan and apply runs; the sides
	// alternate.
	Repeats int
	Archive []archiveCase
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
		PlanScales:     []int{100, 500, 2000},
		MemoryScales:   []int{500, 2000},
		ShapeScale:     500,
		ApplyResources: 200,
		Repeats:        3,
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
		PlanScales:     []int{2, 4},
		MemoryScales:   []int{4},
		ShapeScale:     4,
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
	Floor     string // the floor binary (package floor), copied before use
	Work      string // an empty directory for the workspaces
	Sizes     Sizes
	// Only, when not empty, names the scenarios to run (of Scenarios).
	Only     []string
	Progress io.Writer // a line per step; may be nil
}

// Scenarios are the names of the scenarios, in the order Run runs them.
var Scenarios = []string{"plan", "apply", "archive", "quota"}

// Report is what a run measured.
type Report struct {
	Machine  Machine
	Sizes    Sizes
	Began    time.Time
	Took     time.Duration
	Plan     []planKindResult
	Apply    applyResult
	Archive  []archiveResult
	Quota    []quotaResult
	Problems []string // targets missed by a checked invariant, e.g. a non-empty plan
}

type bench struct {
	cfg Config
	// cli runs the provider, floorCLI the floor binary in its place, and
	// memoryCLIs the provider with each of memorySettings.
	cli, floorCLI *tfcli.CLI
	memoryCLIs    []*tfcli.CLI
}

// Run runs every scenario and returns the report.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	b := &bench{cfg: cfg}
	var err error
	if b.cli, err = newCLI(cfg.Terraform, cfg.Provider, filepath.Join(cfg.Work, "provider")); err != nil {
		return nil, fmt.Errorf("the provider: %w", err)
	}
	if b.floorCLI, err = newCLI(cfg.Terraform, cfg.Floor, filepath.Join(cfg.Work, "floor")); err != nil {
		return nil, fmt.Errorf("the floor: %w", err)
	}
	for i, s := range memorySettings {
		cli, err := newMemoryCLI(cfg.Terraform, filepath.Join(cfg.Work, "provider", "plugins", tfcli.ProviderBinary),
			filepath.Join(cfg.Work, fmt.Sprintf("memory-%d", i)), s)
		if err != nil {
			return nil, fmt.Errorf("the memory setting %s: %w", s.name, err)
		}
		b.memoryCLIs = append(b.memoryCLIs, cli)
	}
	report := &Report{Sizes: cfg.Sizes, Began: time.Now()}
	if report.Machine, err = describeMachine(ctx, b.cli); err != nil {
		return nil, err
	}
	steps := []struct {
		name string
		run  func(context.Context, *Report) error
	}{
		{Scenarios[0], b.planRefresh},
		{Scenarios[1], b.apply},
		{Scenarios[2], b.archiveWait},
		{Scenarios[3], b.rateLimits},
	}
	for _, name := range cfg.Only {
		if !slices.Contains(Scenarios, name) {
			return nil, fmt.Errorf("no scenario %q: the scenarios are %v", name, Scenarios)
		}
	}
	for _, step := range steps {
		if len(cfg.Only) > 0 && !slices.Contains(cfg.Only, step.name) {
			continue
		}
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

// newCLI sets up the CLI to run binary as the provider, from a copy in
// dir/plugins and with its configuration in dir.
func newCLI(terraform, binary, dir string) (*tfcli.CLI, error) {
	plugins := filepath.Join(dir, "plugins")
	if err := copyExecutable(binary, filepath.Join(plugins, tfcli.ProviderBinary)); err != nil {
		return nil, err
	}
	return tfcli.New(terraform, plugins, dir)
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

// Packages the benchmark builds, relative to the module's root.
const (
	ProviderPackage = "."
	FloorPackage    = "./internal/bench/floor/server"
)

// Build builds the package pkg of the module in dir into out.
func Build(ctx context.Context, dir, pkg, out string) error {
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, pkg)
	cmd.Dir = dir
	if output, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %w\n%s", err, output)
	}
	return nil
}
