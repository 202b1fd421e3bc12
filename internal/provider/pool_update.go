package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// poolUpdate applies a planned change to a pool: its settings first, then
// the archive if one is planned. Toloka edits only a pool that is not open,
// so an open pool is closed for update, edited and reopened (or, when it is
// to be archived, closed for good, edited and archived), waiting on each
// operation.
type poolUpdate struct {
	client *toloka.Client
	ops    poolOperator
	// current is the pool as Toloka has it; desired, the same with the
	// configured attributes applied.
	current, desired *toloka.Pool
	archive          bool
}

// run applies the change. It returns the pool as Toloka has it afterwards,
// or nil when operations ran and the pool has to be read again.
func (u poolUpdate) run(ctx context.Context) (*toloka.Pool, error) {
	same, err := sameJSON(u.current, u.desired)
	if err != nil {
		return nil, err
	}
	switch {
	case u.current.Status == toloka.PoolStatusArchived:
		return u.current, archivedPoolError(u.current.ID, !same || !u.archive)
	case same && !u.archive:
		return u.current, nil
	case same:
		return nil, u.ops.archivePool(ctx, u.current.ID, u.current.Status)
	}
	updated, err := u.edit(ctx)
	if err != nil || !u.archive {
		return updated, err
	}
	return nil, u.ops.archivePool(ctx, u.current.ID, toloka.PoolStatusClosed)
}

// edit sends the new settings, closing an open pool first.
func (u poolUpdate) edit(ctx context.Context) (*toloka.Pool, error) {
	id := u.current.ID
	if !isOpen(u.current.Status) {
		return u.put(ctx)
	}
	if err := u.ops.closePool(ctx, id, !u.archive); err != nil {
		return nil, err
	}
	updated, err := u.put(ctx)
	if u.archive {
		return updated, err
	}
	// The pool was open before this apply: reopen it even if the edit failed.
	if reopenErr := u.ops.openPool(ctx, id); reopenErr != nil {
		return nil, errors.Join(err, reopenErr)
	}
	return nil, err
}

func (u poolUpdate) put(ctx context.Context) (*toloka.Pool, error) {
	updated, err := u.client.UpdatePool(ctx, u.current.ID, u.desired)
	if err != nil {
		return nil, fmt.Errorf("updating pool %s: %w", u.current.ID, err)
	}
	return updated, nil
}

// archivedPoolError refuses a change to a pool that is already archived.
func archivedPoolError(id string, refused bool) error {
	if !refused {
		return nil
	}
	return fmt.Errorf("pool %s is archived in Toloka, which refuses to change an archived pool. It was archived "+
		"after the plan was made: by Toloka, which archives pools idle for 30 days, or by its project's "+
		"`archive_pools`, which archives the pools before their own changes are applied. Run the plan again: it "+
		"shows the replacement the change now needs, or set `archived = true` and leave the pool as it is", id)
}
