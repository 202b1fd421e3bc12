// Package provider implements the Toloka Terraform provider on
// terraform-plugin-framework. Resources and data sources only translate
// between Terraform values and the Toloka API client in internal/toloka.
package provider

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
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

// EnvMaxRetries backs the provider's max_retries setting.
const EnvMaxRetries = "TOLOKA_MAX_RETRIES"

// maxRetriesLimit bounds max_retries: with backoff capped at 30 s, 20
// retries already wait about ten minutes.
const maxRetriesLimit = 20

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
	MaxRetries  types.Int64  `tfsdk:"max_retries"`

	MaxRequestsPerSecond types.Int64 `tfsdk:"max_requests_per_second"`
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
			"max_retries": schema.Int64Attribute{
				Description: fmt.Sprintf("How many times a failed request to Toloka is repeated (0 to %d, default %d). "+
					"Repeated are rate-limited (429) and 408, 500, 502, 503 and 504 answers, and network errors, "+
					"after the wait Toloka asks for or an exponential backoff with jitter, always within the "+
					"resource's timeouts. Requests that Toloka refuses for good (400, 401, 403, 404, 409) are not "+
					"repeated, and a create is never sent twice: when its outcome is unknown, the provider first "+
					"looks for the object it may have made. Falls back to the `%s` environment variable.",
					maxRetriesLimit, toloka.DefaultMaxRetries, EnvMaxRetries),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, maxRetriesLimit)},
			},
			"max_requests_per_second": maxRequestsPerSecondAttribute(),
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
	limiter := requestRateLimiter(cfg.MaxRequestsPerSecond, &resp.Diagnostics)
	if !ok || limiter == nil {
		return
	}
	client, err := toloka.New(toloka.Config{
		BaseURL:     settings.baseURL,
		Credentials: settings.credentials,
		UserAgent:   userAgent(p.version, req.TerraformVersion),
		Logger:      debugLog,
		Retry:       settings.retry,
		RateLimiter: limiter,
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
		NewPoolResource,
		NewSkillResource, NewUserSkillResource, NewUserRestrictionResource, NewWebhookSubscriptionResource,
		NewTrainingResource,
	}
}

func (p *tolokaProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewProjectDataSource,
		NewProjectsDataSource,
		NewPoolDataSource,
		NewPoolsDataSource,
		NewSkillDataSource, NewSkillsDataSource, NewRequesterDataSource,
		NewTrainingDataSource, NewTrainingsDataSource,
	}
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
	retry            *toloka.RetryPolicy
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
	if cfg.MaxRetries.IsUnknown() {
		resp.Diagnostics.AddAttributeError(path.Root("max_retries"), "Unknown provider setting",
			"The provider's `max_retries` depends on a value that is only known after apply. Set it to a known value.")
	}
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
		resp.Diagnostics.AddError("Conflicting Toloka credentials: `api_key` and `oauth_token`",
			fmt.Sprintf("Both an API key (from %s) and an OAuth token (from %s) are set. Set exactly one of `api_key` (%s) and `oauth_token` (%s).",
				apiKeySource, oauthSource, EnvAPIKey, EnvOAuthToken))
	case apiKey != "":
		s.credentials = toloka.APIKey(apiKey)
		checkCredentials(s.credentials, "api_key", apiKeySource, resp)
	case oauth != "":
		s.credentials = toloka.OAuth(oauth)
		checkCredentials(s.credentials, "oauth_token", oauthSource, resp)
	default:
		resp.Diagnostics.AddAttributeError(path.Root("api_key"), "Missing Toloka credentials",
			"Set the provider's `api_key` attribute or the "+EnvAPIKey+" environment variable "+
				"(or, for a legacy OAuth token, `oauth_token` or "+EnvOAuthToken+").")
	}
	s.retry = retrySetting(cfg.MaxRetries, resp)
	return s, !resp.Diagnostics.HasError()
}

// checkCredentials reports credentials that cannot be sent, without quoting
// them. Errors about a credential that is set name its attribute in the
// summary rather than pointing at it: Terraform would print the
// configuration line, and with it the secret.
func checkCredentials(c toloka.Credentials, attribute, source string, resp *provider.ConfigureResponse) {
	if err := c.Validate(); err != nil {
		resp.Diagnostics.AddError("Invalid Toloka credentials in `"+attribute+"`",
			fmt.Sprintf("The value from %s cannot be used: %s.", source, strings.TrimPrefix(err.Error(), "toloka: ")))
	}
}

// retrySetting returns the retry policy with max_retries, or its
// environment variable, applied; nil when neither is set.
func retrySetting(v types.Int64, resp *provider.ConfigureResponse) *toloka.RetryPolicy {
	n, source := v.ValueInt64(), "the `max_retries` attribute"
	if v.IsNull() {
		raw := strings.TrimSpace(os.Getenv(EnvMaxRetries))
		if raw == "" {
			return nil
		}
		parsed, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("max_retries"), "Invalid maximum number of retries",
				fmt.Sprintf("%s=%q is not a whole number: set it to a number from 0 to %d.", EnvMaxRetries, raw, maxRetriesLimit))
			return nil
		}
		n, source = parsed, "the "+EnvMaxRetries+" environment variable"
	}
	if n < 0 || n > maxRetriesLimit {
		resp.Diagnostics.AddAttributeError(path.Root("max_retries"), "Invalid maximum number of retries",
			fmt.Sprintf("%d from %s is out of range: use a number from 0 to %d.", n, source, maxRetriesLimit))
		return nil
	}
	policy := toloka.DefaultRetryPolicy()
	policy.MaxRetries = int(n)
	return &policy
}

// debugLog sends the client's request log to Terraform's debug log.
func debugLog(ctx context.Context, msg string, fields map[string]any) {
	tflog.Debug(ctx, msg, fields)
}

// clientFrom takes the API client the provider configured.
func clientFrom(providerData any, diags *diag.Diagnostics) *toloka.Client {
	if providerData == nil {
		return nil
	}
	client, ok := providerData.(*toloka.Client)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("Expected *toloka.Client, got %T.", providerData))
	}
	return client
}
