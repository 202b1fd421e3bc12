package toloka

import (
	"context"
	"errors"
	"fmt"
	"net/url"
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

// WaitOperation polls op until it finishes and returns its final state.
// An operation that ends in FAIL is returned together with an
// *OperationFailedError. When ctx's deadline passes first, the last state seen
// is returned with an *OperationTimeoutError; give ctx a deadline. Network
// errors, 5xx and 429 answers while polling are retried until the deadline;
// other errors, such as 404, end the wait.
func (c *Client) WaitOperation(ctx context.Context, op *Operation) (*Operation, error) {
	if op == nil {
		return nil, errors.New("toloka: WaitOperation called without an operation")
	}
	begun := time.Now()
	last := op
	var pause time.Duration // extra wait a 429 asked for
	for !last.Terminal() {
		delay := max(nextPollDelay(c.poll, time.Since(begun), last), pause)
		if c.sleep(ctx, delay) != nil {
			return last, waitAborted(ctx, last)
		}
		polled, err := c.GetOperation(ctx, op.ID)
		switch {
		case err == nil:
			last, pause = polled, 0
		case ctx.Err() != nil:
			return last, waitAborted(ctx, last)
		case isTransient(err):
			pause = retryAfterOf(err)
			c.log(ctx, "toloka: polling operation failed, retrying", map[string]any{
				"operation_id": op.ID, "error": err.Error(),
			})
		default:
			return last, fmt.Errorf("toloka: waiting for operation %s (%s): %w", op.ID, op.Type, err)
		}
	}
	if last.Status == OperationFail {
		return last, &OperationFailedError{Operation: last}
	}
	return last, nil
}

// waitAborted explains why a wait stopped early: the deadline passed, or ctx
// was cancelled.
func waitAborted(ctx context.Context, last *Operation) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &OperationTimeoutError{Operation: last}
	}
	return fmt.Errorf("toloka: stopped waiting for operation %s (%s), still %s: %w",
		last.ID, last.Type, last.Status, ctx.Err())
}

// isTransient reports whether a failed request may succeed if repeated:
// a transport failure, a 5xx or a 429.
func isTransient(err error) bool {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode == 429 || apiErr.StatusCode >= 500
	}
	var urlErr *url.Error
	return errors.As(err, &urlErr)
}

func retryAfterOf(err error) time.Duration {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.RetryAfter
	}
	return 0
}
