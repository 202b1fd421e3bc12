// Command toloka-bench measures the provider against the Toloka emulator
// with the real Terraform CLI, prints a table of the results with the
// machine they were measured on, and writes it to BENCHMARKS.md:
//
//	toloka-bench [-out BENCHMARKS.md] [-smoke] [-terraform PATH] [-provider BINARY]
//
// Run it from the module's root: without -provider it builds the provider
// there. With -smoke it runs every scenario at a tiny size, to check that
// the benchmark works, and writes nothing unless -out is given.
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
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("toloka-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.out, "out", "", "write the results into this Markdown `file` (e.g. BENCHMARKS.md)")
	fs.BoolVar(&o.smoke, "smoke", false, "run every scenario at a tiny size, to check the benchmark itself")
	fs.StringVar(&o.terraform, "terraform", "", "the Terraform CLI (default: terraform on PATH)")
	fs.StringVar(&o.provider, "provider", "", "a built provider `binary` (default: build it from the current directory)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments: %v", fs.Args())
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
		if err := bench.BuildProvider(ctx, ".", provider); err != nil {
			return err
		}
	}
	sizes := bench.FullSizes()
	if o.smoke {
		sizes = bench.SmokeSizes()
	}
	ctx, cancel := context.WithTimeout(ctx, 40*time.Minute)
	defer cancel()
	report, err := bench.Run(ctx, bench.Config{Terraform: terraform, Provider: provider, Work: work, Sizes: sizes, Progress: progress})
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
