package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

const operationsPath = "/api/v1/operations/"

// waitSample is one wait on an operation.
type waitSample struct {
	// notice is the time from the operation's end (its finished time) to
	// the answer of the poll that saw it finished.
	notice time.Duration
	polls  int
	// returned, for an apply, is the time from the operation's end to the
	// apply's exit.
	returned time.Duration
}

// archiveResult is the archive-wait scenario for one operation length: the
// provider in terraform applies, and side by side on the same operations,
// the client's waiter and the official SDKs' polling.
type archiveResult struct {
	delay   time.Duration
	applies []waitSample
	waiter  []waitSample
	sdk     []waitSample
}

func (b *bench) archiveWait(ctx context.Context, report *Report) error {
	emu, err := startUnlimitedEmulator()
	if err != nil {
		return err
	}
	defer emu.close()
	client, err := emu.client(nil)
	if err != nil {
		return err
	}
	for _, c := range b.cfg.Sizes.Archive {
		res := archiveResult{delay: c.delay}
		for i := range c.applies {
			s, err := b.archiveApply(ctx, emu, client, c.delay, i)
			if err != nil {
				return err
			}
			res.applies = append(res.applies, s)
			b.logf("archive %v, apply %d/%d: noticed %v after the end in %d polls, apply returned after %v",
				c.delay, i+1, c.applies, s.notice.Round(time.Millisecond), s.polls, s.returned.Round(time.Millisecond))
		}
		if res.waiter, res.sdk, err = archiveSideBySide(ctx, emu, client, c); err != nil {
			return err
		}
		b.logf("archive %v, %d operations side by side: waiter median %v in %v polls, SDK strategy median %v in %v polls",
			c.delay, c.harnessOps, medianDuration(notices(res.waiter)).Round(time.Millisecond), medianInt(pollCounts(res.waiter)),
			medianDuration(notices(res.sdk)).Round(time.Millisecond), medianInt(pollCounts(res.sdk)))
		report.Archive = append(report.Archive, res)
	}
	return nil
}

// archiveApply creates a project, then archives it with an apply whose
// operation takes delay, and measures that apply.
func (b *bench) archiveApply(ctx context.Context, emu *tolokaEmulator, client *toloka.Client, delay time.Duration, i int) (waitSample, error) {
	name := fmt.Sprintf("archive-%v-%d", delay, i)
	w, err := b.configuredWorkspace(b.dir(name), emu.apiURL, projectsConfig(name, 1, false))
	if err != nil {
		return waitSample{}, err
	}
	if _, err := w.run(ctx, applyArgs); err != nil {
		return waitSample{}, err
	}
	emu.SetOperationDelay(delay)
	if err := w.Write(projectsConfig(name, 1, true)); err != nil {
		return waitSample{}, err
	}
	began := time.Now()
	r, err := w.run(ctx, applyArgs)
	if err != nil {
		return waitSample{}, err
	}
	polls := operationPolls(emu.log.since(began))
	if len(polls) != 1 {
		return waitSample{}, fmt.Errorf("the archive apply polled %d operations, want 1", len(polls))
	}
	for id, answers := range polls {
		finished, err := finishedAt(ctx, client, id)
		if err != nil {
			return waitSample{}, err
		}
		last := answers[len(answers)-1].at
		return waitSample{notice: last.Sub(finished), polls: len(answers), returned: r.ended.Sub(finished)}, nil
	}
	panic("unreachable")
}

// operationPolls groups the answers to GET /operations/{id} by id.
func operationPolls(answers []answer) map[string][]answer {
	polls := map[string][]answer{}
	for _, a := range answers {
		if id, ok := strings.CutPrefix(a.path, operationsPath); ok && a.method == http.MethodGet && id != "" {
			polls[id] = append(polls[id], a)
		}
	}
	return polls
}

func finishedAt(ctx context.Context, client *toloka.Client, id string) (time.Time, error) {
	op, err := client.GetOperation(ctx, id)
	if err != nil {
		return time.Time{}, err
	}
	if op.Finished == nil {
		return time.Time{}, fmt.Errorf("operation %s is %s, not finished", id, op.Status)
	}
	return op.Finished.Time, nil
}

