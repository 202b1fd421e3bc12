package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// Statuses of the objects that open and close: pools and trainings.
const (
	statusOpen     = toloka.PoolStatusOpen
	statusClosed   = toloka.PoolStatusClosed
	statusArchived = toloka.PoolStatusArchived
	statusLocked   = toloka.PoolStatusLocked
)

// openableActions are the lifecycle actions of a kind whose objects open,
// close and archive through Toloka's operations: pools and trainings.
type openableActions struct {
	kind string // "pool"
	// param is the operation parameter holding the object's ID ("pool_id").
	param                                string
	open, close, closeForUpdate, archive func(*toloka.Client, context.Context, string) (*toloka.Operation, error)
	// operationTypes are the types of the operations that can run on an object.
	operationTypes []string
	// busyCode refuses an action while another operation runs on the object.
	busyCode string
	// explainArchiveRefusal, when set, turns Toloka's refusal to archive the
	// object id into an error that says what blocks it; other errors pass.
	explainArchiveRefusal func(ctx context.Context, c *toloka.Client, id string, err error) error
}

// openable runs the actions of one kind on its objects.
type openable struct {
	actions openableActions
	ops     operationRunner
}

func (a openableActions) with(ops operationRunner) openable {
	return openable{actions: a, ops: ops}
}

func (o openable) run(ctx context.Context, id, step string, start func(*toloka.Client, context.Context, string) (*toloka.Operation, error)) error {
	busy := busyObject{
		codes:   []string{o.actions.busyCode},
		running: findRunningOperation(o.ops.client, o.actions.operationTypes, o.actions.param, id),
	}
	act := func(ctx context.Context, id string) (*toloka.Operation, error) { return start(o.ops.client, ctx, id) }
	if err := o.ops.run(ctx, id, act, busy); err != nil {
		return &stepError{kind: o.actions.kind, id: id, step: step, err: err}
	}
	return nil
}

// close closes an open object, for update (Toloka then reopens it by itself
// 15 minutes later unless it is opened earlier) or for good.
func (o openable) close(ctx context.Context, id string, forUpdate bool) error {
	if forUpdate && o.actions.closeForUpdate != nil {
		return o.run(ctx, id, "closing for update", o.actions.closeForUpdate)
	}
	return o.run(ctx, id, "closing", o.actions.close)
}

// reopen opens a closed object.
func (o openable) reopen(ctx context.Context, id string) error {
	return o.run(ctx, id, "reopening", o.actions.open)
}

// archive closes the object if it is open, then archives it, waiting on each
// operation. status is the object's current status.
func (o openable) archive(ctx context.Context, id, status string) error {
	switch status {
	case statusArchived:
		return nil
	case statusOpen, statusLocked:
		if err := o.close(ctx, id, false); err != nil {
			return err
		}
	}
	err := o.run(ctx, id, "archiving", o.actions.archive)
	if err != nil && o.actions.explainArchiveRefusal != nil {
		return o.actions.explainArchiveRefusal(ctx, o.ops.client, id, err)
	}
	return err
}

// isOpen reports whether Toloka refuses to edit the object until it is closed.
func isOpen(status string) bool {
	return status == statusOpen || status == statusLocked
}

// editOpenable sends an object's new settings with put, closing an open
// object first: for update, to reopen it afterwards, or for good when it is
// to be archived next. It returns the object as Toloka answered the edit, or
// nil when operations ran after it and the object has to be read again.
func editOpenable[T any](ctx context.Context, o openable, id, status string, archiving bool, put func(context.Context) (*T, error)) (*T, error) {
	if !isOpen(status) {
		return put(ctx)
	}
	if err := o.close(ctx, id, !archiving); err != nil {
		return nil, err
	}
	updated, err := put(ctx)
	if archiving {
		return updated, err
	}
	// The object was open before this apply: reopen it even if the edit failed.
	if reopenErr := o.reopen(ctx, id); reopenErr != nil {
		return nil, errors.Join(err, reopenErr)
	}
	return nil, err
}

