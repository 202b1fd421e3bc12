package provider

import (
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
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

// The limiter the provider builds from max_requests_per_second (or its
// environment variable) lets requests go at that rate, measured on a clock
// of the test's that moves only when the limiter waits.
func TestRequestRateLimiter(t *testing.T) {
	for _, tc := range []struct {
		name      string
		value     types.Int64
		env       string
		perSecond int
	}{
		{name: "from the attribute", value: types.Int64Value(25), perSecond: 25},
		{name: "from the environment", value: types.Int64Null(), env: "10", perSecond: 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(EnvMaxRequestsPerSecond, tc.env)
			var diags diag.Diagnostics
			limiter := requestRateLimiter(tc.value, &diags)
			if limiter == nil || diags.HasError() {
				t.Fatalf("limiter %v, %v", limiter, diags)
			}
			sent := sendThrough(t, limiter, 4*tc.perSecond)
			if most := mostInASecond(sent); most > tc.perSecond {
				t.Errorf("%d requests went within one second, more than %d", most, tc.perSecond)
			}
			// The limiter keeps a tenth of the rate for bursts, so its
			// steady pace is a little under the cap.
			if rate := float64(len(sent)-1) / sent[len(sent)-1].Sub(sent[0]).Seconds(); rate < 0.85*float64(tc.perSecond) {
				t.Errorf("%d requests went at %.1f a second, want about %d", len(sent), rate, tc.perSecond)
			}
		})
	}
	var diags diag.Diagnostics
	if limiter := requestRateLimiter(types.Int64Value(0), &diags); limiter != nil || !diags.HasError() {
		t.Errorf("a rate of 0 gave limiter %v, %v", limiter, diags)
	}
}

// sendThrough sends n requests one after the other through a client paced
// by limiter on a stepping clock, and returns when, on that clock, each
// reached the server.
func sendThrough(t *testing.T, limiter *toloka.RateLimiter, n int) []time.Time {
	t.Helper()
	clock := &steppingClock{now: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)}
	limiter.UseClock(clock)
	var mu sync.Mutex
	var sent []time.Time
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		sent = append(sent, clock.Now())
		mu.Unlock()
		_, _ = w.Write([]byte(`{"id":"op-1","type":"PROJECT.ARCHIVE","status":"SUCCESS"}`))
	}))
	t.Cleanup(server.Close)
	client, err := toloka.New(toloka.Config{BaseURL: server.URL + "/api/v1", Credentials: toloka.APIKey(testAPIKey), RateLimiter: limiter})
	if err != nil {
		t.Fatal(err)
	}
	for range n {
		if _, err := client.GetOperation(t.Context(), "op-1"); err != nil {
			t.Fatal(err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	return sent
}

// mostInASecond is the largest number of the times, in order, that fall
// within one second.
func mostInASecond(times []time.Time) int {
	most := 0
	for i, start := range times {
		n := 0
		for _, at := range times[i:] {
			if at.Before(start.Add(time.Second)) {
				n++
			}
		}
		most = max(most, n)
	}
	return most
}

// steppingClock is a clock whose Sleep moves its time on at once.
type steppingClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *steppingClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *steppingClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	return ctx.Err()
}

// Terraform refuses an out-of-range rate at plan, before any request.
func TestAccRequestRateOutOfRangeFailsAtPlan(t *testing.T) {
	e := newTestEmulator(t, 0)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: strings.Replace(projectConfig(e, "d", false, ""), "provider \"toloka\" {",
				"provider \"toloka\" {\n  max_requests_per_second = 1000", 1),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)max_requests_per_second.*between 1 and 300`),
		}},
	})
}

// The same check without the Terraform CLI: the provider's validation of its
// configuration refuses the rates out of range, naming the attribute.
func TestRequestRateOutOfRangeFailsValidation(t *testing.T) {
	for _, n := range []int64{0, 301, 1000} {
		diags := validateProviderConfig(t, "max_requests_per_second", n)
		wantProtocolAttributeError(t, diags, "max_requests_per_second", "value must be between 1 and 300")
	}
	for _, n := range []int64{1, 300} {
		if diags := validateProviderConfig(t, "max_requests_per_second", n); len(diags) != 0 {
			t.Errorf("max_requests_per_second = %d: %s", n, diagnosticsError(diags))
		}
	}
}
