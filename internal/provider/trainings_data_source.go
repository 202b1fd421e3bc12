package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// NewTrainingsDataSource returns the toloka_trainings data source.
func NewTrainingsDataSource() datasource.DataSource {
	return &listDataSource[toloka.Training]{
		kind:     "training",
		view:     trainingView,
		describe: trainingViewObject,
		filters: map[string]dschema.StringAttribute{
			"project_id": {
				Description: "Only the trainings of this project. Left out, the trainings of every project.",
				Optional:    true,
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"status": {
				Description: "Only trainings with this status: `OPEN`, `CLOSED`, `ARCHIVED` or `LOCKED`. Left out, all.",
				Optional:    true,
				Validators:  []validator.String{stringvalidator.OneOf(poolStatuses...)},
			},
		},
		sorts: trainingOrder,
		list: func(c *toloka.Client, ctx context.Context, filters map[string]string) ([]toloka.Training, error) {
			return c.ListAllTrainings(ctx, toloka.TrainingListOptions{
				ProjectID: filters["project_id"], Status: filters["status"], Limit: listPageLimit,
			})
		},
	}
}

// trainingOrder are the keys toloka_trainings sorts by, as the API names them.
var trainingOrder = map[string]func(a, b *toloka.Training) int{
	"id":           func(a, b *toloka.Training) int { return compareIDs(a.ID, b.ID) },
	"created":      func(a, b *toloka.Training) int { return compareTimes(a.Created, b.Created) },
	"last_started": func(a, b *toloka.Training) int { return compareTimes(a.LastStarted, b.LastStarted) },
}
