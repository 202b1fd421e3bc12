package provider

import (
	"context"
	"slices"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-validators/objectvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/defaults"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A nested attribute that keeps Toloka's value when the configuration
// leaves it out is optional and computed, and plans the state's value.
// Terraform proposes that value only when nothing inside the attribute, at
// any depth, is configuration alone: a value in a member that is neither
// computed must have come from the configuration, so Terraform proposes
// null instead, and every plan would show an update that changes nothing.
// A member's schema default does the same harm, since the framework fills
// it in even inside an object left out.
//
// keptObject therefore makes every member computed, without a schema
// default, and plans each as memberPlan says: inside an object the
// configuration sets, what the configuration says (a member left out is
// null, or its default), since Toloka's PUT replaces the whole object;
// inside an object left out, the kept value. A required member is checked
// by a validator of its object instead of by Terraform.

// keptObject is a, optional and kept when left out of the configuration,
// with its members made as keptMembers makes them. Its plan modifiers are
// a's, or keepStateObject when a has none.
func keptObject(a schema.SingleNestedAttribute) schema.SingleNestedAttribute {
	a.Description += keptText
	a.Optional, a.Computed, a.Required = true, true, false
	if len(a.PlanModifiers) == 0 {
		a.PlanModifiers = keepStateObject
	}
	var required []string
	a.Attributes, required = keptMembers(a.Attributes)
	a.Validators = append(slices.Clip(a.Validators), requiresMembers(required)...)
	return a
}

// keptMembers makes every attribute of an object, at any depth, optional
// and computed and planned by memberPlan; it returns the names of those
// that were required, which the object's validator requires instead.
func keptMembers(attrs map[string]schema.Attribute) (map[string]schema.Attribute, []string) {
	out := make(map[string]schema.Attribute, len(attrs))
	var required []string
	for name, a := range attrs {
		if a.IsRequired() {
			required = append(required, name)
		}
		out[name] = keptMember(a)
	}
	sort.Strings(required)
	return out, required
}

// requiresMembers requires the named members of an object the
// configuration sets.
func requiresMembers(names []string) []validator.Object {
	if len(names) == 0 {
		return nil
	}
	members := make([]path.Expression, len(names))
	for i, name := range names {
		members[i] = path.MatchRelative().AtName(name)
	}
	return []validator.Object{objectvalidator.AlsoRequires(members...)}
}

// requiredText ends the description of a member that keptMembers no
// longer marks required.
const requiredText = " Required."

// keptMember is one member made as keptMembers says. An attribute of a
// kind it does not know is left as it is (TestKeptNestedAttributesHoldComputedMembersOnly
// names it).
func keptMember(a schema.Attribute) schema.Attribute {
	switch a := a.(type) {
	case schema.StringAttribute:
		m := memberPlan{}
		if a.Default != nil {
			resp := &defaults.StringResponse{}
			a.Default.DefaultString(context.Background(), defaults.StringRequest{}, resp)
			m.def = resp.PlanValue
		}
		a.Description, a.Optional, a.Computed = memberFlags(a.Description, a.Required)
		a.Required, a.Default = false, nil
		a.PlanModifiers = append(slices.Clip(a.PlanModifiers), m)
		return a
	case schema.BoolAttribute:
		m := memberPlan{}
		if a.Default != nil {
			resp := &defaults.BoolResponse{}
			a.Default.DefaultBool(context.Background(), defaults.BoolRequest{}, resp)
			m.def = resp.PlanValue
		}
		a.Description, a.Optional, a.Computed = memberFlags(a.Description, a.Required)
		a.Required, a.Default = false, nil
		a.PlanModifiers = append(slices.Clip(a.PlanModifiers), m)
		return a
	case schema.Int64Attribute:
		a.Description, a.Optional, a.Computed = memberFlags(a.Description, a.Required)
		a.Required = false
		a.PlanModifiers = append(slices.Clip(a.PlanModifiers), memberPlan{})
		return a
	case schema.SingleNestedAttribute:
		var required []string
		a.Attributes, required = keptMembers(a.Attributes)
		a.Validators = append(slices.Clip(a.Validators), requiresMembers(required)...)
		a.Description, a.Optional, a.Computed = memberFlags(a.Description, a.Required)
		a.Required = false
		a.PlanModifiers = append(slices.Clip(a.PlanModifiers), memberPlan{})
		return a
	case schema.ListNestedAttribute:
		var required []string
		a.NestedObject.Attributes, required = keptMembers(a.NestedObject.Attributes)
		a.NestedObject.Validators = append(slices.Clip(a.NestedObject.Validators), requiresMembers(required)...)
		a.Description, a.Optional, a.Computed = memberFlags(a.Description, a.Required)
		a.Required = false
		a.PlanModifiers = append(slices.Clip(a.PlanModifiers), memberPlan{})
		return a
	}
	return a
}

// memberFlags are the description, Optional and Computed of a member made
// optional and computed; a required one says that it is required.
func memberFlags(description string, required bool) (string, bool, bool) {
	if required {
		description += requiredText
	}
	return description, true, true
}

// memberPlan plans a member of a kept object. Inside an object the
// configuration sets, a member left out is planned null, or def when the
// member has a default; elsewhere the plan is left as it is.
type memberPlan struct {
	def attr.Value
}

var (
	_ planmodifier.String = memberPlan{}
	_ planmodifier.Bool   = memberPlan{}
	_ planmodifier.Int64  = memberPlan{}
	_ planmodifier.Object = memberPlan{}
	_ planmodifier.List   = memberPlan{}
)

func (memberPlan) Description(context.Context) string {
	return "Inside a configured object, what the configuration says, its default when left out; else the object's kept value."
}

func (m memberPlan) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

// leftOutOfConfigured tells whether a member is left out of (or null in)
// an object the configuration sets.
func leftOutOfConfigured(ctx context.Context, config tfsdk.Config, at path.Path, configured attr.Value) bool {
	if !configured.IsNull() {
		return false
	}
	var object attr.Value
	if config.GetAttribute(ctx, at.ParentPath(), &object).HasError() || object == nil {
		return false
	}
	return !object.IsNull() && !object.IsUnknown()
}

func (m memberPlan) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if leftOutOfConfigured(ctx, req.Config, req.Path, req.ConfigValue) {
		resp.PlanValue = types.StringNull()
		if def, ok := m.def.(types.String); ok {
			resp.PlanValue = def
		}
	}
}

