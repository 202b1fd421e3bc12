package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// ValidateConfig catches at plan time what Toloka would refuse at apply time.
func validatePoolConfig(ctx context.Context, cfg poolModel, _ resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	validateSpeedQualityBalance(cfg, &resp.Diagnostics)
	validateMaxOverlap(cfg, &resp.Diagnostics)
}

func validateSpeedQualityBalance(cfg poolModel, diags *diag.Diagnostics) {
	if !isSet(cfg.SpeedQualityBalance) {
		return
	}
	var b speedQualityBalanceModel
	diags.Append(objectInto(cfg.SpeedQualityBalance, &b, true)...)
	at := path.Root("speed_quality_balance")
	switch b.Type.ValueString() {
	case "TOP_PERCENTAGE_BY_QUALITY":
		if b.Percent.IsNull() {
			diags.AddAttributeError(at.AtName("percent"), "Missing percentage",
				"speed_quality_balance of type TOP_PERCENTAGE_BY_QUALITY needs `percent`.")
		}
		if isSet(b.Count) {
			diags.AddAttributeError(at.AtName("count"), "Count with a percentage",
				"`count` applies to type BEST_CONCURRENT_USERS_BY_QUALITY, not TOP_PERCENTAGE_BY_QUALITY.")
		}
	case "BEST_CONCURRENT_USERS_BY_QUALITY":
		if b.Count.IsNull() {
			diags.AddAttributeError(at.AtName("count"), "Missing count",
				"speed_quality_balance of type BEST_CONCURRENT_USERS_BY_QUALITY needs `count`.")
		}
		if isSet(b.Percent) {
			diags.AddAttributeError(at.AtName("percent"), "Percentage with a count",
				"`percent` applies to type TOP_PERCENTAGE_BY_QUALITY, not BEST_CONCURRENT_USERS_BY_QUALITY.")
		}
	}
}

// validateMaxOverlap: dynamic overlap's max_overlap must be higher than the
// overlaps in defaults (BasicDynamicOverlapConfig.max_overlap in Toloka's
// OpenAPI description; toloka-kit's DynamicOverlapConfig).
func validateMaxOverlap(cfg poolModel, diags *diag.Diagnostics) {
	if !isSet(cfg.DynamicOverlapConfig) || !isSet(cfg.Defaults) {
		return
	}
	doc, ok := decodeShapeDocument(cfg.DynamicOverlapConfig.ValueString())
	if !ok {
		return
	}
	s := &shape{}
	maxOverlap, ok := s.integerMember(doc, "", "max_overlap", anyNumber, false)
	if !ok {
		return
	}
	var d poolDefaultsModel
	diags.Append(objectInto(cfg.Defaults, &d, true)...)
	for _, o := range []struct {
		name    string
		overlap basetypes.Int64Value
	}{
		{"default_overlap_for_new_task_suites", d.DefaultOverlapForNewTaskSuites},
		{"default_overlap_for_new_tasks", d.DefaultOverlapForNewTasks},
	} {
		name, overlap := o.name, o.overlap
		if isSet(overlap) && maxOverlap <= overlap.ValueInt64() {
			at := path.Root("dynamic_overlap_config")
			diags.AddAttributeError(at, "Dynamic overlap below the default overlap",
				fmt.Sprintf("%s: max_overlap: must be higher than defaults.%s (%d), not %d.", at, name, overlap.ValueInt64(), maxOverlap))
		}
	}
}
