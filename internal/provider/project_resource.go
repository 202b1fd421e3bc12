package provider

import (
	"context"

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
		status:  func(p *toloka.Project) string { return p.Status },
		planned: projectStatusPlanned,
		notConfiguration: map[string]bool{
			"id": true, "status": true, "created": true, "timeouts": true, "archived": true, "archive_pools": true,
		},
		run: archiveProject,
	},
	validate: validateProjectConfig,
}

// projectStatusPlanned is the status of a project that is, or is not, archived.
func projectStatusPlanned(archived bool) (string, bool) {
	if archived {
		return toloka.ProjectStatusArchived, true
	}
	return toloka.ProjectStatusActive, true
}

// projectStateFrom describes the project as Toloka has it, keeping the
// configuration's timeouts and archive_pools, which are not Toloka's.
func projectStateFrom(ctx context.Context, p *toloka.Project, from projectModel) (projectModel, diag.Diagnostics) {
	m, diags := projectModelFrom(ctx, p)
	m.keepEquivalentJSON(ctx, from)
	m.Timeouts = from.Timeouts
	m.ArchivePools = from.ArchivePools
	return m, diags
}
