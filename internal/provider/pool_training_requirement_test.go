package provider

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// poolRequiring is a pool as Toloka sends it, whose quality control holds a
// rule and a training requirement.
func poolRequiring(t *testing.T, requirement string) *toloka.Pool {
	t.Helper()
	p := fixturePool(t)
	p.QualityControl = json.RawMessage(`{"configs":[{"collector_config":{"type":"CAPTCHA"},"rules":[]}],` +
		`"captcha_frequency":"LOW","training_requirement":` + requirement + `}`)
	return p
}

func requirementModel(t *testing.T, trainingID string, passing int64) types.Object {
	t.Helper()
	obj, diags := types.ObjectValueFrom(context.Background(), poolAttrTypes("training_requirement"),
		trainingRequirementModel{TrainingID: types.StringValue(trainingID), PassingSkillValue: types.Int64Value(passing)})
	if diags.HasError() {
		t.Fatal(diags)
	}
	return obj
}

// The requirement Toloka keeps in quality_control is also the attribute of
// its own; written back, the pool is the same.
func TestTrainingRequirementIsReadFromQualityControl(t *testing.T) {
	ctx := context.Background()
	original := poolRequiring(t, `{"training_pool_id":"31000007","training_passing_skill_value":70}`)
	m, diags := poolModelFrom(ctx, original)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if !m.TrainingRequirement.Equal(requirementModel(t, "31000007", 70)) {
		t.Errorf("training_requirement %s", m.TrainingRequirement)
	}
	if same, _ := sameJSON(json.RawMessage(m.QualityControl.ValueString()), original.QualityControl); !same {
		t.Errorf("quality_control %s, want Toloka's %s", m.QualityControl.ValueString(), original.QualityControl)
	}
	desired, _ := cloneViaJSON(original)
	if diags := m.applyTo(ctx, desired); diags.HasError() {
		t.Fatal(diags)
	}
	if same, _ := sameJSON(original, desired); !same {
		t.Errorf("written back, the pool changed:\nbefore %s\nafter  %s", original.QualityControl, desired.QualityControl)
	}
}

