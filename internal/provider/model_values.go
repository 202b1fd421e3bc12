package provider

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Conversion between the provider's models and Terraform values, in place of
// the framework's reflection (tfsdk.State.Get and Set, types.ObjectValueFrom,
// basetypes.ObjectValue.As), which reads every struct tag again on every
// call, checking each name with a regular expression compiled anew: a plan
// over many resources paid more for it than for the rest of the provider's
// own work. Here the fields of each model type are found once.
//
// A model is a struct whose fields carry a tfsdk tag naming an attribute of
// the object, and are attr.Values, models, pointers to models (nil for a
// null object), or maps and slices of models (a map or a list of objects).
// Every attribute of the object has a field, and every field an attribute.

// modelLayout is where the attributes of an object live in a model type.
type modelLayout struct {
	fields []modelField
}

type modelField struct {
	name  string
	index int
}

var (
	layoutsMu     sync.Mutex
	layouts       = map[reflect.Type]*modelLayout{}
	attrValueType = reflect.TypeFor[attr.Value]()
)

// layoutOf is the layout of a model type, found on first use.
func layoutOf(t reflect.Type) *modelLayout {
	layoutsMu.Lock()
	defer layoutsMu.Unlock()
	if l, ok := layouts[t]; ok {
		return l
	}
	l := &modelLayout{}
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("tfsdk"), ",")
		if name != "" && name != "-" {
			l.fields = append(l.fields, modelField{name: name, index: i})
		}
	}
	layouts[t] = l
	return l
}

// schemaFacts are what a resource's lifecycle needs of its schema, worked
// out once: a schema builds its types anew on every call, and copies its
// attributes.
type schemaFacts struct {
	once sync.Once
	// object and terraform are the schema's type.
	object    basetypes.ObjectType
	terraform tftypes.Type
	// readOnly names the attributes only Toloka sets.
	readOnly map[string]bool
}

func (f *schemaFacts) of(ctx context.Context, schema func(context.Context) rschema.Schema) *schemaFacts {
	f.once.Do(func() {
		s := schema(ctx)
		f.object, _ = s.Type().(basetypes.ObjectType) // a schema's type is always an object
		f.terraform = f.object.TerraformType(ctx)
		f.readOnly = readOnlyAttributes(s)
	})
	return f
}

// modelFromTerraform reads a Terraform object value of the given type into
// a model, as tfsdk.State.Get does.
func modelFromTerraform[M any](ctx context.Context, typ basetypes.ObjectType, terraformType tftypes.Type, raw tftypes.Value) (M, diag.Diagnostics) {
	var m M
	var values map[string]tftypes.Value
	if !raw.Type().Equal(terraformType) {
		return m, conversionError(path.Empty(), fmt.Sprintf("a value of type %s for the schema's %s", raw.Type(), terraformType))
	}
	if err := raw.As(&values); err != nil {
		return m, conversionError(path.Empty(), err.Error())
	}
	target := reflect.ValueOf(&m).Elem()
	fields := layoutOf(target.Type()).fields
	if len(fields) != len(values) {
		return m, conversionError(path.Empty(), fmt.Sprintf("an object of %d attributes for %s, which has %d", len(values), target.Type(), len(fields)))
	}
	var diags diag.Diagnostics
	for _, f := range fields {
		at := path.Root(f.name)
		raw, ok := values[f.name]
		if !ok {
			diags.Append(conversionError(at, "the object has no such attribute")...)
			continue
		}
		v, err := typ.AttrTypes[f.name].ValueFromTerraform(ctx, raw)
		if err != nil {
			diags.Append(conversionError(at, err.Error())...)
			continue
		}
		diags.Append(valueInto(v, target.Field(f.index), false, at)...)
	}
	return m, diags
}

