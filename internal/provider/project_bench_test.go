package provider

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/emulator"
	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// refreshFixture is a provider server configured against an emulator holding
// one project, with that project's state as a refresh reads it and the
// configuration of the benchmark's projects (cmd/toloka-bench).
type refreshFixture struct {
	server tfprotov6.ProviderServer
	schema *tfprotov6.Schema
	state  *tfprotov6.DynamicValue
	config *tfprotov6.DynamicValue
}

// projectConfiguredOnly are the attributes the benchmark's configuration
// sets; every other one is null in the configuration.
var projectConfiguredOnly = map[string]bool{
	"public_name": true, "public_description": true, "task_spec": true, "archived": true,
}

func newRefreshFixture(tb testing.TB) *refreshFixture {
	tb.Helper()
	ctx := context.Background()
	srv := emulator.New(emulator.Options{APIKeys: []string{testAPIKey}, OperationDelay: -1})
	hs := httptest.NewServer(srv)
	tb.Cleanup(hs.Close)
	apiURL := hs.URL + "/api/v1"

	client, err := toloka.New(toloka.Config{BaseURL: apiURL, Credentials: toloka.APIKey(testAPIKey)})
	if err != nil {
		tb.Fatal(err)
	}
	created, err := client.CreateProject(ctx, &toloka.Project{
		PublicName:        "plan 0",
		PublicDescription: "A project of the provider's benchmark",
		TaskSpec: &toloka.TaskSpec{
			InputSpec:  map[string]toloka.FieldSpec{"image": {Type: "url"}},
			OutputSpec: map[string]toloka.FieldSpec{"result": {Type: "string", AllowedValues: []any{"cat", "dog"}}},
			ViewSpec:   json.RawMessage(`{"markup":"{{img src=image}}","settings":{},"type":"classic"}`),
		},
	})
	if err != nil {
		tb.Fatal(err)
	}

	f := &refreshFixture{server: providerserver.NewProtocol6(New("bench")())()}
	schemas, err := f.server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || diagnosticsError(schemas.Diagnostics) != "" {
		tb.Fatalf("GetProviderSchema: %v %s", err, diagnosticsError(schemas.Diagnostics))
	}
	f.schema = schemas.ResourceSchemas["toloka_project"]
	f.configureProvider(tb, schemas.Provider, apiURL)

	imported := f.objectWith(tb, map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, created.ID)})
	readState := f.read(tb, dynamicValue(tb, f.schema, imported))
	stateValue, err := readState.Unmarshal(f.objectType())
	if err != nil {
		tb.Fatal(err)
	}
	f.state = readState
	f.config = dynamicValue(tb, f.schema, configOf(tb, stateValue))
	return f
}

func (f *refreshFixture) objectType() tftypes.Type {
	return f.schema.ValueType()
}

// objectWith is an object of the resource's type with the given top-level
// attributes and every other one null.
func (f *refreshFixture) objectWith(tb testing.TB, set map[string]tftypes.Value) tftypes.Value {
	tb.Helper()
	return objectOf(f.objectType().(tftypes.Object), set)
}

func objectOf(typ tftypes.Object, set map[string]tftypes.Value) tftypes.Value {
	attrs := map[string]tftypes.Value{}
	for name, t := range typ.AttributeTypes {
		attrs[name] = tftypes.NewValue(t, nil)
		if v, ok := set[name]; ok {
			attrs[name] = v
		}
	}
	return tftypes.NewValue(typ, attrs)
}

func (f *refreshFixture) configureProvider(tb testing.TB, providerSchema *tfprotov6.Schema, apiURL string) {
	tb.Helper()
	config := objectOf(providerSchema.ValueType().(tftypes.Object), map[string]tftypes.Value{
		"environment": tftypes.NewValue(tftypes.String, "sandbox"),
		"base_url":    tftypes.NewValue(tftypes.String, apiURL),
		"api_key":     tftypes.NewValue(tftypes.String, testAPIKey),
	})
	resp, err := f.server.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{
		TerraformVersion: "1.11.4",
		Config:           dynamicValue(tb, providerSchema, config),
	})
	if err != nil || diagnosticsError(resp.Diagnostics) != "" {
		tb.Fatalf("ConfigureProvider: %v %s", err, diagnosticsError(resp.Diagnostics))
	}
}

// configOf is the benchmark's configuration of a project whose state is
// state: the configured attributes as the state has them, the rest null,
// and the field attributes with defaults (required, hidden) left out.
func configOf(tb testing.TB, state tftypes.Value) tftypes.Value {
	tb.Helper()
	config, err := tftypes.Transform(state, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		steps := p.Steps()
		if len(steps) == 0 {
			return v, nil
		}
		if top, ok := steps[0].(tftypes.AttributeName); ok && !projectConfiguredOnly[string(top)] {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		if last, ok := steps[len(steps)-1].(tftypes.AttributeName); ok && len(steps) == 4 && (last == "required" || last == "hidden") {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return config
}

func dynamicValue(tb testing.TB, schema *tfprotov6.Schema, v tftypes.Value) *tfprotov6.DynamicValue {
	tb.Helper()
	dv, err := tfprotov6.NewDynamicValue(schema.ValueType(), v)
	if err != nil {
		tb.Fatal(err)
	}
	return &dv
}

func diagnosticsError(diags []*tfprotov6.Diagnostic) string {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return d.Summary + ": " + d.Detail
		}
	}
	return ""
}

// read is the ReadResource call of a refresh.
func (f *refreshFixture) read(tb testing.TB, state *tfprotov6.DynamicValue) *tfprotov6.DynamicValue {
	tb.Helper()
	resp, err := f.server.ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{
		TypeName:     "toloka_project",
		CurrentState: state,
	})
	if err != nil || diagnosticsError(resp.Diagnostics) != "" {
		tb.Fatalf("ReadResource: %v %s", err, diagnosticsError(resp.Diagnostics))
	}
	return resp.NewState
}

// plan is the PlanResourceChange call of a plan that changes nothing: the
// proposed state is the prior one.
func (f *refreshFixture) plan(tb testing.TB, prior *tfprotov6.DynamicValue) *tfprotov6.PlanResourceChangeResponse {
	tb.Helper()
	resp, err := f.server.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName:         "toloka_project",
		PriorState:       prior,
		ProposedNewState: prior,
		Config:           f.config,
	})
	if err != nil || diagnosticsError(resp.Diagnostics) != "" {
		tb.Fatalf("PlanResourceChange: %v %s", err, diagnosticsError(resp.Diagnostics))
	}
	return resp
}

// The fixture's refresh must find nothing to change, or the benchmark would
// measure another plan than the one of `terraform plan` over unchanged
// projects.
func TestRefreshFixturePlansNoChange(t *testing.T) {
	f := newRefreshFixture(t)
	refreshed := f.read(t, f.state)
	resp := f.plan(t, refreshed)
	typ := f.objectType()
	prior, err := refreshed.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	planned, err := resp.PlannedState.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	if diffs, err := prior.Diff(planned); err != nil || len(diffs) > 0 {
		t.Errorf("the plan changes the refreshed state: %v %v", diffs, err)
	}
	if len(resp.RequiresReplace) > 0 {
		t.Errorf("the plan replaces the project: %v", resp.RequiresReplace)
	}
}

// BenchmarkProjectRefresh measures the provider's side of one project in
// `terraform plan`: its ReadResource, then its PlanResourceChange.
func BenchmarkProjectRefresh(b *testing.B) {
	f := newRefreshFixture(b)
	b.Run("read", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			f.read(b, f.state)
		}
	})
	b.Run("plan", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			f.plan(b, f.state)
		}
	})
}
