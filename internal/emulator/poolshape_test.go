package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// decodeJSON decodes a JSON text as request bodies are, numbers kept.
func decodeJSON(t *testing.T, text string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%v: %s", err, text)
	}
	return v
}

// shapeCase sets one member of a body and names the field errors the
// service answers: path → code; none when the body is accepted.
type shapeCase struct {
	name, member, value string
	want                map[string]string
}

// runShapeCases creates each pool or project (valid builds a valid body)
// with the case's member and checks the answer.
func runShapeCases(t *testing.T, e *testEnv, path string, valid func() map[string]any, cases []shapeCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := valid()
			body[c.member] = decodeJSON(t, c.value)
			r := e.do(http.MethodPost, path, body)
			if len(c.want) == 0 {
				r.want(t, http.StatusCreated)
				return
			}
			got := wantError(t, r, http.StatusBadRequest, "VALIDATION_ERROR")
			payload, _ := got["payload"].(map[string]any)
			if len(payload) != len(c.want) {
				t.Errorf("payload %v, want the fields %v", payload, c.want)
			}
			for field, code := range c.want {
				if fieldCode(got, field) != code {
					t.Errorf("payload %v: %s has code %v, want %s", payload, field, fieldCode(got, field), code)
				}
			}
		})
	}
}

const (
	skipped  = `{"type":"SKIPPED_IN_ROW_ASSIGNMENTS"}`
	skipRule = `{"key":"skipped_in_row_count","operator":"GTE","value":10}`
	ban      = `{"type":"RESTRICTION_V2","parameters":{"scope":"PROJECT","duration_unit":"PERMANENT"}}`
)

// qc is a quality control of one config: a collector and one rule.
func qc(collector, condition, action string) string {
	return `{"configs":[{"collector_config":` + collector + `,"rules":[{"conditions":[` + condition + `],"action":` + action + `}]}]}`
}

func TestPoolFilterValidation(t *testing.T) {
	e := newEnv(t, Options{CreateQuota: &Quota{}})
	project := e.createProject(specProject("p"))["id"].(string)
	pool := func() map[string]any { return minimalPool(project) }
	cond := func(category, key, operator, value string) string {
		return `{"category":"` + category + `","key":"` + key + `","operator":"` + operator + `","value":` + value + `}`
	}
	long := `{"and":[` + cond("profile", "country", "EQ", `"`+strings.Repeat("x", filterTextLimit)+`"`) + `]}`
	runShapeCases(t, e, "/api/v1/pools", pool, []shapeCase{
		{"languages", "filter", `{"and":[{"or":[` + cond("profile", "languages", "IN", `"EN"`) + `]}]}`, nil},
		// The API reference's pool example and filters.md.
		{"skill ID as a number", "filter", `{"and":[{"category":"skill","key":1124,"operator":"GT","value":59.7}]}`, nil},
		{"skill value as a string", "filter", `{"and":[` + cond("skill", "2", "GTE", `"60"`) + `,` + cond("computed", "region_by_ip", "IN", "84") + `]}`, nil},
		{"without a skill", "filter", `{"and":[{"category":"skill","key":"55","operator":"EQ"}]}`, nil},
		{"unknown region", "filter", `{"or":[` + cond("computed", "region_by_phone", "NOT_IN", "null") + `]}`, nil},
		{"languages list", "filter", `{"and":[` + cond("profile", "languages", "IN", `["EN","DE"]`) + `]}`, nil},

		{"and with or", "filter", `{"and":[],"or":[]}`, map[string]string{"filter": "MAX_ONE_PROPERTY_ALLOWED"}},
		{"operator of another key", "filter", `{"and":[{"or":[` + cond("profile", "languages", "IN", `"EN"`) + `,` + cond("profile", "languages", "GTE", `"EN"`) + `]}]}`,
			map[string]string{"filter.and.0.or.1.operator": "VALUE_NOT_ALLOWED"}},
		{"unknown category", "filter", `{"and":[` + cond("group", "x", "EQ", "1") + `]}`, map[string]string{"filter.and.0.category": "UNKNOWN_ENUM_VALUE"}},
		{"unknown key", "filter", `{"and":[` + cond("computed", "speed", "EQ", "1") + `]}`, map[string]string{"filter.and.0.key": "UNKNOWN_ENUM_VALUE"}},
		{"item not an object", "filter", `{"or":["x"]}`, map[string]string{"filter.or.0": "OBJECT_EXPECTED"}},
		{"value kind", "filter", `{"and":[` + cond("profile", "adult_allowed", "EQ", `"yes"`) + `]}`, map[string]string{"filter.and.0.value": "BOOLEAN_EXPECTED"}},
		{"value list item", "filter", `{"and":[` + cond("profile", "languages", "IN", `["EN",7]`) + `]}`, map[string]string{"filter.and.0.value.1": "STRING_EXPECTED"}},
		{"gender", "filter", `{"and":[` + cond("profile", "gender", "EQ", `"OTHER"`) + `]}`, map[string]string{"filter.and.0.value": "UNKNOWN_ENUM_VALUE"}},
		{"no value", "filter", `{"and":[{"category":"profile","key":"country","operator":"EQ"}]}`, map[string]string{"filter.and.0.value": "VALUE_REQUIRED"}},
		{"skill above 100", "filter", `{"and":[` + cond("skill", "2", "GT", "101") + `]}`, map[string]string{"filter.and.0.value": "VALUE_GREATER_THAN_MAX"}},
		{"skill with IN", "filter", `{"and":[` + cond("skill", "2", "IN", "1") + `]}`, map[string]string{"filter.and.0.operator": "VALUE_NOT_ALLOWED"}},
		{"no skill value with GT", "filter", `{"and":[{"category":"skill","key":"2","operator":"GT"}]}`, map[string]string{"filter.and.0.value": "VALUE_REQUIRED"}},
		{"too long", "filter", long, map[string]string{"filter": "OBJECT_SIZE_BYTES_GREATER_THAN_MAX"}},
	})
}

