package provider

import (
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/emulator"
)

const requesterAddr = "data.toloka_requester.account"

func TestAccDataSources_requester(t *testing.T) {
	e := newTestEmulator(t, 100*time.Millisecond)
	config := e.providerConfig() + `data "toloka_requester" "account" {}`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(requesterAddr, tfjsonpath.New("balance"), knownvalue.Float64Exact(emulator.DefaultBalance)),
					statecheck.ExpectKnownValue(requesterAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{32}$`))),
					statecheck.ExpectKnownValue(requesterAddr, tfjsonpath.New("public_name").AtMapKey("EN"), knownvalue.StringExact("Emulated requester")),
					statecheck.ExpectKnownValue(requesterAddr, tfjsonpath.New("company").AtMapKey("id"), knownvalue.NotNull()),
					statecheck.CompareValuePairs(requesterAddr, tfjsonpath.New("id"),
						requesterAddr, tfjsonpath.New("company").AtMapKey("superintendent_id"), compare.ValuesSame()),
				},
			},
			{
				// The balance is read again at every plan.
				PreConfig: func() { setBalance(t, e, 12.5) },
				Config:    config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(requesterAddr, tfjsonpath.New("balance"), knownvalue.Float64Exact(12.5)),
				},
			},
		},
	})
}

func setBalance(t *testing.T, e *testEmulator, balance float64) {
	t.Helper()
	if err := e.SetRequesterBalance(balance); err != nil {
		t.Fatal(err)
	}
}

// guardedProjectConfig is the example project, created only when the
// account holds at least 50 dollars.
func guardedProjectConfig(e *testEmulator) string {
	return projectConfig(e, "Look at the picture", false, `
  lifecycle {
    precondition {
      condition     = data.toloka_requester.account.balance >= 50
      error_message = "The Toloka account holds less than 50 dollars: top it up first."
    }
  }`) + `
data "toloka_requester" "account" {}
`
}

// A precondition on the balance stops the plan before anything is made.
func TestAccRequester_lowBalanceStopsThePlan(t *testing.T) {
	e := newTestEmulator(t, 100*time.Millisecond)
	setBalance(t, e, 10)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:      guardedProjectConfig(e),
				ExpectError: regexp.MustCompile(`(?s)Resource precondition failed.*holds less than 50 dollars`),
			},
			{
				PreConfig: func() {
					if n := e.Requests()["POST /projects"]; n != 0 {
						t.Errorf("the plan that failed on the balance made %d projects", n)
					}
					setBalance(t, e, 100)
				},
				Config:           guardedProjectConfig(e),
				ConfigPlanChecks: planned(projectAddr, plancheck.ResourceActionCreate),
			},
		},
	})
}
