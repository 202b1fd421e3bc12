package provider

import (
	"context"
	"encoding/json"
	"maps"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// poolModel is the Terraform side of a toloka_pool.
type poolModel struct {
	ID                                 types.String    `tfsdk:"id"`
	ProjectID                          types.String    `tfsdk:"project_id"`
	PrivateName                        types.String    `tfsdk:"private_name"`
	PrivateComment                     types.String    `tfsdk:"private_comment"`
	PublicDescription                  types.String    `tfsdk:"public_description"`
	PublicInstructions                 types.String    `tfsdk:"public_instructions"`
	RewardPerAssignment                types.Float64   `tfsdk:"reward_per_assignment"`
	AssignmentMaxDurationSeconds       types.Int64     `tfsdk:"assignment_max_duration_seconds"`
	WillExpire                         timestampValue  `tfsdk:"will_expire"`
	Defaults                           types.Object    `tfsdk:"defaults"`
	MayContainAdultContent             types.Bool      `tfsdk:"may_contain_adult_content"`
	AutoAcceptSolutions                types.Bool      `tfsdk:"auto_accept_solutions"`
	AutoAcceptPeriodDay                types.Int64     `tfsdk:"auto_accept_period_day"`
	AutoCloseAfterCompleteDelaySeconds types.Int64     `tfsdk:"auto_close_after_complete_delay_seconds"`
	AssignmentsIssuingConfig           types.Object    `tfsdk:"assignments_issuing_config"`
	Priority                           types.Int64     `tfsdk:"priority"`
	Filter                             jsonObjectValue `tfsdk:"filter"`
	QualityControl                     jsonObjectValue `tfsdk:"quality_control"`
	TrainingRequirement                types.Object    `tfsdk:"training_requirement"`
	MixerConfig                        jsonObjectValue `tfsdk:"mixer_config"`
	DynamicOverlapConfig               jsonObjectValue `tfsdk:"dynamic_overlap_config"`
	DynamicPricingConfig               jsonObjectValue `tfsdk:"dynamic_pricing_config"`
	SpeedQualityBalance                types.Object    `tfsdk:"speed_quality_balance"`
	TrainingConfig                     types.Object    `tfsdk:"training_config"`
	Metadata                           types.Map       `tfsdk:"metadata"`
	Archived                           types.Bool      `tfsdk:"archived"`
	Status                             types.String    `tfsdk:"status"`
	LastCloseReason                    types.String    `tfsdk:"last_close_reason"`
	Created                            types.String    `tfsdk:"created"`
	LastStarted                        types.String    `tfsdk:"last_started"`
	LastStopped                        types.String    `tfsdk:"last_stopped"`
	Timeouts                           timeouts.Value  `tfsdk:"timeouts"`
}

type poolDefaultsModel struct {
	DefaultOverlapForNewTaskSuites types.Int64 `tfsdk:"default_overlap_for_new_task_suites"`
	DefaultOverlapForNewTasks      types.Int64 `tfsdk:"default_overlap_for_new_tasks"`
}

type issuingConfigModel struct {
	IssueTaskSuitesInCreationOrder types.Bool `tfsdk:"issue_task_suites_in_creation_order"`
}

type speedQualityBalanceModel struct {
	Type    types.String `tfsdk:"type"`
	Percent types.Int64  `tfsdk:"percent"`
	Count   types.Int64  `tfsdk:"count"`
}

type trainingConfigModel struct {
	TrainingSkillTTLDays types.Int64 `tfsdk:"training_skill_ttl_days"`
}

// jsonAttributes are the free-form JSON attributes of a pool.
// poolJSONAttribute is one free-form JSON attribute of a pool: where the
// model and the API object keep it, and the values Toloka fills into it.
type poolJSONAttribute struct {
	model    *jsonObjectValue
	api      *json.RawMessage
	defaults jsonDefaults
}

func (m *poolModel) jsonAttributes(p *toloka.Pool) map[string]poolJSONAttribute {
	return map[string]poolJSONAttribute{
		"filter":                 {&m.Filter, &p.Filter, noJSONDefaults},
		"quality_control":        {&m.QualityControl, &p.QualityControl, poolQualityControlDefaults},
		"mixer_config":           {&m.MixerConfig, &p.MixerConfig, mixerConfigDefaults},
		"dynamic_overlap_config": {&m.DynamicOverlapConfig, &p.DynamicOverlapConfig, noJSONDefaults},
		"dynamic_pricing_config": {&m.DynamicPricingConfig, &p.DynamicPricingConfig, noJSONDefaults},
	}
}

// applyTo writes the configured attributes onto p, which holds what Toloka
// has. Attributes that are null or unknown leave Toloka's value untouched.
func (m poolModel) applyTo(ctx context.Context, p *toloka.Pool) diag.Diagnostics {
	var diags diag.Diagnostics
	p.ProjectID = m.ProjectID.ValueString()
	p.PrivateName = m.PrivateName.ValueString()
	setIfKnown(&p.PrivateComment, m.PrivateComment.ValueStringPointer(), m.PrivateComment)
	setIfKnown(&p.PublicDescription, m.PublicDescription.ValueStringPointer(), m.PublicDescription)
	setIfKnown(&p.PublicInstructions, m.PublicInstructions.ValueStringPointer(), m.PublicInstructions)
	setIfKnown(&p.RewardPerAssignment, m.RewardPerAssignment.ValueFloat64Pointer(), m.RewardPerAssignment)
	setIfKnown(&p.AssignmentMaxDurationSeconds, m.AssignmentMaxDurationSeconds.ValueInt64Pointer(), m.AssignmentMaxDurationSeconds)
	setIfKnown(&p.MayContainAdultContent, m.MayContainAdultContent.ValueBoolPointer(), m.MayContainAdultContent)
	setIfKnown(&p.AutoAcceptSolutions, m.AutoAcceptSolutions.ValueBoolPointer(), m.AutoAcceptSolutions)
	setIfKnown(&p.AutoAcceptPeriodDay, m.AutoAcceptPeriodDay.ValueInt64Pointer(), m.AutoAcceptPeriodDay)
	setIfKnown(&p.AutoCloseAfterCompleteDelaySeconds, m.AutoCloseAfterCompleteDelaySeconds.ValueInt64Pointer(), m.AutoCloseAfterCompleteDelaySeconds)
	setIfKnown(&p.Priority, m.Priority.ValueInt64Pointer(), m.Priority)
	diags.Append(applyTimestamp(m.WillExpire, path.Root("will_expire"), &p.WillExpire)...)
	kept := m.takeTrainingRequirement(&p.QualityControl)
	for _, a := range m.jsonAttributes(p) {
		if isSet(*a.model) {
			*a.api = rawUnlessEquivalent(ctx, *a.model, *a.api)
		}
	}
	diags.Append(m.putTrainingRequirement(&p.QualityControl, kept)...)
	if isSet(m.Metadata) {
		p.Metadata = map[string][]string{}
		diags.Append(m.Metadata.ElementsAs(ctx, &p.Metadata, false)...)
	}
	diags.Append(m.applyDefaults(p)...)
	diags.Append(m.applyNestedObjects(p)...)
	return diags
}

func (m poolModel) applyDefaults(p *toloka.Pool) diag.Diagnostics {
	if !isSet(m.Defaults) {
		return nil
	}
	var d poolDefaultsModel
	diags := objectInto(m.Defaults, &d, false)
	out := &toloka.PoolDefaults{}
	if p.Defaults != nil {
		*out = *p.Defaults
	}
	out.DefaultOverlapForNewTaskSuites = d.DefaultOverlapForNewTaskSuites.ValueInt64Pointer()
	setIfKnown(&out.DefaultOverlapForNewTasks, d.DefaultOverlapForNewTasks.ValueInt64Pointer(), d.DefaultOverlapForNewTasks)
	p.Defaults = out
	return diags
}

// applyNestedObjects writes the small typed objects, keeping the members of
// Toloka's that the provider does not model.
func (m poolModel) applyNestedObjects(p *toloka.Pool) diag.Diagnostics {
	var diags diag.Diagnostics
	if isSet(m.AssignmentsIssuingConfig) {
		var c issuingConfigModel
		diags.Append(objectInto(m.AssignmentsIssuingConfig, &c, false)...)
		out := &toloka.AssignmentsIssuingConfig{IssueTaskSuitesInCreationOrder: c.IssueTaskSuitesInCreationOrder.ValueBoolPointer()}
		if p.AssignmentsIssuingConfig != nil {
			out.Extra = p.AssignmentsIssuingConfig.Extra
		}
		p.AssignmentsIssuingConfig = out
	}
	if isSet(m.SpeedQualityBalance) {
		var b speedQualityBalanceModel
		diags.Append(objectInto(m.SpeedQualityBalance, &b, false)...)
		out := &toloka.SpeedQualityBalance{Type: b.Type.ValueString(), Percent: b.Percent.ValueInt64Pointer(), Count: b.Count.ValueInt64Pointer()}
		if p.SpeedQualityBalance != nil {
			out.Extra = p.SpeedQualityBalance.Extra
		}
		p.SpeedQualityBalance = out
	}
	if isSet(m.TrainingConfig) {
		var c trainingConfigModel
		diags.Append(objectInto(m.TrainingConfig, &c, false)...)
		out := &toloka.TrainingConfig{TrainingSkillTTLDays: c.TrainingSkillTTLDays.ValueInt64Pointer()}
		if p.TrainingConfig != nil {
			out.Extra = p.TrainingConfig.Extra
		}
		p.TrainingConfig = out
	}
	return diags
}

// poolObjectTypes are the attribute types of the pool schema's object
// attributes, built once (see projectObjectTypes).
var poolObjectTypes = sync.OnceValue(func() map[string]map[string]attr.Type {
	return objectAttributeTypes(poolSchema(context.Background()))
})

// poolAttrTypes returns the object type of a top-level nested attribute,
// taken from the schema so that the two never disagree.
func poolAttrTypes(name string) map[string]attr.Type {
	return maps.Clone(poolObjectTypes()[name])
}

// poolObject is the value of a nested attribute: null when value is nil.
func poolObject[T any](attribute string, value *T, diags *diag.Diagnostics) types.Object {
	attrTypes := poolAttrTypes(attribute)
	if value == nil {
		return types.ObjectNull(attrTypes)
	}
	obj, d := objectValueOf(attrTypes, *value)
	diags.Append(d...)
	return obj
}

// poolModelFrom describes a Toloka pool as Terraform state. The timeouts are
// not Toloka's and are left for the caller to carry over.
func poolModelFrom(ctx context.Context, p *toloka.Pool) (poolModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	m := poolModel{
		ID:                                 types.StringValue(p.ID),
		ProjectID:                          types.StringValue(p.ProjectID),
		PrivateName:                        types.StringValue(p.PrivateName),
		PrivateComment:                     types.StringPointerValue(p.PrivateComment),
		PublicDescription:                  types.StringPointerValue(p.PublicDescription),
		PublicInstructions:                 types.StringPointerValue(p.PublicInstructions),
		RewardPerAssignment:                types.Float64PointerValue(p.RewardPerAssignment),
		AssignmentMaxDurationSeconds:       types.Int64PointerValue(p.AssignmentMaxDurationSeconds),
		WillExpire:                         newTimestamp(p.WillExpire),
		MayContainAdultContent:             types.BoolPointerValue(p.MayContainAdultContent),
		AutoAcceptSolutions:                types.BoolPointerValue(p.AutoAcceptSolutions),
		AutoAcceptPeriodDay:                types.Int64PointerValue(p.AutoAcceptPeriodDay),
		AutoCloseAfterCompleteDelaySeconds: types.Int64PointerValue(p.AutoCloseAfterCompleteDelaySeconds),
		Priority:                           types.Int64PointerValue(p.Priority),
		Archived:                           types.BoolValue(p.Status == toloka.PoolStatusArchived),
		Status:                             types.StringValue(p.Status),
		LastCloseReason:                    optionalText(p.LastCloseReason),
		Created:                            newTimestamp(p.Created).StringValue,
		LastStarted:                        newTimestamp(p.LastStarted).StringValue,
		LastStopped:                        newTimestamp(p.LastStopped).StringValue,
	}
	for _, a := range m.jsonAttributes(p) {
		*a.model = newJSONObject(*a.api, a.defaults)
	}
	// Toloka answers metadata {} for a pool without any
	// (responses/api/pool-id.yaml): that is no metadata.
	m.Metadata = types.MapNull(types.ListType{ElemType: types.StringType})
	if len(p.Metadata) > 0 {
		var d diag.Diagnostics
		m.Metadata, d = types.MapValueFrom(ctx, types.ListType{ElemType: types.StringType}, p.Metadata)
		diags.Append(d...)
	}
	m.Defaults = poolObject("defaults", poolDefaultsFromAPI(p.Defaults), &diags)
	m.AssignmentsIssuingConfig = poolObject("assignments_issuing_config", issuingConfigFromAPI(p.AssignmentsIssuingConfig), &diags)
	m.SpeedQualityBalance = poolObject("speed_quality_balance", speedQualityBalanceFromAPI(p.SpeedQualityBalance), &diags)
	m.TrainingConfig = poolObject("training_config", trainingConfigFromAPI(p.TrainingConfig), &diags)
	m.TrainingRequirement = requirementOf(p.QualityControl, &diags)
	return m, diags
}

func optionalText(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

func poolDefaultsFromAPI(d *toloka.PoolDefaults) *poolDefaultsModel {
	if d == nil {
		return nil
	}
	return &poolDefaultsModel{
		DefaultOverlapForNewTaskSuites: types.Int64PointerValue(d.DefaultOverlapForNewTaskSuites),
		DefaultOverlapForNewTasks:      types.Int64PointerValue(d.DefaultOverlapForNewTasks),
	}
}

func issuingConfigFromAPI(c *toloka.AssignmentsIssuingConfig) *issuingConfigModel {
	if c == nil {
		return nil
	}
	return &issuingConfigModel{IssueTaskSuitesInCreationOrder: types.BoolPointerValue(c.IssueTaskSuitesInCreationOrder)}
}

func speedQualityBalanceFromAPI(b *toloka.SpeedQualityBalance) *speedQualityBalanceModel {
	if b == nil {
		return nil
	}
	return &speedQualityBalanceModel{
		Type:    types.StringValue(b.Type),
		Percent: types.Int64PointerValue(b.Percent),
		Count:   types.Int64PointerValue(b.Count),
	}
}

func trainingConfigFromAPI(c *toloka.TrainingConfig) *trainingConfigModel {
	if c == nil {
		return nil
	}
	return &trainingConfigModel{TrainingSkillTTLDays: types.Int64PointerValue(c.TrainingSkillTTLDays)}
}

// keepEquivalentSpelling keeps the text of the configuration (or the prior
// state) wherever Toloka's answer means the same, so that the state does not
// drift to Toloka's spelling of JSON documents and timestamps.
func (m *poolModel) keepEquivalentSpelling(ctx context.Context, from poolModel) {
	for name, a := range m.jsonAttributes(&toloka.Pool{}) {
		prior := from.jsonAttributes(&toloka.Pool{})[name].model
		*a.model = preferEquivalent(ctx, *prior, *a.model)
	}
	m.WillExpire = m.WillExpire.spelledAs(ctx, from.WillExpire)
}
