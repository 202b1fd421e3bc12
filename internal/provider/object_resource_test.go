package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// upserted is an object whose edit is an upsert, which answers with the
// object it wrote: answeredID.
type upserted struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type upsertedModel struct {
	ID   types.String `tfsdk:"id"`
	Name types.String `tfsdk:"name"`
}

func upsertedKind(answeredID string) *objectKind[upserted, upsertedModel] {
	return &objectKind[upserted, upsertedModel]{
		name: "user skill",
		schema: func(context.Context) rschema.Schema {
			return rschema.Schema{Attributes: map[string]rschema.Attribute{
				"id":   rschema.StringAttribute{Computed: true},
				"name": rschema.StringAttribute{Required: true},
			}}
		},
		get: func(_ *toloka.Client, _ context.Context, id string) (*upserted, error) {
			return &upserted{ID: id, Name: "old"}, nil
		},
		put: func(_ *toloka.Client, _ context.Context, _ string, u *upserted) (*upserted, error) {
			return &upserted{ID: answeredID, Name: u.Name}, nil
		},
		id: func(u *upserted) string { return u.ID },
		toAPI: func(m upsertedModel, _ context.Context, u *upserted) diag.Diagnostics {
			u.Name = m.Name.ValueString()
			return nil
		},
		stateFrom: func(_ context.Context, u *upserted, _ upsertedModel) (upsertedModel, diag.Diagnostics) {
			return upsertedModel{ID: types.StringValue(u.ID), Name: types.StringValue(u.Name)}, nil
		},
	}
}

// updateUpserted renames object 7 with an upsert that answers answeredID.
func updateUpserted(t *testing.T, answeredID string) (upsertedModel, diag.Diagnostics) {
	t.Helper()
	ctx := context.Background()
	r := &objectResource[upserted, upsertedModel]{kind: upsertedKind(answeredID)}
	s := r.kind.schema(ctx)
	value := func(name string) tftypes.Value {
		return tftypes.NewValue(s.Type().TerraformType(ctx), map[string]tftypes.Value{
			"id": tftypes.NewValue(tftypes.String, "7"), "name": tftypes.NewValue(tftypes.String, name),
		})
	}
	req := resource.UpdateRequest{Plan: tfsdk.Plan{Schema: s, Raw: value("new")}, State: tfsdk.State{Schema: s, Raw: value("old")}}
	resp := &resource.UpdateResponse{State: tfsdk.State{Schema: s, Raw: value("new")}}
	r.Update(ctx, req, resp)
	var m upsertedModel
	resp.Diagnostics.Append(resp.State.Get(ctx, &m)...)
	return m, resp.Diagnostics
}

func TestUpdateFollowsTheObjectTolokaAnswers(t *testing.T) {
	m, diags := updateUpserted(t, "7")
	if len(diags) != 0 || m.ID.ValueString() != "7" || m.Name.ValueString() != "new" {
		t.Errorf("an upsert that keeps the ID: state %v, diagnostics %v", m, diags)
	}

	m, diags = updateUpserted(t, "8")
	if diags.HasError() || m.ID.ValueString() != "8" || m.Name.ValueString() != "new" {
		t.Fatalf("an upsert that answers another ID: state %v, diagnostics %v", m, diags)
	}
	warnings := diags.Warnings()
	if len(warnings) != 1 {
		t.Fatalf("want one warning, got %v", diags)
	}
	for _, want := range []string{"user skill 7", "user skill 8", "the state now follows 8", "no longer manages it"} {
		if !strings.Contains(warnings[0].Detail(), want) {
			t.Errorf("the warning does not say %q: %s", want, warnings[0].Detail())
		}
	}
}

func TestKindNamesWithSpacesMakeTypeNames(t *testing.T) {
	r := &objectResource[upserted, upsertedModel]{kind: upsertedKind("7")}
	resp := &resource.MetadataResponse{}
	r.Metadata(context.Background(), resource.MetadataRequest{ProviderTypeName: "toloka"}, resp)
	if resp.TypeName != "toloka_user_skill" {
		t.Errorf("type name %q, want toloka_user_skill", resp.TypeName)
	}
}
