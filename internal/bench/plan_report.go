package bench

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// share is what the provider adds to a plan over a side, as a fraction of
// the side's wall time: over the no-op framework resource, what the
// provider costs beyond any framework provider of its schema; over the same
// run as the provider runs the framework, what its own code costs.
func (s planScale) share(over planSide) float64 {
	return wallRatio(s.runs[sideProvider], s.runs[over]) - 1
}

// marginalCPU is the CPU time (Terraform's and the provider's) a side
// spends per resource between the scale before i (none for the first) and
// scale i.
func (k planKindResult) marginalCPU(side planSide, i int) time.Duration {
	return k.marginal(side, i, medianCPU)
}

// marginal is the CPU time, as cpuOf counts it, a side spends per resource
// between the scale before i (none for the first) and scale i.
func (k planKindResult) marginal(side planSide, i int, cpuOf func([]cliRun) time.Duration) time.Duration {
	s := k.scales[i]
	cpu, n := cpuOf(s.runs[side]), s.n
	if i > 0 {
		before := k.scales[i-1]
		cpu, n = cpu-cpuOf(before.runs[side]), n-before.n
	}
	return cpu / time.Duration(max(n, 1))
}

// costGrowth is a side's marginal CPU per resource, as cpuOf counts it, at
// the largest scale over that of the first step between scales: 1 when the
// cost per resource stays flat.
func (k planKindResult) costGrowth(side planSide, cpuOf func([]cliRun) time.Duration) float64 {
	if len(k.scales) < 3 {
		return math.NaN()
	}
	return float64(k.marginal(side, len(k.scales)-1, cpuOf)) / float64(k.marginal(side, 1, cpuOf))
}

// middle is the scale the single-figure targets are read at.
func (k planKindResult) middle() planScale {
	return k.scales[len(k.scales)/2]
}

// memoryCPU is the provider's CPU time with the default memory setting
// over that with no limit, less one, at a memory scale.
func (s planScale) memoryCPU() float64 {
	return medianProviderCPU(s.runs[sideProvider]).Seconds()/medianProviderCPU(s.memory[0]).Seconds() - 1
}

func (r *Report) planChecks() []check {
	worstRequests, peak := 0.0, int64(0)
	for _, k := range r.Plan {
		for _, s := range k.scales {
			worstRequests = max(worstRequests, s.requestsPerObject())
			peak = max(peak, peakRSS(s.runs[sideProvider]))
		}
	}
	checks := []check{{"plan refresh: API requests per refreshed object (worst plan)", fmt.Sprintf("%.3g", worstRequests),
		"exactly 1", worstRequests == targetRequestsPerResource}}
	for _, k := range r.Plan {
		if len(k.scales) == 0 {
			continue
		}
		m := k.middle()
		if k.resource == "toloka_project" {
			checks = append(checks, check{
				fmt.Sprintf("plan refresh of %d: wall time, toloka_project / terraform_data", m.n),
				fmt.Sprintf("%s (the limit: %s)", ratio(m.runs[sideProvider], m.runs[sideData]), ratio(m.runs[sideProtocol], m.runs[sideData])),
				fmt.Sprintf("≤ %g", targetPlanRatio), wallRatio(m.runs[sideProvider], m.runs[sideData]) <= targetPlanRatio})
		}
		for _, over := range []planSide{sideFramework, sideFrameworkAsProvider} {
			var shares []string
			met := true
			for _, s := range k.scales {
				shares = append(shares, fmt.Sprintf("%s at %d", signedPercent(s.share(over)), s.n))
				met = met && s.share(over) <= targetOwnShare
			}
			checks = append(checks, check{
				fmt.Sprintf("plan refresh: %s's own share, wall time over %s", k.resource, shareBases[over]),
				strings.Join(shares, ", "), fmt.Sprintf("≤ %s", percent(targetOwnShare)), met})
		}
		// The provider answers for the CPU of its own process; Terraform's
		// grows per resource with the size of the state whatever the
		// provider, as the limit's does, shown beside it.
		if growth := k.costGrowth(sideProvider, medianProviderCPU); !math.IsNaN(growth) {
			last := len(k.scales) - 1
			checks = append(checks, check{
				fmt.Sprintf("plan refresh: %s's CPU per resource in the provider's process, %d→%d over %d→%d", k.resource,
					k.scales[last-1].n, k.scales[last].n, k.scales[0].n, k.scales[1].n),
				fmt.Sprintf("%.2f (%s, %s); Terraform's with the limit: %.2f", growth,
					millisFine(k.marginal(sideProvider, last, medianProviderCPU)), millisFine(k.marginal(sideProvider, 1, medianProviderCPU)),
					k.costGrowth(sideProtocol, medianCPU)),
				fmt.Sprintf("≤ %g", targetFlatCost), growth <= targetFlatCost})
		}
		for _, s := range k.scales {
			if s.memory == nil {
				continue
			}
			checks = append(checks, check{
				fmt.Sprintf("plan refresh of %d %s: provider CPU with its memory setting over no limit", s.n, k.resource),
				signedPercent(s.memoryCPU()), fmt.Sprintf("≤ %s", percent(targetMemoryCPU)), s.memoryCPU() <= targetMemoryCPU})
		}
	}
	return append(checks, check{"plan refresh: provider peak memory (worst plan)", megabytes(peak),
		fmt.Sprintf("< %s", megabytes(targetPeakRSS)), peak < targetPeakRSS})
}

