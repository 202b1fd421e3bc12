package provider

import (
	"encoding/json"
	"slices"
	"strings"
)

// The shape of a pool filter, from the filters pages of Toloka's API
// reference (filters.md, filter-profile.md, filter-computed.md,
// filter-skill.md) and, where they are loose, toloka-kit's filter.py:
//
//	node      = {"and": [node, ...]} | {"or": [node, ...]} | condition
//	condition = {"category", "key", "operator", "value"}
//
// Each key of the profile and computed categories takes its own operators
// and kind of value; a skill condition's key is a skill ID.

// Filter categories.
const (
	filterProfile  = "profile"
	filterComputed = "computed"
	filterSkill    = "skill"
)

var filterCategories = []string{filterProfile, filterComputed, filterSkill}

// Operator sets of filter conditions.
var (
	identityOperators   = []string{"EQ", "NE"}
	comparisonOperators = []string{"EQ", "NE", "GT", "GTE", "LT", "LTE"}
	inclusionOperators  = []string{"IN", "NOT_IN"}
)

// filterKey is what a key of the profile or computed category accepts.
type filterKey struct {
	operators []string
	value     valueRule
	// orList: the value may also be a list of such values.
	orList bool
	// nullable: null (or no value) stands for "could not be determined".
	nullable bool
}

var filterKeys = map[string]map[string]filterKey{
	filterProfile: {
		"gender":        {operators: identityOperators, value: textRule("MALE", "FEMALE")},
		"country":       {operators: identityOperators, value: textRule()},
		"citizenship":   {operators: identityOperators, value: textRule()},
		"education":     {operators: identityOperators, value: textRule("BASIC", "MIDDLE", "HIGH")},
		"adult_allowed": {operators: identityOperators, value: boolRule},
		"date_of_birth": {operators: comparisonOperators, value: integerRule},
		"city":          {operators: inclusionOperators, value: integerRule},
		// The filters page lists "list of strings" among the kinds of value.
		"languages": {operators: inclusionOperators, value: textRule(), orList: true},
		"verified":  {operators: identityOperators, value: boolRule},
	},
	filterComputed: {
		"client_type":               {operators: identityOperators, value: textRule()},
		"region_by_phone":           {operators: inclusionOperators, value: integerRule, nullable: true},
		"region_by_ip":              {operators: inclusionOperators, value: integerRule, nullable: true},
		"device_category":           {operators: identityOperators, value: textRule()},
		"os_family":                 {operators: identityOperators, value: textRule()},
		"os_version":                {operators: comparisonOperators, value: numberRule},
		"os_version_major":          {operators: comparisonOperators, value: integerRule},
		"os_version_minor":          {operators: comparisonOperators, value: integerRule},
		"os_version_bugfix":         {operators: comparisonOperators, value: integerRule},
		"user_agent_type":           {operators: identityOperators, value: textRule()},
		"user_agent_family":         {operators: identityOperators, value: textRule()},
		"user_agent_version":        {operators: comparisonOperators, value: numberRule, nullable: true},
		"user_agent_version_major":  {operators: comparisonOperators, value: integerRule, nullable: true},
		"user_agent_version_minor":  {operators: comparisonOperators, value: integerRule, nullable: true},
		"user_agent_version_bugfix": {operators: comparisonOperators, value: integerRule, nullable: true},
	},
}

// skillFilterValues bounds a skill value.
var skillFilterValues = between(0, 100)

// checkFilter checks a pool filter document.
func checkFilter(s *shape, doc map[string]any) {
	if n := compactJSONLength(doc); n > filterMaxLength {
		s.fail("", "its JSON text is %d characters long, longer than Toloka's limit of %d", n, filterMaxLength)
	}
	checkFilterNode(s, doc, "")
}

func checkFilterNode(s *shape, node map[string]any, at string) {
	_, and := node["and"]
	_, or := node["or"]
	switch {
	case and && or:
		s.fail(at, "has both and and or; a filter node is one of them or a condition")
	case and:
		checkFilterConnective(s, node, at, "and")
	case or:
		checkFilterConnective(s, node, at, "or")
	default:
		checkFilterCondition(s, node, at)
	}
}

func checkFilterConnective(s *shape, node map[string]any, at, connective string) {
	list := s.arrayMember(node, at, connective, true, 0, 0)
	for i, item := range list {
		itemAt := indexAt(memberAt(at, connective), i)
		if child, ok := s.object(item, itemAt); ok {
			checkFilterNode(s, child, itemAt)
		}
	}
}

func checkFilterCondition(s *shape, cond map[string]any, at string) {
	category, categoryOK := s.enumMember(cond, at, "category", filterCategories, true)
	operator, operatorOK := s.stringMember(cond, at, "operator", true)
	if !categoryOK {
		return
	}
	if category == filterSkill {
		checkSkillCondition(s, cond, at, operator, operatorOK)
		return
	}
	name, ok := s.stringMember(cond, at, "key", true)
	if !ok {
		return
	}
	key, known := filterKeys[category][name]
	if !known {
		s.fail(memberAt(at, "key"), "%q is not a key of category %q (allowed: %s)",
			name, category, strings.Join(sortedKeys(filterKeys[category]), ", "))
		return
	}
	if operatorOK && !slices.Contains(key.operators, operator) {
		s.fail(memberAt(at, "operator"), "%q is not an operator of category %q key %q (allowed: %s)",
			operator, category, name, strings.Join(key.operators, ", "))
	}
	value, present := s.member(cond, at, "value", !key.nullable)
	if present {
		checkFilterValue(s, value, memberAt(at, "value"), key)
	}
}

func checkFilterValue(s *shape, value any, at string, key filterKey) {
	if list, ok := value.([]any); ok && key.orList {
		for i, item := range list {
			s.value(item, indexAt(at, i), key.value)
		}
		return
	}
	s.value(value, at, key.value)
}

// checkSkillCondition checks a condition on a skill: its key is the skill's
// ID (a string, or a number as in the API reference's own example), its
// value a number from 0 to 100, or left out (or null) with EQ or NE to
// select Tolokers without (or with) the skill.
func checkSkillCondition(s *shape, cond map[string]any, at, operator string, operatorOK bool) {
	if key, ok := s.member(cond, at, "key", true); ok {
		switch k := key.(type) {
		case string:
			if k == "" {
				s.fail(memberAt(at, "key"), "must be a skill ID, not an empty string")
			}
		case json.Number:
			s.integer(k, memberAt(at, "key"), atLeast(0))
		default:
			s.fail(memberAt(at, "key"), "must be a skill ID, not %s", describeJSON(key))
		}
	}
	if operatorOK && !slices.Contains(comparisonOperators, operator) {
		s.fail(memberAt(at, "operator"), "%q is not an operator of category %q (allowed: %s)",
			operator, filterSkill, strings.Join(comparisonOperators, ", "))
		return
	}
	value, present := s.member(cond, at, "value", false)
	if !present {
		if operatorOK && !slices.Contains(identityOperators, operator) {
			s.fail(memberAt(at, "value"), "is required with operator %q; only EQ and NE compare with no skill", operator)
		}
		return
	}
	// The filters page's own example writes a skill value as a string.
	if text, ok := value.(string); ok {
		value = json.Number(text)
	}
	if n, ok := value.(json.Number); !ok || !isNumber(n) {
		s.fail(memberAt(at, "value"), "must be a skill value (a number), not %s", describeJSON(cond["value"]))
		return
	}
	s.number(value, memberAt(at, "value"), skillFilterValues)
}

func isNumber(n json.Number) bool {
	_, err := n.Float64()
	return err == nil
}
