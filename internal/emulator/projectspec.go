package emulator

import (
	"maps"
	"strings"
)

// Enumerations of the project schema.
var (
	issuingTypes  = []string{"AUTOMATED", "MAP_SELECTOR"}
	mapProviders  = []string{"GOOGLE", "YANDEX"}
	viewSpecTypes = []string{"classic", "tb"}
	// viewSettings are the view_spec.settings flags, all true by default.
	viewSettings = []string{
		"showSkip", "showTimer", "showTitle", "showSubmit", "showFullscreen",
		"showInstructions", "showFinish", "showMessage", "showReward",
	}
	baseFieldTypes = []string{"boolean", "string", "integer", "float", "url", "file", "coordinates", "json"}
	// languages are the enum of LocalizationConfig.default_language and
	// AdditionalLanguage.language, in the API reference's order.
	languages = strings.Fields(`
	AA AB AE AF AK AM AN AR AS AV AY AZ BA BE BG BH BI BM BN BO BR BS CA CE CH CO CR CS CU CV CY DA DE
	DV DZ EE EL EN EO ES ET EU FA FF FI FJ FO FR FY GA GD GL GN GU GV HA HE HI HO HR HT HU HY HZ IA ID
	IE IG II IK IO IS IT IU JA YI JV KA KG KI KJ KK KL KM KN KO KR KS KU KV KW KY LA LB LG LI LN LO LT
	LU LV MG MH MI MK ML MN MR MS MT MY NA NB ND NE NG NL NN NO NR NV NY OC OJ OM OR OS PA PI PL PS PT
	PT-BR QU RM RN RO RU RW SA SC SD SE SG SI SK SL SM SN SO SQ SR SS ST SU SV SW TA TE TG TH TI TK TL
	TN TO TR TS TT TW TY UG UK UR UZ VE VI VO WA WO XH YO ZA ZH ZH-HANS ZU`)
)

// projectReadOnly are the fields the service sets; a client's values for them
// are ignored.
var projectReadOnly = []string{"id", "status", "created", "owner"}

// projectOptional are the editable fields that may be left out; a null one is
// dropped, as if left out.
var projectOptional = []string{
	"public_instructions", "private_comment", "assignments_issuing_view_config",
	"max_active_assignments_count", "quality_control", "metadata", "localization_config", "sensitive",
}

// normalizeProject validates a POST or PUT body and returns the fields to
// store, with the service's defaults filled in. Unknown fields are kept.
func normalizeProject(body map[string]any) (map[string]any, fieldErrors) {
	p := maps.Clone(body)
	for _, k := range projectReadOnly {
		delete(p, k)
	}
	for _, k := range projectOptional {
		if val, present := p[k]; present && val == nil {
			delete(p, k)
		}
	}
	v := &validator{}
	v.check(p, "public_name", "public_name", kString, true)
	v.check(p, "public_description", "public_description", kString, true)
	v.check(p, "public_instructions", "public_instructions", kString, false)
	v.check(p, "private_comment", "private_comment", kString, false)
	if ts, ok := v.object(p, "task_spec", "task_spec", true); ok {
		v.taskSpec(ts)
	}
	v.issuing(p)
	// ProjectFormV1 default false; responses/api/project-id.yaml.
	v.defaultBool(p, "assignments_automerge_enabled", "assignments_automerge_enabled", false)
	v.check(p, "max_active_assignments_count", "max_active_assignments_count", kInteger, false)
	if qc, ok := v.object(p, "quality_control", "quality_control", false); ok {
		v.qualityConfigs(qc, "quality_control")
	}
	v.check(p, "metadata", "metadata", kObject, false)
	v.localization(p)
	v.check(p, "sensitive", "sensitive", kBool, false)
	return p, v.errs
}