// archiveSideBySide archives projects with operations of c's length and has
// the client's waiter and the SDKs' strategy wait on each at once.
func archiveSideBySide(ctx context.Context, emu *tolokaEmulator, setup *toloka.Client, c archiveCase) (waiter, sdk []waitSample, err error) {
	waiterPolls, sdkPolls := &pollCounter{}, &pollCounter{}
	waiterClient, err := emu.client(waiterPolls.httpClient())
	if err != nil {
		return nil, nil, err
	}
	sdkClient, err := emu.client(sdkPolls.httpClient())
	if err != nil {
		return nil, nil, err
	}
	ids := make([]string, c.harnessOps)
	for i := range ids {
		p, err := setup.CreateProject(ctx, benchProject(fmt.Sprintf("side by side %v %d", c.delay, i)))
		if err != nil {
			return nil, nil, err
		}
		ids[i] = p.ID
	}
	emu.SetOperationDelay(c.delay)
	waitCtx, cancel := context.WithTimeout(ctx, 3*c.delay+time.Minute)
	defer cancel()
	waiter, sdk = make([]waitSample, len(ids)), make([]waitSample, len(ids))
	errs := make([]error, 2*len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		op, err := setup.ArchiveProject(ctx, id)
		if err != nil || op == nil {
			cancel()
			wg.Wait()
			return nil, nil, fmt.Errorf("archiving project %s: %v", id, err)
		}
		wg.Go(func() {
			waiter[i], errs[2*i] = measureWait(waitCtx, op, waiterPolls, waiterClient.WaitOperation)
		})
		wg.Go(func() {
			sdk[i], errs[2*i+1] = measureWait(waitCtx, op, sdkPolls, func(ctx context.Context, op *toloka.Operation) (*toloka.Operation, error) {
				return sdkWait(ctx, sdkClient, op, sleep)
			})
		})
	}
	wg.Wait()
	return waiter, sdk, errors.Join(errs...)
}

func measureWait(ctx context.Context, op *toloka.Operation, polls *pollCounter,
	wait func(context.Context, *toloka.Operation) (*toloka.Operation, error)) (waitSample, error) {
	final, err := wait(ctx, op)
	noticed := time.Now()
	switch {
	case err != nil:
		return waitSample{}, err
	case final.Finished == nil:
		return waitSample{}, fmt.Errorf("operation %s ended %s without a finished time", op.ID, final.Status)
	}
	return waitSample{notice: noticed.Sub(final.Finished.Time), polls: polls.count(operationsPath + op.ID)}, nil
}

// benchProject is a project the emulator accepts.
func benchProject(name string) *toloka.Project {
	return &toloka.Project{
		PublicName:        name,
		PublicDescription: "A project of the provider's benchmark",
		TaskSpec: &toloka.TaskSpec{
			InputSpec:  map[string]toloka.FieldSpec{"image": {Type: "url"}},
			OutputSpec: map[string]toloka.FieldSpec{"result": {Type: "string"}},
			ViewSpec:   json.RawMessage(`{"type":"classic","markup":"{{img src=image}}"}`),
		},
	}
}

// pollCounter counts the requests of a client by path.
type pollCounter struct {
	mu     sync.Mutex
	counts map[string]int
}

func (p *pollCounter) httpClient() *http.Client {
	return &http.Client{Transport: p, Timeout: time.Minute}
}

func (p *pollCounter) RoundTrip(req *http.Request) (*http.Response, error) {
	p.mu.Lock()
	if p.counts == nil {
		p.counts = map[string]int{}
	}
	p.counts[req.URL.Path]++
	p.mu.Unlock()
	return http.DefaultTransport.RoundTrip(req)
}

func (p *pollCounter) count(path string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.counts[path]
}

func notices(samples []waitSample) []time.Duration {
	out := make([]time.Duration, len(samples))
	for i, s := range samples {
		out[i] = s.notice
	}
	return out
}

func pollCounts(samples []waitSample) []int {
	out := make([]int, len(samples))
	for i, s := range samples {
		out[i] = s.polls
	}
	return out
}
