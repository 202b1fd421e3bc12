package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/defaults"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// fillSchema is the schema of a fill's object.
func fillSchema(f tolokaFill) schema.Schema {
	if f.object == "project" {
		return projectSchema(context.Background())
	}
	return poolSchema(context.Background())
}

// schemaPath returns the attributes a path goes through, top-level first;
// a map's key (*) has no attribute of its own. It stops at a JSON attribute.
func schemaPath(s schema.Schema, path string) []schema.Attribute {
	var out []schema.Attribute
	attrs := s.Attributes
	for _, seg := range strings.Split(path, ".") {
		if seg == "*" {
			continue
		}
		a, ok := attrs[seg]
		if !ok {
			return out
		}
		out = append(out, a)
		if _, isJSON := jsonAttributeDefaults(a); isJSON {
			return out
		}
		attrs = nestedAttributes(a)
	}
	return out
}

func jsonAttributeDefaults(a schema.Attribute) (jsonDefaults, bool) {
	s, ok := a.(schema.StringAttribute)
	if !ok {
		return "", false
	}
	t, ok := s.CustomType.(jsonObjectType)
	return t.defaults, ok
}

// keepsState reports whether an attribute keeps its prior value when the
// configuration leaves it out: one of its plan modifiers is
// UseStateForUnknown, whatever the attribute's type.
func keepsState(a schema.Attribute) bool {
	ctx := context.Background()
	useState := stringplanmodifier.UseStateForUnknown().Description(ctx)
	modifiers := reflect.ValueOf(a).FieldByName("PlanModifiers")
	for i := range modifiers.Len() {
		if m, ok := modifiers.Index(i).Interface().(interface{ Description(context.Context) string }); ok && m.Description(ctx) == useState {
			return true
		}
	}
	return false
}

// schemaDefault is an attribute's static default as a Go value, if it has
// one: its Default, or that of a member of a kept object (memberPlan).
func schemaDefault(a schema.Attribute) (any, bool) {
	ctx := context.Background()
	if v, ok := memberDefault(a); ok {
		return v, true
	}
	switch a := a.(type) {
	case schema.BoolAttribute:
		if a.Default != nil {
			resp := &defaults.BoolResponse{}
			a.Default.DefaultBool(ctx, defaults.BoolRequest{}, resp)
			return resp.PlanValue.ValueBool(), true
		}
	case schema.StringAttribute:
		if a.Default != nil {
			resp := &defaults.StringResponse{}
			a.Default.DefaultString(ctx, defaults.StringRequest{}, resp)
			return resp.PlanValue.ValueString(), true
		}
	}
	return nil, false
}

// memberDefault is the default that a member of a kept object takes inside
// a configured object, as a Go value.
func memberDefault(a schema.Attribute) (any, bool) {
	modifiers := reflect.ValueOf(a).FieldByName("PlanModifiers")
	for i := range modifiers.Len() {
		m, ok := modifiers.Index(i).Interface().(memberPlan)
		if !ok {
			continue
		}
		switch def := m.def.(type) {
		case types.Bool:
			return def.ValueBool(), true
		case types.String:
			return def.ValueString(), true
		}
	}
	return nil, false
}

func optionalComputed(a schema.Attribute) bool {
	return a.IsOptional() && a.IsComputed()
}

// Every value Toloka fills in is harmless in the way the table says.
func TestEveryTolokaFillIsHarmless(t *testing.T) {
	for _, f := range tolokaFills {
		t.Run(f.object+"."+f.path, func(t *testing.T) {
			if f.source == "" {
				t.Error("no source")
			}
			attrs := schemaPath(fillSchema(f), f.path)
			top := strings.Split(f.path, ".")[0]
			switch f.how {
			case fillUnmodelled:
				if len(attrs) > 0 {
					t.Errorf("%s is an attribute", top)
				}
			case fillComputed:
				if len(attrs) != 1 || !attrs[0].IsComputed() || attrs[0].IsOptional() || attrs[0].IsRequired() {
					t.Errorf("%s is not a read-only attribute", f.path)
				}
			case fillKept, fillDefault:
				checkKeptOrDefault(t, f, attrs)
			case fillJSON, fillLeftOut:
				checkJSONFill(t, f, attrs)
			case fillEmptyIsNone:
				checkEmptyIsNone(t, f)
			default:
				t.Errorf("unknown way %q", f.how)
			}
		})
	}
}

// checkKeptOrDefault: the attribute at the path, reached through required or
// kept attributes, keeps Toloka's value (fillKept) or defaults to it.
func checkKeptOrDefault(t *testing.T, f tolokaFill, attrs []schema.Attribute) {
	t.Helper()
	if want := len(strings.Split(strings.ReplaceAll(f.path, ".*", ""), ".")); len(attrs) != want {
		t.Fatalf("%s is not an attribute", f.path)
	}
	leaf := attrs[len(attrs)-1]
	for _, a := range attrs[:len(attrs)-1] {
		if kept := optionalComputed(a) && keepsState(a); !a.IsRequired() && !kept {
			t.Errorf("%s lies in an attribute that is neither required nor kept", f.path)
		}
	}
	def, hasDefault := schemaDefault(leaf)
	defaultsToTolokas := hasDefault && reflect.DeepEqual(def, f.value)
	switch {
	case f.how == fillDefault && !defaultsToTolokas:
		t.Errorf("%s defaults to %v, want Toloka's %v", f.path, def, f.value)
	case f.how == fillKept && !optionalComputed(leaf):
		t.Errorf("%s is not optional and computed", f.path)
	case f.how == fillKept && !keepsState(leaf) && !defaultsToTolokas:
		t.Errorf("%s neither keeps Toloka's value nor defaults to %v", f.path, f.value)
	}
}