// modelToTerraform is the Terraform object value of a model, of the given
// type, as tfsdk.State.Set writes it.
func modelToTerraform(ctx context.Context, typ basetypes.ObjectType, terraformType tftypes.Type, m any) (tftypes.Value, diag.Diagnostics) {
	src := reflect.ValueOf(m)
	values := make(map[string]tftypes.Value, len(typ.AttrTypes))
	var diags diag.Diagnostics
	for _, f := range layoutOf(src.Type()).fields {
		attrType, ok := typ.AttrTypes[f.name]
		if !ok {
			diags.Append(conversionError(path.Root(f.name), "the schema has no such attribute")...)
			continue
		}
		v, d := valueOf(attrType, src.Field(f.index), path.Root(f.name))
		diags.Append(d...)
		if d.HasError() {
			continue
		}
		tf, err := v.ToTerraformValue(ctx)
		if err != nil {
			diags.Append(conversionError(path.Root(f.name), err.Error())...)
			continue
		}
		values[f.name] = tf
	}
	if len(values) != len(typ.AttrTypes) && !diags.HasError() {
		diags.Append(conversionError(path.Empty(), fmt.Sprintf("the model %s has %d of the %d attributes", src.Type(), len(values), len(typ.AttrTypes)))...)
	}
	if diags.HasError() {
		return tftypes.Value{}, diags
	}
	return tftypes.NewValue(terraformType, values), nil
}

// objectValueOf is the object value of a model (or of a pointer to one: nil is
// a null object), as types.ObjectValueFrom builds it.
func objectValueOf(attrTypes map[string]attr.Type, model any) (basetypes.ObjectValue, diag.Diagnostics) {
	v, diags := valueOf(basetypes.ObjectType{AttrTypes: attrTypes}, reflect.ValueOf(model), path.Empty())
	if diags.HasError() {
		return basetypes.NewObjectNull(attrTypes), diags
	}
	obj, ok := v.(basetypes.ObjectValue)
	if !ok {
		return basetypes.NewObjectNull(attrTypes), conversionError(path.Empty(), fmt.Sprintf("a model of type %T", model))
	}
	return obj, diags
}

// objectInto reads an object value into the model target points to, as
// basetypes.ObjectValue.As does; unknownAsEmpty reads an unknown object,
// map or list as an empty one instead of failing.
func objectInto(obj basetypes.ObjectValue, target any, unknownAsEmpty bool) diag.Diagnostics {
	return valueInto(obj, reflect.ValueOf(target).Elem(), unknownAsEmpty, path.Empty())
}

// valueOf converts src, a field of a model, to a value of typ.
func valueOf(typ attr.Type, src reflect.Value, at path.Path) (attr.Value, diag.Diagnostics) {
	if src.Type().Implements(attrValueType) {
		if v, ok := src.Interface().(attr.Value); ok {
			return v, nil
		}
	}
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() {
			return nullOf(typ, at)
		}
		return valueOf(typ, src.Elem(), at)
	case reflect.Struct:
		objType, ok := typ.(basetypes.ObjectType)
		if !ok {
			return nil, conversionError(at, fmt.Sprintf("a struct for a %s", typ))
		}
		attrs := make(map[string]attr.Value, len(objType.AttrTypes))
		var diags diag.Diagnostics
		for _, f := range layoutOf(src.Type()).fields {
			attrType, ok := objType.AttrTypes[f.name]
			if !ok {
				diags.Append(conversionError(at.AtName(f.name), "the schema has no such attribute")...)
				continue
			}
			v, d := valueOf(attrType, src.Field(f.index), at.AtName(f.name))
			diags.Append(d...)
			attrs[f.name] = v
		}
		if diags.HasError() {
			return nil, diags
		}
		obj, d := basetypes.NewObjectValue(objType.AttrTypes, attrs)
		return obj, append(diags, d...)
	case reflect.Map:
		mapType, ok := typ.(basetypes.MapType)
		if !ok {
			return nil, conversionError(at, fmt.Sprintf("a map for a %s", typ))
		}
		if src.IsNil() {
			return basetypes.NewMapNull(mapType.ElemType), nil
		}
		elems := make(map[string]attr.Value, src.Len())
		var diags diag.Diagnostics
		for iter := src.MapRange(); iter.Next(); {
			key := iter.Key().String()
			v, d := valueOf(mapType.ElemType, iter.Value(), at.AtMapKey(key))
			diags.Append(d...)
			elems[key] = v
		}
		if diags.HasError() {
			return nil, diags
		}
		m, d := basetypes.NewMapValue(mapType.ElemType, elems)
		return m, append(diags, d...)
	case reflect.Slice:
		listType, ok := typ.(basetypes.ListType)
		if !ok {
			return nil, conversionError(at, fmt.Sprintf("a slice for a %s", typ))
		}
		if src.IsNil() {
			return basetypes.NewListNull(listType.ElemType), nil
		}
		elems := make([]attr.Value, src.Len())
		var diags diag.Diagnostics
		for i := range elems {
			v, d := valueOf(listType.ElemType, src.Index(i), at.AtListIndex(i))
			diags.Append(d...)
			elems[i] = v
		}
		if diags.HasError() {
			return nil, diags
		}
		l, d := basetypes.NewListValue(listType.ElemType, elems)
		return l, append(diags, d...)
	}
	return nil, conversionError(at, fmt.Sprintf("a field of type %s", src.Type()))
}

