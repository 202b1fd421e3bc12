package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// Codes of Toloka's refusals to archive a project.
const (
	codeOperationAlreadyExists = "OPERATION_ALREADY_EXISTS"
	codeUnarchivedPools        = "UNARCHIVED_POOLS_CONFLICT"
)

// archiveProject archives the project and waits for Toloka's operation to
// end; an archived project is left alone. With archive_pools, the project's
// pools are closed and archived first.
func archiveProject(ctx context.Context, ops operationRunner, p *toloka.Project, plan projectModel) error {
	if p.Status == toloka.ProjectStatusArchived {
		return nil
	}
	if plan.ArchivePools.ValueBool() {
		if err := archiveProjectPools(ctx, ops.client, p.ID); err != nil {
			return err
		}
	}
	busy := busyObject{
		codes:   []string{codeOperationAlreadyExists},
		running: findRunningOperation(ops.client, []string{toloka.OperationProjectArchive}, "project_id", p.ID),
	}
	err := ops.run(ctx, p.ID, ops.client.ArchiveProject, busy)
	if toloka.HasCode(err, codeUnarchivedPools) {
		return unarchivedPools(ctx, ops.client, p.ID, err)
	}
	return err
}

// archiveProjectPools closes and archives, one after another, each pool of
// the project that is not archived yet, waiting on every operation.
func archiveProjectPools(ctx context.Context, c *toloka.Client, projectID string) error {
	pools, err := c.ListAllPools(ctx, toloka.PoolListOptions{ProjectID: projectID})
	if err != nil {
		return &projectPoolsError{projectID: projectID, err: fmt.Errorf("listing its pools: %w", err)}
	}
	// Pool operations are not the project's: a timeout among them is not
	// remembered as the project's pending operation.
	pool := poolActions.with(operationRunner{client: c})
	for _, p := range pools {
		if err := pool.archive(ctx, p.ID, p.Status); err != nil {
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
	return fmt.Sprintf("archiving the pools of project %s before the project: %s. The project stays active; the "+
		"next apply waits on any pool operation still running and goes on from where this one stopped",
		e.projectID, e.err)
}

func (e *projectPoolsError) summary() string { return "Could not archive the project's pools" }

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

func (e *unarchivedPoolsError) summary() string { return "Project has unarchived pools" }

func unarchivedPools(ctx context.Context, c *toloka.Client, projectID string, cause error) error {
	pools, err := c.ListAllPools(ctx, toloka.PoolListOptions{ProjectID: projectID})
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