// archivedChangeError refuses a change to an object that is already archived.
func archivedChangeError(kind, id string) error {
	return fmt.Errorf("%s %s is archived in Toloka, which refuses to change an archived %s. It was archived "+
		"after the plan was made: by Toloka, which archives %ss idle for 30 days, or by its project's "+
		"`archive_pools`, which archives the %ss before their own changes are applied. Run the plan again: it "+
		"shows the replacement the change now needs, or set `archived = true` and leave the %s as it is",
		kind, id, kind, kind, kind, kind)
}

// openableArchiving is what `archived` means for a kind whose objects open
// and close: an open object is closed for an edit and reopened after it, and
// archiving closes it first. idStatus gives an object's ID and status.
func openableArchiving[T any, M any](actions openableActions, idStatus func(*T) (string, string)) *archiving[T, M] {
	return &archiving[T, M]{
		status: func(obj *T) string {
			_, status := idStatus(obj)
			return status
		},
		planned: func(archived bool) (string, bool) { return statusArchived, archived },
		notConfiguration: map[string]bool{
			"id": true, "status": true, "last_close_reason": true, "created": true, "last_started": true,
			"last_stopped": true, "timeouts": true, "archived": true,
		},
		edit: func(ctx context.Context, ops operationRunner, current *T, archiving bool, put func(context.Context) (*T, error)) (*T, error) {
			id, status := idStatus(current)
			return editOpenable(ctx, actions.with(ops), id, status, archiving, put)
		},
		run: func(ctx context.Context, ops operationRunner, obj *T, _ M) error {
			id, status := idStatus(obj)
			return actions.with(ops).archive(ctx, id, status)
		},
	}
}

// openableTimeoutsAttribute bounds the waits on the operations of a kind
// whose objects open and close ("pool").
func openableTimeoutsAttribute(ctx context.Context, kind string) schema.Attribute {
	a, _ := timeouts.Attributes(ctx, timeouts.Opts{
		Create: true, Update: true, Delete: true,
		CreateDescription: "How long to wait for a new " + kind + ", including its archive operation when `archived` " +
			"is true (a duration such as `30s` or `1h`). Defaults to 10m.",
		UpdateDescription: "How long to wait for an update, with every operation it waits on: closing an open " + kind +
			" for update and reopening it, or closing and archiving it (a duration such as `30s` or `1h`). Defaults to 10m.",
		DeleteDescription: "How long destroy waits for the close and archive operations (a duration such as `30s` or `1h`). " +
			"Defaults to 10m.",
	}).(schema.SingleNestedAttribute)
	a.Description = "How long to wait for Toloka's operations. A wait that runs out is an error naming the still-running " +
		"operation; the next apply waits on that same operation before going on."
	return a
}

// withOpenableStatus adds to the attributes of a kind whose objects open and
// close those that say where an object is in its lifecycle, and timeouts.
func withOpenableStatus(ctx context.Context, kind string, attrs map[string]schema.Attribute) map[string]schema.Attribute {
	attrs["status"] = schema.StringAttribute{
		Description: "The " + kind + " status in Toloka: `OPEN`, `CLOSED`, `ARCHIVED` or `LOCKED`.",
		Computed:    true,
	}
	attrs["last_close_reason"] = schema.StringAttribute{
		Description: "Why the " + kind + " last closed: `MANUAL`, `EXPIRED`, `COMPLETED`, `NOT_ENOUGH_BALANCE`, " +
			"`ASSIGNMENTS_LIMIT_EXCEEDED`, `BLOCKED` or `FOR_UPDATE`; null if it never closed.",
		Computed: true,
	}
	attrs["created"] = schema.StringAttribute{
		Description:   "When the " + kind + " was created, in UTC.",
		Computed:      true,
		PlanModifiers: keepStateString,
	}
	attrs["last_started"] = schema.StringAttribute{
		Description: "When the " + kind + " was last opened, in UTC; null if never.",
		Computed:    true,
	}
	attrs["last_stopped"] = schema.StringAttribute{
		Description: "When the " + kind + " was last closed, in UTC; null if never.",
		Computed:    true,
	}
	attrs["timeouts"] = openableTimeoutsAttribute(ctx, kind)
	return attrs
}
