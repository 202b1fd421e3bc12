package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// NewUserRestrictionResource returns the toloka_user_restriction resource.
func NewUserRestrictionResource() resource.Resource {
	return &objectResource[toloka.UserRestriction, userRestrictionModel]{kind: &userRestrictionKind}
}

// userRestrictionKind: Toloka documents no edit of a ban (its PUT is an
// upsert keyed by Toloker and scope), so a change replaces it; destroying it
// lifts it. A ban Toloka lifted at will_expire is gone from Toloka, and
// read-or-forget plans it again.
var userRestrictionKind = objectKind[toloka.UserRestriction, userRestrictionModel]{
	name:       "user restriction",
	schema:     userRestrictionSchema,
	create:     (*toloka.Client).CreateUserRestriction,
	get:        (*toloka.Client).GetUserRestriction,
	id:         func(r *toloka.UserRestriction) string { return r.ID },
	toAPI:      userRestrictionModel.applyTo,
	stateFrom:  userRestrictionStateFrom,
	destroy:    destroyRule{remove: (*toloka.Client).DeleteUserRestriction},
	validate:   validateUserRestrictionConfig,
	modifyPlan: refuseExpiredRestriction,
}

// restrictionTargets names the attribute of the project or pool each scope
// bans from.
var restrictionTargets = map[string]string{
	toloka.RestrictionScopeProject: "project_id",
	toloka.RestrictionScopePool:    "pool_id",
}

// validateUserRestrictionConfig checks that the ban names the project or
// pool its scope requires, and no other.
func validateUserRestrictionConfig(ctx context.Context, _ userRestrictionModel, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var scope types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("scope"), &scope)...)
	if !isSet(scope) || resp.Diagnostics.HasError() {
		return
	}
	for targetScope, name := range restrictionTargets {
		var target types.String
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(name), &target)...)
		switch {
		case scope.ValueString() == targetScope && target.IsNull():
			resp.Diagnostics.AddAttributeError(path.Root(name), "Missing "+name,
				fmt.Sprintf("A ban of scope %s names what it bans from: set `%s`.", targetScope, name))
		case scope.ValueString() != targetScope && !target.IsNull():
			resp.Diagnostics.AddAttributeError(path.Root(name), "`"+name+"` does not apply to scope "+scope.ValueString(),
				fmt.Sprintf("`%s` names what a ban of scope %s bans from: leave it out with scope %s.",
					name, targetScope, scope.ValueString()))
		}
	}
}

// refuseExpiredRestriction stops the plan of a new ban whose will_expire
// has already come: Toloka refuses it. This is also the plan after Toloka
// lifted the ban at that time.
func refuseExpiredRestriction(ctx context.Context, _ *toloka.Client, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !req.State.Raw.IsNull() {
		return
	}
	var expires timestampValue
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("will_expire"), &expires)...)
	if !isSet(expires) {
		return
	}
	if t, err := expires.time(); err == nil && !t.After(time.Now()) {
		resp.Diagnostics.AddAttributeError(path.Root("will_expire"), "The ban has already expired",
			fmt.Sprintf("will_expire %s is not in the future: Toloka refuses a ban that has already expired. If "+
				"Toloka lifted this ban at that time, the state no longer has it. Set a later will_expire, leave it "+
				"out for a ban that lasts until it is destroyed, or remove the resource.", expires.ValueString()))
	}
}
