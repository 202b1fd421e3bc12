package emulator

import (
	"fmt"
	"math"
	"regexp"
	"strings"
)

// Quality control as the API reference describes it (PoolQualityControl,
// ProjectQualityControl, PipelineConfigDtoV1, CollectorConfigDtoV1,
// RuleConfigDtoV1, OneFieldConditionDtoV1, ActionConfigDtoV1), with
// toloka-kit's collectors.py, conditions.py and actions.py for what it
// leaves in prose: which parameters each collector and action takes and
// which condition keys each collector offers.

// collectorSpec is a collector type: its integer parameters and the keys
// its rules' conditions may test.
type collectorSpec struct {
	params []string
	keys   []string
}

var collectorSpecs = map[string]collectorSpec{
	"ACCEPTANCE_RATE":            {[]string{"history_size"}, []string{"total_assignments_count", "accepted_assignments_rate", "rejected_assignments_rate"}},
	"ANSWER_COUNT":               {nil, []string{"assignments_accepted_count"}},
	"ASSIGNMENT_SUBMIT_TIME":     {[]string{"fast_submit_threshold_seconds", "history_size"}, []string{"total_submitted_count", "fast_submitted_count"}},
	"ASSIGNMENTS_ASSESSMENT":     {[]string{"history_size"}, []string{"pending_assignments_count", "accepted_assignments_count", "rejected_assignments_count", "assessment_event"}},
	"GOLDEN_SET":                 {[]string{"history_size"}, []string{"total_answers_count", "correct_answers_rate", "incorrect_answers_rate", "golden_set_answers_count", "golden_set_correct_answers_rate", "golden_set_incorrect_answers_rate"}},
	"INCOME":                     {nil, []string{"income_sum_for_last_24_hours"}},
	"MAJORITY_VOTE":              {[]string{"answer_threshold", "history_size"}, []string{"total_answers_count", "correct_answers_rate", "incorrect_answers_rate"}},
	"SKIPPED_IN_ROW_ASSIGNMENTS": {nil, []string{"skipped_in_row_count"}},
	"TRAINING":                   {nil, []string{"submitted_assignments_count", "total_answers_count", "correct_answers_rate", "incorrect_answers_rate", "next_assignment_available"}},
	"USERS_ASSESSMENT":           {[]string{"history_size"}, []string{"pool_access_revoked_reason", "skill_id"}},
}

// collectorTypes is CollectorConfigDtoV1.type's enum.
var collectorTypes = []string{
	"ACCEPTANCE_RATE", "ANSWER_COUNT", "ASSIGNMENT_SUBMIT_TIME", "ASSIGNMENTS_ASSESSMENT", "GOLDEN_SET",
	"INCOME", "MAJORITY_VOTE", "SKIPPED_IN_ROW_ASSIGNMENTS", "TRAINING", "USERS_ASSESSMENT",
}

// ruleKey is a condition key: the operators it takes (all six unless it
// is an identity) and its value. The *_rate keys are percentages.
type ruleKey struct {
	identity bool
	value    valueSpec
}

var percent = rangeOf(kNumber, 0, 100)

var ruleKeys = map[string]ruleKey{
	"accepted_assignments_count":        {value: anyOf(kInteger)},
	"accepted_assignments_rate":         {value: percent},
	"assessment_event":                  {identity: true, value: oneOf("ACCEPT", "ACCEPT_AFTER_REJECT", "REJECT")},
	"assignments_accepted_count":        {value: anyOf(kInteger)},
	"correct_answers_rate":              {value: percent},
	"fast_submitted_count":              {value: anyOf(kInteger)},
	"golden_set_answers_count":          {value: anyOf(kInteger)},
	"golden_set_correct_answers_rate":   {value: percent},
	"golden_set_incorrect_answers_rate": {value: percent},
	"income_sum_for_last_24_hours":      {value: anyOf(kNumber)},
	"incorrect_answers_rate":            {value: percent},
	"next_assignment_available":         {value: anyOf(kBool)},
	"pending_assignments_count":         {value: anyOf(kInteger)},
	"pool_access_revoked_reason":        {identity: true, value: oneOf("SKILL_CHANGE", "RESTRICTION")},
	"rejected_assignments_count":        {value: anyOf(kInteger)},
	"rejected_assignments_rate":         {value: percent},
	"skill_id":                          {identity: true, value: anyOf(kString)},
	"skipped_in_row_count":              {value: anyOf(kInteger)},
	"submitted_assignments_count":       {value: anyOf(kInteger)},
	"total_answers_count":               {value: anyOf(kInteger)},
	"total_assignments_count":           {value: anyOf(kInteger)},
	"total_submitted_count":             {value: anyOf(kInteger)},
}

