// Package provider implements the Toloka Terraform provider on
// terraform-plugin-framework. Resources and data sources only translate
// between Terraform values and the Toloka API client in internal/toloka.
package provider

import (
	"context"
	"fmt"
	"os"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// RegistryAddress is the provider's address in the Terraform registry.
const RegistryAddress = "registry.terraform.io/toloka-terraform/toloka"

// Environment variables that back the provider configuration.
const (
	EnvEnvironment = "TOLOKA_ENVIRONMENT"
	EnvAPIKey      = "TOLOKA_API_KEY"
	EnvOAuthToken  = "TOLOKA_OAUTH_TOKEN"
	EnvBaseURL     = "TOLOKA_BASE_URL"
)

// Toloka environments and their API roots.
var environmentURLs = map[string]string{
	"sandbox":    toloka.SandboxURL,
	"production": toloka.ProductionURL,
}

var _ provider.Provider = &tolokaProvider{}

type tolokaProvider struct {
	version string
}

type providerModel struct {
	Environment types.String `tfsdk:"environment"`
	APIKey      types.String `tfsdk:"api_key"`
	OAuthToken  types.String `tfsdk:"oauth_token"`
	BaseURL     types.String `tfsdk:"base_url"`
}

// New returns a constructor of the provider at the given version.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &tolokaProvider{version: version}
	}
}

func (p *tolokaProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "toloka"
	resp.Version = p.version
}

func (p *tolokaProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Manages Toloka crowdsourcing projects as code.",
		Attributes: map[string]schema.Attribute{
			"environment": schema.StringAttribute{
				Description: "The Toloka environment to manage: `sandbox` or `production`. " +
					"Falls back to the `" + EnvEnvironment + "` environment variable. " +
					"One of the two is required: there is no default, since production spends money.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf("sandbox", "production")},
			},
			"api_key": schema.StringAttribute{
				Description: "A Toloka API key, sent as `Authorization: ApiKey <key>`. " +
					"Falls back to the `" + EnvAPIKey + "` environment variable. Conflicts with `oauth_token`.",
				Optional:  true,
				Sensitive: true,
			},
			"oauth_token": schema.StringAttribute{
				Description: "A legacy Toloka OAuth token, sent as `Authorization: OAuth <token>`. " +
					"Falls back to the `" + EnvOAuthToken + "` environment variable. Conflicts with `api_key`.",
				Optional:  true,
				Sensitive: true,
			},
			"base_url": schema.StringAttribute{
				Description: "The API root to use instead of the environment's, for example " +
					"`http://127.0.0.1:18080/api/v1` for the local Toloka emulator. Plain `http://` is allowed " +
					"for loopback hosts only. Falls back to the `" + EnvBaseURL + "` environment variable.",
				Optional: true,
			},
		},
	}
}

func (p *tolokaProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	settings, ok := resolveSettings(cfg, resp)
	if !ok {
		return
	}
	client, err := toloka.New(toloka.Config{
		BaseURL:     settings.baseURL,
		Credentials: settings.credentials,
		UserAgent:   userAgent(p.version, req.TerraformVersion),
		Logger:      debugLog,
	})
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root(settings.baseURLAttribute), "Invalid Toloka API address",
			fmt.Sprintf("%s (set by %s).", err, settings.baseURLSource))
		return
	}
	resp.ResourceData = client
	resp.DataSourceData = client
}

func (p *tolokaProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewProjectResource,
	}
}

func (p *tolokaProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return nil
}

func userAgent(providerVersion, terraformVersion string) string {
	if terraformVersion == "" {
		terraformVersion = "unknown"
	}
	return fmt.Sprintf("terraform-provider-toloka/%s Terraform/%s", providerVersion, terraformVersion)
}

// connectionSettings is the provider configuration after environment
// variable fallbacks have been applied and checked.
type connectionSettings struct {
	baseURL          string
	baseURLAttribute string
	baseURLSource    string
	credentials      toloka.Credentials
}

// stringSetting returns the configured value, or the environment variable's
// when the attribute is not set, and says where the value came from.
func stringSetting(v types.String, attribute, env string) (value, source string) {
	if !v.IsNull() && !v.IsUnknown() {
		return v.ValueString(), "the `" + attribute + "` attribute"
	}
	if e := os.Getenv(env); e != "" {
		return e, "the " + env + " environment variable"
	}
	return "", ""
}

func resolveSettings(cfg providerModel, resp *provider.ConfigureResponse) (connectionSettings, bool) {
	for name, v := range map[string]types.String{
		"environment": cfg.Environment, "api_key": cfg.APIKey, "oauth_token": cfg.OAuthToken, "base_url": cfg.BaseURL,
	} {
		if v.IsUnknown() {
			resp.Diagnostics.AddAttributeError(path.Root(name), "Unknown provider setting",
				"The provider's `"+name+"` depends on a value that is only known after apply. Set it to a known value.")
		}
	}
	if resp.Diagnostics.HasError() {
		return connectionSettings{}, false
	}

	var s connectionSettings
	env, envSource := stringSetting(cfg.Environment, "environment", EnvEnvironment)
	envURL, known := environmentURLs[env]
	switch {
	case env == "":
		resp.Diagnostics.AddAttributeError(path.Root("environment"), "Missing Toloka environment",
			"Set the provider's `environment` attribute or the "+EnvEnvironment+" environment variable to "+
				"\"sandbox\" or \"production\". There is no default: production spends money.")
	case !known:
		resp.Diagnostics.AddAttributeError(path.Root("environment"), "Unknown Toloka environment",
			fmt.Sprintf("%q from %s is not a Toloka environment: use \"sandbox\" or \"production\".", env, envSource))
	}

	s.baseURL, s.baseURLSource = stringSetting(cfg.BaseURL, "base_url", EnvBaseURL)
	s.baseURLAttribute = "base_url"
	if s.baseURL == "" {
		s.baseURL, s.baseURLSource, s.baseURLAttribute = envURL, envSource, "environment"
	}

	apiKey, apiKeySource := stringSetting(cfg.APIKey, "api_key", EnvAPIKey)
	oauth, oauthSource := stringSetting(cfg.OAuthToken, "oauth_token", EnvOAuthToken)
	switch {
	case apiKey != "" && oauth != "":
		resp.Diagnostics.AddAttributeError(path.Root("api_key"), "Conflicting Toloka credentials",
			fmt.Sprintf("Both an API key (from %s) and an OAuth token (from %s) are set. Set exactly one of `api_key` (%s) and `oauth_token` (%s).",
				apiKeySource, oauthSource, EnvAPIKey, EnvOAuthToken))
	case apiKey != "":
		s.credentials = toloka.APIKey(apiKey)
	case oauth != "":
		s.credentials = toloka.OAuth(oauth)
	default:
		resp.Diagnostics.AddAttributeError(path.Root("api_key"), "Missing Toloka credentials",
			"Set the provider's `api_key` attribute or the "+EnvAPIKey+" environment variable "+
				"(or, for a legacy OAuth token, `oauth_token` or "+EnvOAuthToken+").")
	}
	return s, !resp.Diagnostics.HasError()
}

// debugLog sends the client's request log to Terraform's debug log.
func debugLog(ctx context.Context, msg string, fields map[string]any) {
	tflog.Debug(ctx, msg, fields)
}
