package bench

import (
	"context"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/tfcli"
)

// Machine describes where the benchmark ran.
type Machine struct {
	OS, Arch    string
	CPUs        int
	CPUModel    string
	MemoryBytes int64
	Kernel      string
	Go          string
	Terraform   string
	// Revision is the provider's source revision, as git describes it.
	Revision string
	// LoadBefore and LoadAfter are the load averages (1, 5, 15 minutes)
	// when the run began and ended: other work on the machine skews
	// absolute times more than ratios.
	LoadBefore, LoadAfter string
}

func describeMachine(ctx context.Context, cli *tfcli.CLI) (Machine, error) {
	tf, err := cli.Version(ctx)
	if err != nil {
		return Machine{}, err
	}
	return Machine{
		OS:          runtime.GOOS,
		Arch:        runtime.GOARCH,
		CPUs:        runtime.NumCPU(),
		CPUModel:    cpuModel(),
		MemoryBytes: memoryTotal(),
		Kernel:      strings.TrimSpace(readFile("/proc/sys/kernel/osrelease")),
		Go:          runtime.Version(),
		Terraform:   tf,
		Revision:    gitRevision(ctx),
		LoadBefore:  loadAverage(),
	}, nil
}

func readFile(name string) string {
	raw, err := os.ReadFile(name)
	if err != nil {
		return ""
	}
	return string(raw)
}

func cpuModel() string {
	for line := range strings.Lines(readFile("/proc/cpuinfo")) {
		if key, value, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(key) == "model name" {
			return strings.TrimSpace(value)
		}
	}
	return "unknown"
}

// memoryTotal reads MemTotal from /proc/meminfo, in bytes.
func memoryTotal() int64 {
	for line := range strings.Lines(readFile("/proc/meminfo")) {
		if rest, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			fields := strings.Fields(rest)
			if len(fields) == 2 && fields[1] == "kB" {
				kb, _ := strconv.ParseInt(fields[0], 10, 64)
				return kb * 1024
			}
		}
	}
	return 0
}

func loadAverage() string {
	fields := strings.Fields(readFile("/proc/loadavg"))
	if len(fields) < 3 {
		return "unknown"
	}
	return strings.Join(fields[:3], " ")
}

func gitRevision(ctx context.Context) string {
	out, err := exec.CommandContext(ctx, "git", "describe", "--always", "--dirty").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}
