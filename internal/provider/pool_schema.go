package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// speedQualityBalanceTypes are the ways of limiting a pool to the best Tolokers.
var speedQualityBalanceTypes = []string{"TOP_PERCENTAGE_BY_QUALITY", "BEST_CONCURRENT_USERS_BY_QUALITY"}

// keptText is the end of the description of an attribute that keeps
// Toloka's value when the configuration leaves it out.
const keptText = " Left out, Toloka's current value is kept."

func poolSchema(ctx context.Context) schema.Schema {
	return schema.Schema{
		Description: "A Toloka pool: a set of tasks of a project given to Tolokers at one price and with one set of " +
			"filters and quality rules. Toloka creates pools closed; opening a pool (after uploading its tasks) is " +
			"done outside Terraform. An open pool is closed for update, changed and reopened when its settings " +
			"change. Toloka cannot delete pools: destroying this resource closes the pool if it is open and archives it.",
		Attributes: withOpenableStatus(ctx, "pool", map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Description:   "The pool ID assigned by Toloka.",
				Computed:      true,
				PlanModifiers: keepStateString,
			},
			"project_id": schema.StringAttribute{
				Description:   "The ID of the project the pool belongs to. Changing it replaces the pool.",
				Required:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"private_name": schema.StringAttribute{
				Description: "The pool name only the requester sees.",
				Required:    true,
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"private_comment":     optionalString("A comment only the requester sees."),
			"public_description":  optionalString("The pool description Tolokers see, instead of the project's."),
			"public_instructions": optionalString("Instructions for Tolokers in HTML, instead of the project's."),
			"reward_per_assignment": schema.Float64Attribute{
				Description: "The payment for one task suite, in US dollars. At least 0.005, or 0 for a pool of " +
					"training and control tasks only.",
				Required:      true,
				PlanModifiers: []planmodifier.Float64{keepSameNumber{}},
				Validators:    []validator.Float64{rewardValidator{}},
			},
			"assignment_max_duration_seconds": schema.Int64Attribute{
				Description: "The time a Toloker has to complete a task suite, in seconds (at least 5).",
				Required:    true,
				Validators:  []validator.Int64{int64validator.Between(5, 2147483647)},
			},
			"will_expire": schema.StringAttribute{
				CustomType: timestampType{},
				Description: "When the pool closes by itself, in UTC (`YYYY-MM-DDThh:mm:ss`). Compared as an instant: " +
					"a fraction of zero or a `Z` suffix makes no diff.",
				Required:      true,
				PlanModifiers: []planmodifier.String{keepSameInstant{}},
			},
			"defaults": poolDefaultsAttribute(),
			"may_contain_adult_content": optionalBool("Whether the tasks may contain adult content. " +
				"Toloka sets false when the pool is created without it."),
			"auto_accept_solutions": optionalBool("Whether responses are accepted at once, without review. " +
				"Toloka sets true when the pool is created without it."),
			"auto_accept_period_day": optionalInt64("The number of days within which responses must be reviewed "+
				"(1 to 21) when they are not accepted at once.", 1, 21),
			"auto_close_after_complete_delay_seconds": optionalInt64("How long, in seconds, the pool waits after its "+
				"last task is done before closing by itself (0 to 259200).", 0, 259200),
			"assignments_issuing_config": assignmentsIssuingConfigAttribute(),
			"priority": optionalInt64("The pool's priority among the requester's pools, from 0 to 100; higher "+
				"is given out first.", 0, 100),
			"filter": optionalJSON("Who may see the tasks, as a JSON object "+
				"(`{\"and\": [{\"or\": [{\"category\", \"key\", \"operator\", \"value\"}]}]}`). Checked at plan time "+
				"against Toloka's rules: the keys and operators of each category, the kind of each value and the length "+
				"of the JSON text (10,000 characters at most).", noJSONDefaults, filterShape),
			"quality_control": plansRequirement(optionalJSON("The pool's quality control as a JSON object "+
				"(`{\"configs\": [...], \"captcha_frequency\", \"training_requirement\", \"checkpoints_config\"}`); "+
				"the training requirement can be the `training_requirement` attribute instead. Checked at plan time "+
				"against Toloka's rules: collector types and their parameters, the condition keys each collector allows, "+
				"operators, action types and their parameters. The `uuid` Toloka gives each `collector_config` left "+
				"without one makes no diff, and is sent back when the collector changes.",
				poolQualityControlDefaults, poolQualityControlShape)),
			"training_requirement": trainingRequirementAttribute(),
			"mixer_config": optionalJSON("How task suites are made up, as a JSON object "+
				"(`{\"real_tasks_count\", \"golden_tasks_count\", \"training_tasks_count\", ...}`). Checked at plan time: "+
				"counts from 0 to 500, each `min_*` count at most its count, the task distribution functions. The "+
				"defaults Toloka fills in make no diff: `force_last_assignment` and `shuffle_tasks_in_task_suite` true, "+
				"`mix_tasks_in_creation_order` false, each `min_…_tasks_count` equal to its count.", mixerConfigDefaults, mixerConfigShape),
			"dynamic_overlap_config": optionalJSON("Dynamic overlap (incremental relabeling) as a JSON object "+
				"(`{\"type\": \"BASIC\", \"max_overlap\", \"min_confidence\", \"answer_weight_skill_id\", \"fields\"}`). "+
				"Checked at plan time, `max_overlap` above the overlap in `defaults` included.", noJSONDefaults, dynamicOverlapShape),
			"dynamic_pricing_config": optionalJSON("Dynamic pricing by skill as a JSON object "+
				"(`{\"type\": \"SKILL\", \"skill_id\", \"intervals\": [...]}`). Checked at plan time: the skill "+
				"intervals must not overlap.", noJSONDefaults, dynamicPricingShape),
			"speed_quality_balance": speedQualityBalanceAttribute(),
			"training_config":       trainingConfigAttribute(),
			"metadata":              metadataAttribute(),
			"archived": schema.BoolAttribute{
				Description: "Whether the pool is archived. Setting it to true closes the pool if it is open, then " +
					"archives it, waiting for each of Toloka's operations. Toloka cannot unarchive: changing it from " +
					"true to false, or changing anything else on an archived pool, replaces the pool with a new one. " +
					"Toloka also archives pools idle for 30 days by itself; the plan then shows the replacement, and " +
					"setting `archived = true` accepts the change instead.",
				Optional: true, Computed: true,
				Default:       booldefault.StaticBool(false),
				PlanModifiers: []planmodifier.Bool{unarchiveRequiresReplace("pool")},
			},
		}),
	}
}

