package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// schemaKeywords are the Schema Object members kept because they take part in
// validation. Annotations (description, example, title, default, deprecated,
// externalDocs, xml, x-*) are dropped; any other member is an error so that
// nothing is lost silently when the source changes.
var schemaKeywords = []string{
	"type", "format", "enum", "required", "nullable", "pattern",
	"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
	"minLength", "maxLength", "minItems", "maxItems", "uniqueItems",
	"minProperties", "maxProperties", "readOnly", "writeOnly",
}

// schemaAnnotations are the Schema Object members dropped on purpose.
var schemaAnnotations = []string{
	"description", "example", "examples", "title", "default", "deprecated", "externalDocs", "xml",
}

// schemaPrefix is the JSON pointer prefix of every schema component.
const schemaPrefix = "/components/schemas/"

// extractor copies schemas out of the source files into one components map.
type extractor struct {
	src     files
	names   map[string]string // "file#pointer" -> component name
	owners  map[string]string // component name -> "file#pointer"
	schemas object            // component name -> cleaned schema
}

// newExtractor returns an extractor reading through src.
func newExtractor(src files) *extractor {
	return &extractor{src: src, names: map[string]string{}, owners: map[string]string{}, schemas: object{}}
}

// schemaRef copies the schema that ref (found in the file at path) designates
// into the components, once, and returns the local $ref that replaces it.
func (e *extractor) schemaRef(path, ref string) (string, error) {
	target, ptr := resolveRef(path, ref)
	name, ok := strings.CutPrefix(ptr, schemaPrefix)
	if !ok || strings.Contains(name, "/") {
		return "", fmt.Errorf("%s: $ref %q does not name a schema component", filepath.Base(path), ref)
	}
	key := target + "#" + ptr
	if n, ok := e.names[key]; ok {
		return "#" + schemaPrefix + n, nil
	}
	if other, ok := e.owners[name]; ok {
		return "", fmt.Errorf("schema name %q is defined twice (%s and %s)", name, other, key)
	}
	e.names[key], e.owners[name] = name, key
	raw, err := e.src.lookup(target, ptr)
	if err != nil {
		return "", err
	}
	cleaned, err := e.schema(target, raw)
	if err != nil {
		return "", fmt.Errorf("schema %s: %w", name, err)
	}
	e.schemas[name] = cleaned
	return "#" + schemaPrefix + name, nil
}

// schema returns a copy of the Schema Object v (found in the file at path)
// with annotations dropped and every $ref made local.
func (e *extractor) schema(path string, v any) (any, error) {
	if b, ok := v.(bool); ok { // additionalProperties: true/false
		return b, nil
	}
	in, ok := v.(object)
	if !ok {
		return nil, fmt.Errorf("schema is a %T, not an object", v)
	}
	if ref, ok := in["$ref"].(string); ok {
		// Members beside $ref are ignored by OpenAPI 3.0, so they go.
		local, err := e.schemaRef(path, ref)
		return object{"$ref": local}, err
	}
	out := object{}
	for _, k := range sortedKeys(in) {
		if err := e.schemaMember(path, k, in[k], out); err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
	}
	return out, nil
}

// schemaMember copies one member of a Schema Object into out.
func (e *extractor) schemaMember(path, k string, v any, out object) error {
	var err error
	switch {
	case slices.Contains(schemaKeywords, k):
		out[k] = v
	case slices.Contains(schemaAnnotations, k), strings.HasPrefix(k, "x-"):
	case k == "properties":
		out[k], err = e.schemaMap(path, v)
	case k == "items", k == "additionalProperties", k == "not":
		out[k], err = e.schema(path, v)
	case k == "allOf", k == "anyOf", k == "oneOf":
		out[k], err = e.schemaList(path, v)
	case k == "discriminator":
		out[k], err = e.discriminator(path, v)
	default:
		err = fmt.Errorf("unexpected schema member")
	}
	return err
}

// schemaMap cleans every schema of a name -> schema mapping.
func (e *extractor) schemaMap(path string, v any) (object, error) {
	in, ok := v.(object)
	if !ok {
		return nil, fmt.Errorf("expected an object, got %T", v)
	}
	out := object{}
	for _, k := range sortedKeys(in) {
		s, err := e.schema(path, in[k])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		out[k] = s
	}
	return out, nil
}

// schemaList cleans every schema of a list (allOf, anyOf, oneOf).
func (e *extractor) schemaList(path string, v any) ([]any, error) {
	in, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("expected a list, got %T", v)
	}
	out := make([]any, len(in))
	for i, item := range in {
		s, err := e.schema(path, item)
		if err != nil {
			return nil, fmt.Errorf("[%d]: %w", i, err)
		}
		out[i] = s
	}
	return out, nil
}

// discriminator copies a Discriminator Object, making its mapping local.
func (e *extractor) discriminator(path string, v any) (object, error) {
	in, ok := v.(object)
	if !ok {
		return nil, fmt.Errorf("expected an object, got %T", v)
	}
	out := object{"propertyName": in["propertyName"]}
	mapping, _ := in["mapping"].(object)
	if len(mapping) == 0 {
		return out, nil
	}
	local := object{}
	for _, k := range sortedKeys(mapping) {
		ref, _ := mapping[k].(string)
		r, err := e.schemaRef(path, ref)
		if err != nil {
			return nil, err
		}
		local[k] = r
	}
	out["mapping"] = local
	return out, nil
}

// sortedKeys returns the keys of m in lexical order.
func sortedKeys(m object) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
