package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// skillModel is the Terraform side of a toloka_skill.
type skillModel struct {
	ID                         types.String `tfsdk:"id"`
	Name                       types.String `tfsdk:"name"`
	PublicName                 types.Map    `tfsdk:"public_name"`
	PublicRequesterDescription types.Map    `tfsdk:"public_requester_description"`
	PrivateComment             types.String `tfsdk:"private_comment"`
	Hidden                     types.Bool   `tfsdk:"hidden"`
	SkillTTLHours              types.Int64  `tfsdk:"skill_ttl_hours"`
	Deprecated                 types.Bool   `tfsdk:"deprecated"`
	Training                   types.Bool   `tfsdk:"training"`
	Global                     types.Bool   `tfsdk:"global"`
	Owner                      types.Object `tfsdk:"owner"`
	Created                    types.String `tfsdk:"created"`
}

type ownerModel struct {
	ID        types.String `tfsdk:"id"`
	Myself    types.Bool   `tfsdk:"myself"`
	CompanyID types.String `tfsdk:"company_id"`
}

var ownerAttrTypes = map[string]attr.Type{"id": types.StringType, "myself": types.BoolType, "company_id": types.StringType}

// applyTo writes the configured attributes onto s, which holds what Toloka
// has. Attributes that are null or unknown leave Toloka's value untouched.
func (m skillModel) applyTo(ctx context.Context, s *toloka.Skill) diag.Diagnostics {
	var diags diag.Diagnostics
	s.Name = m.Name.ValueString()
	setIfKnown(&s.PrivateComment, m.PrivateComment.ValueStringPointer(), m.PrivateComment)
	setIfKnown(&s.Hidden, m.Hidden.ValueBoolPointer(), m.Hidden)
	setIfKnown(&s.SkillTTLHours, m.SkillTTLHours.ValueInt64Pointer(), m.SkillTTLHours)
	setIfKnown(&s.Deprecated, m.Deprecated.ValueBoolPointer(), m.Deprecated)
	setMapIfKnown(ctx, &s.PublicName, m.PublicName, &diags)
	setMapIfKnown(ctx, &s.PublicRequesterDescription, m.PublicRequesterDescription, &diags)
	return diags
}

// setMapIfKnown writes a configured map of strings; a null or unknown one
// leaves dst as it is.
func setMapIfKnown(ctx context.Context, dst *map[string]string, v types.Map, diags *diag.Diagnostics) {
	if !isSet(v) {
		return
	}
	*dst = map[string]string{}
	diags.Append(v.ElementsAs(ctx, dst, false)...)
}

// skillModelFrom describes a Toloka skill as Terraform state.
func skillModelFrom(ctx context.Context, s *toloka.Skill) (skillModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	m := skillModel{
		ID:                         types.StringValue(s.ID),
		Name:                       types.StringValue(s.Name),
		PublicName:                 stringMap(ctx, s.PublicName, &diags),
		PublicRequesterDescription: stringMap(ctx, s.PublicRequesterDescription, &diags),
		PrivateComment:             types.StringPointerValue(s.PrivateComment),
		Hidden:                     types.BoolPointerValue(s.Hidden),
		SkillTTLHours:              types.Int64PointerValue(s.SkillTTLHours),
		Deprecated:                 types.BoolPointerValue(s.Deprecated),
		Training:                   types.BoolPointerValue(s.Training),
		Global:                     types.BoolPointerValue(s.Global),
		Owner:                      types.ObjectNull(ownerAttrTypes),
		Created:                    newTimestamp(s.Created).StringValue,
	}
	if s.Owner != nil {
		var d diag.Diagnostics
		m.Owner, d = objectValueOf(ownerAttrTypes, ownerModel{
			ID: types.StringValue(s.Owner.ID), Myself: types.BoolPointerValue(s.Owner.Myself),
			CompanyID: optionalStringValue(s.Owner.CompanyID),
		})
		diags.Append(d...)
	}
	return m, diags
}

// stringMap is a map of strings as Terraform state; nil is null.
func stringMap(ctx context.Context, m map[string]string, diags *diag.Diagnostics) types.Map {
	if m == nil {
		return types.MapNull(types.StringType)
	}
	v, d := types.MapValueFrom(ctx, types.StringType, m)
	diags.Append(d...)
	return v
}

// optionalStringValue is a string the API may leave out: empty is null.
func optionalStringValue(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}