func TestPoolSettingsValidation(t *testing.T) {
	e := newEnv(t, Options{CreateQuota: &Quota{}})
	project := e.createProject(specProject("p"))["id"].(string)
	pool := func() map[string]any { return minimalPool(project) }
	training := e.createTraining(minimalTraining(project))["id"].(string)
	tdf := `{"scope":"PROJECT","distribution":"UNIFORM","window_days":7,"intervals":[{"from":1,"to":100,"frequency":5}]}`
	runShapeCases(t, e, "/api/v1/pools", pool, []shapeCase{
		{"zero price", "reward_per_assignment", "0", nil},
		{"paid minimum", "reward_per_assignment", "0.005", nil},
		{"below the paid minimum", "reward_per_assignment", "0.0049", map[string]string{"reward_per_assignment": "VALUE_LESS_THAN_MIN"}},
		{"balance step", "speed_quality_balance", `{"type":"TOP_PERCENTAGE_BY_QUALITY","percent":15}`, map[string]string{"speed_quality_balance.percent": "INVALID_VALUE"}},

		// The API reference's extended pool example, member by member.
		{"quality control", "quality_control", `{"training_requirement":{"training_pool_id":"` + training + `","training_passing_skill_value":70},
			"captcha_frequency":"LOW","configs":[{"collector_config":{"type":"ANSWER_COUNT"},"rules":[{"conditions":
			[{"key":"assignments_accepted_count","operator":"GTE","value":12}],"action":{"type":"RESTRICTION_V2","parameters":
			{"scope":"POOL","duration_unit":"DAYS","duration":10,"private_comment":"Completed 12 pages"}}}]}],
			"checkpoints_config":{"real_settings":{"target_overlap":5,"task_distribution_function":` + tdf + `}}}`, nil},
		{"mixer", "mixer_config", `{"real_tasks_count":6,"golden_tasks_count":1,"training_tasks_count":1,"min_real_tasks_count":2,
			"min_golden_tasks_count":0,"force_last_assignment":true,"force_last_assignment_delay_seconds":10,
			"golden_task_distribution_function":` + tdf + `}`, nil},
		{"dynamic overlap", "dynamic_overlap_config", `{"type":"BASIC","max_overlap":5,"min_confidence":0.9,"answer_weight_skill_id":"1289","fields":[{"name":"result"}]}`, nil},
		{"dynamic pricing", "dynamic_pricing_config", `{"type":"SKILL","skill_id":"1289","intervals":[{"from":0,"to":60,"reward_per_assignment":0.03},
			{"from":61,"to":100,"reward_per_assignment":0.04}]}`, nil},

		{"collector type", "quality_control", qc(`{"type":"CAPTCHA"}`, skipRule, ban), map[string]string{"quality_control.configs.0.collector_config.type": "UNKNOWN_ENUM_VALUE"}},
		{"collector uuid", "quality_control", qc(`{"type":"SKIPPED_IN_ROW_ASSIGNMENTS","uuid":"x"}`, skipRule, ban), map[string]string{"quality_control.configs.0.collector_config.uuid": "UUID_EXPECTED"}},
		{"collector parameter", "quality_control", qc(`{"type":"INCOME","parameters":{"history_size":3}}`, `{"key":"income_sum_for_last_24_hours","operator":"GT","value":1.5}`, ban),
			map[string]string{"quality_control.configs.0.collector_config.parameters.history_size": "VALUE_NOT_ALLOWED"}},
		{"condition of another collector", "quality_control", qc(skipped, `{"key":"fast_submitted_count","operator":"GT","value":1}`, ban),
			map[string]string{"quality_control.configs.0.rules.0.conditions.0.key": "VALUE_NOT_ALLOWED"}},
		{"identity operator", "quality_control", qc(`{"type":"USERS_ASSESSMENT"}`, `{"key":"skill_id","operator":"GT","value":"1"}`, `{"type":"CHANGE_OVERLAP","parameters":{"delta":1}}`),
			map[string]string{"quality_control.configs.0.rules.0.conditions.0.operator": "VALUE_NOT_ALLOWED"}},
		{"rate above 100", "quality_control", qc(`{"type":"GOLDEN_SET"}`, `{"key":"correct_answers_rate","operator":"LT","value":101}`, ban),
			map[string]string{"quality_control.configs.0.rules.0.conditions.0.value": "VALUE_GREATER_THAN_MAX"}},
		{"action type", "quality_control", qc(skipped, skipRule, `{"type":"BAN","parameters":{}}`), map[string]string{"quality_control.configs.0.rules.0.action.type": "UNKNOWN_ENUM_VALUE"}},
		{"approval without parameters, as toloka-kit sends it", "quality_control", qc(skipped, skipRule, `{"type":"APPROVE_ALL_ASSIGNMENTS"}`), nil},
		{"overlap change without parameters", "quality_control", qc(skipped, skipRule, `{"type":"CHANGE_OVERLAP"}`),
			map[string]string{"quality_control.configs.0.rules.0.action.parameters": "OBJECT_EXPECTED"}},
		{"action parameter", "quality_control", qc(skipped, skipRule, `{"type":"APPROVE_ALL_ASSIGNMENTS","parameters":{"scope":"POOL"}}`),
			map[string]string{"quality_control.configs.0.rules.0.action.parameters.scope": "VALUE_NOT_ALLOWED"}},
		{"restriction without duration", "quality_control", qc(skipped, skipRule, `{"type":"RESTRICTION_V2","parameters":{"scope":"POOL","duration_unit":"HOURS"}}`),
			map[string]string{"quality_control.configs.0.rules.0.action.parameters.duration": "VALUE_REQUIRED"}},
		{"skill value", "quality_control", qc(skipped, skipRule, `{"type":"SET_SKILL","parameters":{"skill_id":"1","skill_value":-1}}`),
			map[string]string{"quality_control.configs.0.rules.0.action.parameters.skill_value": "VALUE_LESS_THAN_MIN"}},
		{"checkpoints", "quality_control", `{"checkpoints_config":{"golden_settings":{"target_overlap":0,"task_distribution_function":
			{"scope":"POOL","distribution":"UNIFORM","window_days":0,"intervals":[]}}}}`, map[string]string{
			"quality_control.checkpoints_config.golden_settings.target_overlap":                         "VALUE_LESS_THAN_MIN",
			"quality_control.checkpoints_config.golden_settings.task_distribution_function.window_days": "VALUE_LESS_THAN_MIN",
			"quality_control.checkpoints_config.golden_settings.task_distribution_function.intervals":   "ARRAY_SIZE_LESS_THAN_MIN"}},
		{"mixer minimum", "mixer_config", `{"real_tasks_count":6,"golden_tasks_count":0,"training_tasks_count":0,"min_real_tasks_count":7}`,
			map[string]string{"mixer_config.min_real_tasks_count": "VALUE_GREATER_THAN_MAX"}},
		{"mixer distribution", "mixer_config", `{"real_tasks_count":6,"golden_tasks_count":0,"training_tasks_count":0,
			"training_task_distribution_function":{"scope":"POOL","distribution":"RANDOM","window_days":7,"intervals":[{"frequency":0}]}}`, map[string]string{
			"mixer_config.training_task_distribution_function.distribution":          "UNKNOWN_ENUM_VALUE",
			"mixer_config.training_task_distribution_function.intervals.0.frequency": "VALUE_LESS_THAN_MIN"}},
		{"max overlap below the defaults", "dynamic_overlap_config", `{"type":"BASIC","max_overlap":3,"min_confidence":0.9,"answer_weight_skill_id":"1","fields":[]}`,
			map[string]string{"dynamic_overlap_config.max_overlap": "VALUE_LESS_THAN_MIN"}},
		{"overlapping prices", "dynamic_pricing_config", `{"type":"SKILL","skill_id":"1","intervals":[{"from":0,"to":60,"reward_per_assignment":0.03},
			{"from":60,"reward_per_assignment":0.04}]}`, map[string]string{"dynamic_pricing_config.intervals.1": "INVALID_VALUE"}},
	})
}

