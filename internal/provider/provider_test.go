package provider

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/emulator"
	"github.com/toloka-terraform/terraform-provider-toloka/internal/openapitest"
	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

const testAPIKey = "acceptance-test-key"

var testAccProviders = map[string]func() (tfprotov6.ProviderServer, error){
	"toloka": providerserver.NewProtocol6WithError(New("test")()),
}

// testEmulator is a Toloka emulator serving one test, with every request and
// answer checked against Toloka's OpenAPI description.
type testEmulator struct {
	*emulator.Server
	apiURL string
}

func newTestEmulator(t *testing.T, operationDelay time.Duration) *testEmulator {
	t.Helper()
	spec, err := openapitest.Load()
	if err != nil {
		t.Fatalf("loading the OpenAPI description: %v", err)
	}
	srv := emulator.New(emulator.Options{APIKeys: []string{testAPIKey}, OperationDelay: operationDelay})
	hs := httptest.NewServer(spec.Middleware(srv, openapitest.Check(t)))
	t.Cleanup(hs.Close)
	return &testEmulator{Server: srv, apiURL: hs.URL + "/api/v1"}
}

// providerConfig is the provider block that points at this emulator.
func (e *testEmulator) providerConfig() string {
	return fmt.Sprintf(`
provider "toloka" {
  environment = "sandbox"
  base_url    = %q
  api_key     = %q
}
`, e.apiURL, testAPIKey)
}

// client is an API client of this emulator, for changes made outside Terraform.
func (e *testEmulator) client(t *testing.T) *toloka.Client {
	t.Helper()
	c, err := toloka.New(toloka.Config{BaseURL: e.apiURL, Credentials: toloka.APIKey(testAPIKey)})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// settings is a provider configuration with the connection attributes set.
func settings(environment, apiKey, oauthToken, baseURL types.String) providerModel {
	return providerModel{Environment: environment, APIKey: apiKey, OAuthToken: oauthToken, BaseURL: baseURL, MaxRetries: types.Int64Null()}
}

// noPath: the error must not point at an attribute (it holds a secret).
const noPath = "(none)"

func TestResolveSettings(t *testing.T) {
	str := types.StringValue
	null := types.StringNull()
	cases := []struct {
		name      string
		cfg       providerModel
		env       map[string]string
		wantURL   string
		wantError string // substring of the error summary and detail
		wantPath  string
	}{
		{name: "sandbox with an API key", cfg: settings(str("sandbox"), str("k"), null, null), wantURL: toloka.SandboxURL},
		{name: "production from the environment", cfg: settings(null, null, null, null),
			env: map[string]string{EnvEnvironment: "production", EnvOAuthToken: "t"}, wantURL: toloka.ProductionURL},
		{name: "base_url overrides", cfg: settings(str("sandbox"), str("k"), null, str("http://127.0.0.1:1/api/v1")), wantURL: "http://127.0.0.1:1/api/v1"},
		{name: "no environment", cfg: settings(null, str("k"), null, null), wantError: EnvEnvironment, wantPath: "environment"},
		{name: "unknown environment from the variable", cfg: settings(null, str("k"), null, null),
			env: map[string]string{EnvEnvironment: "staging"}, wantError: "staging", wantPath: "environment"},
		{name: "no credentials", cfg: settings(str("sandbox"), null, null, null), wantError: EnvAPIKey, wantPath: "api_key"},
		{name: "both credentials", cfg: settings(str("sandbox"), str("k"), null, null),
			env: map[string]string{EnvOAuthToken: "t"}, wantError: "exactly one", wantPath: noPath},
		{name: "unknown value", cfg: settings(types.StringUnknown(), str("k"), null, null), wantError: "only known after apply", wantPath: "environment"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, v := range []string{EnvEnvironment, EnvAPIKey, EnvOAuthToken, EnvBaseURL} {
				t.Setenv(v, tc.env[v])
			}
			resp := &provider.ConfigureResponse{}
			s, ok := resolveSettings(tc.cfg, resp)
			if tc.wantError == "" {
				if !ok || resp.Diagnostics.HasError() {
					t.Fatalf("unexpected errors: %v", resp.Diagnostics)
				}
				if s.baseURL != tc.wantURL {
					t.Errorf("base URL %q, want %q", s.baseURL, tc.wantURL)
				}
				return
			}
			if ok || !resp.Diagnostics.HasError() {
				t.Fatal("expected an error")
			}
			d := resp.Diagnostics.Errors()[0]
			if text := d.Summary() + " " + d.Detail(); !strings.Contains(text, tc.wantError) {
				t.Errorf("error %q does not mention %q", text, tc.wantError)
			}
			withPath, ok := d.(diag.DiagnosticWithPath)
			switch {
			case tc.wantPath == noPath && ok:
				t.Errorf("error points at %s, whose configuration line would show the secret: %v", withPath.Path(), d)
			case tc.wantPath != noPath && (!ok || !withPath.Path().Equal(path.Root(tc.wantPath))):
				t.Errorf("error is not about attribute %s: %v", tc.wantPath, d)
			}
		})
	}
}

// Secrets never reach the plan or state output in clear.
func TestCredentialsAreSensitive(t *testing.T) {
	resp := &provider.SchemaResponse{}
	(&tolokaProvider{}).Schema(context.Background(), provider.SchemaRequest{}, resp)
	for _, name := range []string{"api_key", "oauth_token"} {
		if !resp.Schema.Attributes[name].IsSensitive() {
			t.Errorf("%s is not sensitive", name)
		}
	}
}

// undescribed lists the attributes, nested ones included, that have no description.
func undescribed(prefix string, attrs map[string]rschema.Attribute) []string {
	var missing []string
	for name, a := range attrs {
		if strings.TrimSpace(a.GetDescription()) == "" {
			missing = append(missing, prefix+name)
		}
		missing = append(missing, undescribed(prefix+name+".", nestedAttributes(a))...)
	}
	return missing
}

func nestedAttributes(a rschema.Attribute) map[string]rschema.Attribute {
	switch a := a.(type) {
	case rschema.SingleNestedAttribute:
		return a.Attributes
	case rschema.MapNestedAttribute:
		return a.NestedObject.Attributes
	case rschema.ListNestedAttribute:
		return a.NestedObject.Attributes
	case rschema.SetNestedAttribute:
		return a.NestedObject.Attributes
	}
	return nil
}

func TestEverySchemaAttributeHasADescription(t *testing.T) {
	ctx := context.Background()
	p := New("test")()
	presp := &provider.SchemaResponse{}
	p.Schema(ctx, provider.SchemaRequest{}, presp)
	var missing []string
	for name, a := range presp.Schema.Attributes {
		if a.GetDescription() == "" {
			missing = append(missing, "provider."+name)
		}
	}
	for _, newResource := range p.Resources(ctx) {
		r := newResource()
		meta := &resource.MetadataResponse{}
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "toloka"}, meta)
		rresp := &resource.SchemaResponse{}
		r.Schema(ctx, resource.SchemaRequest{}, rresp)
		if rresp.Schema.Description == "" {
			missing = append(missing, meta.TypeName)
		}
		missing = append(missing, undescribed(meta.TypeName+".", rresp.Schema.Attributes)...)
	}
	if len(missing) > 0 {
		t.Errorf("attributes without a description: %v", missing)
	}
}
