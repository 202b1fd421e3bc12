package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// objectKind describes one kind of Toloka object to the lifecycle every
// resource of this provider shares (objectResource): its name and schema,
// the client calls that create, read, edit and remove it, how its model
// translates to and from the API object, and what archive and destroy mean
// for it. T is the client's type of the object, M the resource's model.
type objectKind[T any, M any] struct {
	// name names the kind in messages ("user skill"); the resource is
	// toloka_<name>, spaces written as underscores.
	name   string
	schema func(context.Context) rschema.Schema

	create func(*toloka.Client, context.Context, *T) (*T, error)
	get    func(*toloka.Client, context.Context, string) (*T, error)
	// put replaces the object with a full copy of it; nil when Toloka has no
	// edit, so that every attribute replaces the object.
	put func(*toloka.Client, context.Context, string, *T) (*T, error)
	// id is the object's ID.
	id func(*T) string

	// toAPI writes the configured attributes onto an object that holds what
	// Toloka has (or nothing, for a create): what the configuration leaves
	// out stays as Toloka has it.
	toAPI func(M, context.Context, *T) diag.Diagnostics
	// stateFrom describes the object as Terraform state, carrying over from
	// the plan or prior state what is not Toloka's (timeouts, options) and
	// its spelling of values Toloka writes differently.
	stateFrom func(context.Context, *T, M) (M, diag.Diagnostics)

	// archive, for kinds with an `archived` attribute, says what archiving
	// means; nil for the others.
	archive *archiving[T, M]
	// destroy says what destroying the resource does in Toloka.
	destroy destroyRule

	// validate, when set, checks a configuration at plan time; it is
	// handed the configuration read into the model.
	validate func(context.Context, M, resource.ValidateConfigRequest, *resource.ValidateConfigResponse)
	// modifyPlan, when set, adds to the plan after the shared planning. It
	// runs for destroy plans too, where req.Plan is null.
	modifyPlan func(context.Context, *toloka.Client, resource.ModifyPlanRequest, *resource.ModifyPlanResponse)

	// facts are the schema's, worked out on first use.
	facts schemaFacts
}

// model reads a plan, a state or a configuration of the kind.
func (k *objectKind[T, M]) model(ctx context.Context, raw tftypes.Value) (M, diag.Diagnostics) {
	facts := k.facts.of(ctx, k.schema)
	return modelFromTerraform[M](ctx, facts.object, facts.terraform, raw)
}

// setState writes the model as the state.
func (k *objectKind[T, M]) setState(ctx context.Context, m M, state *tfsdk.State) diag.Diagnostics {
	facts := k.facts.of(ctx, k.schema)
	v, diags := modelToTerraform(ctx, facts.object, facts.terraform, m)
	if !diags.HasError() {
		state.Raw = v
	}
	return diags
}

// archiving is what `archived = true` means for a kind.
type archiving[T any, M any] struct {
	// status is the object's status in Toloka.
	status func(*T) string
	// planned is the status a plan that sets archived to this value leads
	// to, if the plan can tell.
	planned func(archived bool) (string, bool)
	// notConfiguration are the attributes that no configuration change of an
	// archived object is about; a change to any other replaces it.
	notConfiguration map[string]bool
	// edit sends the desired settings with put, for a kind whose objects
	// must be made ready for it; archiving tells that the object is to be
	// archived next. It returns the object as Toloka has it, or nil when it
	// must be read again. Nil calls put.
	edit func(ctx context.Context, ops operationRunner, current *T, archiving bool, put func(context.Context) (*T, error)) (*T, error)
	// run archives the object, waiting on each operation. The object is as
	// Toloka has it, archived or not; plan is the configuration.
	run func(ctx context.Context, ops operationRunner, obj *T, plan M) error
}

// destroyRule is what destroying a resource does in Toloka.
type destroyRule struct {
	// remove deletes the object; nil when Toloka has no delete.
	remove func(*toloka.Client, context.Context, string) error
	// forgetWarning, for a kind Toloka neither deletes nor archives, is the
	// warning that says the object stays in Toloka.
	forgetWarning string
}

// objectResource is a resource of one kind of Toloka object.
type objectResource[T any, M any] struct {
	kind   *objectKind[T, M]
	client *toloka.Client
}

var (
	_ resource.ResourceWithConfigure      = &objectResource[toloka.Pool, poolModel]{}
	_ resource.ResourceWithImportState    = &objectResource[toloka.Pool, poolModel]{}
	_ resource.ResourceWithModifyPlan     = &objectResource[toloka.Pool, poolModel]{}
	_ resource.ResourceWithValidateConfig = &objectResource[toloka.Pool, poolModel]{}
)

func (r *objectResource[T, M]) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + strings.ReplaceAll(r.kind.name, " ", "_")
}

