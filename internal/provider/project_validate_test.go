package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// Bad input fails at plan time with a diagnostic naming the attribute, and
// never reaches Toloka.
func TestAccProject_invalidConfigurations(t *testing.T) {
	e := newTestEmulator(t, 0)
	project := func(body string) string {
		return e.providerConfig() + `
resource "toloka_project" "bad" {
  public_name        = "Bad"
  public_description = "Bad input"
` + body + `
}
`
	}
	const view = `view_spec = jsonencode({ type = "classic", markup = "x" })`
	cases := map[string]struct {
		config string
		want   string
	}{
		"unknown field type": {project(`task_spec = {
  input_spec  = { image = { type = "picture" } }
  output_spec = { result = { type = "string" } }
  ` + view + `
}`), `(?s)task_spec.input_spec\["image"\].type.*picture`},
		"view_spec is not JSON": {project(`task_spec = {
  input_spec  = { image = { type = "url" } }
  output_spec = { result = { type = "string" } }
  view_spec   = "{not json"
}`), `(?s)Invalid JSON object.*task_spec.view_spec`},
		"non-numeric allowed value of an integer field": {project(`task_spec = {
  input_spec  = { image = { type = "url" } }
  output_spec = { score = { type = "integer", allowed_values = ["1", "two"] } }
  ` + view + `
}`), `(?s)task_spec.output_spec\["score"\].allowed_values\[1\].*"two" is not a number`},
		"min above max": {project(`task_spec = {
  input_spec  = { text = { type = "string", min_length = 10, max_length = 2 } }
  output_spec = { result = { type = "string" } }
  ` + view + `
}`), `(?s)task_spec.input_spec\["text"\]: min_length 10 is greater than max_length 2`},
		"unknown issuing type": {project(`assignments_issuing_type = "RANDOM"
task_spec = {
  input_spec  = { image = { type = "url" } }
  output_spec = { result = { type = "string" } }
  ` + view + `
}`), `(?s)assignments_issuing_type.*RANDOM`},
		"empty name": {e.providerConfig() + `
resource "toloka_project" "bad" {
  public_name        = ""
  public_description = "x"
  task_spec = {
    input_spec  = { image = { type = "url" } }
    output_spec = { result = { type = "string" } }
    ` + view + `
  }
}`, `(?s)public_name.*at least 1`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config:      tc.config,
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
	if n := len(e.Requests()); n != 0 {
		t.Errorf("invalid configurations reached the API: %v", e.Requests())
	}
}
