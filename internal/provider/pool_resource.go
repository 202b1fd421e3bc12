package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

var (
	_ resource.ResourceWithConfigure      = &poolResource{}
	_ resource.ResourceWithImportState    = &poolResource{}
	_ resource.ResourceWithModifyPlan     = &poolResource{}
	_ resource.ResourceWithValidateConfig = &poolResource{}
)

// NewPoolResource returns the toloka_pool resource.
func NewPoolResource() resource.Resource {
	return &poolResource{}
}

type poolResource struct {
	client *toloka.Client
}

func (r *poolResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_pool"
}

func (r *poolResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = poolSchema(ctx)
}

func (r *poolResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *poolResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}

// poolComputedOnly are the attributes that no configuration change of an
// archived pool is about.
var poolComputedOnly = map[string]bool{
	"id": true, "status": true, "last_close_reason": true, "created": true, "last_started": true,
	"last_stopped": true, "timeouts": true, "archived": true,
}

// ModifyPlan plans the status of a pool to be archived, and a replacement
// for any change to an archived pool, which Toloka refuses to edit.
func (r *poolResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	keepReadOnlyWhenUnchanged(ctx, poolReadOnly, req, resp)
	var archived types.Bool
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("archived"), &archived)...)
	if !archived.ValueBool() || resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("status"), toloka.PoolStatusArchived)...)
	if req.State.Raw.IsNull() {
		return
	}
	var wasArchived types.Bool
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("archived"), &wasArchived)...)
	if wasArchived.ValueBool() {
		resp.RequiresReplace = append(resp.RequiresReplace, changedRawAttributes(req.Plan.Raw, req.State.Raw, poolComputedOnly, &resp.Diagnostics)...)
	}
}

func (r *poolResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan poolModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := withTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}

	pool := &toloka.Pool{}
	resp.Diagnostics.Append(plan.applyTo(ctx, pool)...)
	if resp.Diagnostics.HasError() {
		return
	}
	created, err := r.client.CreatePool(ctx, pool)
	if err != nil {
		resp.Diagnostics.AddError("Could not create the Toloka pool", err.Error())
		return
	}
	// Saved at once, so that a failure below leaves the pool in state
	// instead of orphaning it in Toloka.
	r.saveState(ctx, created, plan, &resp.State, &resp.Diagnostics)
	if !plan.Archived.ValueBool() || resp.Diagnostics.HasError() {
		return
	}
	ops := poolOperator{client: r.client, private: resp.Private}
	if err := ops.archivePool(ctx, created.ID, created.Status); err != nil {
		resp.Diagnostics.Append(poolDiagnostics("The pool was created but not archived", err)...)
		addTaintedCreateError("pool", created.ID, &resp.Diagnostics)
	}
	r.refreshState(ctx, created.ID, plan, &resp.State, &resp.Diagnostics)
}

func (r *poolResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state poolModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	pool, found := readOrForget(ctx, "pool", state.ID.ValueString(), r.client.GetPool, resp)
	if !found {
		return
	}
	r.saveState(ctx, pool, state, &resp.State, &resp.Diagnostics)
}

func (r *poolResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state poolModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := withTimeout(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}

	id := state.ID.ValueString()
	ops := poolOperator{client: r.client, private: resp.Private}
	if err := ops.resume(ctx, pendingPoolOperation(ctx, req.Private)); err != nil {
		resp.Diagnostics.Append(poolDiagnostics("Waiting on the operation an earlier apply left running on pool "+id, err)...)
		r.refreshState(ctx, id, state, &resp.State, &resp.Diagnostics)
		return
	}
	current, err := r.client.GetPool(ctx, id)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the Toloka pool before updating it", err.Error())
		return
	}
	desired, err := cloneViaJSON(current)
	if err != nil {
		resp.Diagnostics.AddError("Could not prepare the pool update", err.Error())
		return
	}
	resp.Diagnostics.Append(plan.applyTo(ctx, desired)...)
	if resp.Diagnostics.HasError() {
		return
	}
	step := poolUpdate{client: r.client, ops: ops, current: current, desired: desired, archive: plan.Archived.ValueBool()}
	updated, err := step.run(ctx)
	switch {
	case err != nil:
		resp.Diagnostics.Append(poolDiagnostics("Could not update the Toloka pool", err)...)
		r.refreshState(ctx, id, plan, &resp.State, &resp.Diagnostics)
	case updated != nil:
		r.saveState(ctx, updated, plan, &resp.State, &resp.Diagnostics)
	default:
		r.refreshState(ctx, id, plan, &resp.State, &resp.Diagnostics)
	}
}

func (r *poolResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state poolModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := withTimeout(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}

	id := state.ID.ValueString()
	ops := poolOperator{client: r.client, private: resp.Private}
	err := ops.resume(ctx, pendingPoolOperation(ctx, req.Private))
	var current *toloka.Pool
	if err == nil {
		current, err = r.client.GetPool(ctx, id)
	}
	if toloka.IsNotFound(err) {
		return // nothing left to archive
	}
	if err == nil {
		err = ops.archivePool(ctx, id, current.Status)
	}
	if err != nil {
		resp.Diagnostics.Append(poolDiagnostics("Could not archive the Toloka pool "+id, err)...)
		return
	}
	resp.Diagnostics.AddWarning("Toloka pools cannot be deleted",
		fmt.Sprintf("Pool %s is archived in Toloka and removed from the Terraform state. Archived pools stay "+
			"readable in Toloka and can be imported again.", id))
}

// saveState writes the pool as Toloka has it, keeping the configuration's
// spelling of equivalent values and its timeouts, which are not Toloka's.
func (r *poolResource) saveState(ctx context.Context, p *toloka.Pool, from poolModel, state stateSetter, diags *diag.Diagnostics) {
	m, d := poolModelFrom(ctx, p)
	diags.Append(d...)
	m.keepEquivalentSpelling(ctx, from)
	m.Timeouts = from.Timeouts
	diags.Append(state.Set(ctx, m)...)
}

// refreshState reads the pool and saves it, even when the apply's deadline
// has passed, so that the state says how far a failed apply got.
func (r *poolResource) refreshState(ctx context.Context, id string, from poolModel, state stateSetter, diags *diag.Diagnostics) {
	readCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), refreshAfterFailureTimeout)
	defer cancel()
	pool, err := r.client.GetPool(readCtx, id)
	if err != nil {
		diags.AddError("Could not read the Toloka pool", err.Error())
		return
	}
	r.saveState(ctx, pool, from, state, diags)
}
