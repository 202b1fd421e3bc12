package bench

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestWriteBenchmarksKeepsWhatSurroundsTheMeasuredPart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	if err := WriteBenchmarks(path, "first table\n"); err != nil {
		t.Fatal(err)
	}
	created, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(created), "# Benchmarks") || !strings.Contains(string(created), beginMarker+"\nfirst table\n"+endMarker) {
		t.Fatalf("new file:\n%s", created)
	}
	edited := strings.Replace(string(created), "## Notes\n", "## Notes\n\nWhy the plan is slow.\n", 1)
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteBenchmarks(path, "second table\n"); err != nil {
		t.Fatal(err)
	}
	rewritten, _ := os.ReadFile(path)
	text := string(rewritten)
	if strings.Contains(text, "first table") || !strings.Contains(text, "second table") || !strings.Contains(text, "Why the plan is slow.") {
		t.Errorf("rewritten file:\n%s", text)
	}
}

func runsOf(walls ...time.Duration) []cliRun {
	runs := make([]cliRun, len(walls))
	for i, w := range walls {
		runs[i] = cliRun{wall: w, provider: childStats{peakRSS: int64(50e6 + i*20e6)}}
	}
	return runs
}

func TestChecksCompareMediansWithTheTargets(t *testing.T) {
	s := time.Second
	r := &Report{
		Plan: planResult{
			n:        2,
			projects: runsOf(3*s, 2*s, 10*s),
			data:     runsOf(s, s, s),
			requests: []map[string]int{{"GET /projects/{id}": 2}, {"GET /projects/{id}": 2}, {"GET /projects/{id}": 2}},
		},
		Archive: []archiveResult{{
			delay:   30 * s,
			applies: []waitSample{{notice: 100 * time.Millisecond, polls: 20}, {notice: 300 * time.Millisecond, polls: 22}},
			sdk:     []waitSample{{notice: 500 * time.Millisecond, polls: 31}},
		}},
		Quota: []quotaResult{{perWindow: 1, window: s, tooMany: 4}},
	}
	met := map[string]bool{}
	for _, c := range r.checks() {
		met[c.what] = c.met
	}
	for what, want := range map[string]bool{
		"plan refresh: API requests per resource":                      true,
		"plan refresh: wall time, toloka_project / terraform_data":     true,  // median 3 s over 1 s
		"plan refresh: provider peak memory":                           false, // 90 MB in the third run
		"archive wait, 30 s operation: polls (official SDKs' polling)": true,
		"archive wait, 30 s operation: median notice delay":            true,
		"rate limits: 429 answers (worst run)":                         false,
	} {
		if got, ok := met[what]; !ok || got != want {
			t.Errorf("%s: met %t (found %t), want %t", what, got, ok, want)
		}
	}
	if md := r.Markdown(); !strings.Contains(md, "| plan refresh: provider peak memory | 90 MB | < 80 MB | **no** |") {
		t.Errorf("the targets table does not show the missed memory target:\n%s", md)
	}
}
