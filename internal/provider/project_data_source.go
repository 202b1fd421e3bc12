package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

var _ datasource.DataSourceWithConfigure = &objectDataSource[toloka.Project]{}

// NewProjectDataSource returns the toloka_project data source.
func NewProjectDataSource() datasource.DataSource {
	return &objectDataSource[toloka.Project]{
		kind:     "project",
		view:     projectView,
		get:      (*toloka.Client).GetProject,
		describe: projectViewObject,
	}
}

// projectView shows a project with the toloka_project resource's attributes,
// less those that only configure the resource.
func projectView(ctx context.Context) objectView {
	return objectView{resource: projectSchema(ctx), omit: []string{"timeouts", "archive_pools", "breaking_changes"}}
}

// projectViewObject describes a Toloka project as an object of projectView.
func projectViewObject(ctx context.Context, view objectView, p *toloka.Project) (types.Object, diag.Diagnostics) {
	m, diags := projectModelFrom(ctx, p)
	m.Timeouts = nullTimeouts(view.resource)
	obj, d := view.object(m)
	diags.Append(d...)
	return obj, diags
}
