package provider

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// shapeCase is a document and the problems its check must find, each as
// "member path: part of the message"; none for a document Toloka accepts.
type shapeCase struct {
	name string
	doc  string
	want []string
}

func runShapeCases(t *testing.T, check func(*shape, map[string]any), cases []shapeCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, ok := decodeShapeDocument(tc.doc)
			if !ok {
				t.Fatalf("the case's document is not a JSON object: %s", tc.doc)
			}
			s := &shape{}
			check(s, doc)
			var got []string
			for _, p := range s.problems {
				got = append(got, p.at+": "+p.message)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("problems %q, want %d matching %q", got, len(tc.want), tc.want)
			}
			for i, want := range tc.want {
				at, fragment, _ := strings.Cut(want, ": ")
				if s.problems[i].at != at || !strings.Contains(s.problems[i].message, fragment) {
					t.Errorf("problem %d is %q, want at %q a message with %q", i, got[i], at, fragment)
				}
			}
		})
	}
}

// fixtureMember is one member of a genuine payload in ../toloka/testdata,
// as JSON text.
func fixtureMember(t *testing.T, file, member string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "toloka", "testdata", "fixtures", file))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if doc[member] == nil {
		t.Fatalf("%s has no %s", file, member)
	}
	return string(doc[member])
}

// condition is a filter condition as JSON text.
func condition(category, key, operator, value string) string {
	return fmt.Sprintf(`{"category":%q,"key":%q,"operator":%q,"value":%s}`, category, key, operator, value)
}

func TestFilterShape(t *testing.T) {
	long := `{"and":[` + condition("profile", "country", "EQ", `"`+strings.Repeat("x", filterMaxLength)+`"`) + `]}`
	runShapeCases(t, checkFilter, []shapeCase{
		{"genuine pool", fixtureMember(t, "pool.json", "filter"), nil},
		// The API reference's request example: a skill ID as a number.
		{"skill ID as a number", `{"and":[{"category":"skill","key":1124,"operator":"GT","value":59.7}]}`, nil},
		// filters.md: region IDs and a skill value written as a string.
		{"regions and a skill", `{"and":[{"or":[` + condition("computed", "region_by_ip", "IN", "84") + `,` +
			condition("computed", "region_by_ip", "IN", "102") + `]},` + condition("skill", "2", "GTE", `"60"`) + `]}`, nil},
		// filter-computed.md and filter-profile.md.
		{"computed data", `{"and":[` + condition("computed", "os_family", "EQ", `"WINDOWS"`) + `,` +
			condition("computed", "user_agent_family", "EQ", `"YANDEX_BROWSER"`) + `]}`, nil},
		{"profile data", `{"and":[{"or":[` + condition("profile", "country", "EQ", `"US"`) + `]},{"or":[` +
			condition("profile", "adult_allowed", "EQ", "true") + `]}]}`, nil},
		// filter-skill.md: no value selects Tolokers without the skill.
		{"without a skill", `{"and":[{"category":"skill","key":"55","operator":"EQ"}]}`, nil},
		{"region not detected", `{"or":[` + condition("computed", "region_by_phone", "NOT_IN", "null") + `]}`, nil},
		{"list of languages", `{"and":[` + condition("profile", "languages", "IN", `["EN","DE"]`) + `]}`, nil},
		// toloka-kit: a pool filter may be a single condition.
		{"one condition", condition("profile", "gender", "EQ", `"FEMALE"`), nil},
		{"deep nesting", `{"or":[{"and":[{"or":[` + condition("profile", "date_of_birth", "LTE", "946684800") + `]}]}]}`, nil},
		{"empty and", `{"and":[]}`, nil},
		{"longest text", `{"and":[` + condition("profile", "country", "EQ",
			`"`+strings.Repeat("x", filterMaxLength-len(`{"and":[`+condition("profile", "country", "EQ", `""`)+`]}`))+`"`) + `]}`, nil},

		{"and with or", `{"and":[],"or":[]}`, []string{": has both and and or"}},
		{"and not a list", `{"and":"x"}`, []string{`and: must be an array, not "x"`}},
		{"node not an object", `{"and":[1]}`, []string{"and[0]: must be an object, not 1"}},
		{"unknown category", `{"and":[` + condition("group", "x", "EQ", "1") + `]}`, []string{`and[0].category: "group" is not one of profile, computed, skill`}},
		{"no category", `{"and":[{"key":"country","operator":"EQ","value":"US"}]}`, []string{"and[0].category: is required"}},
		{"unknown profile key", `{"and":[` + condition("profile", "age", "GT", "18") + `]}`, []string{`and[0].key: "age" is not a key of category "profile" (allowed: adult_allowed, citizenship`}},
		{"operator of another key", `{"and":[{"or":[` + condition("profile", "languages", "IN", `"EN"`) + `,` + condition("profile", "languages", "GTE", `"EN"`) + `]}]}`,
			[]string{`and[0].or[1].operator: "GTE" is not an operator of category "profile" key "languages" (allowed: IN, NOT_IN)`}},
		{"no operator", `{"and":[{"category":"profile","key":"country","value":"US"}]}`, []string{"and[0].operator: is required"}},
		{"boolean key with a string", `{"and":[` + condition("profile", "adult_allowed", "EQ", `"yes"`) + `]}`, []string{`and[0].value: must be a boolean, not "yes"`}},
		{"unknown gender", `{"and":[` + condition("profile", "gender", "EQ", `"OTHER"`) + `]}`, []string{`and[0].value: "OTHER" is not one of MALE, FEMALE`}},
		{"city by name", `{"and":[` + condition("profile", "city", "IN", `"Moscow"`) + `]}`, []string{`and[0].value: must be an integer, not "Moscow"`}},
		{"no value", `{"and":[{"category":"profile","key":"country","operator":"EQ"}]}`, []string{"and[0].value: is required"}},
		{"language list with a number", `{"and":[` + condition("profile", "languages", "IN", `["EN",7]`) + `]}`, []string{"and[0].value[1]: must be a string, not 7"}},
		{"skill above 100", `{"and":[` + condition("skill", "2", "GT", "101") + `]}`, []string{"and[0].value: must be at most 100, not 101"}},
		{"skill with IN", `{"and":[` + condition("skill", "2", "IN", "50") + `]}`, []string{`and[0].operator: "IN" is not an operator of category "skill"`}},
		{"no skill value with GT", `{"and":[{"category":"skill","key":"2","operator":"GT"}]}`, []string{`and[0].value: is required with operator "GT"`}},
		{"empty skill ID", `{"and":[` + condition("skill", "", "EQ", "1") + `]}`, []string{"and[0].key: must be a skill ID, not an empty string"}},
		{"skill value a word", `{"and":[` + condition("skill", "2", "GT", `"high"`) + `]}`, []string{`and[0].value: must be a skill value (a number), not "high"`}},
		{"too long", long, []string{fmt.Sprintf(": its JSON text is %d characters long, longer than Toloka's limit of %d", len(long), filterMaxLength)}},
	})
}

