package provider

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// pendingOperationKey is the private state key holding the operation that
// was still running when an apply gave up waiting on it.
const pendingOperationKey = "pending_operation"

// legacyPendingOperationKeys are where earlier releases kept the pending
// operation of a project and of a pool; they are still read and cleared.
var legacyPendingOperationKeys = []string{"pending_archive_operation", "pending_pool_operation"}

// privateState is the resource's private state in a request or response.
type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

type pendingOperation struct {
	ID string `json:"id"`
}

// pendingOperationID returns the operation an earlier apply left running.
func pendingOperationID(ctx context.Context, private privateState) string {
	if private == nil {
		return ""
	}
	for _, key := range append([]string{pendingOperationKey}, legacyPendingOperationKeys...) {
		raw, _ := private.GetKey(ctx, key)
		var p pendingOperation
		if len(raw) > 0 && json.Unmarshal(raw, &p) == nil && p.ID != "" {
			return p.ID
		}
	}
	return ""
}

// action starts one of an object's lifecycle operations: it returns the
// operation, or nil when Toloka answers that the object is already there.
type action func(context.Context, string) (*toloka.Operation, error)

// operationRunner runs an object's actions one after another, waiting for
// each operation to end before starting the next: Toloka refuses an action
// while another operation runs on the object.
type operationRunner struct {
	client *toloka.Client
	// private, when set, keeps an operation that may still be running when
	// a wait gives up, for the next apply to wait on.
	private privateState
}

// resume waits on the operation an earlier apply left running, if it is
// still running. One that has ended, or vanished, is forgotten: the next
// steps follow from the object's status anyway.
func (o operationRunner) resume(ctx context.Context, pendingID string) error {
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

// wait waits for op to end, remembering it if the wait gives up first.
func (o operationRunner) wait(ctx context.Context, op *toloka.Operation) error {
	_, err := o.client.WaitOperation(ctx, op)
	o.remember(ctx, err)
	return err
}

// remember keeps an operation that may still be running (the wait timed
// out, or its polls failed) for the next apply, and forgets it once the wait
// has ended otherwise.
func (o operationRunner) remember(ctx context.Context, err error) {
	if o.private == nil {
		return
	}
	var value []byte
	if op := toloka.UnfinishedOperation(err); op != nil {
		value, _ = json.Marshal(pendingOperation{ID: op.ID})
	}
	o.private.SetKey(ctx, pendingOperationKey, value)
	for _, key := range legacyPendingOperationKeys {
		o.private.SetKey(ctx, key, nil)
	}
}

// busyObject says how Toloka refuses an action while another operation runs
// on the object, and how to find that operation.
type busyObject struct {
	// codes are the error codes of the refusal.
	codes []string
	// running finds the operation in progress, or nil.
	running func(context.Context) (*toloka.Operation, error)
}

// run starts an action on the object id and waits for its operation. When
// another operation holds the object, run waits for that one first and tries
// once more, which then finds the object in the state the action leads to
// (no wait) or starts it.
func (o operationRunner) run(ctx context.Context, id string, start action, busy busyObject) error {
	op, err := start(ctx, id)
	if busy.holds(err) {
		if waitErr := o.waitForRunning(ctx, busy); waitErr != nil {
			return waitErr
		}
		op, err = start(ctx, id)
	}
	if err != nil || op == nil {
		return err
	}
	return o.wait(ctx, op)
}

func (b busyObject) holds(err error) bool {
	for _, code := range b.codes {
		if toloka.HasCode(err, code) {
			return true
		}
	}
	return false
}

func (o operationRunner) waitForRunning(ctx context.Context, busy busyObject) error {
	op, err := busy.running(ctx)
	if err != nil || op == nil {
		return err
	}
	return o.wait(ctx, op)
}

// findRunningOperation finds the operation of one of types in progress on the
// object whose ID is parameter param of the operation.
func findRunningOperation(c *toloka.Client, types []string, param, id string) func(context.Context) (*toloka.Operation, error) {
	return func(ctx context.Context) (*toloka.Operation, error) {
		for _, opType := range types {
			op, err := c.FindActiveOperation(ctx, opType, param, id)
			if err != nil || op != nil {
				return op, err
			}
		}
		return nil, nil
	}
}

// stepError is an action on an object that did not finish.
type stepError struct {
	kind, id string
	step     string
	err      error
}

func (e *stepError) Error() string {
	return fmt.Sprintf("%s %s %s: %s", e.step, e.kind, e.id, e.err)
}

func (e *stepError) Unwrap() error { return e.err }