func (m memberPlan) PlanModifyBool(ctx context.Context, req planmodifier.BoolRequest, resp *planmodifier.BoolResponse) {
	if leftOutOfConfigured(ctx, req.Config, req.Path, req.ConfigValue) {
		resp.PlanValue = types.BoolNull()
		if def, ok := m.def.(types.Bool); ok {
			resp.PlanValue = def
		}
	}
}

func (memberPlan) PlanModifyInt64(ctx context.Context, req planmodifier.Int64Request, resp *planmodifier.Int64Response) {
	if leftOutOfConfigured(ctx, req.Config, req.Path, req.ConfigValue) {
		resp.PlanValue = types.Int64Null()
	}
}

func (memberPlan) PlanModifyObject(ctx context.Context, req planmodifier.ObjectRequest, resp *planmodifier.ObjectResponse) {
	if leftOutOfConfigured(ctx, req.Config, req.Path, req.ConfigValue) {
		resp.PlanValue = types.ObjectNull(req.PlanValue.AttributeTypes(ctx))
	}
}

func (memberPlan) PlanModifyList(ctx context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	if leftOutOfConfigured(ctx, req.Config, req.Path, req.ConfigValue) {
		resp.PlanValue = types.ListNull(req.PlanValue.ElementType(ctx))
	}
}
