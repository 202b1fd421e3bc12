package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func skillSchema(context.Context) schema.Schema {
	return schema.Schema{
		Description: "A Toloka skill: a value from 0 to 100 per Toloker, set by quality control rules, trainings or " +
			"the requester (`toloka_user_skill`), that pools filter and reward on. Toloka cannot delete skills: " +
			"destroying this resource removes it from the Terraform state only, with a warning, and the skill " +
			"stays in Toloka.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Description:   "The skill ID assigned by Toloka.",
				Computed:      true,
				PlanModifiers: keepStateString,
			},
			"name": schema.StringAttribute{
				Description: "The skill name the requester sees.",
				Required:    true,
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"public_name":                  localizedTexts("The skill name Tolokers see"),
			"public_requester_description": localizedTexts("The skill description Tolokers see"),
			"private_comment":              optionalString("A comment only the requester sees."),
			"hidden": optionalBool("Whether Tolokers are kept from seeing the skill's name and their value of it. " +
				"Toloka sets true when the skill is created without it."),
			"skill_ttl_hours": schema.Int64Attribute{
				Description: "How many hours a Toloker keeps a value of the skill that is not updated: Toloka " +
					"removes it from their profile after that time." + keptText,
				Optional: true, Computed: true,
				Validators:    []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers: keepStateInt64,
			},
			"deprecated": optionalBool("Whether the skill is no longer supported and should be replaced. " +
				"Toloka sets false when the skill is created without it."),
			"training": schema.BoolAttribute{
				Description:   "Whether the skill's values come from a training pool.",
				Computed:      true,
				PlanModifiers: keepStateBool,
			},
			"global": schema.BoolAttribute{
				Description:   "Whether the skill is one of Toloka's own, which every requester sees; false for a skill a requester made.",
				Computed:      true,
				PlanModifiers: keepStateBool,
			},
			"owner": schema.SingleNestedAttribute{
				Description: "The requester who owns the skill.",
				Computed:    true,
				Attributes: map[string]schema.Attribute{
					"id":         schema.StringAttribute{Description: "The requester ID.", Computed: true},
					"myself":     schema.BoolAttribute{Description: "Whether the owner is the requester of the provider's credentials.", Computed: true},
					"company_id": schema.StringAttribute{Description: "The ID of the requester's company.", Computed: true},
				},
				PlanModifiers: keepStateObject,
			},
			"created": schema.StringAttribute{
				Description:   "When the skill was created, in UTC (`YYYY-MM-DDThh:mm:ss.sss`).",
				Computed:      true,
				PlanModifiers: keepStateString,
			},
		},
	}
}

// localizedTexts is an optional map from language code to text.
func localizedTexts(what string) schema.MapAttribute {
	return schema.MapAttribute{
		Description: what + ", by language: a map from an ISO 639-1 code in upper case (e.g. `EN`) to the text." + keptText,
		ElementType: types.StringType,
		Optional:    true, Computed: true,
		Validators: []validator.Map{
			mapvalidator.SizeAtLeast(1),
			mapvalidator.KeysAre(stringvalidator.LengthAtLeast(1)),
			mapvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1)),
		},
		PlanModifiers: keepStateMap,
	}
}
