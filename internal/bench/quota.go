package bench

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"time"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/emulator"
)

// quotaResult is one apply of the rate-limit scenario: creations projects
// against an emulator allowing perWindow creations in any window.
type quotaResult struct {
	creations int
	perWindow int
	window    time.Duration
	// accepted are the times of the 201 answers to POST /projects.
	accepted []time.Time
	// tooMany counts the 429 answers, to any request.
	tooMany int
	apply   cliRun
}

func (b *bench) rateLimits(ctx context.Context, report *Report) error {
	s := b.cfg.Sizes
	for run := range s.QuotaRuns {
		res, err := b.quotaApply(ctx, run)
		if err != nil {
			return err
		}
		report.Quota = append(report.Quota, res)
		b.logf("rate limits %d/%d: %d projects in %.2fs against %d per %v: %.0f%% of the allowed rate, %d answers 429",
			run+1, s.QuotaRuns, len(res.accepted), res.apply.wall.Seconds(), s.QuotaPerWindow, s.QuotaWindow,
			100*res.rateFraction(), res.tooMany)
	}
	return nil
}

// quotaApply runs one apply against a fresh emulator, whose quota has not
// been used, with a fresh provider process, which knows nothing of it.
func (b *bench) quotaApply(ctx context.Context, run int) (quotaResult, error) {
	s := b.cfg.Sizes
	quota := emulator.Quota{PerMinute: s.QuotaPerWindow, PerDay: emulator.DefaultCreateQuota.PerDay, Minute: s.QuotaWindow}
	emu, err := startEmulator(emulator.Options{CreateQuota: &quota, OperationDelay: -1})
	if err != nil {
		return quotaResult{}, err
	}
	defer emu.close()
	name := fmt.Sprintf("quota-%d", run)
	w, err := b.configuredWorkspace(b.dir(name), emu.apiURL, projectsConfig(name, s.QuotaCreations, false))
	if err != nil {
		return quotaResult{}, err
	}
	began := time.Now()
	r, err := w.run(ctx, applyArgs)
	if err != nil {
		return quotaResult{}, err
	}
	res := quotaResult{creations: s.QuotaCreations, perWindow: s.QuotaPerWindow, window: s.QuotaWindow, apply: r}
	for _, a := range emu.log.since(began) {
		switch {
		case a.status == http.StatusTooManyRequests:
			res.tooMany++
		case a.method == http.MethodPost && a.path == "/api/v1/projects" && a.status == http.StatusCreated:
			res.accepted = append(res.accepted, a.at)
		}
	}
	if len(res.accepted) != s.QuotaCreations {
		return res, fmt.Errorf("the apply created %d projects, want %d", len(res.accepted), s.QuotaCreations)
	}
	return res, nil
}

// span is the time from the first creation to the last.
func (q quotaResult) span() time.Duration {
	if len(q.accepted) < 2 {
		return 0
	}
	return q.accepted[len(q.accepted)-1].Sub(q.accepted[0])
}

// idealSpan is the shortest span the quota allows: the first perWindow
// creations at once, each next batch one window later.
func (q quotaResult) idealSpan() time.Duration {
	batches := (len(q.accepted) + q.perWindow - 1) / q.perWindow
	return time.Duration(max(batches-1, 0)) * q.window
}

// rateFraction is the creation rate achieved as a fraction of the rate the
// quota allows: the shortest time the quota allows between the first
// creation and the last, over the time taken. The first perWindow
// creations are free under any sliding window, so that time is a whole
// number of windows; NaN when all the creations fit in the first.
func (q quotaResult) rateFraction() float64 {
	if q.idealSpan() <= 0 || q.span() <= 0 {
		return math.NaN()
	}
	return q.idealSpan().Seconds() / q.span().Seconds()
}