// poolLongBodyQualityControl is the quality control of the API reference's
// extended pool creation example (requests/api/pool-body.yaml), its
// training the one refusals makes (trainingPlaceholder).
const poolLongBodyQualityControl = `{
  "training_requirement": {"training_pool_id": "$training", "training_passing_skill_value": 70},
  "captcha_frequency": "LOW",
  "configs": [{"collector_config": {"type": "ANSWER_COUNT"},
    "rules": [{"conditions": [{"key": "assignments_accepted_count", "operator": "GTE", "value": 12}],
      "action": {"type": "RESTRICTION_V2", "parameters": {"scope": "POOL", "duration_unit": "DAYS", "duration": 10,
        "private_comment": "Completed 12 pages of tasks in the pool"}}}]}],
  "checkpoints_config": {
    "real_settings": {"target_overlap": 5, "task_distribution_function": {"scope": "PROJECT", "distribution": "UNIFORM",
      "window_days": 7, "intervals": [{"from": 1, "to": 100, "frequency": 5}, {"from": 101, "to": 1000, "frequency": 25}]}},
    "golden_settings": {"target_overlap": 5, "task_distribution_function": {"scope": "PROJECT", "distribution": "UNIFORM",
      "window_days": 7, "intervals": [{"from": 1, "to": 100, "frequency": 5}]}},
    "training_settings": {"target_overlap": 5, "task_distribution_function": {"scope": "POOL", "distribution": "UNIFORM",
      "window_days": 7, "intervals": [{"to": 100, "frequency": 5}, {"from": 101, "frequency": 50}]}}}}`

