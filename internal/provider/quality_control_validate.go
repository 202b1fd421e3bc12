package provider

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The shape of quality control, from Toloka's OpenAPI description
// (PoolQualityControl, ProjectQualityControl, PipelineConfigDtoV1 and the
// schemas they use) and, where it is loose, toloka-kit's collectors.py,
// conditions.py and actions.py:
//
//	{"configs": [{"collector_config": {"type", "uuid", "parameters"},
//	              "rules": [{"conditions": [{"key", "operator", "value"}],
//	                         "action": {"type", "parameters"}}]}],
//	 "captcha_frequency", "training_requirement", "checkpoints_config"}
//
// A project's quality control has configs only. Where the two sources list
// different values, both are accepted: a refusal at plan time must never
// stop what Toloka takes.

// collectorRule is what a collector type takes: its parameters (all
// integers) and the condition keys its rules may test.
type collectorRule struct {
	parameters []string
	conditions []string
}

var collectorRules = map[string]collectorRule{
	"ACCEPTANCE_RATE": {parameters: []string{"history_size"},
		conditions: []string{"total_assignments_count", "accepted_assignments_rate", "rejected_assignments_rate"}},
	"ANSWER_COUNT": {conditions: []string{"assignments_accepted_count"}},
	"ASSIGNMENT_SUBMIT_TIME": {parameters: []string{"fast_submit_threshold_seconds", "history_size"},
		conditions: []string{"total_submitted_count", "fast_submitted_count"}},
	"ASSIGNMENTS_ASSESSMENT": {parameters: []string{"history_size"},
		conditions: []string{"pending_assignments_count", "accepted_assignments_count", "rejected_assignments_count", "assessment_event"}},
	"GOLDEN_SET": {parameters: []string{"history_size"},
		conditions: []string{"total_answers_count", "correct_answers_rate", "incorrect_answers_rate",
			"golden_set_answers_count", "golden_set_correct_answers_rate", "golden_set_incorrect_answers_rate"}},
	"INCOME": {conditions: []string{"income_sum_for_last_24_hours"}},
	"MAJORITY_VOTE": {parameters: []string{"answer_threshold", "history_size"},
		conditions: []string{"total_answers_count", "correct_answers_rate", "incorrect_answers_rate"}},
	"SKIPPED_IN_ROW_ASSIGNMENTS": {conditions: []string{"skipped_in_row_count"}},
	"TRAINING": {conditions: []string{"submitted_assignments_count", "total_answers_count", "correct_answers_rate",
		"incorrect_answers_rate", "next_assignment_available"}},
	"USERS_ASSESSMENT": {parameters: []string{"history_size"}, conditions: []string{"pool_access_revoked_reason", "skill_id"}},
}

// conditionKey is what a condition key compares with.
type conditionKey struct {
	// identity: only EQ and NE apply.
	identity bool
	value    valueRule
}

// percentage is the range of the *_rate keys.
var percentage = numberIn(between(0, 100))

var conditionKeys = map[string]conditionKey{
	"accepted_assignments_count":        {value: integerRule},
	"accepted_assignments_rate":         {value: percentage},
	"assessment_event":                  {identity: true, value: textRule("ACCEPT", "ACCEPT_AFTER_REJECT", "REJECT")},
	"assignments_accepted_count":        {value: integerRule},
	"correct_answers_rate":              {value: percentage},
	"fast_submitted_count":              {value: integerRule},
	"golden_set_answers_count":          {value: integerRule},
	"golden_set_correct_answers_rate":   {value: percentage},
	"golden_set_incorrect_answers_rate": {value: percentage},
	"income_sum_for_last_24_hours":      {value: numberRule},
	"incorrect_answers_rate":            {value: percentage},
	"next_assignment_available":         {value: boolRule},
	"pending_assignments_count":         {value: integerRule},
	"pool_access_revoked_reason":        {identity: true, value: textRule("SKILL_CHANGE", "RESTRICTION")},
	"rejected_assignments_count":        {value: integerRule},
	"rejected_assignments_rate":         {value: percentage},
	"skill_id":                          {identity: true, value: textRule()},
	"skipped_in_row_count":              {value: integerRule},
	"submitted_assignments_count":       {value: integerRule},
	"total_answers_count":               {value: integerRule},
	"total_assignments_count":           {value: integerRule},
	"total_submitted_count":             {value: integerRule},
}

