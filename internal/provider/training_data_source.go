package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// NewTrainingDataSource returns the toloka_training data source.
func NewTrainingDataSource() datasource.DataSource {
	return &objectDataSource[toloka.Training]{
		kind:     "training",
		view:     trainingView,
		get:      (*toloka.Client).GetTraining,
		describe: trainingViewObject,
	}
}

// trainingView shows a training with the toloka_training resource's
// attributes, less its timeouts.
func trainingView(ctx context.Context) objectView {
	return objectView{resource: trainingSchema(ctx), omit: []string{"timeouts"}}
}

// trainingViewObject describes a Toloka training as an object of trainingView.
func trainingViewObject(ctx context.Context, view objectView, t *toloka.Training) (types.Object, diag.Diagnostics) {
	m, diags := trainingModelFrom(ctx, t)
	m.Timeouts = nullTimeouts(view.resource)
	obj, d := view.object(m)
	diags.Append(d...)
	return obj, diags
}