// qualityConfig is a quality control with one config: this collector, and
// one rule of these conditions and this action.
func qualityConfig(collector, conditions, action string) string {
	return fmt.Sprintf(`{"configs":[{"collector_config":%s,"rules":[{"conditions":[%s],"action":%s}]}]}`, collector, conditions, action)
}

const (
	skippedCollector = `{"type":"SKIPPED_IN_ROW_ASSIGNMENTS"}`
	skippedCondition = `{"key":"skipped_in_row_count","operator":"GTE","value":10}`
	banAction        = `{"type":"RESTRICTION_V2","parameters":{"scope":"PROJECT","duration_unit":"PERMANENT"}}`
)

func TestPoolQualityControlShape(t *testing.T) {
	runShapeCases(t, checkPoolQualityControl, []shapeCase{
		{"genuine pool", fixtureMember(t, "pool.json", "quality_control"), nil},
		{"API reference example", poolLongBodyQualityControl, nil},
		// toloka-kit's tests/pool/conftest.py.
		{"restriction in days", qualityConfig(`{"type":"ASSIGNMENT_SUBMIT_TIME","parameters":{"history_size":5}}`,
			`{"key":"total_submitted_count","operator":"EQ","value":5},{"key":"fast_submitted_count","operator":"GTE","value":3}`,
			`{"type":"RESTRICTION","parameters":{"scope":"POOL","duration_days":10,"private_comment":"ban in pool"}}`), nil},
		{"training skill", qualityConfig(`{"type":"TRAINING","uuid":"cdf0f2ee-04e4-11e8-8a8d-6c96cfdb64bb"}`,
			`{"key":"next_assignment_available","operator":"EQ","value":false},{"key":"total_answers_count","operator":"GT","value":0}`,
			`{"type":"SET_SKILL_FROM_OUTPUT_FIELD","parameters":{"skill_id":"676","from_field":"correct_answers_rate"}}`), nil},
		{"majority vote", qualityConfig(`{"type":"MAJORITY_VOTE","parameters":{"answer_threshold":3,"history_size":10}}`,
			`{"key":"incorrect_answers_rate","operator":"GT","value":33.3}`,
			`{"type":"SET_SKILL","parameters":{"skill_id":"1","skill_value":1}}`), nil},
		{"reassign", qualityConfig(`{"type":"USERS_ASSESSMENT"}`,
			`{"key":"pool_access_revoked_reason","operator":"EQ","value":"SKILL_CHANGE"},{"key":"skill_id","operator":"EQ","value":"7"}`,
			`{"type":"CHANGE_OVERLAP","parameters":{"delta":1,"open_pool":true}}`), nil},
		// toloka-kit's ApproveAllAssignments() has no parameters and sends none.
		{"approval without parameters", qualityConfig(skippedCollector, skippedCondition, `{"type":"APPROVE_ALL_ASSIGNMENTS"}`), nil},
		{"action the SDK does not model", qualityConfig(skippedCollector, skippedCondition, `{"type":"SET_POOL_COMPLETE","parameters":{"anything":1}}`), nil},

		{"captcha collector", qualityConfig(`{"type":"CAPTCHA"}`, skippedCondition, banAction),
			[]string{`configs[0].collector_config.type: "CAPTCHA" is not one of ACCEPTANCE_RATE, ANSWER_COUNT`}},
		{"uuid", qualityConfig(`{"type":"SKIPPED_IN_ROW_ASSIGNMENTS","uuid":"abc"}`, skippedCondition, banAction),
			[]string{`configs[0].collector_config.uuid: "abc" is not a UUID`}},
		{"parameter of another collector", qualityConfig(`{"type":"ANSWER_COUNT","parameters":{"history_size":5}}`,
			`{"key":"assignments_accepted_count","operator":"GTE","value":1}`, banAction),
			[]string{`configs[0].collector_config.parameters.history_size: is not a parameter of collector "ANSWER_COUNT" (allowed: none)`}},
		{"parameter not an integer", qualityConfig(`{"type":"GOLDEN_SET","parameters":{"history_size":"ten"}}`,
			`{"key":"correct_answers_rate","operator":"LT","value":50}`, banAction),
			[]string{`configs[0].collector_config.parameters.history_size: must be an integer, not "ten"`}},
		{"unknown condition key", qualityConfig(skippedCollector, `{"key":"speed","operator":"GT","value":1}`, banAction),
			[]string{`configs[0].rules[0].conditions[0].key: "speed" is not a condition key`}},
		{"condition of another collector", qualityConfig(skippedCollector, `{"key":"fast_submitted_count","operator":"GT","value":1}`, banAction),
			[]string{`configs[0].rules[0].conditions[0].key: "fast_submitted_count" is not a condition of collector "SKIPPED_IN_ROW_ASSIGNMENTS" (allowed: skipped_in_row_count)`}},
		{"operator", qualityConfig(skippedCollector, `{"key":"skipped_in_row_count","operator":"IN","value":1}`, banAction),
			[]string{`configs[0].rules[0].conditions[0].operator: "IN" is not one of EQ, NE, GT, GTE, LT, LTE`}},
		{"operator of an identity key", qualityConfig(`{"type":"ASSIGNMENTS_ASSESSMENT"}`, `{"key":"assessment_event","operator":"GT","value":"REJECT"}`,
			`{"type":"CHANGE_OVERLAP","parameters":{"delta":1}}`),
			[]string{`configs[0].rules[0].conditions[0].operator: "GT" is not an operator of key "assessment_event" (allowed: EQ, NE)`}},
		{"rate above 100", qualityConfig(`{"type":"GOLDEN_SET"}`, `{"key":"incorrect_answers_rate","operator":"GT","value":150}`, banAction),
			[]string{"configs[0].rules[0].conditions[0].value: must be at most 100, not 150"}},
		{"unknown event", qualityConfig(`{"type":"ASSIGNMENTS_ASSESSMENT"}`, `{"key":"assessment_event","operator":"EQ","value":"MAYBE"}`,
			`{"type":"CHANGE_OVERLAP","parameters":{"delta":1}}`),
			[]string{`configs[0].rules[0].conditions[0].value: "MAYBE" is not one of ACCEPT, ACCEPT_AFTER_REJECT, REJECT`}},
		{"no condition value", qualityConfig(skippedCollector, `{"key":"skipped_in_row_count","operator":"GT"}`, banAction),
			[]string{"configs[0].rules[0].conditions[0].value: is required"}},
		{"unknown action", qualityConfig(skippedCollector, skippedCondition, `{"type":"BAN","parameters":{}}`),
			[]string{`configs[0].rules[0].action.type: "BAN" is not one of APPROVE_ALL_ASSIGNMENTS`}},
		{"action without parameters", qualityConfig(skippedCollector, skippedCondition, `{"type":"CHANGE_OVERLAP"}`),
			[]string{"configs[0].rules[0].action.parameters: is required"}},
		{"restriction scope", qualityConfig(skippedCollector, skippedCondition, `{"type":"RESTRICTION_V2","parameters":{"scope":"WORLD","duration_unit":"PERMANENT"}}`),
			[]string{`configs[0].rules[0].action.parameters.scope: "WORLD" is not one of POOL, PROJECT, ALL_PROJECTS`}},
		{"restriction without scope", qualityConfig(skippedCollector, skippedCondition, `{"type":"RESTRICTION_V2","parameters":{"duration_unit":"PERMANENT"}}`),
			[]string{"configs[0].rules[0].action.parameters.scope: is required"}},
		{"restriction for days without a duration", qualityConfig(skippedCollector, skippedCondition, `{"type":"RESTRICTION_V2","parameters":{"scope":"POOL","duration_unit":"DAYS"}}`),
			[]string{"configs[0].rules[0].action.parameters.duration: is required"}},
		{"skill value above 100", qualityConfig(skippedCollector, skippedCondition, `{"type":"SET_SKILL","parameters":{"skill_id":"1","skill_value":101}}`),
			[]string{"configs[0].rules[0].action.parameters.skill_value: must be at most 100, not 101"}},
		{"parameter of another action", qualityConfig(skippedCollector, skippedCondition, `{"type":"REJECT_ALL_ASSIGNMENTS","parameters":{"public_comment":"no","scope":"POOL"}}`),
			[]string{`configs[0].rules[0].action.parameters.scope: is not a parameter of action "REJECT_ALL_ASSIGNMENTS" (allowed: public_comment)`}},
		{"no rules", `{"configs":[{"collector_config":` + skippedCollector + `}]}`, []string{"configs[0].rules: is required"}},
		{"no collector", `{"configs":[{"rules":[]}]}`, []string{"configs[0].collector_config: is required"}},
		{"captcha frequency", `{"captcha_frequency":"SOMETIMES"}`, []string{`captcha_frequency: "SOMETIMES" is not one of LOW, MEDIUM, HIGH`}},
		{"training requirement", `{"training_requirement":{"training_passing_skill_value":101}}`, []string{
			"training_requirement.training_pool_id: is required", "training_requirement.training_passing_skill_value: must be at most 100, not 101"}},
		{"checkpoints", `{"checkpoints_config":{"real_settings":{"target_overlap":0,"task_distribution_function":
			{"scope":"WORLD","distribution":"UNIFORM","window_days":366,"intervals":[{"from":0,"frequency":0}]}}}}`, []string{
			"checkpoints_config.real_settings.target_overlap: must be at least 1, not 0",
			`checkpoints_config.real_settings.task_distribution_function.scope: "WORLD" is not one of POOL, PROJECT`,
			"checkpoints_config.real_settings.task_distribution_function.window_days: must be at most 365, not 366",
			"checkpoints_config.real_settings.task_distribution_function.intervals[0].from: must be at least 1, not 0",
			"checkpoints_config.real_settings.task_distribution_function.intervals[0].frequency: must be at least 1, not 0"}},
		{"checkpoints without intervals", `{"checkpoints_config":{"golden_settings":{"target_overlap":3,"task_distribution_function":
			{"scope":"POOL","distribution":"UNIFORM","window_days":1,"intervals":[]}}}}`,
			[]string{"checkpoints_config.golden_settings.task_distribution_function.intervals: must have at least 1 item(s), not 0"}},
	})
}

