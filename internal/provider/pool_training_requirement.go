package provider

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A pool's training requirement is the member training_requirement of its
// quality_control in the API. The pool's training_requirement attribute
// holds it too, so that a pool can refer to a toloka_training by a
// reference (the plan shows the dependency and the rest of quality_control
// stays known) and so that it is checked at plan time. A configuration sets
// it in one place or the other. The state's training_requirement is always
// Toloka's; its quality_control is Toloka's document, spelled without the
// requirement while the configuration leaves it to training_requirement, and
// a quality_control that differs from the state's only by holding the
// requirement the state has, or not, plans no change.

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
	return keptObject(schema.SingleNestedAttribute{
		Description: "The training Tolokers must pass to be admitted to the pool, usually a reference to a " +
			"`toloka_training` of the pool's project, so that a pool and its training are made in one apply. Toloka " +
			"keeps it in the pool's quality control: set it here or as `training_requirement` in `quality_control`, " +
			"not both; this attribute shows it either way.",
		PlanModifiers: []planmodifier.Object{requirementPlan{}},
		Validators:    []validator.Object{requirementInOnePlace{}},
		Attributes: map[string]schema.Attribute{
			"training_id": schema.StringAttribute{
				Description: "The ID of the training, such as `toloka_training.qualification.id`.",
				Required:    true,
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"passing_skill_value": schema.Int64Attribute{
				Description: "The percentage of correct answers in the training's tasks (0 to 100) a Toloker needs " +
					"to be admitted; only a Toloker's first answer to each task counts.",
				Required:   true,
				Validators: []validator.Int64{int64validator.Between(0, 100)},
			},
		},
	})
}

