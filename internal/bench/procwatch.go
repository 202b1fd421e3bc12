package bench

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// clockTicks is the unit of the CPU times in /proc/<pid>/stat (USER_HZ),
// 100 a second on Linux.
const clockTicks = 100

// childStats are what a watch saw of the children of one name of a process.
type childStats struct {
	// peakRSS is the highest resident set (VmHWM) of any of them, in bytes.
	peakRSS int64
	// cpu is their user and system time, summed, as last sampled.
	cpu time.Duration
	// count is how many of them there were.
	count int
}

// childWatch samples, from /proc, the children of a process that run a
// given command (Terraform runs one provider process per use of it). The
// kernel keeps each process's high-water mark of resident memory (VmHWM),
// so sampling misses nothing of the peak but what a child adds in its last
// interval before it exits.
type childWatch struct {
	stop chan struct{}
	done chan childStats
}

// watchChildren starts sampling, every interval, the children of parent
// whose command name (/proc/<pid>/comm, cut by the kernel at 15 bytes)
// starts that of command.
func watchChildren(parent int, command string, every time.Duration) *childWatch {
	w := &childWatch{stop: make(chan struct{}), done: make(chan childStats, 1)}
	name := command[:min(len(command), 15)]
	go w.run(parent, name, every)
	return w
}

// finish stops the watch and returns what it saw.
func (w *childWatch) finish() childStats {
	close(w.stop)
	return <-w.done
}

func (w *childWatch) run(parent int, name string, every time.Duration) {
	peak := map[int]int64{}
	cpu := map[int]time.Duration{}
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	for {
		for _, pid := range childrenOf(parent) {
			// A child is known by its name only once it has run exec:
			// until then it bears its parent's.
			if _, known := peak[pid]; !known && commandName(pid) != name {
				continue
			}
			if hwm, ok := highWaterRSS(pid); ok {
				peak[pid] = max(peak[pid], hwm)
			}
			if t, ok := cpuTime(pid); ok {
				cpu[pid] = t
			}
		}
		select {
		case <-ticker.C:
		case <-w.stop:
			w.done <- summarize(peak, cpu)
			return
		}
	}
}

func summarize(peak map[int]int64, cpu map[int]time.Duration) childStats {
	s := childStats{count: len(peak)}
	for _, p := range peak {
		s.peakRSS = max(s.peakRSS, p)
	}
	for _, t := range cpu {
		s.cpu += t
	}
	return s
}

// childrenOf lists the children of every thread of pid.
func childrenOf(pid int) []int {
	files, _ := filepath.Glob(filepath.Join("/proc", strconv.Itoa(pid), "task", "*", "children"))
	var out []int
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, field := range strings.Fields(string(raw)) {
			if child, err := strconv.Atoi(field); err == nil {
				out = append(out, child)
			}
		}
	}
	return out
}

func commandName(pid int) string {
	raw, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "comm"))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(raw))
}

// highWaterRSS reads VmHWM, the peak resident set, in bytes.
func highWaterRSS(pid int) (int64, bool) {
	raw, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		return 0, false
	}
	for line := range strings.Lines(string(raw)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			fields := strings.Fields(rest)
			if len(fields) == 2 && fields[1] == "kB" {
				kb, err := strconv.ParseInt(fields[0], 10, 64)
				return kb * 1024, err == nil
			}
		}
	}
	return 0, false
}

// cpuTime reads the user and system time a process has used.
func cpuTime(pid int) (time.Duration, bool) {
	raw, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return 0, false
	}
	// The fields after the command, which may hold spaces and parentheses,
	// start with the state (field 3); utime and stime are fields 14 and 15.
	end := strings.LastIndexByte(string(raw), ')')
	if end < 0 {
		return 0, false
	}
	fields := strings.Fields(string(raw[end+1:]))
	if len(fields) < 13 {
		return 0, false
	}
	utime, err1 := strconv.ParseInt(fields[11], 10, 64)
	stime, err2 := strconv.ParseInt(fields[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(utime+stime) * time.Second / clockTicks, true
}
