package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

const (
	projectArchiveOperation = "PROJECT.ARCHIVE"
	// pendingArchiveKey is the private state key holding the archive
	// operation that was still running when an apply gave up waiting.
	pendingArchiveKey = "pending_archive_operation"
	// refreshAfterFailureTimeout bounds the read that brings the state in
	// line with Toloka after the apply's own deadline has passed.
	refreshAfterFailureTimeout = 30 * time.Second
)

// privateState is the resource's private state in a response.
type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// stateTarget is where an apply step writes the resource's state.
type stateTarget struct {
	state   *tfsdk.State
	private privateState
}

type pendingOperation struct {
	ID string `json:"id"`
}

// pendingArchive returns the archive operation an earlier apply left running.
func pendingArchive(ctx context.Context, private privateState) string {
	if private == nil {
		return ""
	}
	raw, _ := private.GetKey(ctx, pendingArchiveKey)
	var p pendingOperation
	if len(raw) == 0 || json.Unmarshal(raw, &p) != nil {
		return ""
	}
	return p.ID
}

// rememberPendingArchive keeps a still-running archive operation for the next
// apply to wait on, and forgets it once the archive has ended.
func (r *projectResource) rememberPendingArchive(ctx context.Context, err error, private privateState) {
	if private == nil {
		return
	}
	var timeout *toloka.OperationTimeoutError
	if errors.As(err, &timeout) && timeout.Operation != nil {
		raw, _ := json.Marshal(pendingOperation{ID: timeout.Operation.ID})
		private.SetKey(ctx, pendingArchiveKey, raw)
		return
	}
	private.SetKey(ctx, pendingArchiveKey, nil)
}

// archiveAndSave archives the project, then writes the state as Toloka has
// it, whether the archive succeeded, failed or is still running.
func (r *projectResource) archiveAndSave(ctx context.Context, id string, plan projectModel, target stateTarget, diags *diag.Diagnostics) {
	err := r.archive(ctx, id, pendingArchive(ctx, target.private), plan.ArchivePools.ValueBool())
	r.rememberPendingArchive(ctx, err, target.private)
	if err != nil {
		diags.Append(archiveDiagnostics(id, err)...)
	}
	readCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), refreshAfterFailureTimeout)
	defer cancel()
	project, readErr := r.client.GetProject(readCtx, id)
	if readErr != nil {
		diags.AddError("Could not read the Toloka project after archiving it", readErr.Error())
		return
	}
	r.saveState(ctx, project, plan, target.state, diags)
}

// archive archives the project and waits for Toloka's operation to end. An
// operation left running by an earlier apply is waited on, not started again.
// With archivePools, the project's pools are closed and archived first.
func (r *projectResource) archive(ctx context.Context, id, pendingID string, archivePools bool) error {
	op := r.resumableArchive(ctx, pendingID)
	if op == nil {
		if archivePools {
			if err := r.archivePools(ctx, id); err != nil {
				return err
			}
		}
		var err error
		op, err = r.startArchive(ctx, id)
		if err != nil || op == nil {
			return err
		}
	}
	_, err := r.client.WaitOperation(ctx, op)
	return err
}

// resumableArchive returns the earlier archive operation if it has not failed.
func (r *projectResource) resumableArchive(ctx context.Context, pendingID string) *toloka.Operation {
	if pendingID == "" {
		return nil
	}
	op, err := r.client.GetOperation(ctx, pendingID)
	if err != nil || op.Status == toloka.OperationFail {
		return nil
	}
	return op
}

// startArchive asks Toloka to archive the project. It returns nil without an
// error when the project is already archived.
func (r *projectResource) startArchive(ctx context.Context, id string) (*toloka.Operation, error) {
	op, err := r.client.ArchiveProject(ctx, id)
	switch {
	case toloka.HasCode(err, "OPERATION_ALREADY_EXISTS"):
		running, findErr := r.client.FindActiveOperation(ctx, projectArchiveOperation, "project_id", id)
		if findErr != nil || running == nil {
			return nil, err
		}
		return running, nil
	case toloka.HasCode(err, "UNARCHIVED_POOLS_CONFLICT"):
		return nil, r.unarchivedPools(ctx, id, err)
	}
	return op, err
}

