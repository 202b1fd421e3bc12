package toloka

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// pollSettings are the knobs of nextPollDelay.
type pollSettings struct {
	first  time.Duration // first poll, counted from when the wait began
	floor  time.Duration // shortest interval between polls
	cap    time.Duration // longest interval between polls without an estimate of the end
	growth float64       // without an estimate: next interval as a fraction of the time waited so far
}

var defaultPollSettings = pollSettings{
	first:  100 * time.Millisecond,
	floor:  50 * time.Millisecond,
	cap:    2 * time.Second,
	growth: 1.0 / 3,
}

// estimateReach is how many caps away an estimate of the end may put the
// next poll.
const estimateReach = 15

// nextPollDelay returns how long to wait before polling an operation again,
// given how long ago the wait began (taken as the submission time, by the
// local clock) and the operation's last seen state.
//
// Most operations finish within a second or two, so the first poll comes
// early. While nothing tells when the operation will end, an interval
// proportional to the time already waited keeps the number of polls
// logarithmic while delaying the news of completion by at most that
// fraction, and never by more than the cap. Once the operation reports
// progress, extrapolating it gives an estimate of the end: a near end is
// polled for right then; a far one is approached halfway at a time, since a
// larger progress gives a sharper estimate, with no fixed cadence to pay.
func nextPollDelay(s pollSettings, waited time.Duration, op *Operation) time.Duration {
	if waited < s.first {
		return s.first - waited
	}
	remaining, ok := estimateRemaining(waited, op)
	if !ok {
		delay := time.Duration(float64(waited) * s.growth)
		return min(max(delay, s.floor), s.cap)
	}
	if remaining > s.cap {
		remaining /= 2
	}
	return min(max(remaining, s.floor), estimateReach*s.cap)
}

// estimateRemaining extrapolates the time an operation still needs from its
// progress since it started. Only the difference of the server's own
// timestamps is used (started − submitted), so clock skew does not matter.
func estimateRemaining(waited time.Duration, op *Operation) (time.Duration, bool) {
	if op == nil || op.Progress == nil || op.Started == nil || op.Submitted == nil {
		return 0, false
	}
	progress := *op.Progress
	if progress <= 0 || progress > 100 {
		return 0, false
	}
	running := waited - max(op.Started.Sub(op.Submitted.Time), 0)
	if running <= 0 {
		return 0, false
	}
	return running * time.Duration(100-progress) / time.Duration(progress), true
}

// minFailedPolls is the fewest polls of an operation that fail in a row
// before the wait gives up, whatever the retry policy: with the default
// backoff, 5 failures span about 4 to 8 seconds (longer when the API asks to
// wait). Losing a wait of minutes costs more than failing one request.
const minFailedPolls = 5

// failedPollsLimit is how many polls may fail in a row before the wait gives
// up: as many as a request's attempts (MaxRetries + 1), and at least
// minFailedPolls. A successful poll starts the count again.
func (c *Client) failedPollsLimit() int {
	return max(c.retry.MaxRetries+1, minFailedPolls)
}

// WaitOperation polls op until it finishes and returns its final state.
// An operation that ends in FAIL is returned together with an
// *OperationFailedError. When ctx's deadline passes first, the last state seen
// is returned with an *OperationTimeoutError, which carries the last poll's
// error if the last polls failed; give ctx a deadline.
//
// Each poll is one request. A poll that fails transiently (as for requests:
// see RetryPolicy) is repeated after the wait the API asks for or the retry
// policy's backoff, if longer than the usual interval between polls; after
// failedPollsLimit such failures in a row, or any other failure (a 404, a
// 401, …), the wait ends with an *OperationPollError.
func (c *Client) WaitOperation(ctx context.Context, op *Operation) (*Operation, error) {
	if op == nil {
		return nil, errors.New("toloka: WaitOperation called without an operation")
	}
	w := operationWait{last: op, begun: time.Now()}
	for !w.last.Terminal() {
		delay := max(nextPollDelay(c.poll, time.Since(w.begun), w.last), w.pause)
		if c.sleep(ctx, delay) != nil {
			return w.last, w.aborted(ctx)
		}
		polled, a := c.pollOperation(ctx, op.ID)
		switch {
		case a.err == nil:
			w.succeeded(polled)
		case ctx.Err() != nil:
			return w.last, w.aborted(ctx)
		default:
			if err := c.pollFailed(ctx, &w, a); err != nil {
				return w.last, err
			}
		}
	}
	if w.last.Status == OperationFail {
		return w.last, &OperationFailedError{Operation: w.last}
	}
	return w.last, nil
}

// operationWait is the state of one WaitOperation.
type operationWait struct {
	last  *Operation // the last state seen
	begun time.Time
	// failures counts the polls that failed in a row, lastErr is the last
	// one's error, and pause the wait it calls for before the next poll.
	failures int
	lastErr  error
	pause    time.Duration
}

func (w *operationWait) succeeded(polled *Operation) {
	w.last, w.failures, w.lastErr, w.pause = polled, 0, nil, 0
}

// pollOperation reads the state of an operation with a single request: the
// wait repeats failed polls itself, so that a poll never retries within a
// retrying wait.
func (c *Client) pollOperation(ctx context.Context, id string) (*Operation, attempt) {
	escaped, err := escapeID("operation", id)
	if err != nil {
		return nil, attempt{number: 1, err: err, outcome: final}
	}
	var op Operation
	a := c.once(ctx, request{method: http.MethodGet, path: "/operations/" + escaped, repeatable: true}, &op)
	return &op, a
}

// pollFailed counts a failed poll and sets the pause before the next, by the
// retry policy's rules; it returns the error that ends the wait when the
// failure is not transient, is the last failedPollsLimit allows, or asks
// for a wait the policy refuses.
func (c *Client) pollFailed(ctx context.Context, w *operationWait, a attempt) error {
	w.failures++
	w.lastErr = a.err
	if !a.transient() || w.failures >= c.failedPollsLimit() {
		return &OperationPollError{Operation: w.last, FailedPolls: w.failures, Err: a.err}
	}
	next := c.retry.schedule(ctx, a, w.failures, c.jitter())
	switch {
	case next.pastDeadline:
		return &OperationTimeoutError{Operation: w.last, FailedPolls: w.failures, LastPollError: a.err}
	case !next.retry:
		return &OperationPollError{Operation: w.last, FailedPolls: w.failures, Err: giveUp(a, next.why)}
	}
	w.pause = next.wait
	c.log(ctx, "toloka: polling operation failed, retrying", map[string]any{
		"operation_id": w.last.ID, "failures": w.failures, "reason": a.reason, "wait": next.wait.String(),
	})
	return nil
}

// aborted explains why a wait stopped early: the deadline passed (with the
// last poll's error if the last polls failed), or ctx was cancelled.
func (w *operationWait) aborted(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &OperationTimeoutError{Operation: w.last, FailedPolls: w.failures, LastPollError: w.lastErr}
	}
	return fmt.Errorf("toloka: stopped waiting for operation %s (%s), still %s: %w",
		w.last.ID, w.last.Type, w.last.Status, ctx.Err())
}
