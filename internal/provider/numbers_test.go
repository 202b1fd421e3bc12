package provider

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// decimalRewards are money amounts that no float64 holds exactly.
var decimalRewards = map[string]string{"cents": "0.03", "half_cent": "0.005", "large": "12.34"}

func decimalConfig(e *testEmulator) string {
	config := e.providerConfig() + `
resource "toloka_project" "numbers" {
  public_name        = "Numbers"
  public_description = "Decimal bounds"
  task_spec = {
    input_spec  = { score = { type = "float", min_value = 0.5, max_value = 12.34 } }
    output_spec = { level = { type = "integer", allowed_values = ["1.0", "2"] } }
    view_spec   = jsonencode({ type = "classic", markup = "{{score}}" })
  }
}
`
	for _, name := range sortedKeys(decimalRewards) {
		config += fmt.Sprintf(`
resource "toloka_pool" %q {
  project_id                      = toloka_project.numbers.id
  private_name                    = "Pays %s"
  reward_per_assignment           = %s
  assignment_max_duration_seconds = 300
  will_expire                     = "2030-01-01T00:00:00"
  defaults                        = { default_overlap_for_new_task_suites = 1 }
}
`, name, decimalRewards[name], decimalRewards[name])
	}
	return config
}

// Decimal money and bounds reach Toloka as written, come back without a
// diff, and import without one; an allowed value written 1.0 is Toloka's 1.
func TestAccNumbers_decimalsRoundTrip(t *testing.T) {
	e := newTestEmulator(t, 100*time.Millisecond)
	steps := []resource.TestStep{{
		Config: decimalConfig(e),
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PostApplyPreRefresh:  []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
		},
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("toloka_pool.half_cent", tfjsonpath.New("reward_per_assignment"), knownvalue.Float64Exact(0.005)),
			statecheck.ExpectKnownValue("toloka_project.numbers",
				tfjsonpath.New("task_spec").AtMapKey("input_spec").AtMapKey("score").AtMapKey("max_value"), knownvalue.Float64Exact(12.34)),
		},
		Check: func(s *terraform.State) error {
			for name, want := range decimalRewards {
				pool := e.rawObject(t, "pool", resourceID(s, "toloka_pool."+name))
				if got := pool["reward_per_assignment"]; got != json.Number(want) {
					return fmt.Errorf("Toloka holds reward %v for %s, want %s as written", got, name, want)
				}
			}
			score := e.rawObject(t, "project", resourceID(s, "toloka_project.numbers"))["task_spec"].(map[string]any)["input_spec"].(map[string]any)["score"].(map[string]any)
			if score["min_value"] != json.Number("0.5") || score["max_value"] != json.Number("12.34") {
				return fmt.Errorf("Toloka holds bounds %v and %v", score["min_value"], score["max_value"])
			}
			return nil
		},
	}}
	for _, addr := range []string{"toloka_project.numbers", "toloka_pool.cents", "toloka_pool.half_cent", "toloka_pool.large"} {
		steps = append(steps, resource.TestStep{ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithID})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testAccProviders, Steps: steps})
}
