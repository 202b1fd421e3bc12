package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// NewProjectResource returns the toloka_project resource.
func NewProjectResource() resource.Resource {
	return &objectResource[toloka.Project, projectModel]{kind: &projectKind}
}

// projectKind: Toloka cannot delete projects, so destroying one archives it,
// after its pools when archive_pools is set.
var projectKind = objectKind[toloka.Project, projectModel]{
	name:      "project",
	schema:    projectSchema,
	create:    (*toloka.Client).CreateProject,
	get:       (*toloka.Client).GetProject,
	put:       (*toloka.Client).UpdateProject,
	id:        func(p *toloka.Project) string { return p.ID },
	toAPI:     projectModel.applyTo,
	stateFrom: projectStateFrom,
	archive: &archiving[toloka.Project, projectModel]{
		status:           func(p *toloka.Project) string { return p.Status },
		planned:          projectStatusPlanned,
		notConfiguration: projectNotConfiguration,
		run:              archiveProject,
	},
	validate:   validateProjectConfig,
	modifyPlan: planProject,
}

// projectNotConfiguration are the attributes of toloka_project that no
// change of the project in Toloka is about: Toloka's read-only ones and the
// resource's own settings. An update does not send them, and a change to
// them alone does not replace an archived project.
var projectNotConfiguration = map[string]bool{
	"id": true, "status": true, "created": true, "timeouts": true, "archived": true, "archive_pools": true,
	"breaking_changes": true,
}

// planProject adds to a project's plan what Toloka can tell before the
// apply: whether an update is a breaking change, and what an archive with
// archive_pools closes and archives. It only reads, and asks the check.
func planProject(ctx context.Context, c *toloka.Client, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	ctx, cancel := context.WithTimeout(ctx, planReadTimeout)
	defer cancel()
	checkBreakingChange(ctx, c, req, resp)
	listArchiveTakes(ctx, c, req, resp)
}

// planReadTimeout bounds what planning a project asks Toloka.
const planReadTimeout = time.Minute

// projectStatusPlanned is the status of a project that is, or is not, archived.
func projectStatusPlanned(archived bool) (string, bool) {
	if archived {
		return toloka.ProjectStatusArchived, true
	}
	return toloka.ProjectStatusActive, true
}

// projectStateFrom describes the project as Toloka has it, keeping the
// configuration's timeouts, archive_pools and breaking_changes, which are
// not Toloka's.
func projectStateFrom(ctx context.Context, p *toloka.Project, from projectModel) (projectModel, diag.Diagnostics) {
	m, diags := projectModelFrom(ctx, p)
	m.keepEquivalentJSON(ctx, from)
	m.Timeouts = from.Timeouts
	m.ArchivePools = from.ArchivePools
	m.BreakingChanges = from.BreakingChanges
	return m, diags
}
