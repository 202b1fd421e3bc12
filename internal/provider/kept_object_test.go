package provider

import (
	"context"
	"reflect"
	"sort"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// Terraform proposes the prior value of an optional and computed nested
// attribute left out of the configuration only when nothing inside it, at
// any depth, is configuration alone (neither computed); otherwise it
// proposes null and the plan shows an update that changes nothing. A
// schema default inside it changes the plan likewise. Every such attribute
// of every resource holds computed members without schema defaults only.
func TestKeptNestedAttributesHoldComputedMembersOnly(t *testing.T) {
	ctx := context.Background()
	var offending []string
	for _, newResource := range New("test")().Resources(ctx) {
		r := newResource()
		meta := &resource.MetadataResponse{}
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "toloka"}, meta)
		resp := &resource.SchemaResponse{}
		r.Schema(ctx, resource.SchemaRequest{}, resp)
		for name, a := range resp.Schema.Attributes {
			if name != "timeouts" && optionalComputed(a) {
				offending = append(offending, configurationOnly(meta.TypeName+"."+name, a)...)
			}
		}
	}
	sort.Strings(offending)
	if len(offending) > 0 {
		t.Errorf("members of kept nested attributes that are not computed or have a schema default: %v", offending)
	}
}

// configurationOnly lists the attributes inside a, at any depth, that are
// not computed or have a schema default.
func configurationOnly(at string, a schema.Attribute) []string {
	var found []string
	for name, m := range nestedAttributes(a) {
		if !m.IsComputed() || hasSchemaDefault(m) {
			found = append(found, at+"."+name)
		}
		found = append(found, configurationOnly(at+"."+name, m)...)
	}
	return found
}

// hasSchemaDefault tells whether an attribute has a Default.
func hasSchemaDefault(a schema.Attribute) bool {
	d := reflect.ValueOf(a).FieldByName("Default")
	return d.IsValid() && !d.IsNil()
}
