package provider

import (
	"context"
	"encoding/json"
	"maps"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// projectModel is the Terraform side of a toloka_project.
type projectModel struct {
	ID                           types.String    `tfsdk:"id"`
	PublicName                   types.String    `tfsdk:"public_name"`
	PublicDescription            types.String    `tfsdk:"public_description"`
	PublicInstructions           types.String    `tfsdk:"public_instructions"`
	PrivateComment               types.String    `tfsdk:"private_comment"`
	TaskSpec                     types.Object    `tfsdk:"task_spec"`
	AssignmentsIssuingType       types.String    `tfsdk:"assignments_issuing_type"`
	AssignmentsIssuingViewConfig types.Object    `tfsdk:"assignments_issuing_view_config"`
	AssignmentsAutomergeEnabled  types.Bool      `tfsdk:"assignments_automerge_enabled"`
	MaxActiveAssignmentsCount    types.Int64     `tfsdk:"max_active_assignments_count"`
	QualityControl               jsonObjectValue `tfsdk:"quality_control"`
	Metadata                     types.Map       `tfsdk:"metadata"`
	LocalizationConfig           types.Object    `tfsdk:"localization_config"`
	Archived                     types.Bool      `tfsdk:"archived"`
	ArchivePools                 types.Bool      `tfsdk:"archive_pools"`
	BreakingChanges              types.String    `tfsdk:"breaking_changes"`
	Status                       types.String    `tfsdk:"status"`
	Created                      types.String    `tfsdk:"created"`
	Timeouts                     timeouts.Value  `tfsdk:"timeouts"`
}

type taskSpecModel struct {
	InputSpec  map[string]fieldSpecModel `tfsdk:"input_spec"`
	OutputSpec map[string]fieldSpecModel `tfsdk:"output_spec"`
	ViewSpec   jsonObjectValue           `tfsdk:"view_spec"`
}

type fieldSpecModel struct {
	Type            types.String  `tfsdk:"type"`
	Required        types.Bool    `tfsdk:"required"`
	Hidden          types.Bool    `tfsdk:"hidden"`
	MinLength       types.Int64   `tfsdk:"min_length"`
	MaxLength       types.Int64   `tfsdk:"max_length"`
	MinValue        types.Float64 `tfsdk:"min_value"`
	MaxValue        types.Float64 `tfsdk:"max_value"`
	AllowedValues   types.List    `tfsdk:"allowed_values"`
	MinSize         types.Int64   `tfsdk:"min_size"`
	MaxSize         types.Int64   `tfsdk:"max_size"`
	CurrentLocation types.Bool    `tfsdk:"current_location"`
}

type issuingViewConfigModel struct {
	TitleTemplate       types.String `tfsdk:"title_template"`
	DescriptionTemplate types.String `tfsdk:"description_template"`
	MapProvider         types.String `tfsdk:"map_provider"`
}

type localizationConfigModel struct {
	DefaultLanguage     types.String              `tfsdk:"default_language"`
	AdditionalLanguages []additionalLanguageModel `tfsdk:"additional_languages"`
}

type additionalLanguageModel struct {
	Language           types.String        `tfsdk:"language"`
	PublicName         *localizedTextModel `tfsdk:"public_name"`
	PublicDescription  *localizedTextModel `tfsdk:"public_description"`
	PublicInstructions *localizedTextModel `tfsdk:"public_instructions"`
}

type localizedTextModel struct {
	Value  types.String `tfsdk:"value"`
	Source types.String `tfsdk:"source"`
}

// projectObjectTypes are the attribute types of the project schema's
// object attributes, built once: the schema, with its validators and plan
// modifiers, is too costly to build again for every value a read converts.
var projectObjectTypes = sync.OnceValue(func() map[string]map[string]attr.Type {
	return objectAttributeTypes(projectSchema(context.Background()))
})

// projectAttrTypes returns the object type of a top-level nested attribute,
// taken from the schema so that the two never disagree.
func projectAttrTypes(name string) map[string]attr.Type {
	return maps.Clone(projectObjectTypes()[name])
}

// objectAttributeTypes maps each top-level object attribute of a resource
// schema to the types of its attributes.
func objectAttributeTypes(s schema.Schema) map[string]map[string]attr.Type {
	out := map[string]map[string]attr.Type{}
	for name, a := range s.Attributes {
		if t, ok := a.GetType().(basetypes.ObjectType); ok {
			out[name] = t.AttrTypes
		}
	}
	return out
}

// applyTo writes the configured attributes onto p, which holds what Toloka
// has. Attributes that are null or unknown leave Toloka's value untouched.
func (m projectModel) applyTo(ctx context.Context, p *toloka.Project) diag.Diagnostics {
	var diags diag.Diagnostics
	p.PublicName = m.PublicName.ValueString()
	p.PublicDescription = m.PublicDescription.ValueString()
	setIfKnown(&p.PublicInstructions, m.PublicInstructions.ValueStringPointer(), m.PublicInstructions)
	setIfKnown(&p.PrivateComment, m.PrivateComment.ValueStringPointer(), m.PrivateComment)
	if isSet(m.AssignmentsIssuingType) {
		p.AssignmentsIssuingType = m.AssignmentsIssuingType.ValueString()
	}
	setIfKnown(&p.AssignmentsAutomergeEnabled, m.AssignmentsAutomergeEnabled.ValueBoolPointer(), m.AssignmentsAutomergeEnabled)
	setIfKnown(&p.MaxActiveAssignmentsCount, m.MaxActiveAssignmentsCount.ValueInt64Pointer(), m.MaxActiveAssignmentsCount)
	if isSet(m.QualityControl) {
		p.QualityControl = rawUnlessEquivalent(ctx, m.QualityControl, p.QualityControl)
	}
	if isSet(m.Metadata) {
		p.Metadata = map[string][]string{}
		diags.Append(m.Metadata.ElementsAs(ctx, &p.Metadata, false)...)
	}
	diags.Append(m.applyTaskSpec(ctx, p)...)
	diags.Append(m.applyIssuingViewConfig(p)...)
	diags.Append(m.applyLocalizationConfig(p)...)
	return diags
}

// rawUnlessEquivalent returns the planned document, or Toloka's current one
// verbatim when both mean the same, so an update sends back what Toloka has.
// A changed document keeps the values Toloka made up in the current one
// (collector uuids) where the planned one has none.
func rawUnlessEquivalent(ctx context.Context, planned jsonObjectValue, current json.RawMessage) json.RawMessage {
	if len(current) == 0 {
		return json.RawMessage(planned.ValueString())
	}
	currentValue := jsonObjectValue{StringValue: types.StringValue(string(current)), defaults: planned.defaults}
	if equal, _ := planned.StringSemanticEquals(ctx, currentValue); equal {
		return current
	}
	doc, errP := decodeJSONObject(planned.ValueString())
	held, errC := decodeJSONObject(string(current))
	if errP != nil || errC != nil || !planned.defaults.carryMadeUp(doc, held) {
		return json.RawMessage(planned.ValueString())
	}
	out, err := json.Marshal(doc)
	if err != nil {
		return json.RawMessage(planned.ValueString())
	}
	return out
}

func isSet(v attr.Value) bool { return !v.IsNull() && !v.IsUnknown() }

func setIfKnown[T any](dst **T, value *T, v attr.Value) {
	if isSet(v) {
		*dst = value
	}
}

func (m projectModel) applyTaskSpec(ctx context.Context, p *toloka.Project) diag.Diagnostics {
	var ts taskSpecModel
	diags := objectInto(m.TaskSpec, &ts, false)
	if diags.HasError() {
		return diags
	}
	if p.TaskSpec == nil {
		p.TaskSpec = &toloka.TaskSpec{}
	}
	p.TaskSpec.InputSpec = fieldSpecsFromModel(ctx, ts.InputSpec, p.TaskSpec.InputSpec, &diags)
	p.TaskSpec.OutputSpec = fieldSpecsFromModel(ctx, ts.OutputSpec, p.TaskSpec.OutputSpec, &diags)
	p.TaskSpec.ViewSpec = withSettings(rawUnlessEquivalent(ctx, ts.ViewSpec, p.TaskSpec.ViewSpec))
	return diags
}

// withSettings adds the empty settings object Toloka's API description
// requires in a view_spec when the configuration leaves it out; Toloka fills
// in its defaults.
func withSettings(viewSpec json.RawMessage) json.RawMessage {
	var doc map[string]json.RawMessage
	if json.Unmarshal(viewSpec, &doc) != nil {
		return viewSpec
	}
	if _, ok := doc["settings"]; ok {
		return viewSpec
	}
	doc["settings"] = json.RawMessage(`{}`)
	out, err := json.Marshal(doc)
	if err != nil {
		return viewSpec
	}
	return out
}

// fieldSpecsFromModel builds the API field specs, starting from Toloka's own
// spec of a field of the same name so that options we do not model survive.
func fieldSpecsFromModel(ctx context.Context, in map[string]fieldSpecModel, current map[string]toloka.FieldSpec, diags *diag.Diagnostics) map[string]toloka.FieldSpec {
	out := make(map[string]toloka.FieldSpec, len(in))
	for name, m := range in {
		f := toloka.FieldSpec{Extra: current[name].Extra}
		f.Type = m.Type.ValueString()
		f.Required = m.Required.ValueBoolPointer()
		f.Hidden = m.Hidden.ValueBoolPointer()
		f.MinLength = m.MinLength.ValueInt64Pointer()
		f.MaxLength = m.MaxLength.ValueInt64Pointer()
		f.MinValue = m.MinValue.ValueFloat64Pointer()
		f.MaxValue = m.MaxValue.ValueFloat64Pointer()
		f.MinSize = m.MinSize.ValueInt64Pointer()
		f.MaxSize = m.MaxSize.ValueInt64Pointer()
		f.CurrentLocation = m.CurrentLocation.ValueBoolPointer()
		if isSet(m.AllowedValues) {
			var values []string
			diags.Append(m.AllowedValues.ElementsAs(ctx, &values, false)...)
			f.AllowedValues = allowedValuesToAPI(f.Type, values)
		}
		out[name] = f
	}
	return out
}

// numericFieldType reports whether values of a field type are JSON numbers.
func numericFieldType(fieldType string) bool {
	t := strings.TrimPrefix(strings.ToLower(fieldType), "array_")
	return t == "integer" || t == "float"
}

func allowedValuesToAPI(fieldType string, values []string) []any {
	out := make([]any, len(values))
	for i, v := range values {
		out[i] = v
		if numericFieldType(fieldType) {
			if _, err := strconv.ParseFloat(v, 64); err == nil {
				out[i] = json.Number(v)
			}
		}
	}
	return out
}

func allowedValuesFromAPI(values []any) []string {
	out := make([]string, len(values))
	for i, v := range values {
		switch v := v.(type) {
		case string:
			out[i] = v
		case float64:
			out[i] = strconv.FormatFloat(v, 'f', -1, 64)
		default:
			b, _ := json.Marshal(v)
			out[i] = string(b)
		}
	}
	return out
}

func (m projectModel) applyIssuingViewConfig(p *toloka.Project) diag.Diagnostics {
	if !isSet(m.AssignmentsIssuingViewConfig) {
		return nil
	}
	var c issuingViewConfigModel
	diags := objectInto(m.AssignmentsIssuingViewConfig, &c, false)
	cfg := &toloka.AssignmentsIssuingViewConfig{}
	if p.AssignmentsIssuingViewConfig != nil {
		cfg.Extra = p.AssignmentsIssuingViewConfig.Extra
	}
	cfg.TitleTemplate = c.TitleTemplate.ValueStringPointer()
	cfg.DescriptionTemplate = c.DescriptionTemplate.ValueStringPointer()
	cfg.MapProvider = c.MapProvider.ValueStringPointer()
	p.AssignmentsIssuingViewConfig = cfg
	return diags
}

func (m projectModel) applyLocalizationConfig(p *toloka.Project) diag.Diagnostics {
	if !isSet(m.LocalizationConfig) {
		return nil
	}
	var c localizationConfigModel
	diags := objectInto(m.LocalizationConfig, &c, false)
	cfg := &toloka.LocalizationConfig{}
	if p.LocalizationConfig != nil {
		cfg.Extra = p.LocalizationConfig.Extra
	}
	cfg.DefaultLanguage = c.DefaultLanguage.ValueString()
	for _, l := range c.AdditionalLanguages {
		cfg.AdditionalLanguages = append(cfg.AdditionalLanguages, toloka.AdditionalLanguage{
			Language:           l.Language.ValueString(),
			PublicName:         localizedTextToAPI(l.PublicName),
			PublicDescription:  localizedTextToAPI(l.PublicDescription),
			PublicInstructions: localizedTextToAPI(l.PublicInstructions),
		})
	}
	p.LocalizationConfig = cfg
	return diags
}

func localizedTextToAPI(m *localizedTextModel) *toloka.LocalizedText {
	if m == nil {
		return nil
	}
	return &toloka.LocalizedText{Value: m.Value.ValueString(), Source: m.Source.ValueString()}
}

func localizedTextFromAPI(t *toloka.LocalizedText) *localizedTextModel {
	if t == nil {
		return nil
	}
	return &localizedTextModel{Value: types.StringValue(t.Value), Source: types.StringValue(t.Source)}
}

// projectModelFrom describes a Toloka project as Terraform state. The
// timeouts are not Toloka's and are left for the caller to carry over.
func projectModelFrom(ctx context.Context, p *toloka.Project) (projectModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	m := projectModel{
		ID:                          types.StringValue(p.ID),
		PublicName:                  types.StringValue(p.PublicName),
		PublicDescription:           types.StringValue(p.PublicDescription),
		PublicInstructions:          types.StringPointerValue(p.PublicInstructions),
		PrivateComment:              types.StringPointerValue(p.PrivateComment),
		AssignmentsIssuingType:      types.StringValue(p.AssignmentsIssuingType),
		AssignmentsAutomergeEnabled: types.BoolPointerValue(p.AssignmentsAutomergeEnabled),
		MaxActiveAssignmentsCount:   types.Int64PointerValue(p.MaxActiveAssignmentsCount),
		QualityControl:              newJSONObject(p.QualityControl, noJSONDefaults),
		Archived:                    types.BoolValue(p.Status == toloka.ProjectStatusArchived),
		Status:                      types.StringValue(p.Status),
		Created:                     types.StringNull(),
	}
	if p.Created != nil {
		m.Created = types.StringValue(p.Created.APIString())
	}
	if p.AssignmentsIssuingType == "" {
		m.AssignmentsIssuingType = types.StringNull()
	}
	m.Metadata = types.MapNull(types.ListType{ElemType: types.StringType})
	if len(p.Metadata) > 0 {
		var d diag.Diagnostics
		m.Metadata, d = types.MapValueFrom(ctx, types.ListType{ElemType: types.StringType}, p.Metadata)
		diags.Append(d...)
	}
	m.TaskSpec = taskSpecFromAPI(p.TaskSpec, &diags)
	m.AssignmentsIssuingViewConfig = issuingViewConfigFromAPI(p.AssignmentsIssuingViewConfig, &diags)
	m.LocalizationConfig = localizationConfigFromAPI(p.LocalizationConfig, &diags)
	return m, diags
}

func objectFrom(attribute string, value any, diags *diag.Diagnostics) types.Object {
	attrTypes := projectAttrTypes(attribute)
	if value == nil {
		return types.ObjectNull(attrTypes)
	}
	obj, d := objectValueOf(attrTypes, value)
	diags.Append(d...)
	return obj
}

func taskSpecFromAPI(ts *toloka.TaskSpec, diags *diag.Diagnostics) types.Object {
	if ts == nil {
		return objectFrom("task_spec", nil, diags)
	}
	return objectFrom("task_spec", taskSpecModel{
		InputSpec:  fieldSpecsToModel(ts.InputSpec),
		OutputSpec: fieldSpecsToModel(ts.OutputSpec),
		ViewSpec:   newJSONObject(ts.ViewSpec, viewSpecDefaults),
	}, diags)
}

func fieldSpecsToModel(in map[string]toloka.FieldSpec) map[string]fieldSpecModel {
	out := make(map[string]fieldSpecModel, len(in))
	for name, f := range in {
		m := fieldSpecModel{
			Type:            types.StringValue(f.Type),
			Required:        types.BoolValue(f.Required == nil || *f.Required),
			Hidden:          types.BoolValue(f.Hidden != nil && *f.Hidden),
			MinLength:       types.Int64PointerValue(f.MinLength),
			MaxLength:       types.Int64PointerValue(f.MaxLength),
			MinValue:        types.Float64PointerValue(f.MinValue),
			MaxValue:        types.Float64PointerValue(f.MaxValue),
			MinSize:         types.Int64PointerValue(f.MinSize),
			MaxSize:         types.Int64PointerValue(f.MaxSize),
			CurrentLocation: types.BoolPointerValue(f.CurrentLocation),
			AllowedValues:   types.ListNull(types.StringType),
		}
		if f.AllowedValues != nil {
			values := allowedValuesFromAPI(f.AllowedValues)
			elems := make([]attr.Value, len(values))
			for i, v := range values {
				elems[i] = types.StringValue(v)
			}
			m.AllowedValues = types.ListValueMust(types.StringType, elems)
		}
		out[name] = m
	}
	return out
}

func issuingViewConfigFromAPI(c *toloka.AssignmentsIssuingViewConfig, diags *diag.Diagnostics) types.Object {
	if c == nil {
		return objectFrom("assignments_issuing_view_config", nil, diags)
	}
	return objectFrom("assignments_issuing_view_config", issuingViewConfigModel{
		TitleTemplate:       types.StringPointerValue(c.TitleTemplate),
		DescriptionTemplate: types.StringPointerValue(c.DescriptionTemplate),
		MapProvider:         types.StringPointerValue(c.MapProvider),
	}, diags)
}

func localizationConfigFromAPI(c *toloka.LocalizationConfig, diags *diag.Diagnostics) types.Object {
	if c == nil {
		return objectFrom("localization_config", nil, diags)
	}
	m := localizationConfigModel{DefaultLanguage: types.StringValue(c.DefaultLanguage)}
	for _, l := range c.AdditionalLanguages {
		m.AdditionalLanguages = append(m.AdditionalLanguages, additionalLanguageModel{
			Language:           types.StringValue(l.Language),
			PublicName:         localizedTextFromAPI(l.PublicName),
			PublicDescription:  localizedTextFromAPI(l.PublicDescription),
			PublicInstructions: localizedTextFromAPI(l.PublicInstructions),
		})
	}
	return objectFrom("localization_config", m, diags)
}

// keepEquivalentJSON keeps the spelling of the configuration (or the prior
// state) wherever Toloka's answer means the same: JSON documents, and the
// numbers of a numeric field's allowed_values ("1.0" answered as 1), so that
// the state does not drift to Toloka's spelling and show a diff in every plan.
func (m *projectModel) keepEquivalentJSON(ctx context.Context, from projectModel) {
	m.QualityControl = preferEquivalent(ctx, from.QualityControl, m.QualityControl)
	if !isSet(m.TaskSpec) || !isSet(from.TaskSpec) || m.TaskSpec.Equal(from.TaskSpec) {
		return
	}
	var current, prior taskSpecModel
	if objectInto(m.TaskSpec, &current, false).HasError() ||
		objectInto(from.TaskSpec, &prior, false).HasError() {
		return
	}
	current.ViewSpec = preferEquivalent(ctx, prior.ViewSpec, current.ViewSpec)
	keepAllowedValueSpelling(prior.InputSpec, current.InputSpec)
	keepAllowedValueSpelling(prior.OutputSpec, current.OutputSpec)
	var diags diag.Diagnostics
	if spelled := objectFrom("task_spec", current, &diags); !diags.HasError() {
		m.TaskSpec = spelled
	}
}

// keepAllowedValueSpelling keeps the prior allowed_values of each numeric
// field whose values are the same numbers in current.
func keepAllowedValueSpelling(prior, current map[string]fieldSpecModel) {
	for name, field := range current {
		before, ok := prior[name]
		if !ok || !numericFieldType(field.Type.ValueString()) || !isSet(before.AllowedValues) || !isSet(field.AllowedValues) {
			continue
		}
		if sameNumberList(before.AllowedValues, field.AllowedValues) {
			field.AllowedValues = before.AllowedValues
			current[name] = field
		}
	}
}

// sameNumberList reports whether two lists of strings hold the same numbers
// in the same order.
func sameNumberList(a, b types.List) bool {
	x, y := a.Elements(), b.Elements()
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		s, okS := x[i].(types.String)
		t, okT := y[i].(types.String)
		if !okS || !okT || !sameNumber(json.Number(s.ValueString()), json.Number(t.ValueString())) {
			return false
		}
	}
	return true
}

func preferEquivalent(ctx context.Context, prior, current jsonObjectValue) jsonObjectValue {
	if !isSet(prior) || !isSet(current) || prior.ValueString() == current.ValueString() {
		return current
	}
	if equal, _ := prior.StringSemanticEquals(ctx, current); equal {
		return prior
	}
	return current
}
