package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/url"
	"strings"
	"unicode/utf8"
)

// Validation codes of the service (field level, inside VALIDATION_ERROR).
const (
	vcRequired    = "VALUE_REQUIRED"
	vcUnknownEnum = "UNKNOWN_ENUM_VALUE"
	vcInvalid     = "INVALID_VALUE"
	vcDateTime    = "INVALID_DATE_TIME_SYNTAX"
	vcTooSmall    = "VALUE_LESS_THAN_MIN"
	vcTooLarge    = "VALUE_GREATER_THAN_MAX"
	vcNotAllowed  = "VALUE_NOT_ALLOWED"
	vcOneProperty = "MAX_ONE_PROPERTY_ALLOWED"
	vcFewItems    = "ARRAY_SIZE_LESS_THAN_MIN"
	vcManyItems   = "ARRAY_SIZE_GREATER_THAN_MAX"
	vcUUID        = "UUID_EXPECTED"
	vcTooBig      = "OBJECT_SIZE_BYTES_GREATER_THAN_MAX"
	vcTooLong     = "STRING_LENGTH_GREATER_THAN_MAX"
	vcBadURL      = "INVALID_URL_SYNTAX"
)

// kind is the JSON type a field must have.
type kind int

const (
	kString kind = iota
	kBool
	kInteger
	kNumber
	kObject
	kArray
)

// kindErrors is what the service says when a value has the wrong JSON type.
var kindErrors = map[kind]fieldError{
	kString:  {"STRING_EXPECTED", "Value must be a string"},
	kBool:    {"BOOLEAN_EXPECTED", "Value must be a boolean"},
	kInteger: {"INTEGER_EXPECTED", "Value must be an integer"},
	kNumber:  {"FLOAT_EXPECTED", "Value must be a number"},
	kObject:  {"OBJECT_EXPECTED", "Value must be an object"},
	kArray:   {"ARRAY_EXPECTED", "Value must be an array"},
}

// isKind tells whether v, decoded with UseNumber, is of kind k.
func isKind(v any, k kind) bool {
	switch k {
	case kString:
		_, ok := v.(string)
		return ok
	case kBool:
		_, ok := v.(bool)
		return ok
	case kInteger:
		n, ok := v.(json.Number)
		_, err := n.Int64()
		return ok && err == nil
	case kNumber:
		_, ok := v.(json.Number)
		return ok
	case kObject:
		_, ok := v.(map[string]any)
		return ok
	case kArray:
		_, ok := v.([]any)
		return ok
	}
	return false
}

// validator collects field errors; the first error of a path wins.
type validator struct {
	errs fieldErrors
}

func (v *validator) fail(path, code, message string) {
	if v.errs == nil {
		v.errs = fieldErrors{}
	}
	if _, seen := v.errs[path]; !seen {
		v.errs[path] = fieldError{Code: code, Message: message}
	}
}

func (v *validator) failKind(path string, k kind) {
	e := kindErrors[k]
	v.fail(path, e.Code, e.Message)
}

// check validates obj[key], named path in errors, and reports whether a value
// of kind k is there. Absent and null are fine unless required. A missing
// required object is OBJECT_EXPECTED (as the service answers for task_spec);
// any other missing required value is VALUE_REQUIRED.
func (v *validator) check(obj map[string]any, key, path string, k kind, required bool) bool {
	val, present := obj[key]
	switch {
	case (!present || val == nil) && required && k == kObject:
		v.failKind(path, k)
	case !present || val == nil:
		if required {
			v.fail(path, vcRequired, "Value must be present")
		}
	case !isKind(val, k):
		v.failKind(path, k)
	default:
		return true
	}
	return false
}

// object checks obj[key] as a JSON object and returns it when it is one.
func (v *validator) object(obj map[string]any, key, path string, required bool) (map[string]any, bool) {
	if !v.check(obj, key, path, kObject, required) {
		return nil, false
	}
	m, ok := obj[key].(map[string]any)
	return m, ok
}

// text checks obj[key] as a JSON string and returns it when it is one.
func (v *validator) text(obj map[string]any, key, path string, required bool) (string, bool) {
	if !v.check(obj, key, path, kString, required) {
		return "", false
	}
	s, ok := obj[key].(string)
	return s, ok
}

// enum checks that obj[key] is one of allowed and returns it ("" if absent
// or wrong).
func (v *validator) enum(obj map[string]any, key, path string, allowed []string, required bool) string {
	s, ok := v.text(obj, key, path, required)
	if !ok {
		return ""
	}
	if !contains(allowed, s) {
		v.fail(path, vcUnknownEnum, unknownEnumMessage(allowed))
		return ""
	}
	return s
}

// array checks obj[key] as a JSON array of minItems to maxItems items
// (maxItems 0: no bound) and returns it when it is one.
func (v *validator) array(obj map[string]any, key, path string, minItems, maxItems int, required bool) ([]any, bool) {
	if !v.check(obj, key, path, kArray, required) {
		return nil, false
	}
	list, _ := obj[key].([]any)
	switch {
	case len(list) < minItems:
		v.fail(path, vcFewItems, fmt.Sprintf("Array must have at least %d items", minItems))
	case maxItems > 0 && len(list) > maxItems:
		v.fail(path, vcManyItems, fmt.Sprintf("Array must have at most %d items", maxItems))
	default:
		return list, true
	}
	return nil, false
}

