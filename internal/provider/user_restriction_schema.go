package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// restrictionScopes are the scopes of a ban a requester can set: SYSTEM
// bans are Toloka's own.
var restrictionScopes = []string{toloka.RestrictionScopeAllProjects, toloka.RestrictionScopeProject, toloka.RestrictionScopePool}

// maxRestrictionCommentLength is the longest private_comment of a ban.
const maxRestrictionCommentLength = 499

func userRestrictionSchema(context.Context) schema.Schema {
	return schema.Schema{
		Description: "A ban of a Toloker from the requester's tasks: from all projects, one project or one pool, " +
			"for good or until `will_expire`. Destroying the resource lifts the ban. Toloka edits no ban, so any " +
			"change replaces it: the ban is lifted, then set again.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Description:   "The ban ID assigned by Toloka.",
				Computed:      true,
				PlanModifiers: keepStateString,
			},
			"scope": schema.StringAttribute{
				Description: "What the Toloker is banned from: `ALL_PROJECTS` (every project of the requester), " +
					"`PROJECT` (the project `project_id`) or `POOL` (the pool `pool_id`).",
				Required:      true,
				Validators:    []validator.String{stringvalidator.OneOf(restrictionScopes...)},
				PlanModifiers: replaceOnChange,
			},
			"user_id": schema.StringAttribute{
				Description:   "The ID of the banned Toloker.",
				Required:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: replaceOnChange,
			},
			"project_id": schema.StringAttribute{
				Description:   "The project the Toloker is banned from: required with scope `PROJECT`, and only then.",
				Optional:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: replaceOnChange,
			},
			"pool_id": schema.StringAttribute{
				Description:   "The pool the Toloker is banned from: required with scope `POOL`, and only then.",
				Optional:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: replaceOnChange,
			},
			"private_comment": schema.StringAttribute{
				Description: "Why the Toloker is banned, at most 499 characters; only the requester sees it." + keptText,
				Optional:    true, Computed: true,
				Validators: []validator.String{stringvalidator.LengthAtMost(maxRestrictionCommentLength)},
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace(),
				},
			},
			"will_expire": schema.StringAttribute{
				CustomType: timestampType{},
				Description: "When Toloka lifts the ban by itself, in UTC (`YYYY-MM-DDThh:mm:ss`); it must be in " +
					"the future when the ban is set. Left out, the ban lasts until it is destroyed. Once Toloka has " +
					"lifted it, the next plan sets it again: change or remove `will_expire` (or the resource) then.",
				Optional:      true,
				PlanModifiers: replaceOnChange,
			},
			"created": schema.StringAttribute{
				Description:   "When the ban was set, in UTC (`YYYY-MM-DDThh:mm:ss.sss`).",
				Computed:      true,
				PlanModifiers: keepStateString,
			},
		},
	}
}
