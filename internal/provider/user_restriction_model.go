package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// userRestrictionModel is the Terraform side of a toloka_user_restriction.
type userRestrictionModel struct {
	ID             types.String   `tfsdk:"id"`
	Scope          types.String   `tfsdk:"scope"`
	UserID         types.String   `tfsdk:"user_id"`
	ProjectID      types.String   `tfsdk:"project_id"`
	PoolID         types.String   `tfsdk:"pool_id"`
	PrivateComment types.String   `tfsdk:"private_comment"`
	WillExpire     timestampValue `tfsdk:"will_expire"`
	Created        types.String   `tfsdk:"created"`
}

// applyTo writes the configured ban onto r.
func (m userRestrictionModel) applyTo(_ context.Context, r *toloka.UserRestriction) diag.Diagnostics {
	r.Scope = m.Scope.ValueString()
	r.UserID = m.UserID.ValueString()
	r.ProjectID = m.ProjectID.ValueString()
	r.PoolID = m.PoolID.ValueString()
	setIfKnown(&r.PrivateComment, m.PrivateComment.ValueStringPointer(), m.PrivateComment)
	return applyTimestamp(m.WillExpire, path.Root("will_expire"), &r.WillExpire)
}

// userRestrictionStateFrom describes the ban as Toloka has it, keeping the
// configuration's spelling of will_expire.
func userRestrictionStateFrom(ctx context.Context, r *toloka.UserRestriction, from userRestrictionModel) (userRestrictionModel, diag.Diagnostics) {
	return userRestrictionModel{
		ID:             types.StringValue(r.ID),
		Scope:          types.StringValue(r.Scope),
		UserID:         types.StringValue(r.UserID),
		ProjectID:      optionalStringValue(r.ProjectID),
		PoolID:         optionalStringValue(r.PoolID),
		PrivateComment: types.StringPointerValue(r.PrivateComment),
		WillExpire:     newTimestamp(r.WillExpire).spelledAs(ctx, from.WillExpire),
		Created:        newTimestamp(r.Created).StringValue,
	}, nil
}
