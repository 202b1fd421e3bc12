package floor

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http/httptest"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/emulator"
	"github.com/toloka-terraform/terraform-provider-toloka/internal/provider"
)

const apiKey = "floor-test-key"

// The configurations of the benchmark's resources (internal/bench/hcl.go),
// as Terraform hands them to the provider: attributes left out are null.
const (
	projectConfig = `{
  "public_name": "plan 0",
  "public_description": "A project of the provider's benchmark",
  "task_spec": {
    "input_spec": {"image": {"type": "url"}},
    "output_spec": {"result": {"type": "string", "allowed_values": ["cat", "dog"]}},
    "view_spec": "{\"markup\":\"{{img src=image}}\",\"type\":\"classic\"}"
  },
  "archived": false
}`
	poolConfig = `{
  "project_id": %q,
  "private_name": "batch 0",
  "reward_per_assignment": 0.05,
  "assignment_max_duration_seconds": 600,
  "will_expire": "2030-12-31T23:59:59",
  "defaults": {"default_overlap_for_new_task_suites": 3},
  "auto_accept_solutions": true,
  "priority": 10,
  "filter": "{\"and\":[{\"or\":[{\"category\":\"profile\",\"key\":\"languages\",\"operator\":\"IN\",\"value\":\"EN\"}]}]}",
  "quality_control": "{\"configs\":[{\"collector_config\":{\"parameters\":{\"fast_submit_threshold_seconds\":15},\"type\":\"ASSIGNMENT_SUBMIT_TIME\"},\"rules\":[{\"action\":{\"parameters\":{\"duration_unit\":\"PERMANENT\",\"scope\":\"PROJECT\"},\"type\":\"RESTRICTION_V2\"},\"conditions\":[{\"key\":\"fast_submitted_count\",\"operator\":\"GTE\",\"value\":2}]}]}]}",
  "mixer_config": "{\"golden_tasks_count\":0,\"real_tasks_count\":10,\"training_tasks_count\":0}",
  "metadata": {"team": ["vision"]}
}`
)

// resourceFixture is one resource of the benchmark as a plan finds it: its
// configuration and the state the provider wrote when it created it, with
// the three servers a plan can run it against.
type resourceFixture struct {
	typeName string
	typ      tftypes.Type
	config   *tfprotov6.DynamicValue
	// rawState is the state as Terraform stores it, in JSON.
	rawState []byte
	servers  map[string]tfprotov6.ProviderServer
}

// newFixtures creates a project and a pool of the benchmark with the
// provider against an emulator.
func newFixtures(tb testing.TB) (project, pool *resourceFixture) {
	tb.Helper()
	ctx := context.Background()
	hs := httptest.NewServer(emulator.New(emulator.Options{APIKeys: []string{apiKey}, OperationDelay: -1}))
	tb.Cleanup(hs.Close)
	served := providerserver.NewProtocol6(provider.New("test")())()
	schemas, err := served.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	check(tb, err, schemas.Diagnostics)
	configure(tb, served, schemas.Provider, hs.URL+"/api/v1")
	protocol, err := newProtocolFloor(ctx, "")
	if err != nil {
		tb.Fatal(err)
	}
	servers := map[string]tfprotov6.ProviderServer{
		ModeProtocol:  protocol,
		ModeFramework: providerserver.NewProtocol6(newFrameworkFloor(""))(),
		"provider":    served,
	}
	newFixture := func(typeName, config string) *resourceFixture {
		f := &resourceFixture{typeName: typeName, typ: schemas.ResourceSchemas[typeName].ValueType(), servers: servers}
		value, err := valueFromJSON([]byte(config), f.typ)
		if err != nil {
			tb.Fatal(err)
		}
		f.config = dynamicValue(tb, f.typ, value)
		f.rawState = f.create(tb, served)
		return f
	}
	project = newFixture("toloka_project", projectConfig)
	var state map[string]any
	if err := json.Unmarshal(project.rawState, &state); err != nil {
		tb.Fatal(err)
	}
	pool = newFixture("toloka_pool", fmt.Sprintf(poolConfig, state["id"]))
	return project, pool
}

func configure(tb testing.TB, server tfprotov6.ProviderServer, schema *tfprotov6.Schema, apiURL string) {
	tb.Helper()
	config, err := valueFromJSON([]byte(fmt.Sprintf(`{"environment":"sandbox","base_url":%q,"api_key":%q}`, apiURL, apiKey)),
		schema.ValueType())
	if err != nil {
		tb.Fatal(err)
	}
	resp, err := server.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{
		TerraformVersion: "1.11.4",
		Config:           dynamicValue(tb, schema.ValueType(), config),
	})
	check(tb, err, resp.Diagnostics)
}

// create plans and applies the creation of the resource, as terraform
// apply does, and returns the new state in JSON.
func (f *resourceFixture) create(tb testing.TB, server tfprotov6.ProviderServer) []byte {
	tb.Helper()
	ctx := context.Background()
	none := dynamicValue(tb, f.typ, tftypes.NewValue(f.typ, nil))
	plan, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: f.typeName, PriorState: none, ProposedNewState: f.config, Config: f.config,
	})
	check(tb, err, plan.Diagnostics)
	applied, err := server.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{
		TypeName: f.typeName, PriorState: none, PlannedState: plan.PlannedState, Config: f.config,
	})
	check(tb, err, applied.Diagnostics)
	state, err := applied.NewState.Unmarshal(f.typ)
	if err != nil {
		tb.Fatal(err)
	}
	raw, err := json.Marshal(jsonOf(tb, state))
	if err != nil {
		tb.Fatal(err)
	}
	return raw
}

