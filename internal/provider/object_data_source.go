package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// objectDataSource reads one Toloka object of type T by its ID and shows it
// with the attributes of the matching resource.
type objectDataSource[T any] struct {
	client *toloka.Client
	// kind names the object: "project" makes toloka_project.
	kind     string
	view     func(context.Context) objectView
	get      func(c *toloka.Client, ctx context.Context, id string) (*T, error)
	describe func(context.Context, objectView, *T) (types.Object, diag.Diagnostics)
}

func (d *objectDataSource[T]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.kind
}

func (d *objectDataSource[T]) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := d.view(ctx).attributes()
	attrs["id"] = dschema.StringAttribute{Description: "The ID of the " + d.kind + " to read.", Required: true}
	resp.Schema = dschema.Schema{
		Description: fmt.Sprintf("Reads a Toloka %[1]s by its ID, archived ones included, with the attributes of "+
			"the `toloka_%[1]s` resource.", d.kind),
		Attributes: attrs,
	}
}

func (d *objectDataSource[T]) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *objectDataSource[T]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var id types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("id"), &id)...)
	if resp.Diagnostics.HasError() {
		return
	}
	object, err := d.get(d.client, ctx, id.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("id"), "Could not read the Toloka "+d.kind,
			fmt.Sprintf("The %s with ID %s: %s", d.kind, id.ValueString(), err))
		return
	}
	obj, diags := d.describe(ctx, d.view(ctx), object)
	resp.Diagnostics.Append(diags...)
	if !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Set(ctx, obj)...)
	}
}
