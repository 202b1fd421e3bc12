package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// userSkillModel is the Terraform side of a toloka_user_skill.
type userSkillModel struct {
	ID       types.String  `tfsdk:"id"`
	SkillID  types.String  `tfsdk:"skill_id"`
	UserID   types.String  `tfsdk:"user_id"`
	Value    types.Float64 `tfsdk:"value"`
	Reason   types.String  `tfsdk:"reason"`
	Created  types.String  `tfsdk:"created"`
	Modified types.String  `tfsdk:"modified"`
}

// applyTo writes the configured value, and the reason sent along with it.
func (m userSkillModel) applyTo(_ context.Context, s *sentAlong[toloka.UserSkill]) diag.Diagnostics {
	s.Object.SkillID = m.SkillID.ValueString()
	s.Object.UserID = m.UserID.ValueString()
	s.Object.ExactValue = m.Value.ValueFloat64Pointer()
	s.value = m.Reason.ValueString()
	return nil
}

// userSkillStateFrom describes the value as Toloka has it, with the reason
// of the plan or the prior state, which Toloka never returns.
func userSkillStateFrom(_ context.Context, s *sentAlong[toloka.UserSkill], from userSkillModel) (userSkillModel, diag.Diagnostics) {
	us := s.Object
	m := userSkillModel{
		ID:       types.StringValue(us.ID),
		SkillID:  types.StringValue(us.SkillID),
		UserID:   types.StringValue(us.UserID),
		Value:    types.Float64PointerValue(us.ExactValue),
		Reason:   from.Reason,
		Created:  newTimestamp(us.Created).StringValue,
		Modified: newTimestamp(us.Modified).StringValue,
	}
	if us.ExactValue == nil && us.Value != nil {
		m.Value = types.Float64Value(float64(*us.Value))
	}
	return m, nil
}

// setUserSkill sends the value of a skill for a Toloker. Toloka keeps one
// value per skill and Toloker, so the same call creates and changes it.
func setUserSkill(c *toloka.Client, ctx context.Context, s *sentAlong[toloka.UserSkill]) (*sentAlong[toloka.UserSkill], error) {
	req := toloka.SetUserSkillRequest{SkillID: s.Object.SkillID, UserID: s.Object.UserID, Reason: s.value}
	if s.Object.ExactValue != nil {
		req.Value = *s.Object.ExactValue
	}
	return along(c.SetUserSkill(ctx, req))
}