func (r *objectResource[T, M]) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.kind.schema(ctx)
}

func (r *objectResource[T, M]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *objectResource[T, M]) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}

func (r *objectResource[T, M]) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	if r.kind.validate == nil {
		return
	}
	cfg, diags := r.kind.model(ctx, req.Config.Raw)
	if resp.Diagnostics.Append(diags...); !diags.HasError() {
		r.kind.validate(ctx, cfg, req, resp)
	}
}

func (r *objectResource[T, M]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan, diags := r.kind.model(ctx, req.Plan.Raw)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := withTimeout(ctx, req.Plan.GetAttribute, hasTimeouts(req.Plan.Schema.GetAttributes()), timeouts.Value.Create, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	obj := new(T)
	resp.Diagnostics.Append(r.kind.toAPI(plan, ctx, obj)...)
	if resp.Diagnostics.HasError() {
		return
	}
	created, err := r.kind.create(r.client, ctx, obj)
	if err != nil {
		resp.Diagnostics.AddError("Could not create the Toloka "+r.kind.name, err.Error())
		return
	}
	// Saved at once, so that a failure below leaves the object in state
	// instead of orphaning it in Toloka.
	r.saveState(ctx, created, plan, &resp.State, &resp.Diagnostics)
	if !plannedArchived(ctx, r.kind.archive != nil, req.Plan.GetAttribute) || resp.Diagnostics.HasError() {
		return
	}
	id := r.kind.id(created)
	ops := operationRunner{client: r.client, private: resp.Private}
	if err := r.kind.archive.run(ctx, ops, created, plan); err != nil {
		resp.Diagnostics.Append(operationDiagnostics(r.kind.name, "The "+r.kind.name+" was created but not archived", err)...)
		addTaintedCreateError(r.kind.name, id, &resp.Diagnostics)
	}
	r.refreshState(ctx, id, plan, &resp.State, &resp.Diagnostics)
}

func (r *objectResource[T, M]) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, diags := r.kind.model(ctx, req.State.Raw)
	resp.Diagnostics.Append(diags...)
	id := idAttribute(ctx, req.State.GetAttribute, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	obj, found := readOrForget(ctx, r.kind.name, id, func(ctx context.Context, id string) (*T, error) {
		return r.kind.get(r.client, ctx, id)
	}, resp)
	if found {
		r.saveState(ctx, obj, state, &resp.State, &resp.Diagnostics)
	}
}

func (r *objectResource[T, M]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, diags := r.kind.model(ctx, req.Plan.Raw)
	resp.Diagnostics.Append(diags...)
	state, diags := r.kind.model(ctx, req.State.Raw)
	resp.Diagnostics.Append(diags...)
	id := idAttribute(ctx, req.State.GetAttribute, &resp.Diagnostics)
	ctx, cancel := withTimeout(ctx, req.Plan.GetAttribute, hasTimeouts(req.Plan.Schema.GetAttributes()), timeouts.Value.Update, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	ops := operationRunner{client: r.client, private: resp.Private}
	if err := ops.resume(ctx, pendingOperationID(ctx, req.Private)); err != nil {
		resp.Diagnostics.Append(operationDiagnostics(r.kind.name,
			"Waiting on the operation an earlier apply left running on "+r.kind.name+" "+id, err)...)
		r.refreshState(ctx, id, state, &resp.State, &resp.Diagnostics)
		return
	}
	current, err := r.kind.get(r.client, ctx, id)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the Toloka "+r.kind.name+" before updating it", err.Error())
		return
	}
	desired, err := cloneViaJSON(current)
	if err != nil {
		resp.Diagnostics.AddError("Could not prepare the "+r.kind.name+" update", err.Error())
		return
	}
	resp.Diagnostics.Append(r.kind.toAPI(plan, ctx, desired)...)
	if resp.Diagnostics.HasError() {
		return
	}
	archive := plannedArchived(ctx, r.kind.archive != nil, req.Plan.GetAttribute)
	updated, err := r.apply(ctx, ops, current, desired, archive, plan)
	switch {
	case err != nil:
		resp.Diagnostics.Append(operationDiagnostics(r.kind.name, "Could not update the Toloka "+r.kind.name, err)...)
		r.refreshState(ctx, id, plan, &resp.State, &resp.Diagnostics)
	case updated != nil:
		warnIfAnotherObject(r.kind.name, id, r.kind.id(updated), &resp.Diagnostics)
		r.saveState(ctx, updated, plan, &resp.State, &resp.Diagnostics)
	default:
		r.refreshState(ctx, id, plan, &resp.State, &resp.Diagnostics)
	}
}

// apply brings the object from current to desired, then archives it when
// planned. It returns the object as Toloka has it, or nil when it must be
// read again.
func (r *objectResource[T, M]) apply(ctx context.Context, ops operationRunner, current, desired *T, archive bool, plan M) (*T, error) {
	same, err := sameJSON(current, desired)
	if err != nil {
		return nil, err
	}
	a := r.kind.archive
	if a != nil && a.status(current) == statusArchived {
		if same && archive {
			return current, nil
		}
		return current, archivedChangeError(r.kind.name, r.kind.id(current))
	}
	updated := current
	if !same {
		if updated, err = r.edit(ctx, ops, current, desired, archive); err != nil || updated == nil {
			if err != nil || !archive {
				return nil, err
			}
			if updated, err = r.kind.get(r.client, ctx, r.kind.id(current)); err != nil {
				return nil, err
			}
		}
	}
	if !archive {
		return updated, nil
	}
	return nil, a.run(ctx, ops, updated, plan)
}

// warnIfAnotherObject says so when Toloka answers an update with an object
// of another ID than the one updated, as an upsert could: the state follows
// the object Toloka answered, and the one it had may be left in Toloka.
func warnIfAnotherObject(kind, updated, answered string, diags *diag.Diagnostics) {
	if answered == updated {
		return
	}
	diags.AddWarning("Toloka answered the update with another "+kind,
		fmt.Sprintf("The update of %[1]s %[2]s was answered with %[1]s %[3]s: the state now follows %[3]s. If %[1]s "+
			"%[2]s is still in Toloka, Terraform no longer manages it.", kind, updated, answered))
}

// edit sends the desired settings: the kind's own way, or a plain put.
func (r *objectResource[T, M]) edit(ctx context.Context, ops operationRunner, current, desired *T, archive bool) (*T, error) {
	if r.kind.put == nil {
		return nil, fmt.Errorf("toloka cannot edit a %s: plan again to replace it", r.kind.name)
	}
	id := r.kind.id(current)
	put := func(ctx context.Context) (*T, error) {
		updated, err := r.kind.put(r.client, ctx, id, desired)
		if err != nil {
			return nil, fmt.Errorf("updating %s %s: %w", r.kind.name, id, err)
		}
		return updated, nil
	}
	if r.kind.archive != nil && r.kind.archive.edit != nil {
		return r.kind.archive.edit(ctx, ops, current, archive, put)
	}
	return put(ctx)
}

func (r *objectResource[T, M]) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state, diags := r.kind.model(ctx, req.State.Raw)
	resp.Diagnostics.Append(diags...)
	id := idAttribute(ctx, req.State.GetAttribute, &resp.Diagnostics)
	ctx, cancel := withTimeout(ctx, req.State.GetAttribute, hasTimeouts(req.State.Schema.GetAttributes()), timeouts.Value.Delete, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	switch {
	case r.kind.archive != nil:
		r.archiveOnDestroy(ctx, id, state, req.Private, resp)
	case r.kind.destroy.remove != nil:
		if err := r.kind.destroy.remove(r.client, ctx, id); err != nil && !toloka.IsNotFound(err) {
			resp.Diagnostics.AddError("Could not delete the Toloka "+r.kind.name, fmt.Sprintf("%s %s: %s", capitalized(r.kind.name), id, err))
		}
	default:
		resp.Diagnostics.AddWarning("Toloka "+r.kind.name+"s cannot be deleted",
			fmt.Sprintf("%s %s is removed from the Terraform state only: %s", capitalized(r.kind.name), id, r.kind.destroy.forgetWarning))
	}
}

// archiveOnDestroy archives the object, since Toloka deletes none of the
// kinds that archive, and says so.
func (r *objectResource[T, M]) archiveOnDestroy(ctx context.Context, id string, state M, private privateState, resp *resource.DeleteResponse) {
	ops := operationRunner{client: r.client, private: resp.Private}
	err := ops.resume(ctx, pendingOperationID(ctx, private))
	var current *T
	if err == nil {
		current, err = r.kind.get(r.client, ctx, id)
	}
	if toloka.IsNotFound(err) {
		return // nothing left to archive
	}
	if err == nil {
		err = r.kind.archive.run(ctx, ops, current, state)
	}
	if err != nil {
		resp.Diagnostics.Append(operationDiagnostics(r.kind.name, "Could not archive the Toloka "+r.kind.name+" "+id, err)...)
		return
	}
	resp.Diagnostics.AddWarning("Toloka "+r.kind.name+"s cannot be deleted",
		fmt.Sprintf("%s %s is archived in Toloka and removed from the Terraform state. Archived %ss stay "+
			"readable in Toloka and can be imported again.", capitalized(r.kind.name), id, r.kind.name))
}

// ModifyPlan plans the status an archive leads to and a replacement for any
// change to an archived object, which Toloka refuses to edit; then the
// kind's own planning, destroy plans included.
func (r *objectResource[T, M]) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !req.Plan.Raw.IsNull() {
		keepReadOnlyWhenUnchanged(r.kind.facts.of(ctx, r.kind.schema).readOnly, req, resp)
		if a := r.kind.archive; a != nil {
			a.modifyPlan(ctx, req, resp)
		}
	}
	if r.kind.modifyPlan != nil && !resp.Diagnostics.HasError() {
		r.kind.modifyPlan(ctx, r.client, req, resp)
	}
}

