package provider

import (
	"context"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// ValidateConfig catches at plan time what Toloka would refuse at apply time.
func validateProjectConfig(ctx context.Context, cfg projectModel, _ resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	if isSet(cfg.TaskSpec) {
		var ts taskSpecModel
		resp.Diagnostics.Append(objectInto(cfg.TaskSpec, &ts, true)...)
		for spec, fields := range map[string]map[string]fieldSpecModel{"input_spec": ts.InputSpec, "output_spec": ts.OutputSpec} {
			for name, f := range fields {
				validateFieldSpec(ctx, path.Root("task_spec").AtName(spec).AtMapKey(name), f, &resp.Diagnostics)
			}
		}
	}
	validateIssuingView(cfg, &resp.Diagnostics)
}

// validateIssuingView: the map view applies to MAP_SELECTOR projects only,
// which must have one with its title and description templates
// (AssignmentsIssuingViewConfig in Toloka's OpenAPI description).
func validateIssuingView(cfg projectModel, diags *diag.Diagnostics) {
	at := path.Root("assignments_issuing_view_config")
	if cfg.AssignmentsIssuingType.IsUnknown() || cfg.AssignmentsIssuingViewConfig.IsUnknown() {
		return
	}
	// A type left out is the default, AUTOMATED.
	if cfg.AssignmentsIssuingType.ValueString() != "MAP_SELECTOR" {
		if isSet(cfg.AssignmentsIssuingViewConfig) {
			diags.AddAttributeError(at, "Map view without a map",
				"assignments_issuing_view_config applies only when assignments_issuing_type is \"MAP_SELECTOR\".")
		}
		return
	}
	if cfg.AssignmentsIssuingViewConfig.IsNull() {
		diags.AddAttributeError(at, "Map without a map view",
			"assignments_issuing_type \"MAP_SELECTOR\" needs assignments_issuing_view_config with its title_template and description_template.")
		return
	}
	var view issuingViewConfigModel
	diags.Append(objectInto(cfg.AssignmentsIssuingViewConfig, &view, true)...)
	for _, t := range []struct {
		name     string
		template types.String
	}{{"title_template", view.TitleTemplate}, {"description_template", view.DescriptionTemplate}} {
		if name := t.name; t.template.IsNull() {
			diags.AddAttributeError(at.AtName(name), "Missing map template",
				fmt.Sprintf("assignments_issuing_type \"MAP_SELECTOR\" needs assignments_issuing_view_config.%s.", name))
		}
	}
}

func validateFieldSpec(ctx context.Context, at path.Path, f fieldSpecModel, diags *diag.Diagnostics) {
	checkRange(at, "min_length", "max_length", f.MinLength, f.MaxLength, diags)
	checkRange(at, "min_size", "max_size", f.MinSize, f.MaxSize, diags)
	if isSet(f.MinValue) && isSet(f.MaxValue) && f.MinValue.ValueFloat64() > f.MaxValue.ValueFloat64() {
		diags.AddAttributeError(at.AtName("min_value"), "Empty value range",
			fmt.Sprintf("%s: min_value %v is greater than max_value %v.", at, f.MinValue.ValueFloat64(), f.MaxValue.ValueFloat64()))
	}
	if !isSet(f.Type) || !isSet(f.AllowedValues) || !numericFieldType(f.Type.ValueString()) {
		return
	}
	var values []types.String
	diags.Append(f.AllowedValues.ElementsAs(ctx, &values, false)...)
	for i, v := range values {
		if !isSet(v) {
			continue
		}
		if _, err := strconv.ParseFloat(v.ValueString(), 64); err != nil {
			diags.AddAttributeError(at.AtName("allowed_values").AtListIndex(i), "Allowed value is not a number",
				fmt.Sprintf("%s: %q is not a number, but the field's type is %s.", at.AtName("allowed_values").AtListIndex(i), v.ValueString(), f.Type.ValueString()))
		}
	}
}

func checkRange(at path.Path, minName, maxName string, lo, hi types.Int64, diags *diag.Diagnostics) {
	if isSet(lo) && isSet(hi) && lo.ValueInt64() > hi.ValueInt64() {
		diags.AddAttributeError(at.AtName(minName), "Empty range",
			fmt.Sprintf("%s: %s %d is greater than %s %d.", at, minName, lo.ValueInt64(), maxName, hi.ValueInt64()))
	}
}
