package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// The data sources show the objects with the attributes of the matching
// resources, all computed, so that the two describe an object alike and
// share the code that reads it from the API.

// listPageLimit is the page size of the list data sources; zero means the
// API's largest. Tests lower it to page through a few objects.
var listPageLimit = 0

// computedAttributes turns resource attributes into computed data source
// attributes with the same types and descriptions, leaving out omit.
func computedAttributes(attrs map[string]rschema.Attribute, omit ...string) map[string]dschema.Attribute {
	out := make(map[string]dschema.Attribute, len(attrs))
	for name, a := range attrs {
		if !slices.Contains(omit, name) {
			out[name] = computedAttribute(a)
		}
	}
	return out
}

func computedAttribute(a rschema.Attribute) dschema.Attribute {
	d := firstSentence(a.GetDescription())
	switch a := a.(type) {
	case rschema.StringAttribute:
		return dschema.StringAttribute{Computed: true, Description: d, CustomType: a.CustomType, Sensitive: a.Sensitive}
	case rschema.BoolAttribute:
		return dschema.BoolAttribute{Computed: true, Description: d}
	case rschema.Int64Attribute:
		return dschema.Int64Attribute{Computed: true, Description: d}
	case rschema.Float64Attribute:
		return dschema.Float64Attribute{Computed: true, Description: d}
	case rschema.ListAttribute:
		return dschema.ListAttribute{Computed: true, Description: d, ElementType: a.ElementType}
	case rschema.MapAttribute:
		return dschema.MapAttribute{Computed: true, Description: d, ElementType: a.ElementType}
	case rschema.SingleNestedAttribute:
		return dschema.SingleNestedAttribute{Computed: true, Description: d, Attributes: computedAttributes(a.Attributes)}
	case rschema.ListNestedAttribute:
		return dschema.ListNestedAttribute{Computed: true, Description: d,
			NestedObject: dschema.NestedAttributeObject{Attributes: computedAttributes(a.NestedObject.Attributes)}}
	case rschema.MapNestedAttribute:
		return dschema.MapNestedAttribute{Computed: true, Description: d,
			NestedObject: dschema.NestedAttributeObject{Attributes: computedAttributes(a.NestedObject.Attributes)}}
	}
	panic(fmt.Sprintf("computedAttribute: no data source counterpart for %T", a))
}

// sentenceEnd is the end of a sentence followed by another.
var sentenceEnd = regexp.MustCompile(`\.\s+[A-Z]`)

// firstSentence keeps what a resource attribute's description says of the
// value, dropping the sentences about configuring it ("Left out, ...").
func firstSentence(description string) string {
	if loc := sentenceEnd.FindStringIndex(description); loc != nil {
		return description[:loc[0]+1]
	}
	return description
}

// objectView describes API objects in the form of a resource's attributes
// less omit (config-only ones such as timeouts).
type objectView struct {
	resource rschema.Schema
	omit     []string
}

// attributes are the data source attributes of one object.
func (v objectView) attributes() map[string]dschema.Attribute {
	return computedAttributes(v.resource.Attributes, v.omit...)
}

// attrTypes are the types of the attributes of one object.
func (v objectView) attrTypes() map[string]attr.Type {
	types := make(map[string]attr.Type, len(v.resource.Attributes))
	for name, a := range v.resource.Attributes {
		if !slices.Contains(v.omit, name) {
			types[name] = a.GetType()
		}
	}
	return types
}

// object converts model, a value of the resource's model type whose
// timeouts have been set with nullTimeouts, into an object of the view.
func (v objectView) object(model any) (types.Object, diag.Diagnostics) {
	resourceType, _ := v.resource.Type().(basetypes.ObjectType)
	all, diags := objectValueOf(resourceType.AttrTypes, model)
	if diags.HasError() {
		return types.ObjectNull(v.attrTypes()), diags
	}
	values := all.Attributes()
	for _, name := range v.omit {
		delete(values, name)
	}
	obj, d := types.ObjectValue(v.attrTypes(), values)
	diags.Append(d...)
	return obj, diags
}

// viewList describes API objects as a list of objects of the view, each
// converted by describe.
func viewList[T any](ctx context.Context, v objectView, items []T,
	describe func(context.Context, objectView, *T) (types.Object, diag.Diagnostics)) (types.List, diag.Diagnostics) {
	var diags diag.Diagnostics
	elems := make([]attr.Value, len(items))
	for i := range items {
		obj, d := describe(ctx, v, &items[i])
		diags.Append(d...)
		elems[i] = obj
	}
	list, d := types.ListValue(types.ObjectType{AttrTypes: v.attrTypes()}, elems)
	diags.Append(d...)
	return list, diags
}

// nullTimeouts is a null timeouts value of the resource's timeouts type, for
// models built from the API rather than from a plan.
func nullTimeouts(s rschema.Schema) timeouts.Value {
	t, _ := s.Attributes["timeouts"].GetType().(timeouts.Type)
	return timeouts.Value{Object: types.ObjectNull(t.AttrTypes)}
}
