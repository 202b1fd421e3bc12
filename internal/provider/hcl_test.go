package provider

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// hclBody renders the members of a document of Toloka's as the attribute
// lines of a configuration with the given schema: JSON attributes through
// jsonencode, the others as HCL values. A member the schema has no attribute
// for fails the test.
func hclBody(t *testing.T, attrs map[string]schema.Attribute, doc map[string]any) string {
	t.Helper()
	var lines []string
	for _, name := range sortedKeys(doc) {
		a, ok := attrs[name]
		if !ok {
			t.Fatalf("%s has no attribute in the schema", name)
		}
		lines = append(lines, fmt.Sprintf("%s = %s", name, hclValue(t, a, doc[name])))
	}
	return strings.Join(lines, "\n")
}

func hclValue(t *testing.T, a schema.Attribute, v any) string {
	t.Helper()
	if _, isJSON := jsonAttributeDefaults(a); isJSON {
		return "jsonencode(" + hclJSON(v) + ")"
	}
	switch a := a.(type) {
	case schema.SingleNestedAttribute:
		return "{\n" + hclBody(t, a.Attributes, asObject(t, v)) + "\n}"
	case schema.MapNestedAttribute:
		members := asObject(t, v)
		var items []string
		for _, k := range sortedKeys(members) {
			items = append(items, fmt.Sprintf("%s = {\n%s\n}", hclString(k), hclBody(t, a.NestedObject.Attributes, asObject(t, members[k]))))
		}
		return "{\n" + strings.Join(items, "\n") + "\n}"
	case schema.ListNestedAttribute:
		elements, ok := v.([]any)
		if !ok {
			t.Fatalf("%v is not a list", v)
		}
		var items []string
		for _, e := range elements {
			items = append(items, "{\n"+hclBody(t, a.NestedObject.Attributes, asObject(t, e))+"\n}")
		}
		return "[\n" + strings.Join(items, ",\n") + "\n]"
	}
	return hclJSON(v)
}

func asObject(t *testing.T, v any) map[string]any {
	t.Helper()
	obj, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%v is not an object", v)
	}
	return obj
}

// hclJSON writes a decoded JSON value as an HCL expression of the same
// value: HCL's object syntax takes "key": value, and its strings JSON's
// escapes, but template sequences must be escaped.
func hclJSON(v any) string {
	switch v := v.(type) {
	case map[string]any:
		var items []string
		for _, k := range sortedKeys(v) {
			items = append(items, hclString(k)+": "+hclJSON(v[k]))
		}
		return "{" + strings.Join(items, ", ") + "}"
	case []any:
		items := make([]string, len(v))
		for i, e := range v {
			items[i] = hclJSON(e)
		}
		return "[" + strings.Join(items, ", ") + "]"
	case string:
		return hclString(v)
	case nil:
		return "null"
	}
	raw, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(raw)
}

func hclString(s string) string {
	raw, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return strings.NewReplacer("${", "$${", "%{", "%%{").Replace(string(raw))
}
