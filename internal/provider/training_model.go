package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// trainingModel is the Terraform side of a toloka_training.
type trainingModel struct {
	ID                            types.String   `tfsdk:"id"`
	ProjectID                     types.String   `tfsdk:"project_id"`
	PrivateName                   types.String   `tfsdk:"private_name"`
	InheritedInstructions         types.Bool     `tfsdk:"inherited_instructions"`
	PublicInstructions            types.String   `tfsdk:"public_instructions"`
	MayContainAdultContent        types.Bool     `tfsdk:"may_contain_adult_content"`
	AssignmentMaxDurationSeconds  types.Int64    `tfsdk:"assignment_max_duration_seconds"`
	MixTasksInCreationOrder       types.Bool     `tfsdk:"mix_tasks_in_creation_order"`
	ShuffleTasksInTaskSuite       types.Bool     `tfsdk:"shuffle_tasks_in_task_suite"`
	TrainingTasksInTaskSuiteCount types.Int64    `tfsdk:"training_tasks_in_task_suite_count"`
	TaskSuitesRequiredToPass      types.Int64    `tfsdk:"task_suites_required_to_pass"`
	RetryTrainingAfterDays        types.Int64    `tfsdk:"retry_training_after_days"`
	Metadata                      types.Map      `tfsdk:"metadata"`
	Archived                      types.Bool     `tfsdk:"archived"`
	Status                        types.String   `tfsdk:"status"`
	LastCloseReason               types.String   `tfsdk:"last_close_reason"`
	Created                       types.String   `tfsdk:"created"`
	LastStarted                   types.String   `tfsdk:"last_started"`
	LastStopped                   types.String   `tfsdk:"last_stopped"`
	Timeouts                      timeouts.Value `tfsdk:"timeouts"`
}

// applyTo writes the configured attributes onto t, which holds what Toloka
// has. Attributes that are null or unknown leave Toloka's value untouched.
func (m trainingModel) applyTo(ctx context.Context, t *toloka.Training) diag.Diagnostics {
	var diags diag.Diagnostics
	t.ProjectID = m.ProjectID.ValueString()
	t.PrivateName = m.PrivateName.ValueString()
	t.InheritedInstructions = m.InheritedInstructions.ValueBool()
	t.TrainingTasksInTaskSuiteCount = m.TrainingTasksInTaskSuiteCount.ValueInt64()
	setIfKnown(&t.PublicInstructions, m.PublicInstructions.ValueStringPointer(), m.PublicInstructions)
	setIfKnown(&t.MayContainAdultContent, m.MayContainAdultContent.ValueBoolPointer(), m.MayContainAdultContent)
	setIfKnown(&t.AssignmentMaxDurationSeconds, m.AssignmentMaxDurationSeconds.ValueInt64Pointer(), m.AssignmentMaxDurationSeconds)
	setIfKnown(&t.MixTasksInCreationOrder, m.MixTasksInCreationOrder.ValueBoolPointer(), m.MixTasksInCreationOrder)
	setIfKnown(&t.ShuffleTasksInTaskSuite, m.ShuffleTasksInTaskSuite.ValueBoolPointer(), m.ShuffleTasksInTaskSuite)
	setIfKnown(&t.TaskSuitesRequiredToPass, m.TaskSuitesRequiredToPass.ValueInt64Pointer(), m.TaskSuitesRequiredToPass)
	setIfKnown(&t.RetryTrainingAfterDays, m.RetryTrainingAfterDays.ValueInt64Pointer(), m.RetryTrainingAfterDays)
	metadataToAPI(ctx, m.Metadata, &t.Metadata, &diags)
	return diags
}

// trainingModelFrom describes a Toloka training as Terraform state. The
// timeouts are not Toloka's and are left for the caller to carry over.
func trainingModelFrom(ctx context.Context, t *toloka.Training) (trainingModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	m := trainingModel{
		ID:                            types.StringValue(t.ID),
		ProjectID:                     types.StringValue(t.ProjectID),
		PrivateName:                   types.StringValue(t.PrivateName),
		InheritedInstructions:         types.BoolValue(t.InheritedInstructions),
		PublicInstructions:            types.StringPointerValue(t.PublicInstructions),
		MayContainAdultContent:        types.BoolPointerValue(t.MayContainAdultContent),
		AssignmentMaxDurationSeconds:  types.Int64PointerValue(t.AssignmentMaxDurationSeconds),
		MixTasksInCreationOrder:       types.BoolPointerValue(t.MixTasksInCreationOrder),
		ShuffleTasksInTaskSuite:       types.BoolPointerValue(t.ShuffleTasksInTaskSuite),
		TrainingTasksInTaskSuiteCount: types.Int64Value(t.TrainingTasksInTaskSuiteCount),
		TaskSuitesRequiredToPass:      types.Int64PointerValue(t.TaskSuitesRequiredToPass),
		RetryTrainingAfterDays:        types.Int64PointerValue(t.RetryTrainingAfterDays),
		Metadata:                      metadataFromAPI(ctx, t.Metadata, &diags),
		Archived:                      types.BoolValue(t.Status == statusArchived),
		Status:                        types.StringValue(t.Status),
		LastCloseReason:               optionalText(t.LastCloseReason),
		Created:                       newTimestamp(t.Created).StringValue,
		LastStarted:                   newTimestamp(t.LastStarted).StringValue,
		LastStopped:                   newTimestamp(t.LastStopped).StringValue,
	}
	return m, diags
}