func TestProjectQualityControlShape(t *testing.T) {
	runShapeCases(t, checkProjectQualityControl, []shapeCase{
		{"API reference project", fixtureMember(t, "project_docs_example.json", "quality_control"), nil},
		{"no configs", `{}`, nil},
		{"configs not a list", `{"configs":{}}`, []string{"configs: must be an array, not an object"}},
		{"unknown collector", qualityConfig(`{"type":"SPEED"}`, skippedCondition, banAction),
			[]string{`configs[0].collector_config.type: "SPEED" is not one of`}},
	})
}

// poolLongBodyMixerConfig is the mixer configuration of the API reference's
// extended pool creation example.
const poolLongBodyMixerConfig = `{"real_tasks_count": 6, "golden_tasks_count": 1, "training_tasks_count": 1,
  "min_real_tasks_count": 2, "min_golden_tasks_count": 0, "min_training_tasks_count": 0,
  "force_last_assignment": true, "force_last_assignment_delay_seconds": 10,
  "mix_tasks_in_creation_order": true, "shuffle_tasks_in_task_suite": false,
  "golden_task_distribution_function": {"scope": "PROJECT", "distribution": "UNIFORM", "window_days": 7,
    "intervals": [{"from": 1, "to": 25, "frequency": 5}, {"from": 26, "to": 1000, "frequency": 25}]},
  "training_task_distribution_function": {"scope": "PROJECT", "distribution": "UNIFORM", "window_days": 7,
    "intervals": [{"from": 1, "to": 25, "frequency": 5}, {"from": 26, "to": 1000, "frequency": 25}]}}`

