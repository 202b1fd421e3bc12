package provider

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/openapitest"
)

// limitRow ties a limited schema of the OpenAPI extract to the objects that
// put its limit to the test.
type limitRow struct {
	pointer  string
	resource string
	// members are the members of an object whose limited value is v, a
	// JSON text.
	members func(v string) map[string]string
	// path is where plan-time validation and the emulator name a refused
	// value.
	path string
	// item is the i-th item of an array limited by minItems and maxItems.
	item func(i int) string
	// aboveMinimum: another rule keeps the value above the minimum (so the
	// least accepted value is the minimum plus one).
	aboveMinimum bool
}

// at is the members of one attribute whose JSON text is template, the
// tested value standing for its @.
func at(attribute, template string, more ...string) func(string) map[string]string {
	return func(v string) map[string]string {
		m := map[string]string{attribute: strings.Replace(template, "@", v, 1)}
		for i := 0; i+1 < len(more); i += 2 {
			m[more[i]] = more[i+1]
		}
		return m
	}
}

const (
	schemas     = "/components/schemas/"
	mixerCounts = `"real_tasks_count":500,"golden_tasks_count":0,"training_tasks_count":0`
	// distributionIn puts a task distribution function into mixer_config.
	distributionIn = `{"real_tasks_count":1,"golden_tasks_count":0,"training_tasks_count":0,"golden_task_distribution_function":@}`
	mapView        = `{"title_template":"t","description_template":"d"}`
)

// distribution is a task distribution function with one member replaced.
func distribution(member, value string) string {
	f := map[string]string{"scope": `"POOL"`, "distribution": `"UNIFORM"`, "window_days": "7", "intervals": `[{"frequency":5}]`}
	f[member] = value
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(f)) {
		parts = append(parts, fmt.Sprintf("%q:%s", k, f[k]))
	}
	return "{" + strings.Join(parts, ",") + "}"
}

// actionParameters are parameters each action type accepts.
var actionParameters = map[string]string{
	"APPROVE_ALL_ASSIGNMENTS":     `{}`,
	"CHANGE_OVERLAP":              `{"delta":1,"open_pool":true}`,
	"CLEAN_ASSIGNMENTS_HISTORY":   `{}`,
	"CLEAN_COLLECTOR":             `{}`,
	"REJECT_ALL_ASSIGNMENTS":      `{"public_comment":"no"}`,
	"RESTRICTION":                 `{"scope":"POOL","duration_days":1}`,
	"RESTRICTION_V2":              `{"scope":"POOL","duration":1,"duration_unit":"DAYS"}`,
	"SET_POOL_COMPLETE":           `{}`,
	"SET_SKILL":                   `{"skill_id":"1","skill_value":50}`,
	"SET_SKILL_FROM_OUTPUT_FIELD": `{"skill_id":"1","from_field":"correct_answers_rate"}`,
}