// actionSpec is an action type: its parameters and the required ones. A
// nil spec (an action toloka-kit does not model) takes any parameters.
type actionSpec struct {
	params   map[string]valueSpec
	required []string
}

var (
	scopes = oneOf("POOL", "PROJECT", "ALL_PROJECTS")
	// fromFields: toloka-kit says incorrect_answers_rate, the API reference
	// wrong_answers_rate; both are taken.
	fromFields = oneOf("correct_answers_rate", "incorrect_answers_rate", "wrong_answers_rate")
)

var actionSpecs = map[string]*actionSpec{
	"APPROVE_ALL_ASSIGNMENTS":   {},
	"CHANGE_OVERLAP":            {map[string]valueSpec{"delta": anyOf(kInteger), "open_pool": anyOf(kBool)}, []string{"delta"}},
	"CLEAN_ASSIGNMENTS_HISTORY": nil,
	"CLEAN_COLLECTOR":           nil,
	"REJECT_ALL_ASSIGNMENTS":    {map[string]valueSpec{"public_comment": anyOf(kString)}, []string{"public_comment"}},
	"RESTRICTION": {map[string]valueSpec{"scope": scopes, "duration_days": anyOf(kInteger), "private_comment": anyOf(kString)},
		[]string{"scope"}},
	"RESTRICTION_V2": {map[string]valueSpec{"scope": scopes, "duration": anyOf(kInteger),
		"duration_unit": oneOf("MINUTES", "HOURS", "DAYS", "PERMANENT"), "private_comment": anyOf(kString)},
		[]string{"scope", "duration_unit"}},
	"SET_POOL_COMPLETE": nil,
	"SET_SKILL": {map[string]valueSpec{"skill_id": anyOf(kString), "skill_value": rangeOf(kInteger, 0, 100)},
		[]string{"skill_id", "skill_value"}},
	"SET_SKILL_FROM_OUTPUT_FIELD": {map[string]valueSpec{"skill_id": anyOf(kString), "from_field": fromFields},
		[]string{"skill_id", "from_field"}},
}

// actionTypes is ActionConfigDtoV1.type's enum.
var actionTypes = []string{
	"APPROVE_ALL_ASSIGNMENTS", "CHANGE_OVERLAP", "CLEAN_ASSIGNMENTS_HISTORY", "CLEAN_COLLECTOR", "REJECT_ALL_ASSIGNMENTS",
	"RESTRICTION", "RESTRICTION_V2", "SET_POOL_COMPLETE", "SET_SKILL", "SET_SKILL_FROM_OUTPUT_FIELD",
}

var uuidSyntax = regexp.MustCompile(`^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$`)

// qualityConfigs checks qc.configs, qc being found at path.
func (v *validator) qualityConfigs(qc map[string]any, path string) {
	configs, _ := v.array(qc, "configs", path+".configs", 0, 0, false)
	v.objects(configs, path+".configs", func(cfg map[string]any, path string) {
		collector := v.collector(cfg, path)
		rules, _ := v.array(cfg, "rules", path+".rules", 0, 0, true)
		v.objects(rules, path+".rules", func(rule map[string]any, path string) {
			conditions, _ := v.array(rule, "conditions", path+".conditions", 0, 0, true)
			v.objects(conditions, path+".conditions", func(c map[string]any, path string) {
				v.ruleCondition(c, path, collector)
			})
			if action, ok := v.object(rule, "action", path+".action", true); ok {
				v.ruleAction(action, path+".action")
			}
		})
	})
}

