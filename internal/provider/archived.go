package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// unarchiveRequiresReplace plans a new object when archived goes from true to
// false: Toloka cannot unarchive a project or a pool.
func unarchiveRequiresReplace(kind string) planmodifier.Bool {
	return boolplanmodifier.RequiresReplaceIf(
		func(_ context.Context, req planmodifier.BoolRequest, resp *boolplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = req.StateValue.ValueBool() && !req.PlanValue.IsUnknown() && !req.PlanValue.ValueBool()
		},
		"Toloka cannot unarchive a "+kind+": setting archived to false replaces it with a new "+kind+".",
		"Toloka cannot unarchive a "+kind+": setting `archived` to false replaces it with a new "+kind+".",
	)
}

// changedRawAttributes lists the top-level attributes, apart from skip, whose
// planned value differs from the state; on an archived object each one is a
// replacement, since Toloka refuses to edit it. It compares the values as
// Terraform sent them, which is what comparing them as framework values comes
// to, without converting each one.
func changedRawAttributes(plan, state tftypes.Value, skip map[string]bool, diags *diag.Diagnostics) path.Paths {
	var planned, prior map[string]tftypes.Value
	if err := plan.As(&planned); err != nil {
		diags.AddError("Could not compare the plan with the state", err.Error())
		return nil
	}
	if err := state.As(&prior); err != nil {
		diags.AddError("Could not compare the plan with the state", err.Error())
		return nil
	}
	var changed path.Paths
	for name, value := range planned {
		if skip[name] {
			continue
		}
		if before, ok := prior[name]; ok && !value.Equal(before) {
			changed = append(changed, path.Root(name))
		}
	}
	return changed
}
