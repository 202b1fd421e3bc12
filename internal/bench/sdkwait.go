package bench

import (
	"context"
	"time"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// The polling of Toloka's official SDKs (toloka-kit's wait_operation, the
// Java client's OperationUtil): half a second's sleep unless the operation
// started over half a second ago, then a poll every second.
const (
	sdkFirstSleep = 500 * time.Millisecond
	sdkInterval   = time.Second
)

// sdkWait waits for op the way the official SDKs do, for comparison with
// the client's own waiter; sleep pauses (tests record the pauses).
func sdkWait(ctx context.Context, c *toloka.Client, op *toloka.Operation, sleep func(context.Context, time.Duration) error) (*toloka.Operation, error) {
	if op.Terminal() {
		return op, nil
	}
	if op.Started == nil || time.Since(op.Started.Time) < sdkFirstSleep {
		if err := sleep(ctx, sdkFirstSleep); err != nil {
			return op, err
		}
	}
	for {
		polled, err := c.GetOperation(ctx, op.ID)
		if err != nil {
			return op, err
		}
		if polled.Terminal() {
			return polled, nil
		}
		if err := sleep(ctx, sdkInterval); err != nil {
			return polled, err
		}
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
