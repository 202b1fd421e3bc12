package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

var _ datasource.DataSourceWithConfigure = &objectDataSource[toloka.Pool]{}

// NewPoolDataSource returns the toloka_pool data source.
func NewPoolDataSource() datasource.DataSource {
	return &objectDataSource[toloka.Pool]{
		kind:     "pool",
		view:     poolView,
		get:      (*toloka.Client).GetPool,
		describe: poolViewObject,
	}
}

// poolView shows a pool with the toloka_pool resource's attributes, less its
// timeouts.
func poolView(ctx context.Context) objectView {
	return objectView{resource: poolSchema(ctx), omit: []string{"timeouts"}}
}

// poolViewObject describes a Toloka pool as an object of poolView.
func poolViewObject(ctx context.Context, view objectView, p *toloka.Pool) (types.Object, diag.Diagnostics) {
	m, diags := poolModelFrom(ctx, p)
	m.Timeouts = nullTimeouts(view.resource)
	obj, d := view.object(m)
	diags.Append(d...)
	return obj, diags
}
