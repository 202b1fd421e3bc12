package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// NewTrainingResource returns the toloka_training resource.
func NewTrainingResource() resource.Resource {
	return &objectResource[toloka.Training, trainingModel]{kind: &trainingKind}
}

// trainingActions are the operations that open, close and archive a
// training. Closing for update is a TRAINING.CLOSE.
var trainingActions = openableActions{
	kind:                  "training",
	param:                 "training_id",
	open:                  (*toloka.Client).OpenTraining,
	close:                 (*toloka.Client).CloseTraining,
	closeForUpdate:        (*toloka.Client).CloseTrainingForUpdate,
	archive:               (*toloka.Client).ArchiveTraining,
	operationTypes:        []string{toloka.OperationTrainingClose, toloka.OperationTrainingArchive, toloka.OperationTrainingOpen},
	busyCode:              toloka.CodePoolLocked,
	explainArchiveRefusal: explainTrainingArchiveRefusal,
}

// trainingKind: a training is a training pool, with a pool's lifecycle:
// created closed, edited only closed (an open one is closed for update,
// edited and reopened), archived rather than deleted, and only once the main
// pools that require it are archived.
var trainingKind = objectKind[toloka.Training, trainingModel]{
	name:   "training",
	schema: trainingSchema,
	create: (*toloka.Client).CreateTraining,
	get:    (*toloka.Client).GetTraining,
	put:    (*toloka.Client).UpdateTraining,
	id:     func(t *toloka.Training) string { return t.ID },
	toAPI:  trainingModel.applyTo,
	stateFrom: func(ctx context.Context, t *toloka.Training, from trainingModel) (trainingModel, diag.Diagnostics) {
		m, diags := trainingModelFrom(ctx, t)
		m.Timeouts = from.Timeouts
		return m, diags
	},
	archive: openableArchiving[toloka.Training, trainingModel](trainingActions,
		func(t *toloka.Training) (string, string) { return t.ID, t.Status }),
	validate:   validateTrainingConfig,
	modifyPlan: warnOfRequiringPools,
}

// validateTrainingConfig warns of instructions Tolokers will not see.
func validateTrainingConfig(ctx context.Context, _ trainingModel, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var inherited types.Bool
	var instructions types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("inherited_instructions"), &inherited)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("public_instructions"), &instructions)...)
	if inherited.ValueBool() && isSet(instructions) {
		resp.Diagnostics.AddAttributeWarning(path.Root("public_instructions"), "Instructions Tolokers will not see",
			"inherited_instructions is true, so Tolokers see the project's instructions, not public_instructions. "+
				"Set inherited_instructions to false to show these instead.")
	}
}