// checkJSONFill: inside its JSON attribute, a document with the member (of
// Toloka's value) and one without are equivalent, and one with another
// value is not.
func checkJSONFill(t *testing.T, f tolokaFill, attrs []schema.Attribute) {
	t.Helper()
	if len(attrs) == 0 {
		t.Fatalf("%s is not inside an attribute", f.path)
	}
	d, ok := jsonAttributeDefaults(attrs[len(attrs)-1])
	if !ok {
		t.Fatalf("%s is not inside a JSON attribute", f.path)
	}
	_, root, _ := strings.Cut(string(d), ":")
	rest, ok := strings.CutPrefix(f.path, root+".")
	if !ok {
		t.Fatalf("the attribute holding %s has fills for %q", f.path, d)
	}
	segments := strings.Split(rest, ".")
	tolokas, other := `"38830d4b-930b-43ab-a98f-f52e992fd11a"`, `"00000000-0000-4000-8000-000000000001"`
	sibling := map[string]any{}
	switch v := f.value.(type) {
	case madeUp:
	case sameAs:
		sibling[string(v)] = 3
		tolokas, other = "3", "2"
	default:
		tolokas, other = mustMarshal(t, v), mustMarshal(t, differentValue(v))
	}
	without := documentAt(segments, "", sibling)
	with := documentAt(segments, tolokas, sibling)
	changed := documentAt(segments, other, sibling)
	if !d.equivalent(without, with) || !d.equivalent(with, without) {
		t.Errorf("%s: %s and %s differ", f.path, without, with)
	}
	if d.equivalent(with, changed) {
		t.Errorf("%s: %s and %s are equal", f.path, with, changed)
	}
	if _, made := f.value.(madeUp); !made && d.equivalent(without, changed) {
		t.Errorf("%s: %s and %s are equal", f.path, without, changed)
	}
}

// documentAt is a JSON document in which the path leads to value ("" for
// none); * is one map member, [] one array element; sibling members are put
// beside the value.
func documentAt(segments []string, value string, sibling map[string]any) string {
	leaf := map[string]any{}
	for k, v := range sibling {
		leaf[k] = v
	}
	var node any = leaf
	last := segments[len(segments)-1]
	if value != "" {
		leaf[last] = json.RawMessage(value)
	}
	for i := len(segments) - 2; i >= 0; i-- {
		switch segments[i] {
		case "[]":
			node = []any{node}
		default:
			node = map[string]any{segments[i]: node}
		}
	}
	raw, err := json.Marshal(node)
	if err != nil {
		panic(err)
	}
	return string(raw)
}

func mustMarshal(t *testing.T, v any) string {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// differentValue is a value of the same kind that is not v.
func differentValue(v any) any {
	switch v := v.(type) {
	case bool:
		return !v
	case string:
		return v + "-other"
	case int:
		return v + 1
	}
	panic(fmt.Sprintf("no different value for %#v", v))
}

// checkEmptyIsNone: Toloka's empty map is held as null.
func checkEmptyIsNone(t *testing.T, f tolokaFill) {
	t.Helper()
	raw := fmt.Sprintf(`{%q: {}}`, f.path)
	ctx := context.Background()
	var isNull bool
	switch f.object {
	case "pool":
		var p toloka.Pool
		if err := json.Unmarshal([]byte(raw), &p); err != nil {
			t.Fatal(err)
		}
		m, _ := poolModelFrom(ctx, &p)
		isNull = m.Metadata.IsNull() && f.path == "metadata"
	case "project":
		var p toloka.Project
		if err := json.Unmarshal([]byte(raw), &p); err != nil {
			t.Fatal(err)
		}
		m, _ := projectModelFrom(ctx, &p)
		isNull = m.Metadata.IsNull() && f.path == "metadata"
	}
	if !isNull {
		t.Errorf("%s {} is not held as null", f.path)
	}
}

// fillsTable is the Markdown table of the values Toloka fills into an
// object, as the resource's documentation shows it.
func fillsTable(object string) string {
	var b strings.Builder
	b.WriteString("| member | Toloka's value | kept out of a plan by | seen in |\n|---|---|---|---|\n")
	for _, f := range tolokaFills {
		if f.object != object {
			continue
		}
		var value string
		switch v := f.value.(type) {
		case madeUp:
			value = "made up"
		case sameAs:
			value = "`" + string(v) + "`'s value"
		default:
			raw, _ := json.Marshal(v)
			value = "`" + string(raw) + "`"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", f.path, value, f.how, f.source)
	}
	return b.String()
}

// The resources' documentation lists every value Toloka fills in, as the
// table tolokaFills has them.
func TestDocsListEveryTolokaFill(t *testing.T) {
	for _, object := range []string{"project", "pool"} {
		name := filepath.Join("..", "..", "templates", "resources", object+".md.tmpl")
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if table := fillsTable(object); !strings.Contains(string(raw), table) {
			t.Errorf("%s does not hold the table of tolokaFills; it should read:\n\n%s", name, table)
		}
	}
}
