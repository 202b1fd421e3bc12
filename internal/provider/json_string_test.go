package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

func viewSpec(s string) jsonObjectValue {
	return jsonObjectValue{StringValue: basetypes.NewStringValue(s), defaults: viewSpecDefaults}
}

const serverFilledViewSpec = `{"markup":"{{img src=image}}","settings":{"showFinish":true,"showFullscreen":true,` +
	`"showInstructions":true,"showMessage":true,"showReward":true,"showSkip":true,"showSubmit":true,` +
	`"showTimer":false,"showTitle":true},"type":"classic"}`

func TestViewSpecSemanticEquality(t *testing.T) {
	cases := []struct {
		name   string
		config string
		server string
		equal  bool
	}{
		{"defaults filled by Toloka", `{"type":"classic","markup":"{{img src=image}}","settings":{"showTimer":false}}`, serverFilledViewSpec, true},
		{"key order and spacing", `{ "settings" : {"showTimer":false}, "type":"classic", "markup":"{{img src=image}}" }`, serverFilledViewSpec, true},
		{"no settings at all", `{"type":"classic","markup":"m"}`, `{"type":"classic","markup":"m","settings":{}}`, true},
		{"a default changed outside Terraform", `{"type":"classic","markup":"{{img src=image}}"}`, serverFilledViewSpec, false},
		{"markup differs", `{"type":"classic","markup":"other","settings":{"showTimer":false}}`, serverFilledViewSpec, false},
		{"unknown keys count", `{"type":"classic","markup":"m","script":"x"}`, `{"type":"classic","markup":"m"}`, false},
		{"invalid JSON is never equal", `{"type":`, `{"type":"classic"}`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, diags := viewSpec(tc.config).StringSemanticEquals(context.Background(), viewSpec(tc.server))
			if diags.HasError() {
				t.Fatal(diags)
			}
			if got != tc.equal {
				t.Errorf("semantic equality = %v, want %v", got, tc.equal)
			}
		})
	}
}

func TestPlainJSONHasNoDefaults(t *testing.T) {
	a := jsonObjectValue{StringValue: basetypes.NewStringValue(`{"configs":[]}`)}
	b := jsonObjectValue{StringValue: basetypes.NewStringValue(`{"configs":[],"settings":{}}`)}
	if eq, _ := a.StringSemanticEquals(context.Background(), b); eq {
		t.Error("a plain JSON attribute must not fill view_spec defaults")
	}
}

func TestJSONObjectValidation(t *testing.T) {
	for value, wantErr := range map[string]bool{
		`{"type":"classic"}`: false,
		`{"type":`:           true,
		`["classic"]`:        true,
		`"classic"`:          true,
		``:                   true,
	} {
		resp := &xattr.ValidateAttributeResponse{}
		viewSpec(value).ValidateAttribute(context.Background(), xattr.ValidateAttributeRequest{Path: path.Root("view_spec")}, resp)
		if resp.Diagnostics.HasError() != wantErr {
			t.Errorf("%q: error = %v, want %v (%v)", value, resp.Diagnostics.HasError(), wantErr, resp.Diagnostics)
		}
	}
}

func TestNewJSONObjectIsMinimal(t *testing.T) {
	got := newJSONObject([]byte(serverFilledViewSpec), viewSpecDefaults).ValueString()
	if want := `{"markup":"{{img src=image}}","settings":{"showTimer":false},"type":"classic"}`; got != want {
		t.Errorf("view_spec kept as %s, want %s", got, want)
	}
	got = newJSONObject([]byte(`{ "b": 1, "a": {"settings": {"showSkip": true}} }`), noJSONDefaults).ValueString()
	if want := `{"a":{"settings":{"showSkip":true}},"b":1}`; got != want {
		t.Errorf("plain JSON kept as %s, want %s", got, want)
	}
}