func limitRows() []limitRow {
	pool, project := "toloka_pool", "toloka_project"
	plain := func(name string) limitRow {
		return limitRow{pointer: schemas + "PoolFormV1/properties/" + name, resource: pool, members: at(name, "@"), path: name}
	}
	mixer := func(name, template string) limitRow {
		return limitRow{pointer: schemas + "MixerConfig/properties/" + name, resource: pool,
			members: at("mixer_config", template), path: "mixer_config." + name}
	}
	inDistribution := func(pointer, member, template, path string) limitRow {
		return limitRow{pointer: schemas + pointer, resource: pool,
			members: func(v string) map[string]string {
				return at("mixer_config", distributionIn)(distribution(member, strings.Replace(template, "@", v, 1)))
			}, path: "mixer_config.golden_task_distribution_function." + path}
	}
	qc := func(pointer, template, path string) limitRow {
		return limitRow{pointer: schemas + pointer, resource: pool, members: at("quality_control", template), path: "quality_control." + path}
	}
	localization := func(pointer, template, path string) limitRow {
		return limitRow{pointer: schemas + pointer, resource: project, members: at("localization_config", template), path: "localization_config." + path}
	}
	checkpoint := `{"checkpoints_config":{"real_settings":{"target_overlap":@,"task_distribution_function":` + distribution("scope", `"POOL"`) + `}}}`
	overlap := `{"type":"BASIC","max_overlap":5,"min_confidence":0.9,"answer_weight_skill_id":"1","fields":[]}`
	return []limitRow{
		plain("reward_per_assignment"),
		plain("assignment_max_duration_seconds"),
		plain("auto_accept_period_day"),
		plain("auto_close_after_complete_delay_seconds"),
		plain("priority"),
		plain("filter"),
		{pointer: schemas + "Defaults/properties/default_overlap_for_new_task_suites", resource: pool,
			members: at("defaults", `{"default_overlap_for_new_task_suites":@}`), path: "defaults.default_overlap_for_new_task_suites"},
		{pointer: schemas + "Defaults/properties/default_overlap_for_new_tasks", resource: pool,
			members: at("defaults", `{"default_overlap_for_new_task_suites":1,"default_overlap_for_new_tasks":@}`), path: "defaults.default_overlap_for_new_tasks"},
		{pointer: schemas + "AbstractUsersCherryPickingConfig/properties/percent", resource: pool,
			members: at("speed_quality_balance", `{"type":"TOP_PERCENTAGE_BY_QUALITY","percent":@}`), path: "speed_quality_balance.percent"},
		{pointer: schemas + "AbstractUsersCherryPickingConfig/properties/count", resource: pool,
			members: at("speed_quality_balance", `{"type":"BEST_CONCURRENT_USERS_BY_QUALITY","count":@}`), path: "speed_quality_balance.count"},
		{pointer: schemas + "AbstractUsersCherryPickingConfig/properties/type", resource: pool,
			members: func(v string) map[string]string {
				if v == `"BEST_CONCURRENT_USERS_BY_QUALITY"` {
					return at("speed_quality_balance", `{"type":@,"count":5}`)(v)
				}
				return at("speed_quality_balance", `{"type":@,"percent":50}`)(v)
			}, path: "speed_quality_balance.type"},
		mixer("real_tasks_count", `{"real_tasks_count":@,"golden_tasks_count":0,"training_tasks_count":0}`),
		mixer("golden_tasks_count", `{"real_tasks_count":0,"golden_tasks_count":@,"training_tasks_count":0}`),
		mixer("training_tasks_count", `{"real_tasks_count":0,"golden_tasks_count":0,"training_tasks_count":@}`),
		mixer("min_real_tasks_count", `{`+mixerCounts+`,"min_real_tasks_count":@}`),
		mixer("min_golden_tasks_count", `{"real_tasks_count":0,"golden_tasks_count":500,"training_tasks_count":0,"min_golden_tasks_count":@}`),
		mixer("min_training_tasks_count", `{"real_tasks_count":0,"golden_tasks_count":0,"training_tasks_count":500,"min_training_tasks_count":@}`),
		mixer("force_last_assignment_delay_seconds", `{`+mixerCounts+`,"force_last_assignment_delay_seconds":@}`),
		inDistribution("TaskDistributionFunction/properties/scope", "scope", "@", "scope"),
		inDistribution("TaskDistributionFunction/properties/distribution", "distribution", "@", "distribution"),
		inDistribution("TaskDistributionFunction/properties/window_days", "window_days", "@", "window_days"),
		func() limitRow {
			r := inDistribution("TaskDistributionFunction/properties/intervals", "intervals", "@", "intervals")
			r.item = func(int) string { return `{"frequency":5}` }
			return r
		}(),
		inDistribution("QualityControlInterval/allOf/1/properties/frequency", "intervals", `[{"frequency":@}]`, "intervals.0.frequency"),
		inDistribution("Interval/properties/from", "intervals", `[{"from":@,"frequency":5}]`, "intervals.0.from"),
		inDistribution("Interval/properties/to", "intervals", `[{"to":@,"frequency":5}]`, "intervals.0.to"),
		qc("Settings/properties/target_overlap", checkpoint, "checkpoints_config.real_settings.target_overlap"),
		qc("PoolQualityControl/properties/captcha_frequency", `{"captcha_frequency":@}`, "captcha_frequency"),
		qc("TrainingRequirement/properties/training_passing_skill_value", `{"training_requirement":{"training_pool_id":"$training","training_passing_skill_value":@}}`,
			"training_requirement.training_passing_skill_value"),
		qc("CollectorConfigDtoV1/properties/type", `{"configs":[{"collector_config":{"type":@},"rules":[]}]}`, "configs.0.collector_config.type"),
		qc("OneFieldConditionDtoV1/properties/operator", qualityConfig(skippedCollector, `{"key":"skipped_in_row_count","operator":@,"value":1}`, banAction),
			"configs.0.rules.0.conditions.0.operator"),
		{pointer: schemas + "ActionConfigDtoV1/properties/type", resource: pool, path: "quality_control.configs.0.rules.0.action.type",
			members: func(v string) map[string]string {
				var kind string
				_ = json.Unmarshal([]byte(v), &kind)
				params := cmp.Or(actionParameters[kind], `{}`)
				return at("quality_control", qualityConfig(skippedCollector, skippedCondition, `{"type":@,"parameters":`+params+`}`))(v)
			}},
		qc("ActionConfigDtoV1/properties/parameters/properties/skill_value",
			qualityConfig(skippedCollector, skippedCondition, `{"type":"SET_SKILL","parameters":{"skill_id":"1","skill_value":@}}`),
			"configs.0.rules.0.action.parameters.skill_value"),
		{pointer: schemas + "AbstractDynamicOverlapConfig/properties/type", resource: pool,
			members: at("dynamic_overlap_config", strings.Replace(overlap, `"BASIC"`, "@", 1)), path: "dynamic_overlap_config.type"},
		{pointer: schemas + "BasicDynamicOverlapConfig/allOf/1/properties/max_overlap", resource: pool, aboveMinimum: true,
			members: at("dynamic_overlap_config", strings.Replace(overlap, "5", "@", 1), "defaults", `{"default_overlap_for_new_task_suites":1}`),
			path:    "dynamic_overlap_config.max_overlap"},
		{pointer: schemas + "BasicDynamicOverlapConfig/allOf/1/properties/min_confidence", resource: pool,
			members: at("dynamic_overlap_config", strings.Replace(overlap, "0.9", "@", 1)), path: "dynamic_overlap_config.min_confidence"},
		{pointer: schemas + "DynamicPricingConfig/properties/type", resource: pool,
			members: at("dynamic_pricing_config", `{"type":@,"skill_id":"1","intervals":[{"from":1,"to":2,"reward_per_assignment":0.1}]}`),
			path:    "dynamic_pricing_config.type"},
		{pointer: schemas + "DynamicPricingConfig/properties/intervals", resource: pool,
			members: at("dynamic_pricing_config", `{"type":"SKILL","skill_id":"1","intervals":@}`), path: "dynamic_pricing_config.intervals",
			item: func(i int) string {
				return fmt.Sprintf(`{"from":%d,"to":%d,"reward_per_assignment":0.1}`, 2*i+1, 2*i+2)
			}},
		{pointer: schemas + "ProjectFormV1/properties/assignments_issuing_type", resource: project, path: "assignments_issuing_type",
			members: func(v string) map[string]string {
				if v == `"MAP_SELECTOR"` {
					return at("assignments_issuing_type", "@", "assignments_issuing_view_config", mapView)(v)
				}
				return at("assignments_issuing_type", "@")(v)
			}},
		{pointer: schemas + "AssignmentsIssuingViewConfig/properties/map_provider", resource: project, path: "assignments_issuing_view_config.map_provider",
			members: at("assignments_issuing_view_config", `{"title_template":"t","description_template":"d","map_provider":@}`,
				"assignments_issuing_type", `"MAP_SELECTOR"`)},
		localization("LocalizationConfig/properties/default_language", `{"default_language":@}`, "default_language"),
		localization("AdditionalLanguage/properties/language", `{"default_language":"EN","additional_languages":[{"language":@}]}`,
			"additional_languages.0.language"),
		localization("LocalizedValue/properties/source", `{"default_language":"EN","additional_languages":[{"language":"RU","public_name":{"value":"x","source":@}}]}`,
			"additional_languages.0.public_name.source"),
		{pointer: schemas + "OutputSpecNodeID/allOf/1/properties/type", resource: project, path: "task_spec.output_spec.result.type",
			members: at("task_spec", `{"input_spec":{"image":{"type":"url"}},"output_spec":{"result":{"type":@}},"view_spec":{"type":"classic","markup":"x","settings":{}}}`)},
	}
}

