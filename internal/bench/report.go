package bench

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"slices"
	"strings"
	"time"
)

// Targets of the benchmark.
const (
	targetRequestsPerResource = 1
	// targetPlanRatio is the wall time of a plan over projects against the
	// same plan over terraform_data.
	targetPlanRatio = 3.5
	// targetOwnShare bounds what the provider adds to a plan over the no-op
	// framework resource of the same schema.
	targetOwnShare = 0.10
	// targetFlatCost bounds the growth of the CPU a plan spends per
	// resource: its marginal cost at the largest scale over that at the
	// first step.
	targetFlatCost = 1.2
	// targetPeakRSS bounds the provider's peak memory in any plan, and
	// targetMemoryCPU what its memory setting may cost in CPU against no
	// limit.
	targetPeakRSS      = 100e6 // bytes
	targetMemoryCPU    = 0.05
	targetShortNotice  = 250 * time.Millisecond
	targetMediumNotice = 500 * time.Millisecond
	targetLongNotice   = 2 * time.Second
	targetRateFraction = 0.9
	targetTooMany      = 3
)

// Markers delimit the part of BENCHMARKS.md that a run rewrites; the rest
// is kept.
const (
	beginMarker = "<!-- measured: begin (rewritten by make bench) -->"
	endMarker   = "<!-- measured: end -->"
)

// Markdown renders the report: the machine, the targets, and a table per
// scenario.
func (r *Report) Markdown() string {
	var b strings.Builder
	r.writeMachine(&b)
	r.writeTargets(&b)
	r.writePlan(&b)
	r.writeOwnShare(&b)
	r.writeMemory(&b)
	r.writeShape(&b)
	r.writeApply(&b)
	r.writeArchive(&b)
	r.writeQuota(&b)
	if len(r.Problems) > 0 {
		b.WriteString("\n### Problems\n\n")
		for _, p := range r.Problems {
			fmt.Fprintf(&b, "- %s\n", p)
		}
	}
	return b.String()
}

func (r *Report) writeMachine(b *strings.Builder) {
	m := r.Machine
	fmt.Fprintf(b, "Run of %s, %v (provider revision `%s`):\n\n", r.Began.UTC().Format("2006-01-02 15:04 MST"), r.Took.Round(time.Second), m.Revision)
	fmt.Fprintf(b, "- machine: %s/%s, %d cores (%s), %.1f GB memory, Linux %s\n", m.OS, m.Arch, m.CPUs, m.CPUModel, float64(m.MemoryBytes)/1e9, m.Kernel)
	fmt.Fprintf(b, "- Go %s, %s\n", strings.TrimPrefix(m.Go, "go"), m.Terraform)
	fmt.Fprintf(b, "- load average (1, 5, 15 min): %s at the start, %s at the end\n", m.LoadBefore, m.LoadAfter)
}

// check is one target and what was measured.
type check struct {
	what, measured, target string
	met                    bool
}

func (r *Report) checks() []check {
	checks := r.planChecks()
	for _, a := range r.Archive {
		notice := medianDuration(notices(a.applies))
		switch {
		case a.delay <= time.Second:
			checks = append(checks, check{fmt.Sprintf("archive wait, %s operation: median notice delay", length(a.delay)),
				millis(notice), "< 250 ms", notice < targetShortNotice})
		case a.delay <= 10*time.Second:
			checks = append(checks, check{fmt.Sprintf("archive wait, %s operation: median notice delay", length(a.delay)),
				millis(notice), "< 500 ms", notice < targetMediumNotice})
		default:
			polls, sdkPolls := medianInt(pollCounts(a.applies)), medianInt(pollCounts(a.sdk))
			checks = append(checks,
				check{fmt.Sprintf("archive wait, %s operation: polls (official SDKs' polling)", length(a.delay)),
					fmt.Sprintf("%g (%g)", polls, sdkPolls), "fewer", polls < sdkPolls},
				check{fmt.Sprintf("archive wait, %s operation: median notice delay", length(a.delay)),
					millis(notice), "< 2 s", notice < targetLongNotice})
		}
	}
	if len(r.Quota) > 0 {
		worstRate, mostTooMany := math.Inf(1), 0
		for _, q := range r.Quota {
			worstRate, mostTooMany = math.Min(worstRate, q.rateFraction()), max(mostTooMany, q.tooMany)
		}
		checks = append(checks,
			check{"rate limits: creation rate / allowed (worst run)", percent(worstRate), "≥ 90%", worstRate >= targetRateFraction},
			check{"rate limits: 429 answers (worst run)", fmt.Sprint(mostTooMany), "≤ 3", mostTooMany <= targetTooMany})
	}
	return checks
}