// archivePools closes and archives, one after another, each pool of the
// project that is not archived yet, waiting on every operation.
func (r *projectResource) archivePools(ctx context.Context, projectID string) error {
	pools, err := r.client.ListAllPools(ctx, toloka.PoolListOptions{ProjectID: projectID})
	if err != nil {
		return &projectPoolsError{projectID: projectID, err: fmt.Errorf("listing its pools: %w", err)}
	}
	ops := poolOperator{client: r.client}
	for _, p := range pools {
		if err := ops.archivePool(ctx, p.ID, p.Status); err != nil {
			return &projectPoolsError{projectID: projectID, err: err}
		}
	}
	return nil
}

// projectPoolsError is a failure to archive the pools of a project with
// archive_pools. It deliberately does not unwrap: a pool operation that timed
// out is not the project's archive operation, which the next apply resumes.
type projectPoolsError struct {
	projectID string
	err       error
}

func (e *projectPoolsError) Error() string {
	return fmt.Sprintf("archiving the pools of project %s before the project: %s", e.projectID, e.err)
}

// unarchivedPoolsError is Toloka's refusal to archive a project whose pools
// are not all archived, with the pools that block it.
type unarchivedPoolsError struct {
	projectID string
	pools     []toloka.Pool
	cause     error
}

func (e *unarchivedPoolsError) Error() string {
	if len(e.pools) == 0 {
		return fmt.Sprintf("Toloka refuses to archive project %s until all its pools are archived: %s", e.projectID, e.cause)
	}
	lines := make([]string, len(e.pools))
	for i, p := range e.pools {
		lines[i] = fmt.Sprintf("  - pool %s (%s) %q", p.ID, p.Status, p.PrivateName)
	}
	return fmt.Sprintf("Toloka archives a project only once all its pools are archived. Project %s still has "+
		"these pools:\n%s\nSet `archive_pools = true` on the project to let its archive close and archive them "+
		"first, or archive them yourself (set `archived = true` on their toloka_pool resources and apply while the "+
		"project's `archived` is still false, or use the Toloka UI), then apply again.", e.projectID, strings.Join(lines, "\n"))
}

func (e *unarchivedPoolsError) Unwrap() error { return e.cause }

func (r *projectResource) unarchivedPools(ctx context.Context, projectID string, cause error) error {
	pools, err := r.client.ListAllPools(ctx, toloka.PoolListOptions{ProjectID: projectID})
	if err != nil {
		return &unarchivedPoolsError{projectID: projectID, cause: cause}
	}
	blocking := make([]toloka.Pool, 0, len(pools))
	for _, p := range pools {
		if p.Status != toloka.PoolStatusArchived {
			blocking = append(blocking, p)
		}
	}
	sort.Slice(blocking, func(i, j int) bool { return blocking[i].ID < blocking[j].ID })
	return &unarchivedPoolsError{projectID: projectID, pools: blocking, cause: cause}
}

// archiveDiagnostics explains why archiving the project did not finish.
func archiveDiagnostics(id string, err error) diag.Diagnostics {
	var diags diag.Diagnostics
	var failed *toloka.OperationFailedError
	var timeout *toloka.OperationTimeoutError
	var pools *unarchivedPoolsError
	var poolsFailed *projectPoolsError
	switch {
	case errors.As(err, &pools):
		diags.AddError("Project has unarchived pools", pools.Error())
	case errors.As(err, &poolsFailed):
		diags.AddError("Could not archive the project's pools",
			fmt.Sprintf("%s. The project stays active; the next apply waits on any pool operation still running "+
				"and goes on from where this one stopped.", poolsFailed))
	case errors.As(err, &failed):
		diags.AddError("Toloka failed to archive the project",
			fmt.Sprintf("Archiving project %s failed: %s. The project stays active in Toloka and in the state.", id, err))
	case errors.As(err, &timeout):
		diags.AddError("Timed out waiting for Toloka to archive the project",
			fmt.Sprintf("%s. The project stays active in the state until the operation ends; the next apply waits on "+
				"this same operation instead of starting another. Raise `timeouts` to wait longer.", err))
	default:
		diags.AddError("Could not archive the Toloka project", fmt.Sprintf("Project %s: %s", id, err.Error()))
	}
	return diags
}