// refresh is what a plan asks of the server for the resource: validate its
// configuration, upgrade its stored state, read it and plan it. It returns
// the planned state.
func (f *resourceFixture) refresh(tb testing.TB, server tfprotov6.ProviderServer) (prior, planned *tfprotov6.DynamicValue) {
	ctx := context.Background()
	validated, err := server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: f.typeName, Config: f.config})
	check(tb, err, validated.Diagnostics)
	upgraded, err := server.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{
		TypeName: f.typeName, RawState: &tfprotov6.RawState{JSON: f.rawState},
	})
	check(tb, err, upgraded.Diagnostics)
	read, err := server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: f.typeName, CurrentState: upgraded.UpgradedState})
	check(tb, err, read.Diagnostics)
	// Nothing changed, so the proposed new state is the refreshed one.
	plan, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: f.typeName, PriorState: read.NewState, ProposedNewState: read.NewState, Config: f.config,
	})
	check(tb, err, plan.Diagnostics)
	if len(plan.RequiresReplace) > 0 {
		tb.Fatalf("%s: the plan replaces the resource: %v", f.typeName, plan.RequiresReplace)
	}
	return read.NewState, plan.PlannedState
}

// Each floor, and the provider, must plan no change over the state the
// provider wrote, or the benchmark would compare other plans than that of
// `terraform plan` over unchanged resources.
func TestEveryServerPlansNoChange(t *testing.T) {
	project, pool := newFixtures(t)
	for _, f := range []*resourceFixture{project, pool} {
		stored, err := valueFromJSON(f.rawState, f.typ)
		if err != nil {
			t.Fatal(err)
		}
		for name, server := range f.servers {
			t.Run(f.typeName+"/"+name, func(t *testing.T) {
				prior, planned := f.refresh(t, server)
				for what, v := range map[string]*tfprotov6.DynamicValue{"refreshed": prior, "planned": planned} {
					value, err := v.Unmarshal(f.typ)
					if err != nil {
						t.Fatal(err)
					}
					if diffs, err := stored.Diff(value); err != nil || len(diffs) > 0 {
						t.Errorf("the %s state differs from the stored one: %v %v", what, diffs, err)
					}
				}
			})
		}
	}
}

// BenchmarkRefresh measures what one resource of the benchmark costs each
// server in a plan, in the provider's process alone: the floors, and the
// provider (with its request to the emulator).
func BenchmarkRefresh(b *testing.B) {
	project, pool := newFixtures(b)
	for _, f := range []*resourceFixture{project, pool} {
		for _, name := range []string{ModeProtocol, ModeFramework, "provider"} {
			b.Run(f.typeName+"/"+name, func(b *testing.B) {
				b.ReportAllocs()
				began := processCPU(b)
				for b.Loop() {
					f.refresh(b, f.servers[name])
				}
				b.ReportMetric(float64(processCPU(b)-began)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}

// processCPU is the CPU time this process has used, the emulator's and the
// garbage collector's included: on a busy machine it varies less than the
// wall time.
func processCPU(tb testing.TB) time.Duration {
	var usage syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &usage); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(usage.Utime.Nano() + usage.Stime.Nano())
}

func dynamicValue(tb testing.TB, typ tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	tb.Helper()
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		tb.Fatal(err)
	}
	return &dv
}

func check(tb testing.TB, err error, diags []*tfprotov6.Diagnostic) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			tb.Fatalf("%s: %s (%v)", d.Summary, d.Detail, d.Attribute)
		}
	}
}

// jsonOf is a value as Terraform writes it in a state file.
func jsonOf(tb testing.TB, v tftypes.Value) any {
	tb.Helper()
	if v.IsNull() {
		return nil
	}
	typ := v.Type()
	switch {
	case typ.Is(tftypes.String):
		var s string
		must(tb, v.As(&s))
		return s
	case typ.Is(tftypes.Bool):
		var b bool
		must(tb, v.As(&b))
		return b
	case typ.Is(tftypes.Number):
		var n big.Float
		must(tb, v.As(&n))
		return json.Number(n.Text('g', -1))
	case typ.Is(tftypes.List{}), typ.Is(tftypes.Set{}), typ.Is(tftypes.Tuple{}):
		var elems []tftypes.Value
		must(tb, v.As(&elems))
		out := make([]any, len(elems))
		for i, e := range elems {
			out[i] = jsonOf(tb, e)
		}
		return out
	default:
		var attrs map[string]tftypes.Value
		must(tb, v.As(&attrs))
		out := make(map[string]any, len(attrs))
		for name, a := range attrs {
			out[name] = jsonOf(tb, a)
		}
		return out
	}
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// valueFromJSON decodes a value of typ from its JSON, as Terraform sends it.
func valueFromJSON(data []byte, typ tftypes.Type) (tftypes.Value, error) {
	return (&tfprotov6.DynamicValue{JSON: data}).Unmarshal(typ)
}