// nullOf is the null value of an object type, for a nil pointer.
func nullOf(typ attr.Type, at path.Path) (attr.Value, diag.Diagnostics) {
	objType, ok := typ.(basetypes.ObjectType)
	if !ok {
		return nil, conversionError(at, fmt.Sprintf("a pointer for a %s", typ))
	}
	return basetypes.NewObjectNull(objType.AttrTypes), nil
}

// valueInto sets target, a field of a model, to v.
func valueInto(v attr.Value, target reflect.Value, unknownAsEmpty bool, at path.Path) diag.Diagnostics {
	if target.Type().Implements(attrValueType) {
		value := reflect.ValueOf(v)
		if !value.Type().AssignableTo(target.Type()) {
			return conversionError(at, fmt.Sprintf("a %s value for a field of type %s", value.Type(), target.Type()))
		}
		target.Set(value)
		return nil
	}
	switch {
	case v.IsUnknown():
		if !unknownAsEmpty {
			return conversionError(at, "an unknown value for a field that cannot hold one")
		}
		target.SetZero()
		return nil
	case v.IsNull():
		if target.Kind() == reflect.Struct {
			return conversionError(at, "a null value for a field that cannot hold one")
		}
		target.SetZero()
		return nil
	}
	switch target.Kind() {
	case reflect.Pointer:
		elem := reflect.New(target.Type().Elem())
		diags := valueInto(v, elem.Elem(), unknownAsEmpty, at)
		target.Set(elem)
		return diags
	case reflect.Struct:
		obj, ok := v.(basetypes.ObjectValue)
		if !ok {
			return conversionError(at, fmt.Sprintf("a %T value for a struct", v))
		}
		attrs := obj.Attributes()
		fields := layoutOf(target.Type()).fields
		if len(fields) != len(attrs) {
			return conversionError(at, fmt.Sprintf("an object of %d attributes for %s, which has %d", len(attrs), target.Type(), len(fields)))
		}
		var diags diag.Diagnostics
		for _, f := range fields {
			a, ok := attrs[f.name]
			if !ok {
				diags.Append(conversionError(at.AtName(f.name), "the object has no such attribute")...)
				continue
			}
			diags.Append(valueInto(a, target.Field(f.index), unknownAsEmpty, at.AtName(f.name))...)
		}
		return diags
	case reflect.Map:
		m, ok := v.(basetypes.MapValue)
		if !ok {
			return conversionError(at, fmt.Sprintf("a %T value for a map", v))
		}
		out := reflect.MakeMapWithSize(target.Type(), len(m.Elements()))
		var diags diag.Diagnostics
		for key, e := range m.Elements() {
			elem := reflect.New(target.Type().Elem()).Elem()
			diags.Append(valueInto(e, elem, unknownAsEmpty, at.AtMapKey(key))...)
			out.SetMapIndex(reflect.ValueOf(key), elem)
		}
		target.Set(out)
		return diags
	case reflect.Slice:
		l, ok := v.(basetypes.ListValue)
		if !ok {
			return conversionError(at, fmt.Sprintf("a %T value for a slice", v))
		}
		out := reflect.MakeSlice(target.Type(), len(l.Elements()), len(l.Elements()))
		var diags diag.Diagnostics
		for i, e := range l.Elements() {
			diags.Append(valueInto(e, out.Index(i), unknownAsEmpty, at.AtListIndex(i))...)
		}
		target.Set(out)
		return diags
	}
	return conversionError(at, fmt.Sprintf("a field of type %s", target.Type()))
}

func conversionError(at path.Path, problem string) diag.Diagnostics {
	return diag.Diagnostics{diag.NewAttributeErrorDiagnostic(at, "Value Conversion Error",
		"An unexpected error was encountered converting a value: "+problem+". This is always an error in the provider. "+
			"Please report it to the provider developers.")}
}
