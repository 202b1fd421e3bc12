package provider

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/objectvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// A pool's training requirement is the member training_requirement of its
// quality_control in the API. The pool's training_requirement attribute
// holds it too, so that a pool can refer to a toloka_training by a
// reference (the plan shows the dependency and the rest of quality_control
// stays known) and so that it is checked at plan time. A configuration sets
// it in one place or the other; the state keeps it where the configuration
// does, and in training_requirement after an import.

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
			"keeps it in the pool's quality control: set it here or as `training_requirement` in `quality_control`, " +
			"not both." + keptText,
		Optional: true, Computed: true,
		PlanModifiers: []planmodifier.Object{requirementPlan{}},
		// Both members are required, yet computed in the schema: Terraform
		// keeps an object left out of the configuration as the state has it
		// only when none of its members is configuration alone.
		Validators: []validator.Object{
			objectvalidator.AlsoRequires(path.MatchRelative().AtName("training_id"), path.MatchRelative().AtName("passing_skill_value")),
			requirementInOnePlace{},
		},
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

// requirementLeavesQualityControl plans a quality_control left out of the
// configuration without the training requirement when the configuration
// sets training_requirement instead.
func requirementLeavesQualityControl(a schema.StringAttribute) schema.StringAttribute {
	a.PlanModifiers = append(a.PlanModifiers, qualityControlPlan{})
	return a
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

// holdsRequirement tells whether a known quality_control document holds a
// training requirement.
func holdsRequirement(qualityControl jsonObjectValue) bool {
	if !isSet(qualityControl) {
		return false
	}
	members, _ := decodeJSONObject(qualityControl.ValueString())
	return members[trainingRequirementMember] != nil
}

// requirementObject is the training_requirement attribute of a requirement
// Toloka keeps, null for none.
func requirementObject(ctx context.Context, req *trainingRequirementAPI, diags *diag.Diagnostics) types.Object {
	attrTypes := poolAttrTypes("training_requirement")
	if req == nil {
		return types.ObjectNull(attrTypes)
	}
	obj, d := types.ObjectValueFrom(ctx, attrTypes, trainingRequirementModel{
		TrainingID:        types.StringValue(req.TrainingPoolID),
		PassingSkillValue: types.Int64PointerValue(req.TrainingPassingSkillValue),
	})
	diags.Append(d...)
	return obj
}

// splitTrainingRequirement takes the training requirement out of the
// quality_control Toloka sent, as the pool's training_requirement.
func splitTrainingRequirement(ctx context.Context, qualityControl jsonObjectValue, diags *diag.Diagnostics) (jsonObjectValue, types.Object) {
	req, members := trainingRequirementIn([]byte(qualityControl.ValueString()))
	if req == nil {
		return qualityControl, requirementObject(ctx, nil, diags)
	}
	delete(members, trainingRequirementMember)
	rest, err := json.Marshal(members)
	if err != nil {
		diags.AddError("Could not read the pool's quality control", err.Error())
		return qualityControl, requirementObject(ctx, nil, diags)
	}
	return jsonObjectValue{StringValue: types.StringValue(string(rest)), defaults: qualityControl.defaults},
		requirementObject(ctx, req, diags)
}

// keepRequirementWhereConfigured puts the training requirement of state m
// back into quality_control, Toloka's qualityControl, when from (the plan
// or the prior state) keeps it there.
func (m *poolModel) keepRequirementWhereConfigured(from poolModel, qualityControl json.RawMessage) {
	if isSet(from.TrainingRequirement) || !holdsRequirement(from.QualityControl) || m.TrainingRequirement.IsNull() {
		return
	}
	m.QualityControl = newJSONObject(qualityControl, m.QualityControl.defaults)
	m.TrainingRequirement = types.ObjectNull(poolAttrTypes("training_requirement"))
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

// putTrainingRequirement completes the quality_control to send: as
// configured when the configured quality_control holds the requirement,
// else with training_requirement or, left out, kept, Toloka's.
func (m poolModel) putTrainingRequirement(ctx context.Context, qualityControl *json.RawMessage, kept json.RawMessage) diag.Diagnostics {
	var diags diag.Diagnostics
	if holdsRequirement(m.QualityControl) {
		if isSet(m.TrainingRequirement) {
			diags.AddAttributeError(path.Root("training_requirement"), "Training requirement set twice", requirementTwice)
		}
		return diags
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

// requirementTwice says that a pool's training requirement goes in one place.
const requirementTwice = "The pool's training requirement is set both by `training_requirement` and inside " +
	"`quality_control`: keep one. `training_requirement` can refer to a toloka_training."

// requirementInOnePlace refuses a training_requirement configured together
// with a quality_control that holds one.
type requirementInOnePlace struct{}

var _ validator.Object = requirementInOnePlace{}

func (requirementInOnePlace) Description(context.Context) string {
	return "set either training_requirement or quality_control's training_requirement"
}

func (v requirementInOnePlace) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (requirementInOnePlace) ValidateObject(ctx context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	if req.ConfigValue.IsNull() {
		return
	}
	var qc jsonObjectValue
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("quality_control"), &qc)...)
	if holdsRequirement(qc) {
		resp.Diagnostics.AddAttributeError(req.Path, "Training requirement set twice", requirementTwice)
	}
}

// requirementPlan plans a training_requirement left out of the
// configuration: null while quality_control holds the requirement, unknown
// while quality_control is, else the state's, or the one the state kept in
// quality_control when the configured quality_control no longer holds it.
type requirementPlan struct{}

var _ planmodifier.Object = requirementPlan{}

func (requirementPlan) Description(context.Context) string {
	return "keeps the state's training requirement unless quality_control holds one"
}

func (p requirementPlan) MarkdownDescription(ctx context.Context) string { return p.Description(ctx) }

func (requirementPlan) PlanModifyObject(ctx context.Context, req planmodifier.ObjectRequest, resp *planmodifier.ObjectResponse) {
	if !req.ConfigValue.IsNull() {
		return
	}
	var configured, prior jsonObjectValue
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("quality_control"), &configured)...)
	switch {
	case configured.IsUnknown():
		resp.PlanValue = types.ObjectUnknown(req.PlanValue.AttributeTypes(ctx))
	case holdsRequirement(configured):
		resp.PlanValue = types.ObjectNull(req.PlanValue.AttributeTypes(ctx))
	case req.State.Raw.IsNull():
		// A new pool: Toloka's answer tells.
	case !req.StateValue.IsNull() || configured.IsNull():
		resp.PlanValue = req.StateValue
	default:
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("quality_control"), &prior)...)
		kept, _ := trainingRequirementIn([]byte(prior.ValueString()))
		resp.PlanValue = requirementObject(ctx, kept, &resp.Diagnostics)
	}
}

// qualityControlPlan plans a quality_control left out of the configuration
// as the state's without its training requirement when the configuration
// sets training_requirement instead.
type qualityControlPlan struct{}

var _ planmodifier.String = qualityControlPlan{}

func (qualityControlPlan) Description(context.Context) string {
	return "leaves the training requirement to training_requirement when that is configured"
}

func (p qualityControlPlan) MarkdownDescription(ctx context.Context) string {
	return p.Description(ctx)
}

func (qualityControlPlan) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !req.ConfigValue.IsNull() || req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var requirement types.Object
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("training_requirement"), &requirement)...)
	planned := jsonObjectValue{StringValue: resp.PlanValue}
	if requirement.IsNull() || !holdsRequirement(planned) {
		return
	}
	if requirement.IsUnknown() {
		resp.PlanValue = types.StringUnknown()
		return
	}
	rest, _ := splitTrainingRequirement(ctx, planned, &resp.Diagnostics)
	resp.PlanValue = rest.StringValue
}