func (r *Report) writeTargets(b *strings.Builder) {
	b.WriteString("\n### Targets\n\n| measure | measured | target | met |\n|---|---|---|---|\n")
	for _, c := range r.checks() {
		met := "yes"
		if !c.met {
			met = "**no**"
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", c.what, c.measured, c.target, met)
	}
}

// runsTableHeader starts the table of a scenario comparing runs with
// terraform_data's, whose row it writes.
func runsTableHeader(b *strings.Builder, data []cliRun, extra string) {
	fmt.Fprintf(b, "| resources | wall time (median) | ratio to terraform_data | provider peak memory | CPU time: all (provider) | API requests per resource |%s\n", extra)
	b.WriteString("|---|---|---|---|---|---|" + strings.Repeat("---|", strings.Count(extra, "|")) + "\n")
	fmt.Fprintf(b, "| terraform_data | %s | 1 | – | %s | – |%s\n", seconds(medianWall(data)), seconds(medianCPU(data)),
		strings.Repeat(" – |", strings.Count(extra, "|")))
}

// runsRow writes the columns of runs shared by the scenarios' tables.
func runsRow(b *strings.Builder, name string, runs, data []cliRun) {
	fmt.Fprintf(b, "| %s | %s | %s | %s | %s (%s) |", name, seconds(medianWall(runs)), ratio(runs, data),
		megabytes(peakRSS(runs)), seconds(medianCPU(runs)), seconds(medianProviderCPU(runs)))
}

func (r *Report) writeApply(b *strings.Builder) {
	a := r.Apply
	fmt.Fprintf(b, "\n### Apply: `terraform apply` creating %d resources (creation quota lifted), %d runs each, alternating\n\n", a.n, len(a.projects))
	runsTableHeader(b, a.data, "")
	runsRow(b, "toloka_project", a.projects, a.data)
	fmt.Fprintf(b, " %.2f |\n", medianInt(a.requests)/float64(max(a.n, 1)))
}

func (r *Report) writeArchive(b *strings.Builder) {
	b.WriteString("\n### Archive wait: from the end of the archive operation to noticing it\n\n")
	b.WriteString("| operation | waiting | waits | notice delay: median (max) | polls: median | apply returned after: median |\n")
	b.WriteString("|---|---|---|---|---|---|\n")
	for _, a := range r.Archive {
		rows := []struct {
			who     string
			samples []waitSample
		}{
			{"the provider, in `terraform apply`", a.applies},
			{"the client's waiter, same operations as ↓", a.waiter},
			{"the official SDKs' polling (0.5 s, then every 1 s)", a.sdk},
		}
		for _, row := range rows {
			if len(row.samples) == 0 {
				continue
			}
			returned := "–"
			if row.samples[0].returned != 0 {
				returned = millis(medianDuration(returnTimes(row.samples)))
			}
			fmt.Fprintf(b, "| %s | %s | %d | %s (%s) | %g | %s |\n", length(a.delay), row.who, len(row.samples),
				millis(medianDuration(notices(row.samples))), millis(maxDuration(notices(row.samples))),
				medianInt(pollCounts(row.samples)), returned)
		}
	}
}

func (r *Report) writeQuota(b *strings.Builder) {
	if len(r.Quota) == 0 {
		return
	}
	q0 := r.Quota[0]
	fmt.Fprintf(b, "\n### Rate limits: `terraform apply` creating %d projects against a quota of %d creations per %s\n\n",
		q0.creations, q0.perWindow, length(q0.window))
	b.WriteString("| run | first to last creation | shortest the quota allows | creation rate / allowed | 429 answers | apply wall time |\n")
	b.WriteString("|---|---|---|---|---|---|\n")
	for i, q := range r.Quota {
		fmt.Fprintf(b, "| %d | %s | %s | %s | %d | %s |\n", i+1, seconds(q.span()), seconds(q.idealSpan()),
			percent(q.rateFraction()), q.tooMany, seconds(q.apply.wall))
	}
}

func medianWall(runs []cliRun) time.Duration {
	walls := make([]time.Duration, len(runs))
	for i, r := range runs {
		walls[i] = r.wall
	}
	return medianDuration(walls)
}

func medianCPU(runs []cliRun) time.Duration {
	cpu := make([]time.Duration, len(runs))
	for i, r := range runs {
		cpu[i] = r.cpu
	}
	return medianDuration(cpu)
}

func medianProviderCPU(runs []cliRun) time.Duration {
	cpu := make([]time.Duration, len(runs))
	for i, r := range runs {
		cpu[i] = r.provider.cpu
	}
	return medianDuration(cpu)
}

// peakRSS is the highest peak memory of a provider process in any run.
func peakRSS(runs []cliRun) int64 {
	var peak int64
	for _, r := range runs {
		peak = max(peak, r.provider.peakRSS)
	}
	return peak
}

func wallRatio(runs, baseline []cliRun) float64 {
	return medianWall(runs).Seconds() / medianWall(baseline).Seconds()
}

func ratio(runs, baseline []cliRun) string {
	return fmt.Sprintf("%.2f", wallRatio(runs, baseline))
}

func returnTimes(samples []waitSample) []time.Duration {
	out := make([]time.Duration, len(samples))
	for i, s := range samples {
		out[i] = s.returned
	}
	return out
}

// requestKinds describes the requests of the last plan, e.g.
// "500 × GET /projects/{id}".
func requestKinds(requests []map[string]int) string {
	if len(requests) == 0 {
		return "none"
	}
	last := requests[len(requests)-1]
	var parts []string
	for _, kind := range slices.Sorted(maps.Keys(last)) {
		parts = append(parts, fmt.Sprintf("%d × `%s`", last[kind], kind))
	}
	return strings.Join(parts, ", ")
}

// length writes a duration in seconds, e.g. "0.5 s".
func length(d time.Duration) string { return fmt.Sprintf("%g s", d.Seconds()) }

func seconds(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

func millis(d time.Duration) string {
	return fmt.Sprintf("%d ms", d.Round(time.Millisecond).Milliseconds())
}

func megabytes(bytes int64) string { return fmt.Sprintf("%.0f MB", float64(bytes)/1e6) }

func percent(f float64) string {
	if math.IsNaN(f) {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", 100*f)
}

// WriteBenchmarks puts measured between the markers of the file at path,
// keeping what surrounds them; a file without markers gets a title, the
// measured part, and a place for notes.
func WriteBenchmarks(path, measured string) error {
	section := beginMarker + "\n" + measured + endMarker
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	content := string(old)
	begin, end := strings.Index(content, beginMarker), strings.Index(content, endMarker)
	if begin < 0 || end < begin {
		content = "# Benchmarks\n\n`make bench` measures the provider and writes the section below.\n\n" + section + "\n\n## Notes\n"
	} else {
		content = content[:begin] + section + content[end+len(endMarker):]
	}
	return os.WriteFile(path, []byte(content), 0o644)
}