// collector checks a config's collector_config and returns its type ("" if
// unknown).
func (v *validator) collector(cfg map[string]any, path string) string {
	path += ".collector_config"
	c, ok := v.object(cfg, "collector_config", path, true)
	if !ok {
		return ""
	}
	if id, ok := v.text(c, "uuid", path+".uuid", false); ok && !uuidSyntax.MatchString(id) {
		v.fail(path+".uuid", vcUUID, "Value must be a UUID")
	}
	kind := v.enum(c, "type", path+".type", collectorTypes, true)
	if kind == "" {
		return ""
	}
	spec := collectorSpecs[kind]
	if params, ok := v.object(c, "parameters", path+".parameters", false); ok {
		v.only(params, path+".parameters", spec.params, "collector "+kind)
		for _, name := range spec.params {
			v.integer(params, name, path+".parameters."+name, math.MinInt64, math.MaxInt64, false)
		}
	}
	return kind
}

func (v *validator) ruleCondition(c map[string]any, path, collector string) {
	operator := v.enum(c, "operator", path+".operator", opsOrder, true)
	name, ok := v.text(c, "key", path+".key", true)
	if !ok {
		return
	}
	key, known := ruleKeys[name]
	switch {
	case !known:
		v.fail(path+".key", vcUnknownEnum, "Unknown condition key "+name)
		return
	case collector != "" && !contains(collectorSpecs[collector].keys, name):
		v.fail(path+".key", vcNotAllowed, fmt.Sprintf("Condition %s is not allowed for collector %s, expected one of: %s",
			name, collector, strings.Join(collectorSpecs[collector].keys, ", ")))
	}
	if key.identity && operator != "" && !contains(opsEquality, operator) {
		v.fail(path+".operator", vcNotAllowed, fmt.Sprintf("Operator %s is not allowed for %s, expected one of: EQ, NE", operator, name))
	}
	v.typed(c, "value", path+".value", key.value, true)
}

func (v *validator) ruleAction(a map[string]any, path string) {
	kind := v.enum(a, "type", path+".type", actionTypes, true)
	spec := actionSpecs[kind]
	params, ok := v.object(a, "parameters", path+".parameters", !takesNoParameters(spec))
	if kind == "" || !ok || spec == nil {
		return
	}
	var names []string
	for name := range spec.params {
		names = append(names, name)
	}
	v.only(params, path+".parameters", names, "action "+kind)
	for name, p := range spec.params {
		v.typed(params, name, path+".parameters."+name, p, contains(spec.required, name))
	}
	// toloka-kit: with PERMANENT "the duration is ignored and may be
	// omitted"; a restriction for minutes, hours or days says how many.
	if unit, _ := params["duration_unit"].(string); kind == "RESTRICTION_V2" && unit != "" && unit != "PERMANENT" {
		v.check(params, "duration", path+".parameters.duration", kInteger, true)
	}
}

// takesNoParameters tells an action whose parameters may be left out: one
// that takes none. ActionConfigDtoV1 marks parameters required, but
// toloka-kit's ApproveAllAssignments has no parameters and is sent as
// {"type": "APPROVE_ALL_ASSIGNMENTS"} (toloka-kit 1.2.3, actions.py), and
// toloka-java-sdk's ApproveAllAssignments.Parameters is empty.
func takesNoParameters(spec *actionSpec) bool {
	return spec != nil && len(spec.params) == 0
}

// Limits of TaskDistributionFunction and the intervals it holds.
var (
	distributionScopes = []string{"POOL", "PROJECT"}
	distributions      = []string{"UNIFORM"}
)

// taskDistribution checks a task distribution function found at path.
func (v *validator) taskDistribution(f map[string]any, path string) {
	v.enum(f, "scope", path+".scope", distributionScopes, true)
	v.enum(f, "distribution", path+".distribution", distributions, true)
	v.integer(f, "window_days", path+".window_days", 1, 365, true)
	intervals, _ := v.array(f, "intervals", path+".intervals", 1, 10000, true)
	v.objects(intervals, path+".intervals", func(in map[string]any, path string) {
		v.integer(in, "from", path+".from", 1, 1000000, false)
		v.integer(in, "to", path+".to", 1, 1000000, false)
		v.integer(in, "frequency", path+".frequency", 1, 10000000, true)
	})
}