func (r *Report) writePlan(b *strings.Builder) {
	for _, k := range r.Plan {
		if len(k.scales) == 0 {
			continue
		}
		fmt.Fprintf(b, "\n### Plan refresh of %s: `terraform plan` over existing resources, %d runs each, alternating\n\n",
			k.resource, len(k.scales[0].runs[sideData]))
		b.WriteString("| resources | plan with | wall time (median) | ratio to the limit | ratio to terraform_data | " +
			"CPU time: all (provider) | CPU per resource, from the scale before | provider peak memory | API requests per object | connections (median) |\n")
		b.WriteString("|---|---|---|---|---|---|---|---|---|---|\n")
		for i, s := range k.scales {
			for side := range planSides {
				runs := s.runs[side]
				fmt.Fprintf(b, "| %d | %s | %s | %s | %s | %s | %s | %s |", s.n, sideNames[side], seconds(medianWall(runs)),
					ratio(runs, s.runs[sideProtocol]), ratio(runs, s.runs[sideData]), cpuColumn(side, runs),
					millisFine(k.marginalCPU(side, i)), providerColumn(side, megabytes(peakRSS(runs))))
				if side == sideProvider {
					fmt.Fprintf(b, " %.2f (%s) | %g |\n", s.requestsPerObject(), requestKinds(s.requests), medianInt(s.connections))
				} else {
					b.WriteString(" – | – |\n")
				}
			}
		}
	}
}

// cpuColumn is the CPU time of runs, Terraform's and the provider's, and
// the provider's alone for the sides that have one.
func cpuColumn(side planSide, runs []cliRun) string {
	if side == sideData {
		return seconds(medianCPU(runs))
	}
	return fmt.Sprintf("%s (%s)", seconds(medianCPU(runs)), seconds(medianProviderCPU(runs)))
}

// providerColumn is text about the provider process, which terraform_data
// has none of.
func providerColumn(side planSide, text string) string {
	if side == sideData {
		return "–"
	}
	return text
}

// shareBases name the sides the provider's own share is read over.
var shareBases = map[planSide]string{
	sideFramework:           "the no-op resource of the same schema",
	sideFrameworkAsProvider: "the same run as the provider runs the framework (its own code)",
}

