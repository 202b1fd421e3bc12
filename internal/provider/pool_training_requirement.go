package provider

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/objectvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// A pool's training requirement is the member training_requirement of its
// quality_control in the API. The provider shows it as an attribute of its
// own, so that a pool can refer to a toloka_training by a reference (the
// plan shows the dependency, and the rest of quality_control stays known)
// and so that it is checked at plan time.

// trainingRequirementMember is the member of quality_control that names the
// training.
const trainingRequirementMember = "training_requirement"

// trainingRequirementModel is the pool's training_requirement attribute.
type trainingRequirementModel struct {
	TrainingID        types.String `tfsdk:"training_id"`
	PassingSkillValue types.Int64  `tfsdk:"passing_skill_value"`
}

// trainingRequirementAPI is the member as the API spells it.
type trainingRequirementAPI struct {
	TrainingPoolID            string `json:"training_pool_id"`
	TrainingPassingSkillValue *int64 `json:"training_passing_skill_value,omitempty"`
}

func trainingRequirementAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Description: "The training Tolokers must pass to be admitted to the pool, usually a reference to a " +
			"`toloka_training` of the pool's project, so that a pool and its training are made in one apply. Toloka " +
			"keeps it in the pool's quality control, whose `quality_control` attribute therefore leaves it out." + keptText,
		Optional: true, Computed: true,
		PlanModifiers: keepStateObject,
		// Both members are required, yet computed in the schema: Terraform
		// keeps an object left out of the configuration as the state has it
		// only when none of its members is configuration alone.
		Validators: []validator.Object{objectvalidator.AlsoRequires(
			path.MatchRelative().AtName("training_id"), path.MatchRelative().AtName("passing_skill_value"))},
		Attributes: map[string]schema.Attribute{
			"training_id": schema.StringAttribute{
				Description: "The ID of the training, such as `toloka_training.qualification.id`. Required.",
				Optional:    true, Computed: true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"passing_skill_value": schema.Int64Attribute{
				Description: "The percentage of correct answers in the training's tasks (0 to 100) a Toloker needs " +
					"to be admitted; only a Toloker's first answer to each task counts. Required.",
				Optional: true, Computed: true,
				Validators: []validator.Int64{int64validator.Between(0, 100)},
			},
		},
	}
}

// requiredTraining is the ID of the training a pool's quality_control
// requires, or "".
func requiredTraining(qualityControl json.RawMessage) string {
	req, _ := trainingRequirementIn(qualityControl)
	if req == nil {
		return ""
	}
	return req.TrainingPoolID
}

// trainingRequirementIn decodes the requirement in a quality_control
// document; nil when there is none or it has another shape, which then
// stays in the document.
func trainingRequirementIn(qualityControl json.RawMessage) (*trainingRequirementAPI, map[string]json.RawMessage) {
	var members map[string]json.RawMessage
	if len(qualityControl) == 0 || json.Unmarshal(qualityControl, &members) != nil {
		return nil, nil
	}
	raw, ok := members[trainingRequirementMember]
	var req trainingRequirementAPI
	if !ok || json.Unmarshal(raw, &req) != nil || req.TrainingPoolID == "" {
		return nil, members
	}
	return &req, members
}

// splitTrainingRequirement takes the training requirement out of the
// quality_control Toloka sent, as the pool's training_requirement.
func splitTrainingRequirement(ctx context.Context, qualityControl jsonObjectValue, diags *diag.Diagnostics) (jsonObjectValue, types.Object) {
	attrTypes := poolAttrTypes("training_requirement")
	req, members := trainingRequirementIn([]byte(qualityControl.ValueString()))
	if req == nil {
		return qualityControl, types.ObjectNull(attrTypes)
	}
	delete(members, trainingRequirementMember)
	rest, err := json.Marshal(members)
	if err != nil {
		diags.AddError("Could not read the pool's quality control", err.Error())
		return qualityControl, types.ObjectNull(attrTypes)
	}
	obj, d := types.ObjectValueFrom(ctx, attrTypes, trainingRequirementModel{
		TrainingID:        types.StringValue(req.TrainingPoolID),
		PassingSkillValue: types.Int64PointerValue(req.TrainingPassingSkillValue),
	})
	diags.Append(d...)
	return jsonObjectValue{StringValue: types.StringValue(string(rest)), defaults: qualityControl.defaults}, obj
}