// A configured requirement replaces Toloka's; one left out keeps it, even
// when the configuration replaces the rest of quality_control.
func TestTrainingRequirementWrittenIntoQualityControl(t *testing.T) {
	ctx := context.Background()
	current := poolRequiring(t, `{"training_pool_id":"31000007","training_passing_skill_value":70}`)
	m, _ := poolModelFrom(ctx, current)
	for _, tc := range []struct {
		name        string
		requirement types.Object
		want        string
	}{
		{"configured", requirementModel(t, "31000009", 85),
			`{"configs":[],"training_requirement":{"training_passing_skill_value":85,"training_pool_id":"31000009"}}`},
		{"left out", types.ObjectUnknown(poolAttrTypes("training_requirement")),
			`{"configs":[],"training_requirement":{"training_passing_skill_value":70,"training_pool_id":"31000007"}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m.TrainingRequirement = tc.requirement
			m.QualityControl = jsonObjectValue{StringValue: types.StringValue(`{"configs": []}`)}
			desired, _ := cloneViaJSON(current)
			if diags := m.applyTo(ctx, desired); diags.HasError() {
				t.Fatal(diags)
			}
			if same, _ := sameJSON(json.RawMessage(tc.want), desired.QualityControl); !same {
				t.Errorf("quality_control sent %s, want %s", desired.QualityControl, tc.want)
			}
		})
	}
}

// A requirement the provider cannot model stays in quality_control alone.
func TestTrainingRequirementOfAnotherShapeStaysInQualityControl(t *testing.T) {
	original := poolRequiring(t, `{"training_pool_id":31000007,"training_passing_skill_value":70}`)
	m, diags := poolModelFrom(context.Background(), original)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if !m.TrainingRequirement.IsNull() {
		t.Errorf("training_requirement %s, want null", m.TrainingRequirement)
	}
	if same, _ := sameJSON(json.RawMessage(m.QualityControl.ValueString()), original.QualityControl); !same {
		t.Errorf("quality_control %s lost part of %s", m.QualityControl.ValueString(), original.QualityControl)
	}
}

// Two different requirements planned in the two places, known only at
// apply time, are refused before anything is sent.
func TestTrainingRequirementSetTwiceIsRefusedAtApply(t *testing.T) {
	ctx := context.Background()
	current := poolRequiring(t, `{"training_pool_id":"31000007","training_passing_skill_value":70}`)
	m, _ := poolModelFrom(ctx, current)
	m.QualityControl = jsonObjectValue{StringValue: types.StringValue(
		`{"training_requirement":{"training_pool_id":"31000009","training_passing_skill_value":70}}`)}
	diags := m.applyTo(ctx, current)
	if !diags.HasError() || diags.Errors()[0].Summary() != "Training requirement set twice" {
		t.Errorf("diagnostics %v", diags)
	}
}

// A configuration that keeps the requirement in quality_control sends it as
// configured; one that sets training_requirement gets a quality_control
// spelled without it. Either way training_requirement is Toloka's, and an
// import spells quality_control as Toloka does.
func TestTrainingRequirementSpelledAsConfigured(t *testing.T) {
	ctx := context.Background()
	inside := `{"configs":[],"training_requirement":{"training_passing_skill_value":75,"training_pool_id":"31000009"}}`
	current := poolRequiring(t, `{"training_pool_id":"31000007","training_passing_skill_value":70}`)
	plan, _ := poolModelFrom(ctx, current)
	plan.QualityControl = jsonObjectValue{StringValue: types.StringValue(inside)}
	plan.TrainingRequirement = types.ObjectUnknown(poolAttrTypes("training_requirement"))
	desired, _ := cloneViaJSON(current)
	if diags := plan.applyTo(ctx, desired); diags.HasError() {
		t.Fatal(diags)
	}
	if same, _ := sameJSON(json.RawMessage(inside), desired.QualityControl); !same {
		t.Errorf("quality_control sent %s, want %s", desired.QualityControl, inside)
	}
	state, diags := poolStateFrom(ctx, desired, plan)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if state.QualityControl.ValueString() != inside || !state.TrainingRequirement.Equal(requirementModel(t, "31000009", 75)) {
		t.Errorf("state has quality_control %s and training_requirement %s", state.QualityControl.ValueString(), state.TrainingRequirement)
	}

	plan.QualityControl = jsonObjectValue{StringValue: types.StringValue(`{"configs":[]}`)}
	plan.TrainingRequirement = requirementModel(t, "31000009", 75)
	refreshed := state
	refreshed.QualityControl = plan.QualityControl
	for name, from := range map[string]poolModel{"planned": plan, "refreshed": refreshed} {
		got, _ := poolStateFrom(ctx, desired, from)
		if got.QualityControl.ValueString() != `{"configs":[]}` || !got.TrainingRequirement.Equal(plan.TrainingRequirement) {
			t.Errorf("%s without it, state has quality_control %s and training_requirement %s", name,
				got.QualityControl.ValueString(), got.TrainingRequirement)
		}
	}
	if imported, _ := poolStateFrom(ctx, desired, poolModel{}); imported.QualityControl.ValueString() != inside {
		t.Errorf("imported, quality_control %s", imported.QualityControl.ValueString())
	}
}

func TestRequiredTraining(t *testing.T) {
	for qc, want := range map[string]string{
		`{"training_requirement":{"training_pool_id":"5","training_passing_skill_value":1}}`: "5",
		`{"configs":[]}`: "",
		``:               "",
		`[]`:             "",
	} {
		if got := requiredTraining(json.RawMessage(qc)); got != want {
			t.Errorf("requiredTraining(%s) = %q, want %q", qc, got, want)
		}
	}
}
