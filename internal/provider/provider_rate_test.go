package provider

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

func TestRequestRateSetting(t *testing.T) {
	null := types.Int64Null()
	for _, tc := range []struct {
		name      string
		value     types.Int64
		env       string
		want      int64
		wantError string // substring of the error summary and detail
	}{
		{name: "unset: the documented limit", value: null, want: 0},
		{name: "from the attribute", value: types.Int64Value(50), env: "7", want: 50},
		{name: "from the environment", value: null, env: " 20 ", want: 20},
		{name: "attribute out of range", value: types.Int64Value(301), wantError: "301 from the `max_requests_per_second` attribute"},
		{name: "environment out of range", value: null, env: "0", wantError: "0 from the " + EnvMaxRequestsPerSecond},
		{name: "environment not a number", value: null, env: "fast", wantError: EnvMaxRequestsPerSecond + `="fast" is not a whole number`},
		{name: "unknown", value: types.Int64Unknown(), wantError: "only known after apply"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(EnvMaxRequestsPerSecond, tc.env)
			var diags diag.Diagnostics
			got, ok := int64Setting(tc.value, "max_requests_per_second", EnvMaxRequestsPerSecond, 1, 300, &diags)
			if tc.wantError == "" {
				if !ok || diags.HasError() || got != tc.want {
					t.Fatalf("got %d, %t, %v; want %d", got, ok, diags, tc.want)
				}
				return
			}
			if ok || !diags.HasError() {
				t.Fatalf("got %d without an error", got)
			}
			d := diags.Errors()[0]
			if text := d.Summary() + " " + d.Detail(); !strings.Contains(text, tc.wantError) {
				t.Errorf("error %q does not say %q", text, tc.wantError)
			}
			if withPath, ok := d.(diag.DiagnosticWithPath); !ok || !withPath.Path().Equal(path.Root("max_requests_per_second")) {
				t.Errorf("error is not about max_requests_per_second: %v", d)
			}
		})
	}
}

func TestRequestRateLimiter(t *testing.T) {
	t.Setenv(EnvMaxRequestsPerSecond, "")
	var diags diag.Diagnostics
	if limiter := requestRateLimiter(types.Int64Value(25), &diags); limiter == nil || diags.HasError() {
		t.Fatalf("limiter %v, %v", limiter, diags)
	}
	if limiter := requestRateLimiter(types.Int64Value(0), &diags); limiter != nil || !diags.HasError() {
		t.Errorf("a rate of 0 gave limiter %v, %v", limiter, diags)
	}
}

func TestAccRequestRateOutOfRangeFailsAtPlan(t *testing.T) {
	e := newTestEmulator(t, 0)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: strings.Replace(projectConfig(e, "d", false, ""), "provider \"toloka\" {",
				"provider \"toloka\" {\n  max_requests_per_second = 1000", 1),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)max_requests_per_second.*between 1 and 300`),
		}},
	})
}
