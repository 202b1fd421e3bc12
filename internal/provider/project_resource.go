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
	_ resource.ResourceWithConfigure   = &projectResource{}
	_ resource.ResourceWithImportState = &projectResource{}
	_ resource.ResourceWithModifyPlan  = &projectResource{}
)

// NewProjectResource returns the toloka_project resource.
func NewProjectResource() resource.Resource {
	return &projectResource{}
}

type projectResource struct {
	client *toloka.Client
}

func (r *projectResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project"
}

func (r *projectResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = projectSchema(ctx)
}

func (r *projectResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *projectResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}

// projectComputedOnly are the attributes that no configuration change of an
// archived project is about.
var projectComputedOnly = map[string]bool{
	"id": true, "status": true, "created": true, "timeouts": true, "archived": true, "archive_pools": true,
}

func (r *projectResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var archived types.Bool
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("archived"), &archived)...)
	if archived.IsUnknown() || resp.Diagnostics.HasError() {
		return
	}
	status := toloka.ProjectStatusActive
	if archived.ValueBool() {
		status = toloka.ProjectStatusArchived
	}
	var planned types.String
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("status"), &planned)...)
	if planned.IsUnknown() || planned.ValueString() != status {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("status"), status)...)
	}

	if req.State.Raw.IsNull() {
		return
	}
	var wasArchived types.Bool
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("archived"), &wasArchived)...)
	if wasArchived.ValueBool() && archived.ValueBool() {
		resp.RequiresReplace = append(resp.RequiresReplace, changedRawAttributes(req.Plan.Raw, req.State.Raw, projectComputedOnly, &resp.Diagnostics)...)
	}
}

func (r *projectResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan projectModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := withTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}

	project := &toloka.Project{}
	resp.Diagnostics.Append(plan.applyTo(ctx, project)...)
	if resp.Diagnostics.HasError() {
		return
	}
	created, err := r.client.CreateProject(ctx, project)
	if err != nil {
		resp.Diagnostics.AddError("Could not create the Toloka project", err.Error())
		return
	}
	// Saved at once, so that a failure below leaves the project in state
	// instead of orphaning it in Toloka.
	r.saveState(ctx, created, plan, &resp.State, &resp.Diagnostics)
	if !plan.Archived.ValueBool() || resp.Diagnostics.HasError() {
		return
	}
	r.archiveAndSave(ctx, created.ID, plan, stateTarget{&resp.State, resp.Private}, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		addTaintedCreateError("project", created.ID, &resp.Diagnostics)
	}
}

func (r *projectResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state projectModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	project, found := readOrForget(ctx, "project", state.ID.ValueString(), r.client.GetProject, resp)
	if !found {
		return
	}
	r.saveState(ctx, project, state, &resp.State, &resp.Diagnostics)
}

func (r *projectResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state projectModel
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
	project, ok := r.updateFields(ctx, id, plan, &resp.Diagnostics)
	if !ok {
		return
	}
	r.saveState(ctx, project, plan, &resp.State, &resp.Diagnostics)
	if plan.Archived.ValueBool() && project.Status != toloka.ProjectStatusArchived && !resp.Diagnostics.HasError() {
		r.archiveAndSave(ctx, id, plan, stateTarget{&resp.State, resp.Private}, &resp.Diagnostics)
	}
}

// updateFields sends the configured changes with a full replace built on
// Toloka's current project, so fields the configuration does not set are
// sent back unchanged. Nothing is sent when nothing changed.
func (r *projectResource) updateFields(ctx context.Context, id string, plan projectModel, diags *diag.Diagnostics) (*toloka.Project, bool) {
	current, err := r.client.GetProject(ctx, id)
	if err != nil {
		diags.AddError("Could not read the Toloka project before updating it", err.Error())
		return nil, false
	}
	desired, err := cloneViaJSON(current)
	if err != nil {
		diags.AddError("Could not prepare the project update", err.Error())
		return nil, false
	}
	diags.Append(plan.applyTo(ctx, desired)...)
	if diags.HasError() {
		return nil, false
	}
	if same, err := sameJSON(current, desired); err == nil && same {
		return current, true
	}
	updated, err := r.client.UpdateProject(ctx, id, desired)
	if err != nil {
		diags.AddError("Could not update the Toloka project", err.Error())
		return nil, false
	}
	return updated, true
}

func (r *projectResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state projectModel
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
	if state.Status.ValueString() != toloka.ProjectStatusArchived {
		err := r.archive(ctx, id, pendingArchive(ctx, req.Private), state.ArchivePools.ValueBool())
		if err != nil && !toloka.IsNotFound(err) {
			resp.Diagnostics.Append(archiveDiagnostics(id, err)...)
			r.rememberPendingArchive(ctx, err, resp.Private)
			return
		}
	}
	resp.Diagnostics.AddWarning("Toloka projects cannot be deleted",
		fmt.Sprintf("Project %s is archived in Toloka and removed from the Terraform state. Archived projects stay "+
			"readable in Toloka and can be imported again.", id))
}

// saveState writes the project as Toloka has it, keeping the configuration's
// timeouts and archive_pools, which are not Toloka's.
func (r *projectResource) saveState(ctx context.Context, p *toloka.Project, from projectModel, state stateSetter, diags *diag.Diagnostics) {
	m, d := projectModelFrom(ctx, p)
	diags.Append(d...)
	m.keepEquivalentJSON(ctx, from)
	m.Timeouts = from.Timeouts
	m.ArchivePools = from.ArchivePools
	diags.Append(state.Set(ctx, m)...)
}
