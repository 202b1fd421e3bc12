package bench

import "fmt"

// The configurations compared. Both sides use count, so that Terraform
// expands them the same way; the provider reads TOLOKA_BASE_URL,
// TOLOKA_API_KEY and TOLOKA_ENVIRONMENT from the workspace's environment.

const providerBlock = `terraform {
  required_providers {
    toloka = { source = "toloka-terraform/toloka" }
  }
}

provider "toloka" {}
`

// The field specs of the benchmark's projects: as the schema has them, and
// as JSON, the lighter shape the plan refresh weighs (package floor), as
// they are in the state Toloka's answer leaves.
const (
	fieldSpecs = `
    input_spec  = { image = { type = "url" } }
    output_spec = { result = { type = "string", allowed_values = ["cat", "dog"] } }`
	jsonFieldSpecs = `
    input_spec  = jsonencode({ image = { type = "url", required = true, hidden = false } })
    output_spec = jsonencode({ result = { type = "string", required = true, hidden = false, allowed_values = ["cat", "dog"] } })`
)

// projectsConfig declares n projects, archived or not, named after prefix.
func projectsConfig(prefix string, n int, archived bool) string {
	return projectsConfigWith(prefix, n, archived, fieldSpecs)
}

func projectsConfigWith(prefix string, n int, archived bool, specs string) string {
	return providerBlock + fmt.Sprintf(`
resource "toloka_project" "p" {
  count              = %d
  public_name        = "%s ${count.index}"
  public_description = "A project of the provider's benchmark"
  task_spec = {%s
    view_spec   = jsonencode({ type = "classic", markup = "{{img src=image}}" })
  }
  archived = %t
}
`, n, prefix, specs, archived)
}

// dataConfig declares n terraform_data resources, Terraform's built-in
// baseline: no provider process, no API.
func dataConfig(n int) string {
	return fmt.Sprintf(`
resource "terraform_data" "d" {
  count = %d
  input = "data ${count.index}"
}
`, n)
}

// poolsConfig declares a project and n pools of it, each as a team running a
// pool per batch writes one: a filter, quality control and a mixer
// configuration.
func poolsConfig(n int) string {
	return projectsConfig("pools", 1, false) + fmt.Sprintf(`
resource "toloka_pool" "p" {
  count                           = %d
  project_id                      = toloka_project.p[0].id
  private_name                    = "batch ${count.index}"
  reward_per_assignment           = 0.05
  assignment_max_duration_seconds = 600
  will_expire                     = "2030-12-31T23:59:59"
  defaults = {
    default_overlap_for_new_task_suites = 3
  }
  auto_accept_solutions = true
  priority              = 10
  filter = jsonencode({
    and = [{ or = [{ category = "profile", key = "languages", operator = "IN", value = "EN" }] }]
  })
  quality_control = jsonencode({
    configs = [{
      collector_config = { type = "ASSIGNMENT_SUBMIT_TIME", parameters = { fast_submit_threshold_seconds = 15 } }
      rules = [{
        conditions = [{ key = "fast_submitted_count", operator = "GTE", value = 2 }]
        action     = { type = "RESTRICTION_V2", parameters = { scope = "PROJECT", duration_unit = "PERMANENT" } }
      }]
    }]
  })
  mixer_config = jsonencode({ real_tasks_count = 10, golden_tasks_count = 0, training_tasks_count = 0 })
  metadata = {
    team = ["vision"]
  }
}
`, n)
}