// notMirrored are the limited schemas of the project and pool forms that
// the table leaves out, with why.
var notMirrored = map[string]string{
	// The extract's field-spec-type correction allows file types for input
	// fields; the API reference says "file — File (only for output data)",
	// which the emulator follows and the provider does not check.
	schemas + "InputSpecNodeID/allOf/1/properties/type": "input field types: the extract and the API reference disagree on file types",
}

// limitCase is one value put to a limit: accepted or refused.
type limitCase struct {
	what     string
	value    string
	accepted bool
}

// limitCases are the values at the bounds of schema and just past them.
func limitCases(t *testing.T, row limitRow, schema *openapi3.Schema) []limitCase {
	t.Helper()
	var cases []limitCase
	integer := schema.Type.Is(openapi3.TypeInteger)
	format := func(f float64) string {
		if integer {
			return strconv.FormatInt(int64(f), 10)
		}
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	below := func(f float64) float64 {
		if integer {
			return f - 1
		}
		return math.Nextafter(f, math.Inf(-1))
	}
	above := func(f float64) float64 {
		if integer {
			return f + 1
		}
		return math.Nextafter(f, math.Inf(1))
	}
	if m := schema.Min; m != nil {
		least := *m
		if row.aboveMinimum {
			cases = append(cases, limitCase{"the minimum, which another rule refuses", format(least), false})
			least = above(least)
		}
		cases = append(cases, limitCase{"the least value", format(least), true}, limitCase{"below the minimum", format(below(*m)), false})
	}
	if m := schema.Max; m != nil {
		cases = append(cases, limitCase{"the maximum", format(*m), true}, limitCase{"above the maximum", format(above(*m)), false})
	}
	if step := schema.MultipleOf; step != nil {
		base := 0.0
		if schema.Min != nil {
			base = *schema.Min
		}
		cases = append(cases, limitCase{"a multiple", format(base + *step), true}, limitCase{"off the step", format(base + *step/2), false})
	}
	for _, v := range schema.Enum {
		text, _ := json.Marshal(v)
		cases = append(cases, limitCase{"a listed value", string(text), true})
	}
	if len(schema.Enum) > 0 && schema.Type.Is(openapi3.TypeString) {
		cases = append(cases, limitCase{"an unlisted value", fmt.Sprintf(`"NOT_%v"`, schema.Enum[0]), false})
	}
	for _, branch := range schema.AnyOf {
		cases = append(cases, limitCases(t, row, branch.Value)...)
	}
	if schema.MinItems > 0 {
		cases = append(cases, limitCase{"the fewest items", items(row, int(schema.MinItems)), true},
			limitCase{"too few items", items(row, int(schema.MinItems)-1), false})
	}
	if m := schema.MaxItems; m != nil {
		cases = append(cases, limitCase{"the most items", items(row, int(*m)), true}, limitCase{"too many items", items(row, int(*m)+1), false})
	}
	if n, ok := openapitest.MaxJSONLength(schema); ok {
		cases = append(cases, limitCase{"the longest JSON text", filterOfLength(t, n), true},
			limitCase{"a longer JSON text", filterOfLength(t, n+1), false})
	}
	return cases
}

func items(row limitRow, n int) string {
	list := make([]string, n)
	for i := range list {
		list[i] = row.item(i)
	}
	return "[" + strings.Join(list, ",") + "]"
}

// filterOfLength is a valid filter whose compact JSON text has n
// characters.
func filterOfLength(t *testing.T, n int) string {
	t.Helper()
	empty := `{"and":[{"category":"profile","key":"country","operator":"EQ","value":""}]}`
	f := strings.Replace(empty, `""`, `"`+strings.Repeat("x", n-len(empty))+`"`, 1)
	if len(f) != n {
		t.Fatalf("a filter of %d characters has %d", n, len(f))
	}
	return f
}

// limitedPointers are the schemas that the project and pool forms reach in
// the extract and that state a limit, by their canonical pointer.
func limitedPointers(t *testing.T, spec *openapitest.Spec) []string {
	t.Helper()
	seen := map[string]bool{}
	var limited []string
	var walk func(ptr string, s *openapi3.Schema)
	follow := func(ptr string, ref *openapi3.SchemaRef) {
		if ref == nil {
			return
		}
		if name, ok := strings.CutPrefix(ref.Ref, "#"+schemas); ok {
			ptr = schemas + name
		}
		if !seen[ptr] {
			seen[ptr] = true
			walk(ptr, ref.Value)
		}
	}
	walk = func(ptr string, s *openapi3.Schema) {
		if statesLimit(s) {
			limited = append(limited, ptr)
		}
		for _, name := range slices.Sorted(maps.Keys(s.Properties)) {
			follow(ptr+"/properties/"+name, s.Properties[name])
		}
		follow(ptr+"/items", s.Items)
		for i, ref := range s.AllOf {
			follow(fmt.Sprintf("%s/allOf/%d", ptr, i), ref)
		}
		if s.AdditionalProperties.Schema != nil {
			follow(ptr+"/additionalProperties", s.AdditionalProperties.Schema)
		}
	}
	for _, form := range []string{"PoolFormV1", "ProjectFormV1"} {
		s, err := spec.Schema(schemas + form)
		if err != nil {
			t.Fatal(err)
		}
		walk(schemas+form, s)
	}
	slices.Sort(limited)
	return limited
}

// statesLimit tells whether s, or one of its anyOf branches, limits values.
func statesLimit(s *openapi3.Schema) bool {
	_, hasLength := openapitest.MaxJSONLength(s)
	if s.Min != nil || s.Max != nil || s.MultipleOf != nil || len(s.Enum) > 0 ||
		s.MinItems > 0 || s.MaxItems != nil || s.MinLength > 0 || s.MaxLength != nil || hasLength {
		return true
	}
	return slices.ContainsFunc(s.AnyOf, func(branch *openapi3.SchemaRef) bool { return statesLimit(branch.Value) })
}

// Every limit the OpenAPI extract states for the project and pool forms is
// one plan-time validation and the emulator both keep: each accepts the
// bounds and refuses what lies just past them, naming the same field. The
// limits are read from the extract here, so neither side can drift from it.
func TestValidatorsFollowOpenAPILimits(t *testing.T) {
	r := newRefusals(t)
	rows := limitRows()
	covered := map[string]bool{}
	for _, row := range rows {
		covered[row.pointer] = true
	}
	limited := limitedPointers(t, r.spec)
	for _, ptr := range limited {
		if !covered[ptr] && notMirrored[ptr] == "" {
			t.Errorf("%s states a limit that no row of the table tests", ptr)
		}
	}
	for ptr := range maps.Keys(covered) {
		if !slices.Contains(limited, ptr) {
			t.Errorf("the table tests %s, which is no limited schema of the project and pool forms", ptr)
		}
	}
	for ptr := range maps.Keys(notMirrored) {
		if !slices.Contains(limited, ptr) || covered[ptr] {
			t.Errorf("%s is listed as not mirrored, but is no limited schema or has a row", ptr)
		}
	}
	total := 0
	defer func() { t.Logf("%d limited schemas, %d values at or past their bounds", len(rows), total) }()
	for _, row := range rows {
		t.Run(strings.TrimPrefix(row.pointer, schemas), func(t *testing.T) {
			schema, err := r.spec.Schema(row.pointer)
			if err != nil {
				t.Fatal(err)
			}
			cases := limitCases(t, row, schema)
			total += len(cases)
			if len(cases) == 0 {
				t.Fatal("the schema states no limit")
			}
			for _, c := range cases {
				refused := row.path
				if c.accepted {
					refused = ""
				}
				value := c.value
				if len(value) > 60 {
					value = value[:60] + "…"
				}
				t.Run(c.what+" "+value, func(t *testing.T) {
					r.check(t, refusalCase{resource: row.resource, members: row.members(c.value), refused: refused})
				})
			}
		})
	}
}