func (a *archiving[T, M]) modifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var archived types.Bool
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("archived"), &archived)...)
	if archived.IsUnknown() || resp.Diagnostics.HasError() {
		return
	}
	if status, known := a.planned(archived.ValueBool()); known {
		var planned types.String
		resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("status"), &planned)...)
		if planned.IsUnknown() || planned.ValueString() != status {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("status"), status)...)
		}
	}
	if req.State.Raw.IsNull() || !archived.ValueBool() {
		return
	}
	var wasArchived types.Bool
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("archived"), &wasArchived)...)
	if wasArchived.ValueBool() {
		resp.RequiresReplace = append(resp.RequiresReplace,
			changedRawAttributes(req.Plan.Raw, req.State.Raw, a.notConfiguration, &resp.Diagnostics)...)
	}
}

// saveState writes the object as Toloka has it.
func (r *objectResource[T, M]) saveState(ctx context.Context, obj *T, from M, state *tfsdk.State, diags *diag.Diagnostics) {
	m, d := r.kind.stateFrom(ctx, obj, from)
	diags.Append(d...)
	diags.Append(r.kind.setState(ctx, m, state)...)
}

// refreshState reads the object and saves it, even when the apply's
// deadline has passed, so that the state says how far a failed apply got.
func (r *objectResource[T, M]) refreshState(ctx context.Context, id string, from M, state *tfsdk.State, diags *diag.Diagnostics) {
	readCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), refreshAfterFailureTimeout)
	defer cancel()
	obj, err := r.kind.get(r.client, readCtx, id)
	if err != nil {
		diags.AddError("Could not read the Toloka "+r.kind.name, err.Error())
		return
	}
	r.saveState(ctx, obj, from, state, diags)
}

