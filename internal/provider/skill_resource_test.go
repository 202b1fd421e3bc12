package provider

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/e2e"
)

const skillAddr = "toloka_skill.relevance"

// skillConfig is a toloka_skill named name with extra attributes.
func skillConfig(e *testEmulator, name, extra string) string {
	return e.providerConfig() + fmt.Sprintf(`
resource "toloka_skill" "relevance" {
  name = %q
  %s
}
`, name, extra)
}

// planned expects the plan to take this action on the resource, and the plan
// after the apply to be empty.
func planned(addr string, action plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{
		PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, action)},
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}
}

// stored decodes an object an emulator control returned; missing is an
// error.
func stored(raw json.RawMessage, found bool) (map[string]any, error) {
	if !found {
		return nil, errors.New("the object is not in Toloka")
	}
	var obj map[string]any
	return obj, json.Unmarshal(raw, &obj)
}

// checkStored checks fields of an object as Toloka has it.
func checkStored(read func(id string) (json.RawMessage, bool), addr string, want map[string]any) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id := resourceID(s, addr)
		obj, err := stored(read(id))
		if err != nil {
			return fmt.Errorf("%s %s: %w", addr, id, err)
		}
		for k, v := range want {
			if fmt.Sprint(obj[k]) != fmt.Sprint(v) {
				return fmt.Errorf("%s %s has %s = %v in Toloka, want %v (all: %v)", addr, id, k, obj[k], v, obj)
			}
		}
		return nil
	}
}

// sameID checks that the resource is still the object *id names.
func sameID(addr string, id *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		if got := resourceID(s, addr); got != *id {
			return fmt.Errorf("%s is %s, want %s", addr, got, *id)
		}
		return nil
	}
}

func TestAccSkill_lifecycle(t *testing.T) {
	e := newTestEmulator(t, 100*time.Millisecond)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				// Only the name: Toloka's own values fill the rest, without a diff.
				Config:           skillConfig(e, "Search relevance", ""),
				ConfigPlanChecks: planned(skillAddr, plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(skillAddr, tfjsonpath.New("hidden"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(skillAddr, tfjsonpath.New("deprecated"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(skillAddr, tfjsonpath.New("global"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(skillAddr, tfjsonpath.New("owner").AtMapKey("myself"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(skillAddr, tfjsonpath.New("public_name"), knownvalue.Null()),
					statecheck.ExpectKnownValue(skillAddr, tfjsonpath.New("created"),
						knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?$`))),
				},
				Check: func(s *terraform.State) error { id = resourceID(s, skillAddr); e.ResetRequests(); return nil },
			},
			{
				Config: skillConfig(e, "Search relevance, v2", `
  public_name                  = { EN = "Search relevance", RU = "Релевантность поиска" }
  public_requester_description = { EN = "How well a Toloker judges search results" }
  private_comment              = "managed by terraform"
  hidden                       = false
  skill_ttl_hours              = 720
  deprecated                   = true
`),
				ConfigPlanChecks: planned(skillAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(skillAddr, tfjsonpath.New("public_name").AtMapKey("RU"), knownvalue.StringExact("Релевантность поиска")),
					statecheck.ExpectKnownValue(skillAddr, tfjsonpath.New("skill_ttl_hours"), knownvalue.Int64Exact(720)),
				},
				Check: resource.ComposeTestCheckFunc(
					expectRequests(e, map[string]int{"PUT /skills/{id}": 1, "POST /skills": 0}),
					sameID(skillAddr, &id),
					checkStored(e.Skill, skillAddr, map[string]any{
						"name": "Search relevance, v2", "hidden": false, "deprecated": true,
						"skill_ttl_hours": 720, "private_comment": "managed by terraform",
					}),
				),
			},
			{
				// Left out, an attribute keeps Toloka's value: nothing to do.
				Config: skillConfig(e, "Search relevance, v2", `
  public_name = { EN = "Search relevance", RU = "Релевантность поиска" }
  public_requester_description = { EN = "How well a Toloker judges search results" }
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				ResourceName:      skillAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
		// Toloka has no delete: the skill is still there.
		CheckDestroy: func(*terraform.State) error {
			_, err := stored(e.Skill(id))
			return err
		},
	})
}

// Destroying a skill says that Toloka keeps it, and how not to make a second
// one: the CLI shows the warning.
func TestAccSkill_destroyWarns(t *testing.T) {
	e := newTestEmulator(t, 100*time.Millisecond)
	w := e2e.NewWorkdir(t, EnvBaseURL+"="+e.apiURL, EnvAPIKey+"="+testAPIKey)
	w.Write(e2e.RequiredProviders + `provider "toloka" { environment = "sandbox" }` + strings.TrimPrefix(skillConfig(e, "Kept by Toloka", ""), e.providerConfig()))
	w.Apply()
	id := stateID(t, w, skillAddr)
	out := w.MustRun(nil, "destroy", "-auto-approve", "-input=false", "-no-color").Output()
	if !diagnosticPattern([]string{"Warning: Toloka skills cannot be deleted", "Skill " + id, "removed from the Terraform state only",
		"stays in Toloka", "second skill", "import"}).MatchString(out) {
		t.Errorf("destroy does not warn that the skill stays in Toloka:\n%s", out)
	}
	if _, err := stored(e.Skill(id)); err != nil {
		t.Error(err)
	}
}
