package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// requesterDataSource reads the account the provider's credentials belong
// to. It takes no argument: there is one such account.
type requesterDataSource struct {
	client *toloka.Client
}

var _ datasource.DataSourceWithConfigure = &requesterDataSource{}

// NewRequesterDataSource returns the toloka_requester data source.
func NewRequesterDataSource() datasource.DataSource {
	return &requesterDataSource{}
}

type requesterModel struct {
	ID         types.String  `tfsdk:"id"`
	Balance    types.Float64 `tfsdk:"balance"`
	PublicName types.Map     `tfsdk:"public_name"`
	Company    types.Object  `tfsdk:"company"`
}

type companyModel struct {
	ID               types.String `tfsdk:"id"`
	SuperintendentID types.String `tfsdk:"superintendent_id"`
}

var companyAttrTypes = map[string]attr.Type{"id": types.StringType, "superintendent_id": types.StringType}

func (d *requesterDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_requester"
}

func (d *requesterDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{
		Description: "Reads the Toloka account of the provider's credentials: its balance and company. It is read " +
			"at every plan, so a `precondition` on `balance` stops a plan before anything spends money.",
		Attributes: map[string]dschema.Attribute{
			"id":      dschema.StringAttribute{Description: "The requester ID.", Computed: true},
			"balance": dschema.Float64Attribute{Description: "The account balance, in US dollars.", Computed: true},
			"public_name": dschema.MapAttribute{
				Description: "The requester name Tolokers see, by language (e.g. `EN`).",
				ElementType: types.StringType,
				Computed:    true,
			},
			"company": dschema.SingleNestedAttribute{
				Description: "The company the account belongs to; null for an account of no company.",
				Computed:    true,
				Attributes: map[string]dschema.Attribute{
					"id":                dschema.StringAttribute{Description: "The company ID.", Computed: true},
					"superintendent_id": dschema.StringAttribute{Description: "The ID of the requester who owns the company account.", Computed: true},
				},
			},
		},
	}
}

func (d *requesterDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *requesterDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	r, err := d.client.GetRequester(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the Toloka requester", err.Error())
		return
	}
	m, diags := requesterModelFrom(ctx, r)
	resp.Diagnostics.Append(diags...)
	if !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
	}
}

// requesterModelFrom describes the account as Terraform state.
func requesterModelFrom(ctx context.Context, r *toloka.Requester) (requesterModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	m := requesterModel{
		ID:         types.StringValue(r.ID),
		Balance:    types.Float64PointerValue(r.Balance),
		PublicName: stringMap(ctx, r.PublicName, &diags),
		Company:    types.ObjectNull(companyAttrTypes),
	}
	if r.Company != nil {
		var d diag.Diagnostics
		m.Company, d = objectValueOf(companyAttrTypes, companyModel{
			ID: optionalStringValue(r.Company.ID), SuperintendentID: optionalStringValue(r.Company.SuperintendentID),
		})
		diags.Append(d...)
	}
	return m, diags
}
