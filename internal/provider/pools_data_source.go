package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

var _ datasource.DataSourceWithConfigure = &poolsDataSource{}

// poolStatuses are the statuses a pool can have.
var poolStatuses = []string{toloka.PoolStatusOpen, toloka.PoolStatusClosed, toloka.PoolStatusArchived, toloka.PoolStatusLocked}

// NewPoolsDataSource returns the toloka_pools data source.
func NewPoolsDataSource() datasource.DataSource {
	return &poolsDataSource{}
}

type poolsDataSource struct {
	client *toloka.Client
}

type poolsDataSourceModel struct {
	ProjectID types.String `tfsdk:"project_id"`
	Status    types.String `tfsdk:"status"`
	Pools     types.List   `tfsdk:"pools"`
}

func (d *poolsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_pools"
}

func (d *poolsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{
		Description: "Lists the Toloka pools that match the filters, in ID order, however many there are: the " +
			"provider follows Toloka's pages to the end.",
		Attributes: map[string]dschema.Attribute{
			"project_id": dschema.StringAttribute{
				Description: "Only the pools of this project. Left out, the pools of every project.",
				Optional:    true,
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"status": dschema.StringAttribute{
				Description: "Only pools with this status: `OPEN`, `CLOSED`, `ARCHIVED` or `LOCKED`. Left out, all.",
				Optional:    true,
				Validators:  []validator.String{stringvalidator.OneOf(poolStatuses...)},
			},
			"pools": dschema.ListNestedAttribute{
				Description:  "The matching pools, with the attributes of the `toloka_pool` data source.",
				Computed:     true,
				NestedObject: dschema.NestedAttributeObject{Attributes: poolView(ctx).attributes()},
			},
		},
	}
}

func (d *poolsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *poolsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg poolsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	pools, err := d.client.ListAllPools(ctx, toloka.PoolListOptions{
		ProjectID: cfg.ProjectID.ValueString(),
		Status:    cfg.Status.ValueString(),
		Limit:     listPageLimit,
	})
	if err != nil {
		resp.Diagnostics.AddError("Could not list the Toloka pools", err.Error())
		return
	}
	list, diags := viewList(ctx, poolView(ctx), pools, poolViewObject)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg.Pools = list
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}
