package bench

import (
	"context"
	"fmt"
)

// quietSDKLogs turn off the trace logging of terraform-plugin-go and
// terraform-plugin-framework, which a provider otherwise formats and sends
// to Terraform even when Terraform discards it.
var quietSDKLogs = []string{"TF_LOG_SDK=OFF", "TF_LOG_SDK_PROTO=OFF", "TF_LOG_SDK_FRAMEWORK=OFF"}

// planResult is the plan-refresh scenario: plans over n existing projects
// and n terraform_data, alternating.
type planResult struct {
	n        int
	projects []cliRun
	data     []cliRun
	quiet    []cliRun // the projects again, with the SDK's logging off
	// requests are the API requests of each plan of the projects, by kind,
	// and connections the connections they were sent on.
	requests    []map[string]int
	connections []int
}

func (b *bench) planRefresh(ctx context.Context, report *Report) error {
	n := b.cfg.Sizes.PlanResources
	emu, err := startUnlimitedEmulator()
	if err != nil {
		return err
	}
	defer emu.close()
	projects, err := b.workspace(b.dir("plan-projects"), emu.apiURL, projectsConfig("plan", n, false))
	if err != nil {
		return err
	}
	quiet, err := b.workspace(projects.Dir, emu.apiURL, projectsConfig("plan", n, false), quietSDKLogs...)
	if err != nil {
		return err
	}
	data, err := b.workspace(b.dir("plan-data"), emu.apiURL, dataConfig(n))
	if err != nil {
		return err
	}
	b.logf("creating %d projects and %d terraform_data to plan over", n, n)
	for _, w := range []*workspace{projects, data} {
		if _, err := w.run(ctx, applyArgs); err != nil {
			return err
		}
	}
	res := &report.Plan
	res.n = n
	for rep := range b.cfg.Sizes.Repeats {
		emu.ResetRequests()
		opened := emu.connections.Load()
		r, err := projects.planNoChanges(ctx)
		if err != nil {
			return err
		}
		res.projects, res.requests = append(res.projects, r), append(res.requests, emu.Requests())
		res.connections = append(res.connections, int(emu.connections.Load()-opened))
		d, err := data.planNoChanges(ctx)
		if err != nil {
			return err
		}
		res.data = append(res.data, d)
		b.logf("plan %d/%d: toloka_project %.2fs (%d API requests on %d connections), terraform_data %.2fs",
			rep+1, b.cfg.Sizes.Repeats, r.wall.Seconds(), total(res.requests[rep]), res.connections[rep], d.wall.Seconds())
		if b.cfg.Sizes.QuietLogsPlan {
			q, err := quiet.planNoChanges(ctx)
			if err != nil {
				return err
			}
			res.quiet = append(res.quiet, q)
			b.logf("plan %d/%d: toloka_project with the SDK's logs off %.2fs", rep+1, b.cfg.Sizes.Repeats, q.wall.Seconds())
		}
	}
	if got := res.requestsPerResource(); got != 1 {
		report.Problems = append(report.Problems, fmt.Sprintf("plan refresh made %.2f API requests per project, not 1: %v", got, res.requests))
	}
	return nil
}

// requestsPerResource is the highest count of API requests per project of
// any plan.
func (r planResult) requestsPerResource() float64 {
	most := 0
	for _, counts := range r.requests {
		most = max(most, total(counts))
	}
	return float64(most) / float64(max(r.n, 1))
}

func total(counts map[string]int) int {
	n := 0
	for _, c := range counts {
		n += c
	}
	return n
}
