// Command toloka-bench measures the provider against the Toloka emulator
// with the real Terraform CLI, prints a table of the results with the
// machine they were measured on, and writes it to BENCHMARKS.md:
//
//	toloka-bench [-out BENCHMARKS.md] [-smoke] [-only plan,apply,archive,quota] [-terraform PATH] [-provider BINARY]
//
// Run it from the module's root: it builds the provider there, unless
// -provider names a built one, and the floors of the plan refresh
// (internal/bench/floor). With -smoke it runs every scenario at a tiny
// size, to check that the benchmark works, and writes nothing unless -out
// is given; -only runs the named scenarios alone, and writes nothing.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/bench"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

type options struct {
	out       string
	smoke     bool
	terraform string
	provider  string
	only      string
	scales    string
	repeats   int
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("toloka-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.out, "out", "", "write the results into this Markdown `file` (e.g. BENCHMARKS.md)")
	fs.BoolVar(&o.smoke, "smoke", false, "run every scenario at a tiny size, to check the benchmark itself")
	fs.StringVar(&o.terraform, "terraform", "", "the Terraform CLI (default: terraform on PATH)")
	fs.StringVar(&o.provider, "provider", "", "a built provider `binary` (default: build it from the current directory)")
	fs.StringVar(&o.only, "only", "", "run only these `scenarios`, comma-separated ("+strings.Join(bench.Scenarios, ", ")+"), writing nothing")
	fs.StringVar(&o.scales, "scales", "", "plan refresh over these numbers of resources, comma-separated, the memory table at the last two and the schema shape at the middle one, writing nothing")
	fs.IntVar(&o.repeats, "repeats", 0, "run each plan and apply this many times, writing nothing")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	switch {
	case fs.NArg() > 0:
		return o, fmt.Errorf("unexpected arguments: %v", fs.Args())
	case (o.only != "" || o.scales != "" || o.repeats != 0) && o.out != "":
		return o, errors.New("-only, -scales and -repeats measure another benchmark than make bench's: they write no -out")
	}
	return o, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		say(stderr, "toloka-bench:", err)
		return 2
	}
	if err := measure(ctx, o, stdout, stderr); err != nil {
		say(stderr, "toloka-bench:", err)
		return 1
	}
	return 0
}

// say writes a line. A failed write to the terminal leaves nowhere else to
// report anything, so its error is dropped.
func say(w io.Writer, parts ...any) {
	_, _ = fmt.Fprintln(w, parts...)
}

func measure(ctx context.Context, o options, stdout, progress io.Writer) error {
	terraform, err := findTerraform(o.terraform)
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "toloka-bench-")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(work) }() // a temporary directory: nothing to do if it stays
	provider := o.provider
	if provider == "" {
		provider = filepath.Join(work, "build", "terraform-provider-toloka")
		say(progress, "building the provider")
		if err := bench.Build(ctx, ".", bench.ProviderPackage, provider); err != nil {
			return err
		}
	}
	floor := filepath.Join(work, "build", "floor")
	say(progress, "building the floors")
	if err := bench.Build(ctx, ".", bench.FloorPackage, floor); err != nil {
		return err
	}
	sizes := bench.FullSizes()
	if o.smoke {
		sizes = bench.SmokeSizes()
	}
	if err := o.adjust(&sizes); err != nil {
		return err
	}
	var only []string
	if o.only != "" {
		only = strings.Split(o.only, ",")
	}
	ctx, cancel := context.WithTimeout(ctx, 60*time.Minute)
	defer cancel()
	report, err := bench.Run(ctx, bench.Config{Terraform: terraform, Provider: provider, Floor: floor, Work: work,
		Sizes: sizes, Only: only, Progress: progress})
	if err != nil {
		return err
	}
	measured := report.Markdown()
	say(stdout)
	say(stdout, strings.TrimSuffix(measured, "\n"))
	if o.out != "" {
		if err := bench.WriteBenchmarks(o.out, measured); err != nil {
			return err
		}
		say(progress, "written to", o.out)
	}
	if len(report.Problems) > 0 {
		return fmt.Errorf("%d problems: %v", len(report.Problems), report.Problems)
	}
	return nil
}

func findTerraform(path string) (string, error) {
	if path != "" {
		return path, nil
	}
	found, err := exec.LookPath("terraform")
	if err != nil {
		return "", errors.New("terraform CLI not found on PATH: pass -terraform")
	}
	return found, nil
}

// adjust applies -scales and -repeats to sizes.
func (o options) adjust(sizes *bench.Sizes) error {
	if o.repeats > 0 {
		sizes.Repeats = o.repeats
	}
	if o.scales == "" {
		return nil
	}
	sizes.PlanScales = nil
	for _, field := range strings.Split(o.scales, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(field))
		if err != nil || n < 1 {
			return fmt.Errorf("-scales: %q is not a number of resources", field)
		}
		sizes.PlanScales = append(sizes.PlanScales, n)
	}
	sizes.MemoryScales = sizes.PlanScales[max(0, len(sizes.PlanScales)-2):]
	sizes.ShapeScale = sizes.PlanScales[len(sizes.PlanScales)/2]
	return nil
}
