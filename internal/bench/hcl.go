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

// projectsConfig declares n projects, archived or not, named after prefix.
func projectsConfig(prefix string, n int, archived bool) string {
	return providerBlock + fmt.Sprintf(`
resource "toloka_project" "p" {
  count              = %d
  public_name        = "%s ${count.index}"
  public_description = "A project of the provider's benchmark"
  task_spec = {
    input_spec  = { image = { type = "url" } }
    output_spec = { result = { type = "string", allowed_values = ["cat", "dog"] } }
    view_spec   = jsonencode({ type = "classic", markup = "{{img src=image}}" })
  }
  archived = %t
}
`, n, prefix, archived)
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