// objects calls fn with each item of list that is an object, and its path;
// other items are errors.
func (v *validator) objects(list []any, path string, fn func(item map[string]any, path string)) {
	for i, raw := range list {
		itemPath := fmt.Sprintf("%s.%d", path, i)
		if item, ok := raw.(map[string]any); ok {
			fn(item, itemPath)
		} else {
			v.failKind(itemPath, kObject)
		}
	}
}

// only reports each member of obj outside allowed as not allowed.
func (v *validator) only(obj map[string]any, path string, allowed []string, owner string) {
	for key := range obj {
		if !contains(allowed, key) {
			v.fail(path+"."+key, vcNotAllowed, fmt.Sprintf("Parameter %s is not allowed for %s", key, owner))
		}
	}
}

func unknownEnumMessage(allowed []string) string {
	return "Unknown value, expected one of: " + strings.Join(allowed, ", ")
}

// defaultBool validates obj[key] as a boolean and sets it to def when absent
// or null.
func (v *validator) defaultBool(obj map[string]any, key, path string, def bool) {
	if val, present := obj[key]; !present || val == nil {
		obj[key] = def
		return
	}
	v.check(obj, key, path, kBool, false)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// editableFields returns a copy of a POST or PUT body without the
// read-only fields (the service ignores a client's values for them) and
// without the optional ones that are null (dropped, as if left out).
func editableFields(body map[string]any, readOnly, optional []string) map[string]any {
	fields := maps.Clone(body)
	for _, k := range readOnly {
		delete(fields, k)
	}
	for _, k := range optional {
		if val, present := fields[k]; present && val == nil {
			delete(fields, k)
		}
	}
	return fields
}

// decodeObject parses a request body that must be one JSON object. Numbers
// stay json.Number so that they come back exactly as written.
func decodeObject(body []byte) (map[string]any, *apiError) {
	v, err := decodeBody(body)
	if err != nil {
		return nil, err
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, errBadBody("Request body must be a JSON object")
	}
	return obj, nil
}

// decodeObjects parses a request body that must be a JSON array of objects.
func decodeObjects(body []byte) ([]map[string]any, *apiError) {
	v, err := decodeBody(body)
	if err != nil {
		return nil, err
	}
	list, ok := v.([]any)
	if !ok {
		return nil, errBadBody("Request body must be a JSON array")
	}
	objs := make([]map[string]any, len(list))
	for i, item := range list {
		if objs[i], ok = item.(map[string]any); !ok {
			return nil, errBadBody("Request body must be a JSON array of objects")
		}
	}
	return objs, nil
}

// decodeBody parses a request body that must be one JSON value, numbers as
// json.Number.
func decodeBody(body []byte) (any, *apiError) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err == io.EOF {
		return nil, errBadBody("Request body is required")
	} else if err != nil {
		return nil, errBadBody(fmt.Sprintf("Malformed JSON: %v", err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errBadBody("Malformed JSON: unexpected data after the value")
	}
	return v, nil
}

// stripFields returns a copy of a body without the read-only fields, which
// the service sets, and without the optional ones that are null, as if left
// out.
func stripFields(body map[string]any, readOnly, optional []string) map[string]any {
	obj := maps.Clone(body)
	for _, k := range readOnly {
		delete(obj, k)
	}
	for _, k := range optional {
		if val, present := obj[k]; present && val == nil {
			delete(obj, k)
		}
	}
	return obj
}

// number checks a number between lo and hi and returns it.
func (v *validator) number(obj map[string]any, key, path string, lo, hi float64, required bool) (float64, bool) {
	if !v.check(obj, key, path, kNumber, required) {
		return 0, false
	}
	number, _ := obj[key].(json.Number)
	n, err := number.Float64()
	switch {
	case err != nil:
		v.failKind(path, kNumber)
	case n < lo:
		v.fail(path, vcTooSmall, fmt.Sprintf("Value must be greater than or equal to %v", lo))
	case n > hi:
		v.fail(path, vcTooLarge, fmt.Sprintf("Value must be less than or equal to %v", hi))
	default:
		return n, true
	}
	return 0, false
}

// maxLength checks a string of at most n characters.
func (v *validator) maxLength(obj map[string]any, key, path string, n int, required bool) {
	if s, ok := v.text(obj, key, path, required); ok && utf8.RuneCountInString(s) > n {
		v.fail(path, vcTooLong, fmt.Sprintf("String length must be less than or equal to %d", n))
	}
}

// absoluteURL checks an absolute http or https URL.
func (v *validator) absoluteURL(obj map[string]any, key, path string, required bool) {
	s, ok := v.text(obj, key, path, required)
	if !ok {
		return
	}
	if u, err := url.Parse(s); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		v.fail(path, vcBadURL, "Value must be an absolute http or https URL")
	}
}

// texts checks an object whose values are all strings, such as texts by
// language ({"EN": "..."}).
func (v *validator) texts(obj map[string]any, key, path string) {
	m, ok := v.object(obj, key, path, false)
	if !ok {
		return
	}
	for k, val := range m {
		if !isKind(val, kString) {
			v.failKind(path+"."+k, kString)
		}
	}
}