// takeTrainingRequirement removes the training requirement from Toloka's
// quality_control and returns it, so that the configured quality_control is
// compared with the rest.
func takeTrainingRequirement(qualityControl *json.RawMessage) json.RawMessage {
	req, members := trainingRequirementIn(*qualityControl)
	if req == nil {
		return nil
	}
	taken := members[trainingRequirementMember]
	delete(members, trainingRequirementMember)
	if rest, err := json.Marshal(members); err == nil {
		*qualityControl = rest
	}
	return taken
}

// putTrainingRequirement writes the training requirement into the
// quality_control to send: the configured one, or else kept, Toloka's.
func (m poolModel) putTrainingRequirement(ctx context.Context, qualityControl *json.RawMessage, kept json.RawMessage) diag.Diagnostics {
	var diags diag.Diagnostics
	if isSet(m.QualityControl) {
		if members, _ := decodeJSONObject(m.QualityControl.ValueString()); members[trainingRequirementMember] != nil {
			diags.AddAttributeError(path.Root("quality_control"), "Training requirement in quality_control", trainingRequirementMisplaced)
			return diags
		}
	}
	requirement := kept
	if isSet(m.TrainingRequirement) {
		var r trainingRequirementModel
		diags.Append(m.TrainingRequirement.As(ctx, &r, basetypes.ObjectAsOptions{})...)
		raw, err := json.Marshal(trainingRequirementAPI{
			TrainingPoolID: r.TrainingID.ValueString(), TrainingPassingSkillValue: r.PassingSkillValue.ValueInt64Pointer(),
		})
		if err != nil {
			diags.AddError("Could not write the pool's training requirement", err.Error())
			return diags
		}
		requirement = raw
	}
	if requirement == nil {
		return diags
	}
	members := map[string]json.RawMessage{}
	if len(*qualityControl) > 0 {
		if err := json.Unmarshal(*qualityControl, &members); err != nil {
			diags.AddAttributeError(path.Root("quality_control"), "Invalid quality_control", err.Error())
			return diags
		}
	}
	members[trainingRequirementMember] = requirement
	raw, err := json.Marshal(members)
	if err != nil {
		diags.AddError("Could not write the pool's training requirement", err.Error())
		return diags
	}
	*qualityControl = raw
	return diags
}

// trainingRequirementMisplaced says where a pool's training requirement goes.
const trainingRequirementMisplaced = "Set the pool's training requirement with its `training_requirement` attribute " +
	"(`training_id`, `passing_skill_value`), which can refer to a toloka_training, rather than inside " +
	"quality_control: the provider writes it into Toloka's quality control itself."

// withoutTrainingRequirement refuses a quality_control that holds the
// training requirement, which has an attribute of its own.
func withoutTrainingRequirement(a schema.StringAttribute) schema.StringAttribute {
	a.Validators = append(a.Validators, noTrainingRequirementMember{})
	return a
}

type noTrainingRequirementMember struct{}

var _ validator.String = noTrainingRequirementMember{}

func (noTrainingRequirementMember) Description(context.Context) string {
	return "quality_control leaves out " + trainingRequirementMember
}

func (v noTrainingRequirementMember) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (noTrainingRequirementMember) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !isSet(req.ConfigValue) {
		return
	}
	if members, err := decodeJSONObject(req.ConfigValue.ValueString()); err == nil && members[trainingRequirementMember] != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Training requirement in quality_control",
			fmt.Sprintf("%s holds %s. %s", req.Path, trainingRequirementMember, trainingRequirementMisplaced))
	}
}
