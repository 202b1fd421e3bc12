package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// ValidateConfig catches at plan time what Toloka would refuse at apply time.
func validatePoolConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg poolModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() || !isSet(cfg.SpeedQualityBalance) {
		return
	}
	var b speedQualityBalanceModel
	resp.Diagnostics.Append(cfg.SpeedQualityBalance.As(ctx, &b, basetypes.ObjectAsOptions{UnhandledUnknownAsEmpty: true})...)
	at := path.Root("speed_quality_balance")
	switch b.Type.ValueString() {
	case "TOP_PERCENTAGE_BY_QUALITY":
		if b.Percent.IsNull() {
			resp.Diagnostics.AddAttributeError(at.AtName("percent"), "Missing percentage",
				"speed_quality_balance of type TOP_PERCENTAGE_BY_QUALITY needs `percent`.")
		}
		if isSet(b.Count) {
			resp.Diagnostics.AddAttributeError(at.AtName("count"), "Count with a percentage",
				"`count` applies to type BEST_CONCURRENT_USERS_BY_QUALITY, not TOP_PERCENTAGE_BY_QUALITY.")
		}
	case "BEST_CONCURRENT_USERS_BY_QUALITY":
		if b.Count.IsNull() {
			resp.Diagnostics.AddAttributeError(at.AtName("count"), "Missing count",
				"speed_quality_balance of type BEST_CONCURRENT_USERS_BY_QUALITY needs `count`.")
		}
		if isSet(b.Percent) {
			resp.Diagnostics.AddAttributeError(at.AtName("percent"), "Percentage with a count",
				"`percent` applies to type TOP_PERCENTAGE_BY_QUALITY, not BEST_CONCURRENT_USERS_BY_QUALITY.")
		}
	}
}
