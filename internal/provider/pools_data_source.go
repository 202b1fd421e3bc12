package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// poolStatuses are the statuses a pool can have.
var poolStatuses = []string{toloka.PoolStatusOpen, toloka.PoolStatusClosed, toloka.PoolStatusArchived, toloka.PoolStatusLocked}

// NewPoolsDataSource returns the toloka_pools data source.
func NewPoolsDataSource() datasource.DataSource {
	return &listDataSource[toloka.Pool]{
		kind:     "pool",
		view:     poolView,
		describe: poolViewObject,
		filters: map[string]dschema.StringAttribute{
			"project_id": {
				Description: "Only the pools of this project. Left out, the pools of every project.",
				Optional:    true,
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"status": {
				Description: "Only pools with this status: `OPEN`, `CLOSED`, `ARCHIVED` or `LOCKED`. Left out, all.",
				Optional:    true,
				Validators:  []validator.String{stringvalidator.OneOf(poolStatuses...)},
			},
		},
		list: func(c *toloka.Client, ctx context.Context, filters map[string]string) ([]toloka.Pool, error) {
			return c.ListAllPools(ctx, toloka.PoolListOptions{
				ProjectID: filters["project_id"], Status: filters["status"], Limit: listPageLimit,
			})
		},
	}
}
