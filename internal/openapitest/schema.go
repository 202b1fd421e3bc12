package openapitest

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// MaxJSONLengthExtension is the schema extension that bounds the length, in
// characters, of an object's compact JSON text (see the pool-filter-length
// correction).
const MaxJSONLengthExtension = "x-max-json-length"

// Schema returns the schema that pointer designates in the extract, such as
// /components/schemas/MixerConfig/properties/real_tasks_count. Below the
// component, the pointer may go through properties/<name>, items,
// allOf/<i> and anyOf/<i>; $refs met on the way are followed. Tests read
// the documented limits (minimum, maximum, enum, …) from it.
func (s *Spec) Schema(pointer string) (*openapi3.Schema, error) {
	rest, ok := strings.CutPrefix(pointer, "/components/schemas/")
	if !ok {
		return nil, fmt.Errorf("%s: not a pointer into /components/schemas", pointer)
	}
	tokens := strings.Split(rest, "/")
	ref := s.doc.Components.Schemas[tokens[0]]
	if ref == nil || ref.Value == nil {
		return nil, fmt.Errorf("%s: no schema %s", pointer, tokens[0])
	}
	schema := ref.Value
	for i := 1; i < len(tokens); i++ {
		var next *openapi3.SchemaRef
		switch tok := tokens[i]; tok {
		case "items":
			next = schema.Items
		case "properties", "allOf", "anyOf":
			if i+1 == len(tokens) {
				return nil, fmt.Errorf("%s: %s names no member", pointer, tok)
			}
			i++
			next = member(schema, tok, tokens[i])
		default:
			return nil, fmt.Errorf("%s: cannot follow %q", pointer, tok)
		}
		if next == nil || next.Value == nil {
			return nil, fmt.Errorf("%s: not found", pointer)
		}
		schema = next.Value
	}
	return schema, nil
}

// member is the property name (in properties) or the i-th schema (in
// allOf or anyOf) of schema, or nil.
func member(schema *openapi3.Schema, list, name string) *openapi3.SchemaRef {
	if list == "properties" {
		return schema.Properties[name]
	}
	refs := schema.AllOf
	if list == "anyOf" {
		refs = schema.AnyOf
	}
	i, err := strconv.Atoi(name)
	if err != nil || i < 0 || i >= len(refs) {
		return nil
	}
	return refs[i]
}

// MaxJSONLength returns the MaxJSONLengthExtension of schema, if it has one.
func MaxJSONLength(schema *openapi3.Schema) (int, bool) {
	n, ok := schema.Extensions[MaxJSONLengthExtension].(float64)
	return int(n), ok
}
