package floor

import (
	"context"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"

	tolokaprovider "github.com/toloka-terraform/terraform-provider-toloka/internal/provider"
)

// frameworkFloor is the provider with its name, provider schema and
// resource schemas (of the shape), and none of its work: Configure makes no
// client, and every resource is a noopResource.
type frameworkFloor struct {
	real  provider.Provider
	shape string
}

func newFrameworkFloor(shape string) provider.Provider {
	return &frameworkFloor{real: tolokaprovider.New("floor")(), shape: shape}
}

func (p *frameworkFloor) Metadata(ctx context.Context, req provider.MetadataRequest, resp *provider.MetadataResponse) {
	p.real.Metadata(ctx, req, resp)
}

func (p *frameworkFloor) Schema(ctx context.Context, req provider.SchemaRequest, resp *provider.SchemaResponse) {
	p.real.Schema(ctx, req, resp)
}

func (p *frameworkFloor) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *frameworkFloor) Resources(ctx context.Context) []func() resource.Resource {
	var out []func() resource.Resource
	for _, newResource := range p.real.Resources(ctx) {
		out = append(out, func() resource.Resource { return noopResource{real: newResource(), shape: p.shape} })
	}
	return out
}

func (p *frameworkFloor) DataSources(context.Context) []func() datasource.DataSource { return nil }

// noopResource has the name and the schema of a resource of the provider
// (its attributes' validators, plan modifiers, defaults and value types
// included) and does nothing: its Read leaves the prior state as it is, and
// it has none of the resource's own validation and plan modification.
type noopResource struct {
	real  resource.Resource
	shape string
}

func (r noopResource) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	r.real.Metadata(ctx, req, resp)
}

func (r noopResource) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	r.real.Schema(ctx, req, resp)
	if r.shape != ShapeJSONFieldSpecs {
		return
	}
	var name resource.MetadataResponse
	r.real.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "toloka"}, &name)
	if name.TypeName != "toloka_project" {
		return
	}
	shaped, ok := withJSONFieldSpecs(resp.Schema)
	if !ok {
		resp.Diagnostics.AddError("No task_spec to reshape", "toloka_project's schema has no single nested task_spec attribute.")
		return
	}
	resp.Schema = shaped
}

// withJSONFieldSpecs is a project schema whose task_spec holds input_spec
// and output_spec as JSON strings; false when s has no task_spec object.
func withJSONFieldSpecs(s schema.Schema) (schema.Schema, bool) {
	taskSpec, ok := s.Attributes["task_spec"].(schema.SingleNestedAttribute)
	if !ok {
		return s, false
	}
	taskSpec.Attributes = maps.Clone(taskSpec.Attributes)
	for _, name := range []string{"input_spec", "output_spec"} {
		taskSpec.Attributes[name] = schema.StringAttribute{
			Description: "The fields, by field name, as a JSON object.",
			Required:    true,
		}
	}
	s.Attributes = maps.Clone(s.Attributes)
	s.Attributes["task_spec"] = taskSpec
	return s, true
}

func (noopResource) Create(context.Context, resource.CreateRequest, *resource.CreateResponse) {}
func (noopResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse)       {}
func (noopResource) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {}
func (noopResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