// actionRule is what an action type takes: its parameters and those it
// requires. A nil rule is an action the sources do not model: any
// parameters go.
type actionRule struct {
	parameters map[string]valueRule
	required   []string
}

// Values of action parameters.
var (
	restrictionScope  = textRule("POOL", "PROJECT", "ALL_PROJECTS")
	restrictionLength = textRule("MINUTES", "HOURS", "DAYS", "PERMANENT")
	// skillFromField: toloka-kit names incorrect_answers_rate, the API
	// reference wrong_answers_rate.
	skillFromField = textRule("correct_answers_rate", "incorrect_answers_rate", "wrong_answers_rate")
)

var actionRules = map[string]*actionRule{
	"APPROVE_ALL_ASSIGNMENTS": {},
	"CHANGE_OVERLAP": {parameters: map[string]valueRule{"delta": integerRule, "open_pool": boolRule},
		required: []string{"delta"}},
	"CLEAN_ASSIGNMENTS_HISTORY": nil,
	"CLEAN_COLLECTOR":           nil,
	"REJECT_ALL_ASSIGNMENTS": {parameters: map[string]valueRule{"public_comment": textRule()},
		required: []string{"public_comment"}},
	"RESTRICTION": {parameters: map[string]valueRule{"scope": restrictionScope, "duration_days": integerRule,
		"private_comment": textRule()}, required: []string{"scope"}},
	"RESTRICTION_V2": {parameters: map[string]valueRule{"scope": restrictionScope, "duration": integerRule,
		"duration_unit": restrictionLength, "private_comment": textRule()}, required: []string{"scope", "duration_unit"}},
	"SET_POOL_COMPLETE": nil,
	"SET_SKILL": {parameters: map[string]valueRule{"skill_id": textRule(), "skill_value": integerIn(between(0, 100))},
		required: []string{"skill_id", "skill_value"}},
	"SET_SKILL_FROM_OUTPUT_FIELD": {parameters: map[string]valueRule{"skill_id": textRule(), "from_field": skillFromField},
		required: []string{"skill_id", "from_field"}},
}

// Members of a pool's quality control beside configs.
var (
	captchaFrequencies       = []string{"LOW", "MEDIUM", "HIGH"}
	trainingPassingSkillSpan = between(0, 100)
	checkpointSettings       = []string{"real_settings", "golden_settings", "training_settings"}
)

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// checkProjectQualityControl checks a project's quality control document.
func checkProjectQualityControl(s *shape, doc map[string]any) {
	checkQualityConfigs(s, doc)
}

// checkPoolQualityControl checks a pool's quality control document.
func checkPoolQualityControl(s *shape, doc map[string]any) {
	checkQualityConfigs(s, doc)
	s.enumMember(doc, "", "captcha_frequency", captchaFrequencies, false)
	if req, ok := s.objectMember(doc, "", "training_requirement", false); ok {
		s.stringMember(req, "training_requirement", "training_pool_id", true)
		s.integerMember(req, "training_requirement", "training_passing_skill_value", trainingPassingSkillSpan, true)
	}
	if cfg, ok := s.objectMember(doc, "", "checkpoints_config", false); ok {
		for _, name := range checkpointSettings {
			at := memberAt("checkpoints_config", name)
			if settings, ok := s.objectMember(cfg, "checkpoints_config", name, false); ok {
				s.integerMember(settings, at, "target_overlap", atLeast(1), true)
				if f, ok := s.objectMember(settings, at, "task_distribution_function", true); ok {
					checkTaskDistribution(s, f, memberAt(at, "task_distribution_function"))
				}
			}
		}
	}
}

func checkQualityConfigs(s *shape, doc map[string]any) {
	configs := s.arrayMember(doc, "", "configs", false, 0, 0)
	for i, item := range configs {
		at := indexAt("configs", i)
		cfg, ok := s.object(item, at)
		if !ok {
			continue
		}
		collector, known := checkCollector(s, cfg, at)
		rules := s.arrayMember(cfg, at, "rules", true, 0, 0)
		for j, rule := range rules {
			ruleAt := indexAt(memberAt(at, "rules"), j)
			if r, ok := s.object(rule, ruleAt); ok {
				checkQualityRule(s, r, ruleAt, collector, known)
			}
		}
	}
}

