package emulator

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// A pool filter as the filters pages of the API reference describe it
// (filters.md, filter-profile.md, filter-computed.md, filter-skill.md, with
// toloka-kit's filter.py where they say less): a tree of "and" and "or"
// lists whose leaves are conditions {category, key, operator, value}.

// filterTextLimit bounds the filter's JSON text: "The JSON filter
// description must not exceed 10,000 characters", says filters.md.
const filterTextLimit = 10000

// Operators of filter conditions.
var (
	opsEquality = []string{"EQ", "NE"}
	opsOrder    = []string{"EQ", "NE", "GT", "GTE", "LT", "LTE"}
	opsMember   = []string{"IN", "NOT_IN"}
)

// valueSpec is what a value may be: its JSON kind, for strings the closed
// list of values (nil: any), for numbers a range (infinite ends: open).
type valueSpec struct {
	kind   kind
	values []string
	lo, hi float64
}

func anyOf(k kind) valueSpec { return valueSpec{kind: k, lo: math.Inf(-1), hi: math.Inf(1)} }

func oneOf(values ...string) valueSpec { return valueSpec{kind: kString, values: values} }

func rangeOf(k kind, lo, hi float64) valueSpec { return valueSpec{kind: k, lo: lo, hi: hi} }

// filterField is one key of the profile or computed category.
type filterField struct {
	ops   []string
	value valueSpec
	// many: a list of values is accepted too ("list of strings" in
	// filters.md; toloka-kit splits a list of languages into conditions).
	many bool
	// nullable: "Value of value if data couldn't be extracted — null".
	nullable bool
}

var filterFields = map[string]map[string]filterField{
	"profile": {
		"gender":        {ops: opsEquality, value: oneOf("MALE", "FEMALE")},
		"country":       {ops: opsEquality, value: anyOf(kString)},
		"citizenship":   {ops: opsEquality, value: anyOf(kString)},
		"education":     {ops: opsEquality, value: oneOf("BASIC", "MIDDLE", "HIGH")},
		"adult_allowed": {ops: opsEquality, value: anyOf(kBool)},
		"date_of_birth": {ops: opsOrder, value: anyOf(kInteger)},
		"city":          {ops: opsMember, value: anyOf(kInteger)},
		"languages":     {ops: opsMember, value: anyOf(kString), many: true},
		"verified":      {ops: opsEquality, value: anyOf(kBool)},
	},
	"computed": {
		"client_type":               {ops: opsEquality, value: anyOf(kString)},
		"region_by_phone":           {ops: opsMember, value: anyOf(kInteger), nullable: true},
		"region_by_ip":              {ops: opsMember, value: anyOf(kInteger), nullable: true},
		"device_category":           {ops: opsEquality, value: anyOf(kString)},
		"os_family":                 {ops: opsEquality, value: anyOf(kString)},
		"os_version":                {ops: opsOrder, value: anyOf(kNumber)},
		"os_version_major":          {ops: opsOrder, value: anyOf(kInteger)},
		"os_version_minor":          {ops: opsOrder, value: anyOf(kInteger)},
		"os_version_bugfix":         {ops: opsOrder, value: anyOf(kInteger)},
		"user_agent_type":           {ops: opsEquality, value: anyOf(kString)},
		"user_agent_family":         {ops: opsEquality, value: anyOf(kString)},
		"user_agent_version":        {ops: opsOrder, value: anyOf(kNumber), nullable: true},
		"user_agent_version_major":  {ops: opsOrder, value: anyOf(kInteger), nullable: true},
		"user_agent_version_minor":  {ops: opsOrder, value: anyOf(kInteger), nullable: true},
		"user_agent_version_bugfix": {ops: opsOrder, value: anyOf(kInteger), nullable: true},
	},
}

// filterCategories: the two above and "skill", whose key is a skill ID.
var filterCategories = []string{"profile", "computed", "skill"}

// skillValue is a skill's "fractional value", from 0 to 100.
var skillValue = rangeOf(kNumber, 0, 100)

