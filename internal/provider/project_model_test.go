package provider

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

func fixtureProject(t *testing.T, name string) *toloka.Project {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "toloka", "testdata", "fixtures", name))
	if err != nil {
		t.Fatal(err)
	}
	var p toloka.Project
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatal(err)
	}
	return &p
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A project read into Terraform and written back is the same project: the
// mapping loses no field Toloka sent, modelled or not.
func TestProjectMappingRoundTripsFixtures(t *testing.T) {
	ctx := context.Background()
	for _, name := range []string{"project.json", "project_docs_example.json"} {
		t.Run(name, func(t *testing.T) {
			original := fixtureProject(t, name)
			m, diags := projectModelFrom(ctx, original)
			if diags.HasError() {
				t.Fatal(diags)
			}
			desired, err := cloneViaJSON(original)
			if err != nil {
				t.Fatal(err)
			}
			if diags := m.applyTo(ctx, desired); diags.HasError() {
				t.Fatal(diags)
			}
			if same, err := sameJSON(original, desired); err != nil || !same {
				t.Errorf("mapping changed the project:\nbefore %s\nafter  %s", mustJSON(t, original), mustJSON(t, desired))
			}
		})
	}
}

func TestApplyToChangesOnlyConfiguredFields(t *testing.T) {
	ctx := context.Background()
	current := fixtureProject(t, "project.json")
	m, diags := projectModelFrom(ctx, current)
	if diags.HasError() {
		t.Fatal(diags)
	}
	m.PublicDescription = types.StringValue("A new description")
	m.PrivateComment = types.StringNull() // left out of the configuration
	m.MaxActiveAssignmentsCount = types.Int64Unknown()

	desired, _ := cloneViaJSON(current)
	if diags := m.applyTo(ctx, desired); diags.HasError() {
		t.Fatal(diags)
	}
	if desired.PublicDescription != "A new description" {
		t.Errorf("description = %q", desired.PublicDescription)
	}
	if desired.PrivateComment == nil || *desired.PrivateComment != "Submitted by Joe" {
		t.Errorf("private_comment left out of the configuration was changed to %v", desired.PrivateComment)
	}
	var settings map[string]any
	var view map[string]json.RawMessage
	_ = json.Unmarshal(desired.TaskSpec.ViewSpec, &view)
	_ = json.Unmarshal(view["settings"], &settings)
	if settings["unexpected_setting"] != float64(1024) {
		t.Errorf("unknown view_spec setting lost: %s", desired.TaskSpec.ViewSpec)
	}
}

func TestAllowedValuesFollowTheFieldType(t *testing.T) {
	got := mustJSON(t, allowedValuesToAPI("array_integer", []string{"1", "20"}))
	if got != `[1,20]` {
		t.Errorf("integer allowed values sent as %s", got)
	}
	got = mustJSON(t, allowedValuesToAPI("string", []string{"1", "cat"}))
	if got != `["1","cat"]` {
		t.Errorf("string allowed values sent as %s", got)
	}
	back := allowedValuesFromAPI([]any{float64(1), float64(2.5), "cat"})
	if want := []string{"1", "2.5", "cat"}; mustJSON(t, back) != mustJSON(t, want) {
		t.Errorf("allowed values read as %v, want %v", back, want)
	}
}

func TestViewSpecAlwaysCarriesSettings(t *testing.T) {
	got := string(withSettings([]byte(`{"type":"classic","markup":"m"}`)))
	if got != `{"markup":"m","settings":{},"type":"classic"}` {
		t.Errorf("view_spec sent as %s", got)
	}
	kept := `{"type":"classic","settings":{"showTimer":false}}`
	if got := string(withSettings([]byte(kept))); got != kept {
		t.Errorf("a view_spec with settings was rewritten to %s", got)
	}
}
