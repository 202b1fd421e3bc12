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
		runs[i] = cliRun{wall: w, cpu: w, provider: childStats{peakRSS: int64(50e6 + i*30e6), cpu: w / 2}}
	}
	return runs
}

// scaleOf is a plan scale of n resources, one request each, whose sides
// took the given times per resource, and terraform_data a millisecond; the
// framework run as the provider runs it takes 90% of the framework's.
func scaleOf(n int, protocol, framework, provider time.Duration) planScale {
	const data = time.Millisecond
	s := planScale{n: n, objects: n}
	for side, per := range map[planSide]time.Duration{sideData: data, sideProtocol: protocol, sideFramework: framework,
		sideFrameworkAsProvider: framework * 9 / 10, sideProvider: provider} {
		d := per * time.Duration(n)
		s.runs[side] = runsOf(d, d, d)
		s.requests = []map[string]int{{"GET /projects/{id}": n}}
	}
	return s
}

func TestChecksCompareMediansWithTheTargets(t *testing.T) {
	s, ms := time.Second, time.Millisecond
	projects := planKindResult{resource: "toloka_project", scales: []planScale{
		scaleOf(100, 5*ms, 10*ms, 10500*time.Microsecond),
		scaleOf(500, 5*ms, 10*ms, 11*ms),
		scaleOf(2000, 5*ms, 10*ms, 12*ms),
	}}
	for range memorySettings {
		projects.scales[1].memory = append(projects.scales[1].memory, runsOf(5*s, 5*s, 5*s))
	}
	pools := planKindResult{resource: "toloka_pool", scales: []planScale{
		scaleOf(100, 5*ms, 10*ms, 10*ms),
		scaleOf(500, 5*ms, 10*ms, 10*ms),
		scaleOf(2000, 5*ms, 10*ms, 10*ms),
	}}
	pools.scales[1].requests = []map[string]int{{"GET /pools/{id}": 501}}
	r := &Report{
		Plan: []planKindResult{projects, pools},
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
		"plan refresh: API requests per refreshed object (worst plan)":                                                         false, // 501 for 500 pools
		"plan refresh of 500: wall time, toloka_project / terraform_data":                                                      false, // 11
		"plan refresh: toloka_project's own share, wall time over the no-op resource of the same schema":                       false, // 20% at 2000
		"plan refresh: toloka_pool's own share, wall time over the no-op resource of the same schema":                          true,
		"plan refresh: toloka_pool's own share, wall time over the same run as the provider runs the framework (its own code)": false, // 11%
		"plan refresh: toloka_project's CPU per resource in the provider's process, 500→2000 over 100→500":                     true,  // 12.33 ms over 11.125 ms
		"plan refresh: toloka_pool's CPU per resource in the provider's process, 500→2000 over 100→500":                        true,
		"plan refresh of 500 toloka_project: provider CPU with its memory setting over no limit":                               false, // 2.75 s over 2.5 s
		"plan refresh: provider peak memory (worst plan)":                                                                      false, // 110 MB in the third run
		"archive wait, 30 s operation: polls (official SDKs' polling)":                                                         true,
		"archive wait, 30 s operation: median notice delay":                                                                    true,
		"rate limits: 429 answers (worst run)":                                                                                 false,
	} {
		if got, ok := met[what]; !ok || got != want {
			t.Errorf("%s: met %t (found %t), want %t", what, got, ok, want)
		}
	}
	md := r.Markdown()
	for _, want := range []string{
		"| plan refresh: provider peak memory (worst plan) | 110 MB | < 100 MB | **no** |",
		"| toloka_project | 2000 | 10.00 s | +100% (+100%) | -10% (-10%) | +33% (+33%) | +20% (+20%) |",
		"| 2000 | the provider | 24.00 s | 2.40 | 12.00 | 24.00 s (12.00 s) | 12.3 ms | 110 MB | 1.00 (2000 × `GET /projects/{id}`) | 0 |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the report lacks %q:\n%s", want, md)
		}
	}
}
