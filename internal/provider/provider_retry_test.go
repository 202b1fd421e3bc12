package provider

import (
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

func TestMaxRetriesSetting(t *testing.T) {
	for _, tc := range []struct {
		name      string
		attribute types.Int64
		env       string
		want      int    // expected MaxRetries; -1: no policy (the client's default)
		wantError string // substring of the error, naming the value's source
	}{
		{name: "unset", attribute: types.Int64Null(), want: -1},
		{name: "attribute", attribute: types.Int64Value(3), env: "9", want: 3},
		{name: "zero disables retries", attribute: types.Int64Value(0), want: 0},
		{name: "environment", attribute: types.Int64Null(), env: " 7 ", want: 7},
		{name: "not a number", attribute: types.Int64Null(), env: "many", wantError: EnvMaxRetries + `="many" is not a whole number`},
		{name: "too many from the environment", attribute: types.Int64Null(), env: "99", wantError: "99 from the " + EnvMaxRetries},
		{name: "negative attribute", attribute: types.Int64Value(-1), wantError: "-1 from the `max_retries` attribute"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(EnvMaxRetries, tc.env)
			resp := &provider.ConfigureResponse{}
			policy := retrySetting(tc.attribute, resp)
			if tc.wantError != "" {
				wantAttributeError(t, resp.Diagnostics, "max_retries", tc.wantError)
				return
			}
			if resp.Diagnostics.HasError() {
				t.Fatalf("unexpected errors: %v", resp.Diagnostics)
			}
			switch {
			case tc.want < 0 && policy != nil:
				t.Errorf("policy %+v, want none", policy)
			case tc.want >= 0 && (policy == nil || policy.MaxRetries != tc.want):
				t.Errorf("policy %+v, want MaxRetries %d", policy, tc.want)
			case policy != nil && policy.BaseDelay != toloka.DefaultRetryPolicy().BaseDelay:
				t.Errorf("policy %+v does not keep the default delays", policy)
			}
		})
	}
}

func TestUnusableCredentialsNameTheirAttributeWithoutShowingIt(t *testing.T) {
	const secret = "two words-0123456789"
	for _, tc := range []struct {
		cfg       providerModel
		attribute string
	}{
		{settings(types.StringValue("sandbox"), types.StringValue(secret), types.StringNull(), types.StringNull()), "api_key"},
		{settings(types.StringValue("sandbox"), types.StringNull(), types.StringValue(secret), types.StringNull()), "oauth_token"},
	} {
		t.Setenv(EnvAPIKey, "")
		t.Setenv(EnvOAuthToken, "")
		resp := &provider.ConfigureResponse{}
		if _, ok := resolveSettings(tc.cfg, resp); ok {
			t.Fatalf("%s with a space was accepted", tc.attribute)
		}
		errs := resp.Diagnostics.Errors()
		if len(errs) != 1 || !strings.Contains(errs[0].Summary(), "`"+tc.attribute+"`") || !strings.Contains(errs[0].Detail(), "spaces or control characters") {
			t.Fatalf("errors %v, want one naming %s", resp.Diagnostics, tc.attribute)
		}
		// Pointing at the attribute would make Terraform print its line.
		if _, ok := errs[0].(diag.DiagnosticWithPath); ok || strings.Contains(errs[0].Summary()+errs[0].Detail(), "words") {
			t.Errorf("the diagnostic shows the secret: %v", errs[0])
		}
	}
}

func TestMaxRetriesIsDescribedAndValidated(t *testing.T) {
	resp := &provider.SchemaResponse{}
	(&tolokaProvider{}).Schema(t.Context(), provider.SchemaRequest{}, resp)
	a := resp.Schema.Attributes["max_retries"]
	if a == nil || !strings.Contains(a.GetDescription(), EnvMaxRetries) || !strings.Contains(a.GetDescription(), "never sent twice") {
		t.Fatalf("max_retries = %+v", a)
	}
	for _, n := range []int64{-1, 21, 1000} {
		diags := validateProviderConfig(t, "max_retries", n)
		wantProtocolAttributeError(t, diags, "max_retries", "value must be between 0 and 20")
	}
	for _, n := range []int64{0, 5, 20} {
		if diags := validateProviderConfig(t, "max_retries", n); len(diags) != 0 {
			t.Errorf("max_retries = %d: %s", n, diagnosticsError(diags))
		}
	}
}

// validateProviderConfig validates a provider configuration that sets one
// whole-number attribute, through the provider's protocol server as
// Terraform does at plan, and returns the diagnostics.
func validateProviderConfig(t *testing.T, attribute string, value int64) []*tfprotov6.Diagnostic {
	t.Helper()
	server := providerserver.NewProtocol6(New("test")())()
	schemas, err := server.GetProviderSchema(t.Context(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || diagnosticsError(schemas.Diagnostics) != "" {
		t.Fatalf("GetProviderSchema: %v %s", err, diagnosticsError(schemas.Diagnostics))
	}
	config := objectOf(schemas.Provider.ValueType().(tftypes.Object), map[string]tftypes.Value{
		"environment": tftypes.NewValue(tftypes.String, "sandbox"),
		attribute:     tftypes.NewValue(tftypes.Number, big.NewFloat(float64(value))),
	})
	resp, err := server.ValidateProviderConfig(t.Context(), &tfprotov6.ValidateProviderConfigRequest{
		Config: dynamicValue(t, schemas.Provider, config),
	})
	if err != nil {
		t.Fatal(err)
	}
	return resp.Diagnostics
}

// wantProtocolAttributeError checks that diags hold one error, about
// attribute, whose text contains want.
func wantProtocolAttributeError(t *testing.T, diags []*tfprotov6.Diagnostic, attribute, want string) {
	t.Helper()
	if len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityError {
		t.Fatalf("diagnostics %s, want one error", diagnosticsError(diags))
	}
	if text := diags[0].Summary + " " + diags[0].Detail; !strings.Contains(text, want) {
		t.Errorf("error %q does not say %q", text, want)
	}
	if at := diags[0].Attribute; at == nil || !at.Equal(tftypes.NewAttributePath().WithAttributeName(attribute)) {
		t.Errorf("error is about %v, not %s", at, attribute)
	}
}

// wantAttributeError checks that diags hold one error, about attribute, whose
// text contains want.
func wantAttributeError(t *testing.T, diags diag.Diagnostics, attribute, want string) {
	t.Helper()
	errs := diags.Errors()
	if len(errs) != 1 {
		t.Fatalf("errors %v, want one", diags)
	}
	if text := errs[0].Summary() + " " + errs[0].Detail(); !strings.Contains(text, want) {
		t.Errorf("error %q does not say %q", text, want)
	}
	withPath, ok := errs[0].(diag.DiagnosticWithPath)
	if !ok || !withPath.Path().Equal(path.Root(attribute)) {
		t.Errorf("error is not about %s: %v", attribute, errs[0])
	}
}