// plannedArchived reports whether a kind with an `archived` attribute is to
// be archived by the plan.
func plannedArchived(ctx context.Context, hasArchived bool, get attributeGetter) bool {
	if !hasArchived {
		return false
	}
	var archived types.Bool
	get(ctx, path.Root("archived"), &archived)
	return archived.ValueBool()
}

// defaultTimeout bounds each create, update or delete that sets no timeout.
const defaultTimeout = 10 * time.Minute

// refreshAfterFailureTimeout bounds the read that brings the state in line
// with Toloka after an apply's own deadline has passed.
const refreshAfterFailureTimeout = 30 * time.Second

// attributeGetter reads an attribute of a plan, a state or a configuration.
type attributeGetter func(ctx context.Context, p path.Path, target any) diag.Diagnostics

// hasTimeouts reports whether a schema's attributes include timeouts.
func hasTimeouts[A any](attributes map[string]A) bool {
	_, ok := attributes["timeouts"]
	return ok
}

// withTimeout bounds ctx by the configured timeout of one kind (create,
// update or delete), or by defaultTimeout when none is configured.
func withTimeout(ctx context.Context, get attributeGetter, has bool,
	configured func(timeouts.Value, context.Context, time.Duration) (time.Duration, diag.Diagnostics),
	diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	timeout := defaultTimeout
	if has {
		var t timeouts.Value
		diags.Append(get(ctx, path.Root("timeouts"), &t)...)
		d, dd := configured(t, ctx, defaultTimeout)
		diags.Append(dd...)
		timeout = d
	}
	return context.WithTimeout(ctx, timeout)
}

// idAttribute reads the id attribute.
func idAttribute(ctx context.Context, get attributeGetter, diags *diag.Diagnostics) string {
	var v types.String
	diags.Append(get(ctx, path.Root("id"), &v)...)
	return v.ValueString()
}

// readOrForget gets the object of the given kind ("project", "pool"). An
// object that no longer exists is removed from the state with a warning, so
// the next apply creates it again; it then reports found = false, as it does
// after an error.
func readOrForget[T any](ctx context.Context, kind, id string, get func(context.Context, string) (*T, error), resp *resource.ReadResponse) (obj *T, found bool) {
	obj, err := get(ctx, id)
	if toloka.IsNotFound(err) {
		resp.Diagnostics.AddWarning("Toloka "+kind+" no longer exists",
			fmt.Sprintf("%s %s was not found in Toloka, so it is removed from the state; the next apply creates it again.",
				capitalized(kind), id))
		resp.State.RemoveResource(ctx)
		return nil, false
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not read the Toloka "+kind, err.Error())
		return nil, false
	}
	return obj, true
}