// issuing checks assignments_issuing_type (default AUTOMATED) and the view
// config that MAP_SELECTOR requires.
func (v *validator) issuing(p map[string]any) {
	// ProjectFormV1 default AUTOMATED; responses/api/project-id.yaml.
	if val, present := p["assignments_issuing_type"]; !present || val == nil {
		p["assignments_issuing_type"] = "AUTOMATED"
	}
	issuingType := v.enum(p, "assignments_issuing_type", "assignments_issuing_type", issuingTypes, true)
	const key = "assignments_issuing_view_config"
	cfg, ok := v.object(p, key, key, issuingType == "MAP_SELECTOR")
	if !ok {
		return
	}
	mapSelector := issuingType == "MAP_SELECTOR"
	v.check(cfg, "title_template", key+".title_template", kString, mapSelector)
	v.check(cfg, "description_template", key+".description_template", kString, mapSelector)
	v.enum(cfg, "map_provider", key+".map_provider", mapProviders, false)
}

// taskSpec checks input_spec, output_spec and view_spec and fills defaults.
func (v *validator) taskSpec(ts map[string]any) {
	for _, side := range []string{"input_spec", "output_spec"} {
		path := "task_spec." + side
		fields, ok := v.object(ts, side, path, true)
		if !ok {
			continue
		}
		for name, spec := range fields {
			v.fieldSpec(path+"."+name, spec, side == "output_spec")
		}
	}
	if vs, ok := v.object(ts, "view_spec", "task_spec.view_spec", false); ok {
		v.viewSpec(vs)
	}
}

// fieldSpec checks one input or output field and fills required=true and
// hidden=false.
func (v *validator) fieldSpec(path string, raw any, output bool) {
	spec, ok := raw.(map[string]any)
	if !ok {
		v.failKind(path, kObject)
		return
	}
	if fieldType, ok := v.text(spec, "type", path+".type", true); ok {
		if allowed := fieldTypes(output); !containsFold(allowed, fieldType) {
			v.fail(path+".type", vcUnknownEnum, unknownEnumMessage(allowed))
		}
	}
	// InputSpecNodeID and OutputSpecNodeID defaults; responses/api/project-id.yaml.
	v.defaultBool(spec, "required", path+".required", true)
	v.defaultBool(spec, "hidden", path+".hidden", false)
	for _, k := range []string{"min_length", "max_length", "min_size", "max_size"} {
		v.check(spec, k, path+"."+k, kInteger, false)
	}
	for _, k := range []string{"min_value", "max_value"} {
		v.check(spec, k, path+"."+k, kNumber, false)
	}
	v.check(spec, "allowed_values", path+".allowed_values", kArray, false)
}

// fieldTypes lists the data types of input (no files) or output fields.
func fieldTypes(output bool) []string {
	var types []string
	for _, t := range baseFieldTypes {
		if t == "file" && !output {
			continue
		}
		types = append(types, t, "array_"+t)
	}
	return types
}

// containsFold matches a field type case-insensitively: the API reference
// itself writes "URL".
func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// viewSpec checks the view type and fills every missing settings flag with
// true; unknown settings are kept.
func (v *validator) viewSpec(vs map[string]any) {
	v.enum(vs, "type", "task_spec.view_spec.type", viewSpecTypes, false)
	if val, present := vs["settings"]; !present || val == nil {
		vs["settings"] = map[string]any{}
	}
	settings, ok := v.object(vs, "settings", "task_spec.view_spec.settings", true)
	if !ok {
		return
	}
	// ViewSpecNode.settings defaults; responses/api/project-id.yaml.
	for _, name := range viewSettings {
		v.defaultBool(settings, name, "task_spec.view_spec.settings."+name, true)
	}
}

// localization checks the languages of localization_config and the source
// of each translation (LocalizationConfig, AdditionalLanguage and
// LocalizedValue in the API reference).
func (v *validator) localization(p map[string]any) {
	const path = "localization_config"
	lc, ok := v.object(p, "localization_config", path, false)
	if !ok {
		return
	}
	v.enum(lc, "default_language", path+".default_language", languages, false)
	translations, _ := v.array(lc, "additional_languages", path+".additional_languages", 0, 0, false)
	v.objects(translations, path+".additional_languages", func(t map[string]any, path string) {
		v.enum(t, "language", path+".language", languages, false)
		for _, text := range []string{"public_name", "public_description", "public_instructions"} {
			if value, ok := v.object(t, text, path+"."+text, false); ok {
				v.enum(value, "source", path+"."+text+".source", []string{"REQUESTER"}, false)
			}
		}
	})
}