func TestMixerConfigShape(t *testing.T) {
	runShapeCases(t, checkMixerConfig, []shapeCase{
		{"API reference example", poolLongBodyMixerConfig, nil},
		// toloka-kit's training pool fixture.
		{"training tasks only", `{"real_tasks_count":0,"golden_tasks_count":0,"training_tasks_count":7,"min_training_tasks_count":1}`, nil},
		{"bounds", `{"real_tasks_count":500,"golden_tasks_count":0,"training_tasks_count":0,"force_last_assignment_delay_seconds":86400}`, nil},

		{"count above 500", `{"real_tasks_count":501,"golden_tasks_count":0,"training_tasks_count":0}`, []string{"real_tasks_count: must be at most 500, not 501"}},
		{"count missing", `{"real_tasks_count":1,"training_tasks_count":0}`, []string{"golden_tasks_count: is required"}},
		{"minimum above the count", `{"real_tasks_count":6,"golden_tasks_count":0,"training_tasks_count":0,"min_real_tasks_count":7}`,
			[]string{"min_real_tasks_count: must be at most real_tasks_count (6), not 7"}},
		{"negative minimum", `{"real_tasks_count":6,"golden_tasks_count":0,"training_tasks_count":0,"min_golden_tasks_count":-1}`,
			[]string{"min_golden_tasks_count: must be at least 0, not -1"}},
		{"count not an integer", `{"real_tasks_count":1.5,"golden_tasks_count":0,"training_tasks_count":0}`, []string{"real_tasks_count: must be an integer, not 1.5"}},
		{"flag not a boolean", `{"real_tasks_count":1,"golden_tasks_count":0,"training_tasks_count":0,"force_last_assignment":"yes"}`,
			[]string{`force_last_assignment: must be a boolean, not "yes"`}},
		{"delay above a day", `{"real_tasks_count":1,"golden_tasks_count":0,"training_tasks_count":0,"force_last_assignment_delay_seconds":86401}`,
			[]string{"force_last_assignment_delay_seconds: must be at most 86400, not 86401"}},
		{"distribution", `{"real_tasks_count":1,"golden_tasks_count":0,"training_tasks_count":0,"golden_task_distribution_function":
			{"scope":"POOL","distribution":"RANDOM","window_days":7,"intervals":[{"frequency":10000001}]}}`, []string{
			`golden_task_distribution_function.distribution: "RANDOM" is not one of UNIFORM`,
			"golden_task_distribution_function.intervals[0].frequency: must be at most 10000000, not 10000001"}},
	})
}