// checkCollector checks a config's collector_config and returns its type,
// and whether that type is known.
func checkCollector(s *shape, cfg map[string]any, at string) (string, bool) {
	collector, ok := s.objectMember(cfg, at, "collector_config", true)
	if !ok {
		return "", false
	}
	at = memberAt(at, "collector_config")
	if id, ok := s.stringMember(collector, at, "uuid", false); ok && !uuidPattern.MatchString(id) {
		s.fail(memberAt(at, "uuid"), "%q is not a UUID", id)
	}
	kind, ok := s.enumMember(collector, at, "type", sortedKeys(collectorRules), true)
	if !ok {
		return "", false
	}
	rule := collectorRules[kind]
	if params, ok := s.objectMember(collector, at, "parameters", false); ok {
		paramsAt := memberAt(at, "parameters")
		s.onlyMembers(params, paramsAt, rule.parameters, "collector "+strconv.Quote(kind))
		for _, name := range rule.parameters {
			s.valueMember(params, paramsAt, name, integerRule, false)
		}
	}
	return kind, true
}

func checkQualityRule(s *shape, rule map[string]any, at, collector string, collectorKnown bool) {
	conditions := s.arrayMember(rule, at, "conditions", true, 0, 0)
	for i, item := range conditions {
		condAt := indexAt(memberAt(at, "conditions"), i)
		if cond, ok := s.object(item, condAt); ok {
			checkRuleCondition(s, cond, condAt, collector, collectorKnown)
		}
	}
	if action, ok := s.objectMember(rule, at, "action", true); ok {
		checkRuleAction(s, action, memberAt(at, "action"))
	}
}

func checkRuleCondition(s *shape, cond map[string]any, at, collector string, collectorKnown bool) {
	operator, operatorOK := s.enumMember(cond, at, "operator", comparisonOperators, true)
	name, ok := s.stringMember(cond, at, "key", true)
	value, valueOK := s.member(cond, at, "value", true)
	if !ok {
		return
	}
	key, known := conditionKeys[name]
	switch {
	case !known:
		s.fail(memberAt(at, "key"), "%q is not a condition key (allowed: %s)", name, strings.Join(sortedKeys(conditionKeys), ", "))
		return
	case collectorKnown && !slices.Contains(collectorRules[collector].conditions, name):
		s.fail(memberAt(at, "key"), "%q is not a condition of collector %q (allowed: %s)",
			name, collector, strings.Join(collectorRules[collector].conditions, ", "))
	}
	if operatorOK && key.identity && !slices.Contains(identityOperators, operator) {
		s.fail(memberAt(at, "operator"), "%q is not an operator of key %q (allowed: %s)",
			operator, name, strings.Join(identityOperators, ", "))
	}
	if valueOK {
		s.value(value, memberAt(at, "value"), key.value)
	}
}

func checkRuleAction(s *shape, action map[string]any, at string) {
	kind, known := s.enumMember(action, at, "type", sortedKeys(actionRules), true)
	rule := actionRules[kind]
	// An action that takes no parameters may leave them out: toloka-kit
	// sends ApproveAllAssignments as {"type": "APPROVE_ALL_ASSIGNMENTS"}.
	takesNone := known && rule != nil && len(rule.parameters) == 0
	params, ok := s.objectMember(action, at, "parameters", !takesNone)
	if !known || !ok || rule == nil {
		return
	}
	paramsAt := memberAt(at, "parameters")
	s.onlyMembers(params, paramsAt, sortedKeys(rule.parameters), "action "+strconv.Quote(kind))
	for _, name := range sortedKeys(rule.parameters) {
		s.valueMember(params, paramsAt, name, rule.parameters[name], slices.Contains(rule.required, name))
	}
	// A restriction for a while says how long; a permanent one need not.
	if unit, _ := params["duration_unit"].(string); kind == "RESTRICTION_V2" && unit != "" && unit != "PERMANENT" {
		s.member(params, paramsAt, "duration", true)
	}
}