// filter checks the pool's filter.
func (v *validator) filter(p map[string]any) {
	f, ok := v.object(p, "filter", "filter", false)
	if !ok {
		return
	}
	if n := utf8.RuneCount(encodeJSON(f)) - 1; n > filterTextLimit {
		v.fail("filter", vcTooBig, fmt.Sprintf("Filter must not exceed %d characters", filterTextLimit))
	}
	v.filterNode(f, "filter")
}

// filterNode checks an "and" list, an "or" list or a condition.
func (v *validator) filterNode(node map[string]any, path string) {
	_, and := node["and"]
	_, or := node["or"]
	switch {
	case and && or:
		v.fail(path, vcOneProperty, "Only one of and, or is allowed")
	case and || or:
		op := "and"
		if or {
			op = "or"
		}
		if list, ok := v.array(node, op, path+"."+op, 0, 0, true); ok {
			v.objects(list, path+"."+op, v.filterNode)
		}
	default:
		v.filterCondition(node, path)
	}
}

func (v *validator) filterCondition(c map[string]any, path string) {
	category := v.enum(c, "category", path+".category", filterCategories, true)
	operator, hasOperator := v.text(c, "operator", path+".operator", true)
	if category == "skill" {
		v.skillCondition(c, path, operator, hasOperator)
		return
	}
	key, ok := v.text(c, "key", path+".key", true)
	if category == "" || !ok {
		return
	}
	field, known := filterFields[category][key]
	if !known {
		v.fail(path+".key", vcUnknownEnum, unknownEnumMessage(slices.Sorted(maps.Keys(filterFields[category]))))
		return
	}
	if hasOperator && !contains(field.ops, operator) {
		v.fail(path+".operator", vcNotAllowed,
			fmt.Sprintf("Operator %s is not allowed for %s filter %s, expected one of: %s", operator, category, key, strings.Join(field.ops, ", ")))
	}
	if list, isList := c["value"].([]any); isList && field.many {
		for i, item := range list {
			v.typed(map[string]any{"value": item}, "value", fmt.Sprintf("%s.value.%d", path, i), field.value, true)
		}
		return
	}
	v.typed(c, "value", path+".value", field.value, !field.nullable)
}

// skillCondition checks a condition on a skill. "To filter Tolokers
// without a skill set the "operator": "EQ" parameter and exclude the value
// parameter" (filter-skill.md); the filters.md example writes the value as
// a string, the API reference's pool example the key as a number.
func (v *validator) skillCondition(c map[string]any, path, operator string, hasOperator bool) {
	switch key := c["key"].(type) {
	case nil:
		v.fail(path+".key", vcRequired, "Value must be present")
	case string:
		if key == "" {
			v.fail(path+".key", vcInvalid, "Value must not be empty")
		}
	case json.Number:
		v.integer(c, "key", path+".key", 0, math.MaxInt64, true)
	default:
		v.failKind(path+".key", kString)
	}
	if hasOperator && !contains(opsOrder, operator) {
		v.fail(path+".operator", vcNotAllowed,
			fmt.Sprintf("Operator %s is not allowed for skill filters, expected one of: %s", operator, strings.Join(opsOrder, ", ")))
		return
	}
	value := c["value"]
	if text, ok := value.(string); ok {
		value = json.Number(text)
	}
	if value == nil {
		if hasOperator && !contains(opsEquality, operator) {
			v.fail(path+".value", vcRequired, "Value must be present unless the operator is EQ or NE")
		}
		return
	}
	v.typed(map[string]any{"value": value}, "value", path+".value", skillValue, true)
}

// typed checks obj[key] against spec.
func (v *validator) typed(obj map[string]any, key, path string, spec valueSpec, required bool) {
	switch spec.kind {
	case kInteger:
		v.integer(obj, key, path, integerBound(spec.lo, math.MinInt64), integerBound(spec.hi, math.MaxInt64), required)
	case kNumber:
		v.number(obj, key, path, spec.lo, spec.hi, required)
	case kString:
		if spec.values != nil {
			v.enum(obj, key, path, spec.values, required)
		} else {
			v.check(obj, key, path, kString, required)
		}
	default:
		v.check(obj, key, path, spec.kind, required)
	}
}

// integerBound is f as an integer bound, or def when f is infinite.
func integerBound(f float64, def int64) int64 {
	if math.IsInf(f, 0) {
		return def
	}
	return int64(f)
}