func TestProjectQualityControlAndLanguages(t *testing.T) {
	e := newEnv(t, Options{CreateQuota: &Quota{}})
	project := func() map[string]any { return specProject("p") }
	runShapeCases(t, e, "/api/v1/projects", project, []shapeCase{
		{"API reference quality control", "quality_control", qc(skipped, skipRule,
			`{"type":"REJECT_ALL_ASSIGNMENTS","parameters":{"public_comment":"Skipped more than 10 task suites in a row"}}`), nil},
		{"languages", "localization_config", `{"default_language":"PT-BR","additional_languages":[{"language":"ZH-HANS",
			"public_name":{"value":"x","source":"REQUESTER"}}]}`, nil},

		{"rejection without a comment", "quality_control", qc(skipped, skipRule, `{"type":"REJECT_ALL_ASSIGNMENTS","parameters":{}}`),
			map[string]string{"quality_control.configs.0.rules.0.action.parameters.public_comment": "VALUE_REQUIRED"}},
		{"unknown language", "localization_config", `{"default_language":"ENGLISH"}`, map[string]string{"localization_config.default_language": "UNKNOWN_ENUM_VALUE"}},
		{"unknown translation language", "localization_config", `{"default_language":"EN","additional_languages":[{"language":"XX"}]}`,
			map[string]string{"localization_config.additional_languages.0.language": "UNKNOWN_ENUM_VALUE"}},
		{"translation source", "localization_config", `{"default_language":"EN","additional_languages":[{"language":"RU","public_name":{"value":"x","source":"MACHINE"}}]}`,
			map[string]string{"localization_config.additional_languages.0.public_name.source": "UNKNOWN_ENUM_VALUE"}},
	})
}
