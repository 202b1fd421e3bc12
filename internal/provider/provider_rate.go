package provider

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// EnvMaxRequestsPerSecond backs the provider's max_requests_per_second setting.
const EnvMaxRequestsPerSecond = "TOLOKA_MAX_REQUESTS_PER_SECOND"

func maxRequestsPerSecondAttribute() schema.Int64Attribute {
	return schema.Int64Attribute{
		Description: fmt.Sprintf("The most requests a second the provider sends to Toloka, all its resources "+
			"together (1 to %[1]d; default %[1]d, Toloka's documented limit). Lower it when other tools use the "+
			"same account at the same time. Creations are also kept within Toloka's quotas (20 projects, pools "+
			"or trainings a minute and 100 a day), which the provider adapts to the 429 answers Toloka sends. "+
			"Falls back to the `%[2]s` environment variable.", toloka.DocumentedRequestsPerSecond, EnvMaxRequestsPerSecond),
		Optional:   true,
		Validators: []validator.Int64{int64validator.Between(1, toloka.DocumentedRequestsPerSecond)},
	}
}

// requestRateLimiter returns the limiter that every resource of the
// provider shares, capped by max_requests_per_second or its environment
// variable; nil after an error.
func requestRateLimiter(v types.Int64, diags *diag.Diagnostics) *toloka.RateLimiter {
	perSecond, ok := int64Setting(v, "max_requests_per_second", EnvMaxRequestsPerSecond,
		1, toloka.DocumentedRequestsPerSecond, diags)
	if !ok {
		return nil
	}
	limiter, err := toloka.NewRateLimiter(toloka.RateLimits{MaxRequestsPerSecond: int(perSecond)})
	if err != nil {
		diags.AddAttributeError(path.Root("max_requests_per_second"), "Invalid request rate", err.Error())
		return nil
	}
	return limiter
}

// int64Setting returns the whole number set by the attribute or, when the
// attribute is null, by the environment variable; zero when neither is
// set. A value out of [lo, hi] or an unknown one is an error naming both.
func int64Setting(v types.Int64, attribute, env string, lo, hi int64, diags *diag.Diagnostics) (int64, bool) {
	at := path.Root(attribute)
	if v.IsUnknown() {
		diags.AddAttributeError(at, "Unknown provider setting",
			"The provider's `"+attribute+"` depends on a value that is only known after apply. Set it to a known value.")
		return 0, false
	}
	n, source := v.ValueInt64(), "the `"+attribute+"` attribute"
	if v.IsNull() {
		raw := strings.TrimSpace(os.Getenv(env))
		if raw == "" {
			return 0, true
		}
		parsed, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			diags.AddAttributeError(at, "Invalid `"+attribute+"`",
				fmt.Sprintf("%s=%q is not a whole number: set it to a number from %d to %d.", env, raw, lo, hi))
			return 0, false
		}
		n, source = parsed, "the "+env+" environment variable"
	}
	if n < lo || n > hi {
		diags.AddAttributeError(at, "Invalid `"+attribute+"`",
			fmt.Sprintf("%d from %s is out of range: use a number from %d to %d.", n, source, lo, hi))
		return 0, false
	}
	return n, true
}