// plansRequirement adds to the pool's quality_control the planning of the
// training requirement it may hold (qualityControlPlan).
func plansRequirement(a schema.StringAttribute) schema.StringAttribute {
	a.PlanModifiers = append(slices.Clip(a.PlanModifiers), qualityControlPlan{})
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
func requirementObject(req *trainingRequirementAPI, diags *diag.Diagnostics) types.Object {
	attrTypes := poolAttrTypes("training_requirement")
	if req == nil {
		return types.ObjectNull(attrTypes)
	}
	obj, d := objectValueOf(attrTypes, trainingRequirementModel{
		TrainingID:        types.StringValue(req.TrainingPoolID),
		PassingSkillValue: types.Int64PointerValue(req.TrainingPassingSkillValue),
	})
	diags.Append(d...)
	return obj
}

// requirementOf is the training_requirement attribute of Toloka's
// quality_control document.
func requirementOf(qualityControl json.RawMessage, diags *diag.Diagnostics) types.Object {
	req, _ := trainingRequirementIn(qualityControl)
	return requirementObject(req, diags)
}

// withoutRequirement splits a quality_control document into the rest and
// its training requirement, nil when it holds none.
func withoutRequirement(qualityControl jsonObjectValue) (jsonObjectValue, *trainingRequirementAPI) {
	req, members := trainingRequirementIn([]byte(qualityControl.ValueString()))
	if req == nil {
		return qualityControl, nil
	}
	delete(members, trainingRequirementMember)
	rest, err := json.Marshal(members)
	if err != nil {
		return qualityControl, nil
	}
	return jsonObjectValue{StringValue: types.StringValue(string(rest)), defaults: qualityControl.defaults}, req
}

// sameRest tells whether two quality_control documents are the same but
// for their training requirements.
func sameRest(ctx context.Context, a, b jsonObjectValue) bool {
	restA, _ := withoutRequirement(a)
	restB, _ := withoutRequirement(b)
	same, _ := restA.StringSemanticEquals(ctx, restB)
	return same
}

// keepRequirementSpelling keeps from's quality_control (the plan's or the
// prior state's) when it leaves out the requirement Toloka's holds and is
// otherwise the same.
func (m *poolModel) keepRequirementSpelling(ctx context.Context, from poolModel) {
	if !isSet(from.QualityControl) || holdsRequirement(from.QualityControl) || !holdsRequirement(m.QualityControl) {
		return
	}
	if sameRest(ctx, from.QualityControl, m.QualityControl) {
		m.QualityControl = from.QualityControl
	}
}

// takeTrainingRequirement removes the training requirement from Toloka's
// quality_control and returns it, so that a configured quality_control
// that leaves it out is compared with the rest; one that holds it is
// compared with the whole.
func (m poolModel) takeTrainingRequirement(qualityControl *json.RawMessage) json.RawMessage {
	if holdsRequirement(m.QualityControl) {
		return nil
	}
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

// putTrainingRequirement completes the quality_control to send: as planned
// when the planned quality_control holds the requirement (a
// training_requirement planned beside it must be the same), else with
// training_requirement or, left out, kept, Toloka's.
func (m poolModel) putTrainingRequirement(qualityControl *json.RawMessage, kept json.RawMessage) diag.Diagnostics {
	var diags diag.Diagnostics
	if holdsRequirement(m.QualityControl) {
		_, held := withoutRequirement(m.QualityControl)
		if isSet(m.TrainingRequirement) && !requirementObject(held, &diags).Equal(m.TrainingRequirement) {
			diags.AddAttributeError(path.Root("training_requirement"), "Training requirement set twice", requirementTwice)
		}
		return diags
	}
	requirement := kept
	if isSet(m.TrainingRequirement) {
		var r trainingRequirementModel
		diags.Append(objectInto(m.TrainingRequirement, &r, false)...)
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
// configuration: the one quality_control holds, unknown while
// quality_control is, else the state's.
type requirementPlan struct{}

var _ planmodifier.Object = requirementPlan{}

func (requirementPlan) Description(context.Context) string {
	return "the requirement quality_control holds, else the state's"
}

func (p requirementPlan) MarkdownDescription(ctx context.Context) string { return p.Description(ctx) }

func (requirementPlan) PlanModifyObject(ctx context.Context, req planmodifier.ObjectRequest, resp *planmodifier.ObjectResponse) {
	if !req.ConfigValue.IsNull() {
		return
	}
	var configured jsonObjectValue
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("quality_control"), &configured)...)
	switch {
	case configured.IsUnknown():
		resp.PlanValue = types.ObjectUnknown(req.PlanValue.AttributeTypes(ctx))
	case holdsRequirement(configured):
		_, held := withoutRequirement(configured)
		resp.PlanValue = requirementObject(held, &resp.Diagnostics)
	case !req.State.Raw.IsNull():
		resp.PlanValue = req.StateValue
	}
}

// qualityControlPlan plans the state's quality_control when the configured
// one differs from it only by holding, or not, the requirement that stays
// in effect; and, left out, the state's with the requirement that
// training_requirement sets.
type qualityControlPlan struct{}

var _ planmodifier.String = qualityControlPlan{}

func (qualityControlPlan) Description(context.Context) string {
	return "no change for the training requirement written in the other place"
}

func (p qualityControlPlan) MarkdownDescription(ctx context.Context) string {
	return p.Description(ctx)
}

func (qualityControlPlan) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var configured, state jsonObjectValue
	var configuredReq, stateReq types.Object
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, req.Path, &configured)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, req.Path, &state)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("training_requirement"), &configuredReq)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("training_requirement"), &stateReq)...)
	planned := jsonObjectValue{StringValue: resp.PlanValue, defaults: state.defaults}
	if configuredReq.IsUnknown() || !configuredReq.IsNull() && !isFullyKnown(configuredReq) {
		if configured.IsNull() && holdsRequirement(planned) {
			resp.PlanValue = types.StringUnknown()
		}
		return
	}
	// The requirement in effect after the apply.
	effective := configuredReq
	if effective.IsNull() {
		effective = stateReq
	}
	if configured.IsNull() {
		resp.PlanValue = withRequirement(planned, effective, &resp.Diagnostics).StringValue
		return
	}
	if holdsRequirement(configured) == holdsRequirement(state) || !sameRest(ctx, configured, state) {
		return
	}
	if _, held := withoutRequirement(configured); held != nil {
		effective = requirementObject(held, &resp.Diagnostics)
	}
	if effective.Equal(stateReq) {
		resp.PlanValue = req.StateValue
	}
}

// withRequirement is a quality_control that holds a requirement with
// that requirement replaced by req; one that holds none is left alone.
func withRequirement(qualityControl jsonObjectValue, req types.Object, diags *diag.Diagnostics) jsonObjectValue {
	_, held := withoutRequirement(qualityControl)
	if held == nil || req.IsNull() || requirementObject(held, diags).Equal(req) {
		return qualityControl
	}
	var r trainingRequirementModel
	diags.Append(objectInto(req, &r, false)...)
	raw, _ := json.Marshal(trainingRequirementAPI{TrainingPoolID: r.TrainingID.ValueString(), TrainingPassingSkillValue: r.PassingSkillValue.ValueInt64Pointer()})
	_, members := trainingRequirementIn([]byte(qualityControl.ValueString()))
	members[trainingRequirementMember] = raw
	text, _ := json.Marshal(members)
	return jsonObjectValue{StringValue: types.StringValue(string(text)), defaults: qualityControl.defaults}
}

// isFullyKnown tells whether an object and all its members are known.
func isFullyKnown(obj types.Object) bool {
	for _, v := range obj.Attributes() {
		if v.IsUnknown() {
			return false
		}
	}
	return !obj.IsUnknown()
}
