package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// pendingPoolOperationKey is the private state key holding the pool
// operation that was still running when an apply gave up waiting.
const pendingPoolOperationKey = "pending_pool_operation"

// poolOperationTypes are the operations that can run on a pool.
var poolOperationTypes = []string{toloka.OperationPoolClose, toloka.OperationPoolArchive, toloka.OperationPoolOpen}

// poolOperator runs a pool's actions one after another, waiting for each
// operation to end before starting the next: Toloka refuses an action while
// another operation runs on the pool.
type poolOperator struct {
	client *toloka.Client
	// private, when set, keeps an operation that is still running when a
	// wait times out, for the next apply to wait on.
	private privateState
}

// pendingPoolOperation returns the operation an earlier apply left running.
func pendingPoolOperation(ctx context.Context, private privateState) string {
	if private == nil {
		return ""
	}
	raw, _ := private.GetKey(ctx, pendingPoolOperationKey)
	var p pendingOperation
	if len(raw) == 0 || json.Unmarshal(raw, &p) != nil {
		return ""
	}
	return p.ID
}

// resume waits on the operation an earlier apply left running, if it is
// still running. One that has ended, or vanished, is forgotten: the next
// steps follow from the pool's status anyway.
func (o poolOperator) resume(ctx context.Context, pendingID string) error {
	if pendingID == "" {
		return nil
	}
	op, err := o.client.GetOperation(ctx, pendingID)
	switch {
	case toloka.IsNotFound(err):
		o.remember(ctx, nil)
		return nil
	case err != nil:
		return fmt.Errorf("reading operation %s, left running by an earlier apply: %w", pendingID, err)
	case op.Terminal():
		o.remember(ctx, nil)
		return nil
	}
	return o.wait(ctx, op)
}

// wait waits for op to end, remembering it if the wait times out.
func (o poolOperator) wait(ctx context.Context, op *toloka.Operation) error {
	_, err := o.client.WaitOperation(ctx, op)
	o.remember(ctx, err)
	return err
}

// remember keeps a still-running operation for the next apply, and forgets
// it once the wait has ended otherwise.
func (o poolOperator) remember(ctx context.Context, err error) {
	if o.private == nil {
		return
	}
	var timeout *toloka.OperationTimeoutError
	if errors.As(err, &timeout) && timeout.Operation != nil {
		raw, _ := json.Marshal(pendingOperation{ID: timeout.Operation.ID})
		o.private.SetKey(ctx, pendingPoolOperationKey, raw)
		return
	}
	o.private.SetKey(ctx, pendingPoolOperationKey, nil)
}

// run starts an action and waits for its operation; a 204 (already done)
// needs no wait. When another operation holds the pool, run waits for that
// one first and tries once more.
func (o poolOperator) run(ctx context.Context, poolID string, action func(context.Context, string) (*toloka.Operation, error)) error {
	op, err := action(ctx, poolID)
	if toloka.HasCode(err, toloka.CodePoolLocked) {
		if waitErr := o.waitForRunning(ctx, poolID); waitErr != nil {
			return waitErr
		}
		op, err = action(ctx, poolID)
	}
	if err != nil || op == nil {
		return err
	}
	return o.wait(ctx, op)
}

// waitForRunning waits on the operation in progress on the pool, if any.
func (o poolOperator) waitForRunning(ctx context.Context, poolID string) error {
	for _, opType := range poolOperationTypes {
		op, err := o.client.FindActiveOperation(ctx, opType, "pool_id", poolID)
		if err != nil {
			return err
		}
		if op != nil {
			return o.wait(ctx, op)
		}
	}
	return nil
}

// closePool closes an open pool, for update (Toloka then reopens it by
// itself 15 minutes later unless it is opened earlier) or for good.
func (o poolOperator) closePool(ctx context.Context, id string, forUpdate bool) error {
	action, what := o.client.ClosePool, "closing"
	if forUpdate {
		action, what = o.client.ClosePoolForUpdate, "closing for update"
	}
	if err := o.run(ctx, id, action); err != nil {
		return &poolStepError{poolID: id, step: what, err: err}
	}
	return nil
}

// openPool opens a closed pool.
func (o poolOperator) openPool(ctx context.Context, id string) error {
	if err := o.run(ctx, id, o.client.OpenPool); err != nil {
		return &poolStepError{poolID: id, step: "reopening", err: err}
	}
	return nil
}

// archivePool closes the pool if it is open, then archives it, waiting on
// each operation. status is the pool's current status.
func (o poolOperator) archivePool(ctx context.Context, id, status string) error {
	switch status {
	case toloka.PoolStatusArchived:
		return nil
	case toloka.PoolStatusOpen, toloka.PoolStatusLocked:
		if err := o.closePool(ctx, id, false); err != nil {
			return err
		}
	}
	if err := o.run(ctx, id, o.client.ArchivePool); err != nil {
		return &poolStepError{poolID: id, step: "archiving", err: err}
	}
	return nil
}

// isOpen reports whether Toloka refuses to edit the pool until it is closed.
func isOpen(status string) bool {
	return status == toloka.PoolStatusOpen || status == toloka.PoolStatusLocked
}

// poolStepError is a pool action that did not finish.
type poolStepError struct {
	poolID string
	step   string
	err    error
}

func (e *poolStepError) Error() string {
	return fmt.Sprintf("%s pool %s: %s", e.step, e.poolID, e.err)
}

func (e *poolStepError) Unwrap() error { return e.err }

// poolDiagnostics explains why a pool action did not finish.
func poolDiagnostics(summary string, err error) diag.Diagnostics {
	var diags diag.Diagnostics
	var failed *toloka.OperationFailedError
	var timeout *toloka.OperationTimeoutError
	switch {
	case errors.As(err, &timeout):
		diags.AddError("Timed out waiting for Toloka's pool operation",
			fmt.Sprintf("%s: %s. The state shows the pool as Toloka has it; the next apply waits on this same "+
				"operation before going on. Raise `timeouts` to wait longer.", summary, err))
	case errors.As(err, &failed):
		diags.AddError("A Toloka pool operation failed", fmt.Sprintf("%s: %s.", summary, err))
	case toloka.HasCode(err, toloka.CodeEmptyPool):
		diags.AddError("Toloka refuses to open an empty pool", fmt.Sprintf("%s: %s. Upload tasks to the pool, "+
			"then apply again.", summary, err))
	default:
		diags.AddError(summary, err.Error())
	}
	return diags
}
