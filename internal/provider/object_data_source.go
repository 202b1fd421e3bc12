package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// objectDataSource reads one Toloka object of type T by its ID, or by
// another attribute when findBy is set, and shows it with the attributes of
// the matching resource.
type objectDataSource[T any] struct {
	client *toloka.Client
	// kind names the object: "project" makes toloka_project.
	kind     string
	view     func(context.Context) objectView
	get      func(c *toloka.Client, ctx context.Context, id string) (*T, error)
	describe func(context.Context, objectView, *T) (types.Object, diag.Diagnostics)
	// findBy, when set, is a second way to name the object: exactly one of
	// id and its attribute is configured.
	findBy *objectFinder[T]
}

// objectFinder finds an object by an attribute of its view other than id,
// such as a skill's name.
type objectFinder[T any] struct {
	attribute string
	// find lists the objects whose attribute has this value.
	find func(c *toloka.Client, ctx context.Context, value string) ([]T, error)
	id   func(*T) string
}

var _ datasource.DataSourceWithConfigValidators = &objectDataSource[toloka.Skill]{}

func (d *objectDataSource[T]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.kind
}

func (d *objectDataSource[T]) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := d.view(ctx).attributes()
	description := fmt.Sprintf("Reads a Toloka %[1]s by its ID, archived ones included, with the attributes of "+
		"the `toloka_%[1]s` resource.", d.kind)
	attrs["id"] = dschema.StringAttribute{Description: "The ID of the " + d.kind + " to read.", Required: true}
	if f := d.findBy; f != nil {
		attrs["id"] = dschema.StringAttribute{
			Description: fmt.Sprintf("The ID of the %s to read. Set either `id` or `%s`.", d.kind, f.attribute),
			Optional:    true, Computed: true,
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		}
		attrs[f.attribute] = dschema.StringAttribute{
			Description: fmt.Sprintf("The %[2]s of the %[1]s to read, instead of its ID: exactly one %[1]s must "+
				"have it.", d.kind, strings.ReplaceAll(f.attribute, "_", " ")),
			Optional: true, Computed: true,
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		}
		description = fmt.Sprintf("Reads a Toloka %[1]s by its ID or by its %[2]s, with the attributes of the "+
			"`toloka_%[1]s` resource.", d.kind, strings.ReplaceAll(f.attribute, "_", " "))
	}
	resp.Schema = dschema.Schema{Description: description, Attributes: attrs}
}

func (d *objectDataSource[T]) ConfigValidators(context.Context) []datasource.ConfigValidator {
	if d.findBy == nil {
		return nil
	}
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot(d.findBy.attribute)),
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
	var object *T
	if id.IsNull() && d.findBy != nil {
		object = d.find(ctx, req, &resp.Diagnostics)
	} else {
		var err error
		if object, err = d.get(d.client, ctx, id.ValueString()); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("id"), "Could not read the Toloka "+d.kind,
				fmt.Sprintf("The %s with ID %s: %s", d.kind, id.ValueString(), err))
		}
	}
	if object == nil {
		return
	}
	obj, diags := d.describe(ctx, d.view(ctx), object)
	resp.Diagnostics.Append(diags...)
	if !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Set(ctx, obj)...)
	}
}

// find returns the one object whose findBy attribute has the configured
// value; none, or several, is an error naming the attribute.
func (d *objectDataSource[T]) find(ctx context.Context, req datasource.ReadRequest, diags *diag.Diagnostics) *T {
	f := d.findBy
	at := path.Root(f.attribute)
	var value types.String
	diags.Append(req.Config.GetAttribute(ctx, at, &value)...)
	if diags.HasError() {
		return nil
	}
	found, err := f.find(d.client, ctx, value.ValueString())
	switch {
	case err != nil:
		diags.AddAttributeError(at, "Could not look for the Toloka "+d.kind, err.Error())
	case len(found) == 0:
		diags.AddAttributeError(at, fmt.Sprintf("No Toloka %s has this %s", d.kind, f.attribute),
			fmt.Sprintf("No %s has %s %q.", d.kind, f.attribute, value.ValueString()))
	case len(found) > 1:
		ids := make([]string, len(found))
		for i := range found {
			ids[i] = f.id(&found[i])
		}
		diags.AddAttributeError(at, fmt.Sprintf("Several Toloka %ss have this %s", d.kind, f.attribute),
			fmt.Sprintf("%d %ss have %s %q (IDs %s): set `id` to the one to read.",
				len(found), d.kind, f.attribute, value.ValueString(), strings.Join(ids, ", ")))
	default:
		return &found[0]
	}
	return nil
}
