package provider

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

func fixturePool(t *testing.T) *toloka.Pool {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "toloka", "testdata", "fixtures", "pool.json"))
	if err != nil {
		t.Fatal(err)
	}
	var p toloka.Pool
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatal(err)
	}
	return &p
}

// A pool read into Terraform and written back is the same pool: the mapping
// loses no field Toloka sent, modelled or not.
func TestPoolMappingRoundTripsTheFixture(t *testing.T) {
	ctx := context.Background()
	original := fixturePool(t)
	m, diags := poolModelFrom(ctx, original)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if m.Status.ValueString() != "OPEN" || m.Archived.ValueBool() || m.WillExpire.ValueString() != "2023-03-09T00:00:00" ||
		m.Created.ValueString() != "2022-03-10T07:41:53.626" || !m.LastStarted.IsNull() || !m.LastCloseReason.IsNull() {
		t.Errorf("model %+v", m)
	}
	desired, err := cloneViaJSON(original)
	if err != nil {
		t.Fatal(err)
	}
	if diags := m.applyTo(ctx, desired); diags.HasError() {
		t.Fatal(diags)
	}
	if same, err := sameJSON(original, desired); err != nil || !same {
		t.Errorf("mapping changed the pool:\nbefore %s\nafter  %s", mustJSON(t, original), mustJSON(t, desired))
	}
}

// Attributes the configuration leaves out (null) keep Toloka's values, and
// equivalent spellings keep Toloka's text, so an update sends back what
// Toloka has.
func TestPoolApplyKeepsWhatTheConfigurationLeavesOut(t *testing.T) {
	ctx := context.Background()
	current := fixturePool(t)
	m, diags := poolModelFrom(ctx, current)
	if diags.HasError() {
		t.Fatal(diags)
	}
	m.Priority = types.Int64Null()
	m.Filter = jsonObjectValue{StringValue: types.StringNull()}
	m.QualityControl = jsonObjectValue{StringValue: types.StringValue(`{ "configs" : []}`)}
	m.WillExpire = timestampValue{StringValue: types.StringValue("2023-03-09T00:00:00.000Z")}
	m.PrivateName = types.StringValue("Renamed")
	desired, err := cloneViaJSON(current)
	if err != nil {
		t.Fatal(err)
	}
	if diags := m.applyTo(ctx, desired); diags.HasError() {
		t.Fatal(diags)
	}
	sameFilter, _ := sameJSON(desired.Filter, current.Filter)
	if *desired.Priority != 0 || !sameFilter || desired.WillExpire.APIString() != "2023-03-09T00:00:00" {
		t.Errorf("left-out or equivalent values changed: %s", mustJSON(t, desired))
	}
	if desired.PrivateName != "Renamed" || string(desired.QualityControl) != `{ "configs" : []}` {
		t.Errorf("configured values not applied: %s", mustJSON(t, desired))
	}
}

func TestTimestampSemanticEquality(t *testing.T) {
	ctx := context.Background()
	ts := func(s string) timestampValue { return timestampValue{StringValue: types.StringValue(s)} }
	for _, c := range []struct {
		a, b  string
		equal bool
	}{
		{"2030-01-01T00:00:00", "2030-01-01T00:00:00.000", true},
		{"2030-01-01T00:00:00", "2030-01-01T00:00:00Z", true},
		{"2030-01-01T03:00:00+03:00", "2030-01-01T00:00:00", true},
		{"2030-01-01T00:00:00", "2030-01-01T00:00:00.001", false},
		{"2030-01-01T00:00:00", "not a time", false},
	} {
		if got, _ := ts(c.a).StringSemanticEquals(ctx, ts(c.b)); got != c.equal {
			t.Errorf("%q == %q: %v, want %v", c.a, c.b, got, c.equal)
		}
	}
}

func TestSortBy(t *testing.T) {
	at := func(s string) *toloka.Time {
		v, err := toloka.ParseTime(s)
		if err != nil {
			t.Fatal(err)
		}
		return &v
	}
	comment := "b"
	projects := []toloka.Project{
		{ID: "9", PublicName: "x", Created: at("2024-01-02T00:00:00")},
		{ID: "10", PublicName: "a", Created: at("2024-01-01T00:00:00"), PrivateComment: &comment},
		{ID: "11", PublicName: "x", Created: at("2024-01-03T00:00:00")},
		{ID: "8", PublicName: "m"},
	}
	ids := func() []string {
		out := make([]string, len(projects))
		for i, p := range projects {
			out[i] = p.ID
		}
		return out
	}
	for spec, want := range map[string][]string{
		"id":                   {"8", "9", "10", "11"},
		"-id":                  {"11", "10", "9", "8"},
		"created":              {"8", "10", "9", "11"},
		"-public_name, -id":    {"11", "9", "8", "10"},
		"-private_comment,id":  {"10", "8", "9", "11"},
		"public_name,-created": {"10", "8", "11", "9"},
	} {
		sortBy(projects, "id", projectOrder)
		sortBy(projects, spec, projectOrder)
		if got := ids(); !slices.Equal(got, want) {
			t.Errorf("sort %q: %v, want %v", spec, got, want)
		}
	}
	if !projectSortSyntax.MatchString("-created, public_name") || projectSortSyntax.MatchString("priority") ||
		projectSortSyntax.MatchString("id,,created") {
		t.Error("sort syntax accepts or refuses the wrong specifications")
	}
}
