package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// replaceOnChange plans a new object when a string attribute changes.
var replaceOnChange = []planmodifier.String{stringplanmodifier.RequiresReplace()}

func userSkillSchema(context.Context) schema.Schema {
	return schema.Schema{
		Description: "The value of a skill for one Toloker: a private crowd as code, for example a team's own " +
			"annotators admitted to a pool whose filter requires the skill. Toloka keeps one value per skill and " +
			"Toloker: creating this resource sets it (taking over a value the Toloker already had), changing " +
			"`value` sets it again, and destroying the resource removes the skill from the Toloker.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Description:   "The ID Toloka gives the skill and Toloker pair.",
				Computed:      true,
				PlanModifiers: keepStateString,
			},
			"skill_id": schema.StringAttribute{
				Description:   "The ID of the skill. Changing it replaces the value with one of another skill.",
				Required:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: replaceOnChange,
			},
			"user_id": schema.StringAttribute{
				Description:   "The ID of the Toloker. Changing it replaces the value with one of another Toloker.",
				Required:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: replaceOnChange,
			},
			"value": schema.Float64Attribute{
				Description: "The Toloker's value of the skill, from 0 to 100, fractions allowed. Quality control " +
					"rules and trainings may change it in Toloka: the next plan shows the change and sets the " +
					"configured value again.",
				Required:   true,
				Validators: []validator.Float64{float64validator.Between(0, 100)},
			},
			"reason": schema.StringAttribute{
				Description: "Why the value is given. Toloka takes it with the value but never returns it: the " +
					"state keeps it as configured, and changing it alone sends nothing to Toloka.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"created": schema.StringAttribute{
				Description:   "When the Toloker was first given the skill, in UTC (`YYYY-MM-DDThh:mm:ss.sss`).",
				Computed:      true,
				PlanModifiers: keepStateString,
			},
			"modified": schema.StringAttribute{
				Description: "When the value last changed, in UTC (`YYYY-MM-DDThh:mm:ss.sss`).",
				Computed:    true,
			},
		},
	}
}
