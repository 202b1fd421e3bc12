package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// metadataType is the type of requester metadata: a map from key to a list
// of strings.
var metadataType = types.ListType{ElemType: types.StringType}

// metadataAttribute is the requester metadata of a pool or a training.
func metadataAttribute() schema.MapAttribute {
	return schema.MapAttribute{
		Description: "Requester metadata: a map from key to a list of strings." + keptText,
		ElementType: metadataType,
		Optional:    true, Computed: true,
		Validators:    []validator.Map{mapvalidator.SizeAtLeast(1)},
		PlanModifiers: keepStateMap,
	}
}

// metadataToAPI writes configured metadata onto dst; metadata left out
// leaves Toloka's untouched.
func metadataToAPI(ctx context.Context, v types.Map, dst *map[string][]string, diags *diag.Diagnostics) {
	if !isSet(v) {
		return
	}
	*dst = map[string][]string{}
	diags.Append(v.ElementsAs(ctx, dst, false)...)
}

// metadataFromAPI describes Toloka's metadata; none, or an empty object, is
// null.
func metadataFromAPI(ctx context.Context, m map[string][]string, diags *diag.Diagnostics) types.Map {
	if len(m) == 0 {
		return types.MapNull(metadataType)
	}
	v, d := types.MapValueFrom(ctx, metadataType, m)
	diags.Append(d...)
	return v
}
