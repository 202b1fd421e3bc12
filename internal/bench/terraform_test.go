package bench

import (
	"os"
	"os/exec"
	"testing"
	"time"
)

func TestOperationPolls(t *testing.T) {
	now := time.Now()
	polls := operationPolls([]answer{
		{at: now, method: "GET", path: "/api/v1/operations/a"},
		{at: now, method: "GET", path: "/api/v1/projects/1"},
		{at: now, method: "GET", path: "/api/v1/operations/b"},
		{at: now, method: "GET", path: "/api/v1/operations/a"},
		{at: now, method: "GET", path: "/api/v1/operations/"},
	})
	if len(polls) != 2 || len(polls["a"]) != 2 || len(polls["b"]) != 1 {
		t.Errorf("operationPolls = %v", polls)
	}
}

func TestWatchChildrenSeesTheNamedChild(t *testing.T) {
	cmd := exec.Command("sh", "-c", "sleep 0.3 & wait")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	watch := watchChildren(cmd.Process.Pid, "sleep", 10*time.Millisecond)
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	seen := watch.finish()
	if seen.count != 1 || seen.peakRSS <= 0 {
		t.Errorf("watch saw %+v, want one sleep process with a resident set", seen)
	}
	if cpu, ok := cpuTime(os.Getpid()); !ok || cpu < 0 {
		t.Errorf("cpuTime of this process = %v, %t", cpu, ok)
	}
}
