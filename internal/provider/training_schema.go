package provider

import (
	"context"
	"math"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

func trainingSchema(ctx context.Context) schema.Schema {
	return schema.Schema{
		Description: "A Toloka training: a pool of unpaid tasks with hints that Tolokers complete to be admitted to " +
			"the main pools that require it (a `toloka_pool`'s `training_requirement`). Toloka creates trainings " +
			"closed; opening one (after uploading its tasks) is done outside Terraform. An open training is closed " +
			"for update, changed and reopened when its settings change. Toloka cannot delete trainings: destroying " +
			"this resource closes the training if it is open and archives it, which Toloka allows only once every " +
			"main pool that requires the training is archived.",
		Attributes: withOpenableStatus(ctx, "training", map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Description:   "The training ID assigned by Toloka; a pool's `training_requirement` refers to it.",
				Computed:      true,
				PlanModifiers: keepStateString,
			},
			"project_id": schema.StringAttribute{
				Description:   "The ID of the project the training belongs to. Changing it replaces the training.",
				Required:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"private_name": schema.StringAttribute{
				Description: "The training name only the requester sees.",
				Required:    true,
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"inherited_instructions": schema.BoolAttribute{
				Description: "Whether Tolokers see the project's instructions (true) or `public_instructions` (false).",
				Required:    true,
			},
			"public_instructions": optionalString("The training's own instructions for Tolokers, in HTML, shown " +
				"when `inherited_instructions` is false."),
			"may_contain_adult_content": optionalBool("Whether the tasks may contain adult content. " +
				"Toloka sets false when the training is created without it."),
			"assignment_max_duration_seconds": optionalInt64("The time a Toloker has to complete a task suite, in "+
				"seconds (at least 5).", 5, math.MaxInt32),
			"mix_tasks_in_creation_order": optionalBool("Whether tasks are grouped into task suites in the order " +
				"they were uploaded (true) or at random (false). Toloka sets true when the training is created without it."),
			"shuffle_tasks_in_task_suite": optionalBool("Whether the tasks of a suite are shown in random order " +
				"(true) or in their upload order (false). Toloka sets true when the training is created without it."),
			"training_tasks_in_task_suite_count": schema.Int64Attribute{
				Description: "The number of training tasks in a task suite (0 to 500).",
				Required:    true,
				Validators:  []validator.Int64{int64validator.Between(0, 500)},
			},
			"task_suites_required_to_pass": optionalInt64("The number of task suites a Toloker must complete to "+
				"pass the training and be admitted to the main pools (0 to 500).", 0, 500),
			"retry_training_after_days": optionalInt64("The number of days after which a Toloker who failed the "+
				"training may take it again (at least 1).", 1, math.MaxInt64),
			"metadata": metadataAttribute(),
			"archived": schema.BoolAttribute{
				Description: "Whether the training is archived. Setting it to true closes the training if it is open, " +
					"then archives it, waiting for each of Toloka's operations. Toloka archives a training only once " +
					"every main pool that requires it is archived: the plan warns, naming those pools, and the apply " +
					"fails naming them if they are not archived by then. Toloka cannot unarchive: changing it from " +
					"true to false, or changing anything else on an archived training, replaces the training with a " +
					"new one. Toloka also archives trainings idle for 30 days by itself; the plan then shows the " +
					"replacement, and setting `archived = true` accepts the change instead.",
				Optional: true, Computed: true,
				Default:       booldefault.StaticBool(false),
				PlanModifiers: []planmodifier.Bool{unarchiveRequiresReplace("training")},
			},
		}),
	}
}
