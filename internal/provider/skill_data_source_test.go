package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// makeSkills creates skills of these names in the emulator, in order, and
// returns their IDs.
func makeSkills(t *testing.T, e *testEmulator, names ...string) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	ids := make([]string, len(names))
	for i, name := range names {
		comment := "made outside Terraform"
		s, err := e.client(t).CreateSkill(ctx, &toloka.Skill{Name: name, PrivateComment: &comment})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = s.ID
	}
	return ids
}

func TestAccDataSources_skills(t *testing.T) {
	e := newTestEmulator(t, 100*time.Millisecond)
	ids := makeSkills(t, e, "beta", "alpha", "gamma", "beta", "delta")
	config := e.providerConfig() + fmt.Sprintf(`
data "toloka_skill" "by_id" {
  id = %q
}

data "toloka_skill" "by_name" {
  name = "alpha"
}

data "toloka_skills" "all" {
  sort = "-name,id"
}

data "toloka_skills" "betas" {
  name = "beta"
}
`, ids[2])
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.toloka_skill.by_id", tfjsonpath.New("name"), knownvalue.StringExact("gamma")),
					statecheck.ExpectKnownValue("data.toloka_skill.by_id", tfjsonpath.New("hidden"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.toloka_skill.by_name", tfjsonpath.New("id"), knownvalue.StringExact(ids[1])),
					statecheck.ExpectKnownValue("data.toloka_skill.by_name", tfjsonpath.New("private_comment"),
						knownvalue.StringExact("made outside Terraform")),
					// Five skills over three pages of two.
					statecheck.ExpectKnownValue("data.toloka_skills.all", tfjsonpath.New("skills"),
						names("name", "gamma", "delta", "beta", "beta", "alpha")),
					statecheck.ExpectKnownValue("data.toloka_skills.all", tfjsonpath.New("skills").AtSliceIndex(2).AtMapKey("id"),
						knownvalue.StringExact(ids[0])),
					statecheck.ExpectKnownValue("data.toloka_skills.betas", tfjsonpath.New("skills"), names("name", "beta", "beta")),
				},
			},
			{
				Config:      e.providerConfig() + `data "toloka_skill" "none" { name = "epsilon" }`,
				ExpectError: regexp.MustCompile(`(?s)No Toloka skill has this name.*with data.toloka_skill.none.*name = "epsilon".*No skill has name "epsilon"`),
			},
			{
				Config: e.providerConfig() + `data "toloka_skill" "ambiguous" { name = "beta" }`,
				ExpectError: regexp.MustCompile(fmt.Sprintf(`(?s)Several Toloka skills have this name.*name = "beta".*2 skills have name\s+"beta"\s+\(IDs\s+%s,\s+%s\).*set\s+.id.`,
					ids[0], ids[3])),
			},
			{
				Config:      e.providerConfig() + `data "toloka_skill" "both" {` + "\n" + `id = "60001"` + "\n" + `name = "alpha"` + "\n}",
				ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Combination.*Exactly one of these attributes must be configured:\s+\[id,name\]`),
			},
			{
				Config:      e.providerConfig() + `data "toloka_skill" "neither" {}`,
				ExpectError: regexp.MustCompile(`(?s)Missing Attribute Configuration.*Exactly one of these attributes must be configured:\s+\[id,name\]`),
			},
			{
				Config:      e.providerConfig() + `data "toloka_skill" "gone" { id = "69999" }`,
				ExpectError: regexp.MustCompile(`(?s)Could not read the Toloka skill.*69999.*DOES_NOT_EXIST`),
			},
		},
	})
}