func optionalString(description string) schema.StringAttribute {
	return schema.StringAttribute{
		Description: description + keptText,
		Optional:    true, Computed: true,
		PlanModifiers: keepStateString,
	}
}

func optionalBool(description string) schema.BoolAttribute {
	return schema.BoolAttribute{
		Description: description + keptText,
		Optional:    true, Computed: true,
		PlanModifiers: keepStateBool,
	}
}

func optionalInt64(description string, lo, hi int64) schema.Int64Attribute {
	return schema.Int64Attribute{
		Description: description + keptText,
		Optional:    true, Computed: true,
		Validators:    []validator.Int64{int64validator.Between(lo, hi)},
		PlanModifiers: keepStateInt64,
	}
}

func optionalJSON(description string, defaults jsonDefaults, shape jsonShapeValidator) schema.StringAttribute {
	return schema.StringAttribute{
		CustomType: jsonObjectType{defaults: defaults},
		Description: description + " Usually written with `jsonencode`; compared semantically, so key order, " +
			"spacing and the spelling of numbers make no diff." + keptText,
		Optional: true, Computed: true,
		Validators:    []validator.String{shape},
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), keepEquivalentJSON{defaults}},
	}
}

func poolDefaultsAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Description: "The overlap (how many Tolokers complete each task) given to tasks uploaded without one.",
		Required:    true,
		Attributes: map[string]schema.Attribute{
			"default_overlap_for_new_task_suites": schema.Int64Attribute{
				Description: "The overlap of task suites uploaded without one (1 to 30000).",
				Required:    true,
				Validators:  []validator.Int64{int64validator.Between(1, 30000)},
			},
			"default_overlap_for_new_tasks": schema.Int64Attribute{
				Description: "The overlap of tasks uploaded without one (1 to 30000)." + keptText,
				Optional:    true, Computed: true,
				Validators:    []validator.Int64{int64validator.Between(1, 30000)},
				PlanModifiers: keepStateInt64,
			},
		},
	}
}

func assignmentsIssuingConfigAttribute() schema.SingleNestedAttribute {
	return keptObject(schema.SingleNestedAttribute{
		Description: "How task suites are given out.",
		Attributes: map[string]schema.Attribute{
			"issue_task_suites_in_creation_order": schema.BoolAttribute{
				Description: "Whether task suites are given out in the order they were uploaded. Defaults to false, " +
					"as Toloka sets it.",
				Optional: true, Computed: true,
				Default: booldefault.StaticBool(false),
			},
		},
	})
}

func speedQualityBalanceAttribute() schema.SingleNestedAttribute {
	return keptObject(schema.SingleNestedAttribute{
		Description: "Limits the pool to the best Tolokers by quality.",
		Attributes: map[string]schema.Attribute{
			"type": schema.StringAttribute{
				Description: "`TOP_PERCENTAGE_BY_QUALITY` (set `percent`) or `BEST_CONCURRENT_USERS_BY_QUALITY` (set `count`).",
				Required:    true,
				Validators:  []validator.String{stringvalidator.OneOf(speedQualityBalanceTypes...)},
			},
			"percent": schema.Int64Attribute{
				Description: "The percentage of Tolokers, best first, who may take tasks: 10, 20, … 100.",
				Optional:    true,
				Validators: []validator.Int64{int64validator.Between(10, 100),
					multipleOfValidator{step: qualityBalancePercentStep}},
			},
			"count": schema.Int64Attribute{
				Description: "The number of Tolokers, best first, who may take tasks at once (0 to 100).",
				Optional:    true,
				Validators:  []validator.Int64{int64validator.Between(0, 100)},
			},
		},
	})
}

func trainingConfigAttribute() schema.SingleNestedAttribute {
	return keptObject(schema.SingleNestedAttribute{
		Description: "Settings of a training pool.",
		Attributes: map[string]schema.Attribute{
			"training_skill_ttl_days": schema.Int64Attribute{
				Description: "How many days the training skill lasts.",
				Optional:    true,
				Validators:  []validator.Int64{int64validator.AtLeast(0)},
			},
		},
	})
}