func TestDynamicConfigShapes(t *testing.T) {
	// The API reference's extended pool creation example.
	overlap := `{"type":"BASIC","max_overlap":5,"min_confidence":0.9,"answer_weight_skill_id":"1289","fields":[{"name":"result"}]}`
	pricing := `{"type":"SKILL","skill_id":"1289","intervals":[{"from":0,"to":60,"reward_per_assignment":0.03},
		{"from":61,"to":100,"reward_per_assignment":0.04}]}`
	t.Run("overlap", func(t *testing.T) {
		runShapeCases(t, checkDynamicOverlapConfig, []shapeCase{
			{"API reference example", overlap, nil},
			{"unknown type", strings.Replace(overlap, `"BASIC"`, `"SMART"`, 1), []string{`type: "SMART" is not one of BASIC`}},
			{"max overlap 0", strings.Replace(overlap, `"max_overlap":5`, `"max_overlap":0`, 1), []string{"max_overlap: must be at least 1, not 0"}},
			{"confidence above 1", strings.Replace(overlap, `0.9`, `1.5`, 1), []string{"min_confidence: must be at most 1, not 1.5"}},
			{"field without a name", strings.Replace(overlap, `{"name":"result"}`, `{}`, 1), []string{"fields[0].name: is required"}},
			{"no skill", `{"type":"BASIC","max_overlap":5,"min_confidence":0.9,"fields":[]}`, []string{"answer_weight_skill_id: is required"}},
		})
	})
	t.Run("pricing", func(t *testing.T) {
		runShapeCases(t, checkDynamicPricingConfig, []shapeCase{
			{"API reference example", pricing, nil},
			// toloka-kit's pool fixture: an interval with no upper bound.
			{"open interval", `{"type":"SKILL","skill_id":"1","intervals":[{"from":50,"to":79,"reward_per_assignment":0.05},
				{"from":80,"reward_per_assignment":0.1}]}`, nil},
			{"overlap", strings.Replace(pricing, `"from":61`, `"from":60`, 1), []string{"intervals[1]: skills 60 to 100 overlap intervals[0] (0 to 60)"}},
			{"overlap out of order", `{"type":"SKILL","skill_id":"1","intervals":[{"from":30,"to":40,"reward_per_assignment":1},
				{"from":0,"to":100,"reward_per_assignment":1},{"from":50,"to":60,"reward_per_assignment":1}]}`, []string{
				"intervals[0]: skills 30 to 40 overlap intervals[1] (0 to 100)", "intervals[2]: skills 50 to 60 overlap intervals[1] (0 to 100)"}},
			{"no intervals", `{"type":"SKILL","skill_id":"1","intervals":[]}`, []string{"intervals: must have at least 1 item(s), not 0"}},
			{"unknown type", strings.Replace(pricing, `"SKILL"`, `"LEVEL"`, 1), []string{`type: "LEVEL" is not one of SKILL`}},
			{"no skill", `{"type":"SKILL","intervals":[{"from":0,"to":10,"reward_per_assignment":1}]}`, []string{"skill_id: is required"}},
			{"no price", `{"type":"SKILL","skill_id":"1","intervals":[{"from":0,"to":10}]}`, []string{"intervals[0].reward_per_assignment: is required"}},
		})
	})
}
