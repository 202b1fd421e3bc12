// Package soak applies, updates, archives and destroys many projects with
// pools through the real Terraform CLI while the emulator injects every
// kind of fault, then checks that nothing was lost or made twice.
//
// TOLOKA_SOAK_PROJECTS sets the number of projects (each with one pool;
// default 20, `make soak` uses 200) and TOLOKA_SOAK_SEED the fault seed
// (default 1). It runs with TF_ACC set, like the acceptance tests.
package soak

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/e2e"
	"github.com/toloka-terraform/terraform-provider-toloka/internal/emulator"
	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

const soakKey = "soak-test-key"

// soakFaults are the rates of the injected faults: one request in nine
// meets one.
var soakFaults = map[emulator.Fault]float64{
	emulator.FaultTooManyRequests:    0.02,
	emulator.FaultInternalError:      0.01,
	emulator.FaultBadGateway:         0.01,
	emulator.FaultServiceUnavailable: 0.01,
	emulator.FaultGatewayTimeout:     0.01,
	emulator.FaultDropBefore:         0.01,
	emulator.FaultDropAfter:          0.01,
	emulator.FaultSlow:               0.01,
	emulator.FaultTruncatedJSON:      0.01,
	emulator.FaultProxyPage:          0.01,
}

// maxRetries is the provider's max_retries in the soak: with one request in
// nine failing, 9 attempts in a row fail about once in 400 million.
const maxRetries = 8