func (r *Report) writeOwnShare(b *strings.Builder) {
	if len(r.Plan) == 0 {
		return
	}
	b.WriteString("\n### Plan refresh: where the time goes, read against the limit (wall time; CPU time in parentheses)\n\n")
	b.WriteString("| resource | resources | the limit (terraform-plugin-go, no work) | the framework: no-op resource over the limit " +
		"| the provider's runtime: the same run as the provider runs the framework, over the no-op resource " +
		"| the provider's own code: the provider over the same run as it runs the framework | the provider over the no-op resource |\n")
	b.WriteString("|---|---|---|---|---|---|---|\n")
	for _, k := range r.Plan {
		for _, s := range k.scales {
			fmt.Fprintf(b, "| %s | %d | %s | %s | %s | %s | %s |\n", k.resource, s.n, seconds(medianWall(s.runs[sideProtocol])),
				sideOver(s, sideFramework, sideProtocol), sideOver(s, sideFrameworkAsProvider, sideFramework),
				sideOver(s, sideProvider, sideFrameworkAsProvider), sideOver(s, sideProvider, sideFramework))
		}
	}
}

// sideOver is what a side costs over another, in wall time and CPU time.
func sideOver(s planScale, side, over planSide) string {
	return fmt.Sprintf("%s (%s)", signedPercent(wallRatio(s.runs[side], s.runs[over])-1),
		signedPercent(medianCPU(s.runs[side]).Seconds()/medianCPU(s.runs[over]).Seconds()-1))
}

func (r *Report) writeMemory(b *strings.Builder) {
	var rows []string
	for _, k := range r.Plan {
		for _, s := range k.scales {
			if s.memory == nil {
				continue
			}
			noLimit := medianProviderCPU(s.memory[0])
			row := func(name string, runs []cliRun) {
				cpu := medianProviderCPU(runs)
				rows = append(rows, fmt.Sprintf("| %s | %d | %s | %s | %s | %s | %s |", k.resource, s.n, name, megabytes(peakRSS(runs)),
					seconds(cpu), signedPercent(cpu.Seconds()/noLimit.Seconds()-1), seconds(medianWall(runs))))
			}
			row("**the provider's default**", s.runs[sideProvider])
			for i, setting := range memorySettings {
				row(setting.name, s.memory[i])
			}
		}
	}
	if len(rows) == 0 {
		return
	}
	b.WriteString("\n### Memory against CPU: the provider's plans with each setting of Go's garbage collector, alternating with the plans above\n\n")
	b.WriteString("| resource | resources | setting | provider peak memory (highest) | provider CPU time (median) | against no limit | wall time (median) |\n")
	b.WriteString("|---|---|---|---|---|---|---|\n")
	b.WriteString(strings.Join(rows, "\n") + "\n")
}

func (r *Report) writeShape(b *strings.Builder) {
	for _, k := range r.Plan {
		for _, s := range k.scales {
			if len(s.shape[sideProtocol]) == 0 {
				continue
			}
			fmt.Fprintf(b, "\n### Schema shape: %d %s with task_spec's input_spec and output_spec as JSON strings, planned by the floors\n\n", s.n, k.resource)
			b.WriteString("| plan with | wall time: the schema's shape | wall time: field specs as JSON | saved | CPU time, all: the schema's shape | CPU time, all: field specs as JSON | saved |\n")
			b.WriteString("|---|---|---|---|---|---|---|\n")
			for _, side := range []planSide{sideProtocol, sideFramework} {
				full, light := s.runs[side], s.shape[side]
				fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s |\n", sideNames[side], seconds(medianWall(full)), seconds(medianWall(light)),
					signedPercent(wallRatio(light, full)-1), seconds(medianCPU(full)), seconds(medianCPU(light)),
					signedPercent(medianCPU(light).Seconds()/medianCPU(full).Seconds()-1))
			}
		}
	}
}

// millisFine writes a duration in milliseconds with a decimal, e.g. "12.3 ms".
func millisFine(d time.Duration) string {
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}

// signedPercent writes a fraction as a percentage with its sign, e.g. "+7%".
func signedPercent(f float64) string {
	if math.IsNaN(f) {
		return "–"
	}
	return fmt.Sprintf("%+.0f%%", 100*f)
}
