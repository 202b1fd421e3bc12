package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// jsonDefaults names where a JSON attribute sits in Toloka's object, as
// "object:path" (see tolokaFills), so that the values Toloka fills into it
// are known; noJSONDefaults for an attribute Toloka fills nothing into.
type jsonDefaults string

const (
	noJSONDefaults             jsonDefaults = ""
	viewSpecDefaults           jsonDefaults = "project:task_spec.view_spec"
	poolQualityControlDefaults jsonDefaults = "pool:quality_control"
	mixerConfigDefaults        jsonDefaults = "pool:mixer_config"
)

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
// form: keys sorted and no spacing (as jsonencode writes them), numbers as
// Toloka wrote them, and without the values Toloka fills in (tolokaFills). A
// document with no equivalent in the configuration (after an import, or
// changed outside Terraform) thus shows in a plan only where it really
// differs, and a configuration generated from an import carries none of
// them.
func newJSONObject(raw []byte, defaults jsonDefaults) jsonObjectValue {
	if len(raw) == 0 {
		return jsonObjectValue{StringValue: basetypes.NewStringNull(), defaults: defaults}
	}
	text := string(raw)
	if obj, err := decodeJSONObject(text); err == nil {
		defaults.dropFills(obj)
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
	return v.defaults.equivalent(v.ValueString(), newValue.ValueString()), nil
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

// decodeJSONObject decodes a JSON object, keeping its numbers as written.
func decodeJSONObject(s string) (map[string]any, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("invalid JSON: data after the document")
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
	case json.Number:
		return "number"
	case bool:
		return "boolean"
	default:
		return "null"
	}
}

// equivalent reports whether two JSON objects are the same document once
// the values Toloka fills in are filled into both.
func (d jsonDefaults) equivalent(a, b string) bool {
	x, errA := decodeJSONObject(a)
	y, errB := decodeJSONObject(b)
	if errA != nil || errB != nil {
		return false
	}
	d.fill(x)
	d.fill(y)
	d.ignoreUnmatchedMadeUp(x, y)
	return sameJSONValue(x, y)
}

// sameJSONValue compares decoded JSON values, numbers by their value:
// 0.5, 0.50 and 5e-1 are the same number.
func sameJSONValue(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			yv, present := y[k]
			if !present || !sameJSONValue(xv, yv) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !sameJSONValue(x[i], y[i]) {
				return false
			}
		}
		return true
	case json.Number:
		y, ok := b.(json.Number)
		return ok && sameNumber(x, y)
	}
	return a == b
}

func sameNumber(a, b json.Number) bool {
	if a == b {
		return true
	}
	x, okA := new(big.Rat).SetString(string(a))
	y, okB := new(big.Rat).SetString(string(b))
	return okA && okB && x.Cmp(y) == 0
}

// keepEquivalentJSON plans the prior state's document when the configured
// one means the same, so that a spelling other than the state's (after an
// import, or a change of key order in the configuration) plans no change.
// Terraform accepts a planned value equal to the prior state in place of an
// equivalent configured value.
type keepEquivalentJSON struct {
	defaults jsonDefaults
}

var _ planmodifier.String = keepEquivalentJSON{}

func (m keepEquivalentJSON) Description(context.Context) string {
	return "Keeps the value in the state when the configured JSON document means the same."
}

func (m keepEquivalentJSON) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (m keepEquivalentJSON) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !isSet(req.ConfigValue) || !isSet(req.StateValue) || req.ConfigValue.Equal(req.StateValue) {
		return
	}
	if m.defaults.equivalent(req.ConfigValue.ValueString(), req.StateValue.ValueString()) {
		resp.PlanValue = req.StateValue
	}
}
