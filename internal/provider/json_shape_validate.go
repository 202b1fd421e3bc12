package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// jsonShapeValidator checks the document of a JSON object attribute (see
// jsonObjectType) against the shape Toloka accepts, at plan time. A value
// that is null, unknown or not a JSON object is left alone: the type itself
// reports text that is not a JSON object.
type jsonShapeValidator struct {
	what  string // e.g. "a pool filter", for the description
	check func(s *shape, doc map[string]any)
}

var _ validator.String = jsonShapeValidator{}

func (v jsonShapeValidator) Description(context.Context) string {
	return "the value must be " + v.what + " that Toloka accepts"
}

func (v jsonShapeValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v jsonShapeValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	doc, ok := decodeShapeDocument(req.ConfigValue.ValueString())
	if !ok {
		return
	}
	s := &shape{}
	v.check(s, doc)
	for _, p := range s.problems {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(), p.detail(req.Path))
	}
}

// decodeShapeDocument decodes a JSON object keeping its numbers as written,
// so that 5.0 is told apart from the integer 5, as Toloka does.
func decodeShapeDocument(text string) (map[string]any, bool) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil || doc == nil {
		return nil, false
	}
	return doc, true
}

// compactJSONLength is the length in characters of doc's compact JSON text.
func compactJSONLength(doc any) int {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return 0
	}
	return utf8.RuneCount(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

// shapeProblem is one way a document breaks Toloka's rules: where, as a
// member path such as and[0].or[1].operator ("" for the whole document),
// and what.
type shapeProblem struct {
	at      string
	message string
}

// detail is the diagnostic text of p in the attribute at.
func (p shapeProblem) detail(at path.Path) string {
	if p.at == "" {
		return fmt.Sprintf("%s: %s.", at, p.message)
	}
	return fmt.Sprintf("%s: %s: %s.", at, p.at, p.message)
}

// shape collects the problems of a document as its checks walk it.
type shape struct {
	problems []shapeProblem
}

func (s *shape) fail(at, format string, args ...any) {
	s.problems = append(s.problems, shapeProblem{at: at, message: fmt.Sprintf(format, args...)})
}

// memberAt and indexAt build member paths.
func memberAt(at, key string) string {
	if at == "" {
		return key
	}
	return at + "." + key
}

func indexAt(at string, i int) string { return fmt.Sprintf("%s[%d]", at, i) }

// member returns obj[key] when it is present and not null. A missing
// required member is a problem.
func (s *shape) member(obj map[string]any, at, key string, required bool) (any, bool) {
	v, present := obj[key]
	if !present || v == nil {
		if required {
			s.fail(memberAt(at, key), "is required")
		}
		return nil, false
	}
	return v, true
}

// object checks that v, found at at, is a JSON object.
func (s *shape) object(v any, at string) (map[string]any, bool) {
	obj, ok := v.(map[string]any)
	if !ok {
		s.fail(at, "must be an object, not %s", describeJSON(v))
	}
	return obj, ok
}

func (s *shape) objectMember(obj map[string]any, at, key string, required bool) (map[string]any, bool) {
	v, ok := s.member(obj, at, key, required)
	if !ok {
		return nil, false
	}
	return s.object(v, memberAt(at, key))
}

// arrayMember checks obj[key] as an array of between minItems and maxItems
// items (maxItems 0: no bound) and returns it; nil when it is not one.
func (s *shape) arrayMember(obj map[string]any, at, key string, required bool, minItems, maxItems int) []any {
	v, ok := s.member(obj, at, key, required)
	if !ok {
		return nil
	}
	list, ok := v.([]any)
	switch {
	case !ok:
		s.fail(memberAt(at, key), "must be an array, not %s", describeJSON(v))
	case len(list) < minItems:
		s.fail(memberAt(at, key), "must have at least %d item(s), not %d", minItems, len(list))
	case maxItems > 0 && len(list) > maxItems:
		s.fail(memberAt(at, key), "must have at most %d items, not %d", maxItems, len(list))
	default:
		return list
	}
	return nil
}

func (s *shape) stringMember(obj map[string]any, at, key string, required bool) (string, bool) {
	v, ok := s.member(obj, at, key, required)
	if !ok {
		return "", false
	}
	str, ok := v.(string)
	if !ok {
		s.fail(memberAt(at, key), "must be a string, not %s", describeJSON(v))
	}
	return str, ok
}

func (s *shape) boolMember(obj map[string]any, at, key string, required bool) {
	if v, ok := s.member(obj, at, key, required); ok {
		if _, ok := v.(bool); !ok {
			s.fail(memberAt(at, key), "must be a boolean, not %s", describeJSON(v))
		}
	}
}

// enumMember checks obj[key] as one of allowed and returns it.
func (s *shape) enumMember(obj map[string]any, at, key string, allowed []string, required bool) (string, bool) {
	str, ok := s.stringMember(obj, at, key, required)
	if !ok {
		return "", false
	}
	if !slices.Contains(allowed, str) {
		s.fail(memberAt(at, key), "%q is not one of %s", str, strings.Join(allowed, ", "))
		return "", false
	}
	return str, true
}

// bounds is an inclusive range of numbers; an infinite end is open.
type bounds struct{ lo, hi float64 }

var anyNumber = bounds{math.Inf(-1), math.Inf(1)}

func between(lo, hi float64) bounds { return bounds{lo, hi} }
func atLeast(lo float64) bounds     { return bounds{lo, math.Inf(1)} }

// numberMember checks obj[key] as a number within b.
func (s *shape) numberMember(obj map[string]any, at, key string, b bounds, required bool) {
	if v, ok := s.member(obj, at, key, required); ok {
		s.number(v, memberAt(at, key), b)
	}
}

func (s *shape) number(v any, at string, b bounds) {
	n, ok := v.(json.Number)
	f, err := n.Float64()
	if !ok || err != nil {
		s.fail(at, "must be a number, not %s", describeJSON(v))
		return
	}
	s.within(at, f, b)
}

// integerMember checks obj[key] as an integer within b and returns it.
func (s *shape) integerMember(obj map[string]any, at, key string, b bounds, required bool) (int64, bool) {
	v, ok := s.member(obj, at, key, required)
	if !ok {
		return 0, false
	}
	return s.integer(v, memberAt(at, key), b)
}

func (s *shape) integer(v any, at string, b bounds) (int64, bool) {
	n, ok := v.(json.Number)
	i, err := n.Int64()
	if !ok || err != nil {
		s.fail(at, "must be an integer, not %s", describeJSON(v))
		return 0, false
	}
	return i, s.within(at, float64(i), b)
}

func (s *shape) within(at string, f float64, b bounds) bool {
	switch {
	case f < b.lo:
		s.fail(at, "must be at least %s, not %s", formatNumber(b.lo), formatNumber(f))
	case f > b.hi:
		s.fail(at, "must be at most %s, not %s", formatNumber(b.hi), formatNumber(f))
	default:
		return true
	}
	return false
}

// valueKind is the JSON kind of a value.
type valueKind int

const (
	textValue valueKind = iota
	boolValue
	integerValue
	numberValue
)

// valueRule is what a value may be: its kind, and for numbers their range
// (nil: any), for strings their closed list of values (nil: any).
type valueRule struct {
	kind   valueKind
	span   *bounds
	values []string
}

func textRule(values ...string) valueRule { return valueRule{kind: textValue, values: values} }

var (
	boolRule    = valueRule{kind: boolValue}
	integerRule = valueRule{kind: integerValue}
	numberRule  = valueRule{kind: numberValue}
)

func integerIn(b bounds) valueRule { return valueRule{kind: integerValue, span: &b} }
func numberIn(b bounds) valueRule  { return valueRule{kind: numberValue, span: &b} }

// value checks v, found at at, against r.
func (s *shape) value(v any, at string, r valueRule) {
	b := anyNumber
	if r.span != nil {
		b = *r.span
	}
	switch r.kind {
	case boolValue:
		if _, ok := v.(bool); !ok {
			s.fail(at, "must be a boolean, not %s", describeJSON(v))
		}
	case integerValue:
		s.integer(v, at, b)
	case numberValue:
		s.number(v, at, b)
	default:
		text, ok := v.(string)
		switch {
		case !ok:
			s.fail(at, "must be a string, not %s", describeJSON(v))
		case r.values != nil && !slices.Contains(r.values, text):
			s.fail(at, "%q is not one of %s", text, strings.Join(r.values, ", "))
		}
	}
}

// valueMember checks obj[key] against r.
func (s *shape) valueMember(obj map[string]any, at, key string, r valueRule, required bool) (any, bool) {
	v, ok := s.member(obj, at, key, required)
	if ok {
		s.value(v, memberAt(at, key), r)
	}
	return v, ok
}

// onlyMembers reports every member of obj that is not in allowed; what
// names the object, e.g. `collector "ANSWER_COUNT"`.
func (s *shape) onlyMembers(obj map[string]any, at string, allowed []string, what string) {
	for _, key := range sortedKeys(obj) {
		if !slices.Contains(allowed, key) {
			s.fail(memberAt(at, key), "is not a parameter of %s (allowed: %s)", what, listOrNone(allowed))
		}
	}
}

func formatNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func listOrNone(values []string) string {
	if len(values) == 0 {
		return "none"
	}
	return strings.Join(values, ", ")
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// describeJSON names a decoded value in an error: its text for scalars,
// its kind for arrays and objects.
func describeJSON(v any) string {
	switch t := v.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("%q", t)
	case json.Number:
		return t.String()
	case bool:
		return fmt.Sprint(t)
	case []any:
		return "an array"
	default:
		return "an object"
	}
}

// The validators of the JSON document attributes of projects and pools.
var (
	filterShape                = jsonShapeValidator{what: "a pool filter", check: checkFilter}
	poolQualityControlShape    = jsonShapeValidator{what: "a pool's quality control", check: checkPoolQualityControl}
	projectQualityControlShape = jsonShapeValidator{what: "a project's quality control", check: checkProjectQualityControl}
	mixerConfigShape           = jsonShapeValidator{what: "a mixer configuration", check: checkMixerConfig}
	dynamicOverlapShape        = jsonShapeValidator{what: "a dynamic overlap configuration", check: checkDynamicOverlapConfig}
	dynamicPricingShape        = jsonShapeValidator{what: "a dynamic pricing configuration", check: checkDynamicPricingConfig}
)
