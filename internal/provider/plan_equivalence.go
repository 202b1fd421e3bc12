package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Terraform compares a configured value with the state exactly, while
// Toloka may spell the same value otherwise; after an import, the state
// holds Toloka's spelling. Terraform accepts a planned value equal to the
// prior state in place of a configured value that means the same, which the
// plan modifiers here (and keepEquivalentJSON, keepSameInstant) plan.

// keepSameNumber plans the prior state's number when the configured one is
// the same float64: 0.07 in a configuration is a decimal, in the state after
// an import the float64 Toloka's 0.07 decodes to.
type keepSameNumber struct{}

var _ planmodifier.Float64 = keepSameNumber{}

func (keepSameNumber) Description(context.Context) string {
	return "Keeps the value in the state when the configured number is the same float64."
}

func (m keepSameNumber) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (keepSameNumber) PlanModifyFloat64(ctx context.Context, req planmodifier.Float64Request, resp *planmodifier.Float64Response) {
	if !isSet(req.ConfigValue) || !isSet(req.StateValue) || req.ConfigValue.Equal(req.StateValue) {
		return
	}
	if same, _ := req.ConfigValue.Float64SemanticEquals(ctx, req.StateValue); same {
		resp.PlanValue = req.StateValue
	}
}

// keepReadOnlyWhenUnchanged plans the state's values of the read-only
// attributes when no other attribute changes. The framework plans them
// unknown as soon as Terraform's proposal differs from the state, and a
// configured value that only spells the state's otherwise (a JSON document,
// a timestamp, a number after an import) is such a proposal; the
// attribute's own plan modifier then puts the state's value back, but the
// read-only attributes would stay unknown, and the plan would show an
// update that changes nothing. (Nested attributes left out of the
// configuration propose no change at all: see keptObject.)
// readOnly names the schema's read-only attributes.
func keepReadOnlyWhenUnchanged(readOnly map[string]bool, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || resp.Plan.Raw.IsNull() {
		return
	}
	var planned, prior map[string]tftypes.Value
	if err := resp.Plan.Raw.As(&planned); err != nil {
		resp.Diagnostics.AddError("Could not compare the plan with the state", err.Error())
		return
	}
	if err := req.State.Raw.As(&prior); err != nil {
		resp.Diagnostics.AddError("Could not compare the plan with the state", err.Error())
		return
	}
	for name, value := range planned {
		if !readOnly[name] && !value.Equal(prior[name]) {
			return
		}
	}
	kept := false
	for name := range readOnly {
		if !planned[name].Equal(prior[name]) {
			planned[name], kept = prior[name], true
		}
	}
	if kept {
		resp.Plan.Raw = tftypes.NewValue(resp.Plan.Raw.Type(), planned)
	}
}

// readOnlyAttributes names the attributes of a schema that only Toloka sets.
func readOnlyAttributes(s rschema.Schema) map[string]bool {
	readOnly := map[string]bool{}
	for name, a := range s.Attributes {
		if a.IsComputed() && !a.IsOptional() && !a.IsRequired() {
			readOnly[name] = true
		}
	}
	return readOnly
}

// keepSameAllowedNumbers plans the prior state's allowed_values of a numeric
// field when the configured ones are the same numbers: "1.0" in a
// configuration is the 1 Toloka answers.
type keepSameAllowedNumbers struct{}

var _ planmodifier.List = keepSameAllowedNumbers{}

func (keepSameAllowedNumbers) Description(context.Context) string {
	return "Keeps the value in the state when a numeric field's configured allowed values are the same numbers."
}

func (m keepSameAllowedNumbers) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (keepSameAllowedNumbers) PlanModifyList(ctx context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	if !isSet(req.ConfigValue) || !isSet(req.StateValue) || req.ConfigValue.Equal(req.StateValue) {
		return
	}
	var fieldType types.String
	if req.Plan.GetAttribute(ctx, req.Path.ParentPath().AtName("type"), &fieldType).HasError() {
		return
	}
	if numericFieldType(fieldType.ValueString()) && sameNumberList(req.ConfigValue, req.StateValue) {
		resp.PlanValue = req.StateValue
	}
}
