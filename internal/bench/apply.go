package bench

import (
	"context"
	"fmt"
)

// applyResult is the apply scenario: applies creating n projects, with the
// emulator's creation quota lifted, and applies creating n terraform_data.
type applyResult struct {
	n        int
	projects []cliRun
	data     []cliRun
	requests []int // API requests of each apply of the projects
}

func (b *bench) apply(ctx context.Context, report *Report) error {
	n := b.cfg.Sizes.ApplyResources
	emu, err := startUnlimitedEmulator()
	if err != nil {
		return err
	}
	defer emu.close()
	res := &report.Apply
	res.n = n
	for rep := range b.cfg.Sizes.Repeats {
		projects, err := b.configuredWorkspace(b.dir(fmt.Sprintf("apply-projects-%d", rep)), emu.apiURL,
			projectsConfig(fmt.Sprintf("apply %d", rep), n, false))
		if err != nil {
			return err
		}
		data, err := b.configuredWorkspace(b.dir(fmt.Sprintf("apply-data-%d", rep)), emu.apiURL, dataConfig(n))
		if err != nil {
			return err
		}
		emu.ResetRequests()
		p, err := projects.run(ctx, applyArgs)
		if err != nil {
			return err
		}
		res.projects, res.requests = append(res.projects, p), append(res.requests, emu.totalRequests())
		d, err := data.run(ctx, applyArgs)
		if err != nil {
			return err
		}
		res.data = append(res.data, d)
		b.logf("apply %d/%d: %d toloka_project %.2fs (%d API requests), terraform_data %.2fs",
			rep+1, b.cfg.Sizes.Repeats, n, p.wall.Seconds(), res.requests[rep], d.wall.Seconds())
	}
	return nil
}
