package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// jsonDefaults names the server-side defaults Toloka fills into a JSON
// document, so that a document and its filled-in echo compare equal.
type jsonDefaults int

const (
	noJSONDefaults jsonDefaults = iota
	viewSpecDefaults
)

// viewSpecSettings are the task interface settings Toloka sets to true when
// a view_spec leaves them out.
var viewSpecSettings = []string{
	"showSkip", "showTimer", "showTitle", "showSubmit", "showFullscreen",
	"showInstructions", "showFinish", "showMessage", "showReward",
}

// jsonObjectType is a string attribute holding a JSON object. Two values are
// equal when they decode to the same document once Toloka's defaults are
// filled in, so key order, spacing and server-filled defaults make no diff.
type jsonObjectType struct {
	basetypes.StringType
	defaults jsonDefaults
}

var (
	_ basetypes.StringTypable                    = jsonObjectType{}
	_ basetypes.StringValuableWithSemanticEquals = jsonObjectValue{}
	_ xattr.ValidateableAttribute                = jsonObjectValue{}
)

func (t jsonObjectType) String() string { return "jsonObjectType" }

func (t jsonObjectType) Equal(o attr.Type) bool {
	other, ok := o.(jsonObjectType)
	return ok && other.defaults == t.defaults
}

func (t jsonObjectType) ValueType(context.Context) attr.Value {
	return jsonObjectValue{defaults: t.defaults}
}

func (t jsonObjectType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return jsonObjectValue{StringValue: in, defaults: t.defaults}, nil
}

func (t jsonObjectType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return jsonObjectValue{StringValue: s, defaults: t.defaults}, nil
}

// jsonObjectValue is a value of jsonObjectType.
type jsonObjectValue struct {
	basetypes.StringValue
	defaults jsonDefaults
}

// newJSONObject holds a document Toloka sent, in its shortest equivalent
// form: keys sorted and no spacing (as jsonencode writes them), and without
// the settings Toloka fills in by default. A document with no equivalent in
// the configuration (after an import, or changed outside Terraform) thus
// shows in a plan only where it really differs.
func newJSONObject(raw []byte, defaults jsonDefaults) jsonObjectValue {
	if len(raw) == 0 {
		return jsonObjectValue{StringValue: basetypes.NewStringNull(), defaults: defaults}
	}
	text := string(raw)
	if obj, err := decodeJSONObject(text); err == nil {
		if defaults == viewSpecDefaults {
			dropViewSpecDefaults(obj)
		}
		if compact, err := json.Marshal(obj); err == nil {
			text = string(compact)
		}
	}
	return jsonObjectValue{StringValue: basetypes.NewStringValue(text), defaults: defaults}
}

func (v jsonObjectValue) Type(context.Context) attr.Type { return jsonObjectType{defaults: v.defaults} }

func (v jsonObjectValue) Equal(o attr.Value) bool {
	other, ok := o.(jsonObjectValue)
	return ok && other.defaults == v.defaults && v.StringValue.Equal(other.StringValue)
}

func (v jsonObjectValue) StringSemanticEquals(_ context.Context, newValuable basetypes.StringValuable) (bool, diag.Diagnostics) {
	newValue, ok := newValuable.(jsonObjectValue)
	if !ok {
		return false, nil
	}
	if isSet(v) && isSet(newValue) && v.ValueString() == newValue.ValueString() {
		// The same text: equal if it is a JSON object, which one decoding tells.
		_, err := decodeJSONObject(v.ValueString())
		return err == nil, nil
	}
	a, errA := canonicalJSON(v.ValueString(), v.defaults)
	b, errB := canonicalJSON(newValue.ValueString(), v.defaults)
	if errA != nil || errB != nil {
		return false, nil
	}
	return reflect.DeepEqual(a, b), nil
}

func (v jsonObjectValue) ValidateAttribute(_ context.Context, req xattr.ValidateAttributeRequest, resp *xattr.ValidateAttributeResponse) {
	if v.IsNull() || v.IsUnknown() {
		return
	}
	if _, err := decodeJSONObject(v.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid JSON object",
			fmt.Sprintf("%s must be a JSON object, usually written with jsonencode: %s.", req.Path, err))
	}
}

func decodeJSONObject(s string) (map[string]any, error) {
	var doc any
	if err := json.Unmarshal([]byte(s), &doc); err != nil {
		return nil, err
	}
	obj, ok := doc.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("the document is a JSON %s, not an object", jsonKind(doc))
	}
	return obj, nil
}

func jsonKind(v any) string {
	switch v.(type) {
	case []any:
		return "array"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	default:
		return "null"
	}
}

// canonicalJSON decodes a document and fills in the defaults Toloka would.
func canonicalJSON(s string, defaults jsonDefaults) (map[string]any, error) {
	obj, err := decodeJSONObject(s)
	if err != nil {
		return nil, err
	}
	if defaults == viewSpecDefaults {
		fillViewSpecDefaults(obj)
	}
	return obj, nil
}

func fillViewSpecDefaults(viewSpec map[string]any) {
	settings, ok := viewSpec["settings"].(map[string]any)
	if !ok {
		if _, present := viewSpec["settings"]; present {
			return
		}
		settings = map[string]any{}
		viewSpec["settings"] = settings
	}
	for _, name := range viewSpecSettings {
		if _, set := settings[name]; !set {
			settings[name] = true
		}
	}
}

func dropViewSpecDefaults(viewSpec map[string]any) {
	settings, ok := viewSpec["settings"].(map[string]any)
	if !ok {
		return
	}
	for _, name := range viewSpecSettings {
		if settings[name] == true {
			delete(settings, name)
		}
	}
	if len(settings) == 0 {
		delete(viewSpec, "settings")
	}
}