func envInt(t *testing.T, name string, def int) int {
	raw := os.Getenv(name)
	if raw == "" {
		return def
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 {
		t.Fatalf("%s=%q is not a positive number", name, raw)
	}
	return n
}

// phase is one step of the soak: the configuration it applies.
type phase struct {
	name string
	// round numbers the version of the texts; archivePools and
	// archiveProjects archive the pools and projects of even index.
	round                         int
	archivePools, archiveProjects bool
	destroy                       bool
}

var phases = []phase{
	{name: "create", round: 1},
	{name: "update", round: 2},
	{name: "archive pools", round: 2, archivePools: true},
	{name: "archive projects", round: 2, archivePools: true, archiveProjects: true},
	{name: "destroy", round: 2, archivePools: true, archiveProjects: true, destroy: true},
}

func config(e *e2e.Emulator, n int, p phase) string {
	return e2e.ProviderBlock(e, soakKey, fmt.Sprintf("  max_retries = %d\n", maxRetries)) + fmt.Sprintf(`
resource "toloka_project" "p" {
  count               = %[1]d
  public_name         = "Soak project ${count.index}"
  public_description  = "Round %[2]d of project ${count.index}"
  public_instructions = "<p>Instructions ${count.index}</p>"
  private_comment     = "soak ${count.index}"
  metadata            = { index = ["${count.index}"] }
  task_spec = {
    input_spec  = { image = { type = "url" } }
    output_spec = { result = { type = "string", allowed_values = ["cat", "dog"] } }
    view_spec   = jsonencode({ type = "classic", markup = "{{img src=image}}" })
  }
  archived = %[4]t && count.index %% 2 == 0
}

resource "toloka_pool" "p" {
  count                           = %[1]d
  project_id                      = toloka_project.p[count.index].id
  private_name                    = "Soak pool ${count.index}"
  private_comment                 = "Round %[2]d of pool ${count.index}"
  reward_per_assignment           = %[5]s
  assignment_max_duration_seconds = 600
  will_expire                     = "2030-01-02T03:04:05"
  defaults                        = { default_overlap_for_new_task_suites = 3 }
  archived                        = %[3]t && count.index %% 2 == 0
}
`, n, p.round, p.archivePools, p.archiveProjects, reward(p.round))
}

func reward(round int) string { return fmt.Sprintf("0.0%d", round+1) }

// figures are the counts the soak reports.
type figures struct {
	commands       int
	apiRequests    int // requests that met the emulator's fault injector, the transport's own replays included
	faults         map[emulator.Fault]int
	clientRequests int // HTTP exchanges the provider logged
	retries        int
	adopted        int
	duplicates     int
	terraformTime  time.Duration
}

func (f *figures) addLog(t *testing.T, path string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(raw)) {
		switch {
		case strings.Contains(line, ": toloka: retrying: "):
			f.retries++
		case strings.Contains(line, ": toloka: adopted the object of a create"):
			f.adopted++
		case strings.Contains(line, ": toloka: request: "), strings.Contains(line, ": toloka: request failed: "):
			f.clientRequests++
		}
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
}

func (f *figures) addFaults(s emulator.FaultStats) {
	f.apiRequests += s.Requests
	for k, v := range s.Injected {
		f.faults[k] += v
	}
}

func TestSoak(t *testing.T) {
	n := envInt(t, "TOLOKA_SOAK_PROJECTS", 20)
	seed := uint64(envInt(t, "TOLOKA_SOAK_SEED", 1))
	e := e2e.StartEmulator(t, emulator.Options{
		APIKeys:        []string{soakKey},
		OperationDelay: 300 * time.Millisecond,
		CreateQuota:    &emulator.Quota{}, // 20 creations a minute would make the soak wait, not work
	})
	logPath := filepath.Join(t.TempDir(), "provider.log")
	w := e2e.NewWorkdir(t, "TF_LOG_PROVIDER=DEBUG", "TF_LOG_PATH="+logPath)
	figs := &figures{faults: map[emulator.Fault]int{}}
	started := time.Now()

	for i, p := range phases {
		w.Write(config(e, n, p))
		if err := e.SetFaults(emulator.Faults{Seed: seed*100 + uint64(i), Rates: soakFaults, SlowDelay: 700 * time.Millisecond}); err != nil {
			t.Fatal(err)
		}
		args := []string{"apply", "-auto-approve", "-input=false", "-no-color"}
		if p.destroy {
			args = []string{"destroy", "-auto-approve", "-input=false", "-no-color"}
		}
		res := w.Run(nil, args...)
		figs.commands++
		figs.terraformTime += res.Took
		figs.addLog(t, logPath)
		if res.ExitCode != 0 {
			t.Fatalf("phase %q: %s", p.name, res)
		}
		if !p.destroy {
			empty, plan := w.PlanIsEmpty()
			figs.commands++
			figs.terraformTime += plan.Took
			figs.addLog(t, logPath)
			if !empty {
				t.Fatalf("phase %q: the plan after apply is not empty:\n%s", p.name, plan)
			}
		}
		figs.addFaults(e.FaultStats())
		if err := e.SetFaults(emulator.Faults{}); err != nil { // the checks read Toloka without faults
			t.Fatal(err)
		}
		checkPhase(t, e, w, n, p, figs)
		t.Logf("phase %-16s apply %6.1fs", p.name, res.Took.Seconds())
	}
	report(t, n, seed, figs, time.Since(started))
}

// checkPhase compares the configuration, the state and Toloka: every object
// exists once, with the configured fields, in the state as in Toloka.
func checkPhase(t *testing.T, e *e2e.Emulator, w *e2e.Workdir, n int, p phase, figs *figures) {
	t.Helper()
	projects := byID(e.List(t, soakKey, "/projects"))
	pools := byID(e.List(t, soakKey, "/pools"))
	figs.duplicates = duplicates(projects, "public_name") + duplicates(pools, "private_name")
	if len(projects) != n || len(pools) != n || figs.duplicates != 0 {
		t.Fatalf("phase %q: Toloka has %d projects and %d pools (%d duplicates), want %d of each", p.name, len(projects), len(pools), figs.duplicates, n)
	}
	state := stateResources(t, w)
	if p.destroy {
		if len(state) != 0 {
			t.Fatalf("phase %q: %d resources left in the state", p.name, len(state))
		}
		for _, obj := range append(slices.Collect(maps.Values(projects)), slices.Collect(maps.Values(pools))...) {
			if obj["status"] != "ARCHIVED" {
				t.Errorf("after destroy, %v is %v", obj["id"], obj["status"])
			}
		}
		return
	}
	if len(state) != 2*n {
		t.Fatalf("phase %q: %d resources in the state, want %d", p.name, len(state), 2*n)
	}
	for _, r := range state {
		i := r.Index
		switch r.Type {
		case "toloka_project":
			status := "ACTIVE"
			if p.archiveProjects && i%2 == 0 {
				status = "ARCHIVED"
			}
			want := map[string]any{
				"public_name":         fmt.Sprintf("Soak project %d", i),
				"public_description":  fmt.Sprintf("Round %d of project %d", p.round, i),
				"public_instructions": fmt.Sprintf("<p>Instructions %d</p>", i),
				"private_comment":     fmt.Sprintf("soak %d", i),
				"metadata":            map[string]any{"index": []any{strconv.Itoa(i)}},
				"status":              status,
			}
			compare(t, p.name, r, projects, want, "created")
		case "toloka_pool":
			status := "CLOSED"
			if p.archivePools && i%2 == 0 {
				status = "ARCHIVED"
			}
			project := findState(state, "toloka_project", i)
			want := map[string]any{
				"project_id":            project.Values["id"],
				"private_name":          fmt.Sprintf("Soak pool %d", i),
				"private_comment":       fmt.Sprintf("Round %d of pool %d", p.round, i),
				"reward_per_assignment": mustFloat(t, reward(p.round)),
				"status":                status,
			}
			compare(t, p.name, r, pools, want, "created")
		}
	}
}

// compare checks that the state and Toloka both hold the wanted values, and
// agree on the timestamps named in sameTime (as instants: the provider
// writes a zero fraction of a second as none).
func compare(t *testing.T, phaseName string, r resource, objects map[string]map[string]any, want map[string]any, sameTime ...string) {
	t.Helper()
	id, _ := r.Values["id"].(string)
	obj, ok := objects[id]
	if !ok {
		t.Errorf("phase %q: %s[%d] has id %q, which Toloka does not have", phaseName, r.Type, r.Index, id)
		return
	}
	for name, value := range want {
		if !equalJSON(r.Values[name], value) {
			t.Errorf("phase %q: %s[%d].%s is %v in the state, want %v", phaseName, r.Type, r.Index, name, r.Values[name], value)
		}
		if !equalJSON(obj[name], value) {
			t.Errorf("phase %q: %s[%d].%s is %v in Toloka, want %v", phaseName, r.Type, r.Index, name, obj[name], value)
		}
	}
	for _, name := range sameTime {
		if !sameInstant(r.Values[name], obj[name]) {
			t.Errorf("phase %q: %s[%d].%s is %v in the state but %v in Toloka", phaseName, r.Type, r.Index, name, r.Values[name], obj[name])
		}
	}
}

func equalJSON(a, b any) bool {
	ra, errA := json.Marshal(a)
	rb, errB := json.Marshal(b)
	if errA != nil || errB != nil {
		return false
	}
	var va, vb any
	_ = json.Unmarshal(ra, &va)
	_ = json.Unmarshal(rb, &vb)
	return fmt.Sprint(va) == fmt.Sprint(vb)
}

func sameInstant(a, b any) bool {
	ta, errA := toloka.ParseTime(fmt.Sprint(a))
	tb, errB := toloka.ParseTime(fmt.Sprint(b))
	return errA == nil && errB == nil && ta.Equal(tb.Time)
}

func mustFloat(t *testing.T, s string) float64 {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func byID(items []map[string]any) map[string]map[string]any {
	out := make(map[string]map[string]any, len(items))
	for _, it := range items {
		out[fmt.Sprint(it["id"])] = it
	}
	return out
}

// duplicates counts the objects beyond the first with the same value of key.
func duplicates(objects map[string]map[string]any, key string) int {
	seen := map[string]int{}
	extra := 0
	for _, obj := range objects {
		name := fmt.Sprint(obj[key])
		if seen[name]++; seen[name] > 1 {
			extra++
		}
	}
	return extra
}

// resource is one resource instance of `terraform show -json`.
type resource struct {
	Type   string         `json:"type"`
	Index  int            `json:"index"`
	Values map[string]any `json:"values"`
}

func stateResources(t *testing.T, w *e2e.Workdir) []resource {
	t.Helper()
	res := w.MustRun(nil, "show", "-json", "-no-color")
	var show struct {
		Values struct {
			RootModule struct {
				Resources []resource `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(res.Stdout), &show); err != nil {
		t.Fatalf("terraform show -json: %v", err)
	}
	return show.Values.RootModule.Resources
}

func findState(state []resource, typ string, index int) resource {
	for _, r := range state {
		if r.Type == typ && r.Index == index {
			return r
		}
	}
	return resource{}
}

func report(t *testing.T, n int, seed uint64, f *figures, took time.Duration) {
	total := 0
	var kinds []string
	for _, k := range emulator.AllFaults {
		total += f.faults[k]
		kinds = append(kinds, fmt.Sprintf("%s %d", k, f.faults[k]))
	}
	t.Logf("soak: %d projects with %d pools, seed %d, %d Terraform commands, %s in all (%s in Terraform)",
		n, n, seed, f.commands, took.Round(time.Second), f.terraformTime.Round(time.Second))
	t.Logf("soak: %d API requests reached the emulator, %d faults injected (%s)", f.apiRequests, total, strings.Join(kinds, ", "))
	t.Logf("soak: the provider logged %d HTTP exchanges, %d retries and %d creates adopted after a lost answer",
		f.clientRequests, f.retries, f.adopted)
	if !t.Failed() {
		t.Logf("soak: every apply succeeded, every plan after it was empty, the state matched Toloka after each phase, "+
			"duplicates found: %d", f.duplicates)
	}
	if total == 0 || f.retries == 0 {
		t.Errorf("no faults (%d) or no retries (%d): the soak tested nothing", total, f.retries)
	}
}
