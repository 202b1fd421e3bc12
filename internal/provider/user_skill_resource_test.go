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

const userSkillAddr = "toloka_user_skill.annotator"

// userSkillConfig gives a Toloker a value of the skill toloka_skill.relevance.
func userSkillConfig(e *testEmulator, userID string, value float64, reason string) string {
	return skillConfig(e, "Private crowd", "") + fmt.Sprintf(`
resource "toloka_user_skill" "annotator" {
  skill_id = toloka_skill.relevance.id
  user_id  = %q
  value    = %v
  reason   = %q
}
`, userID, value, reason)
}

// userSkillsIn are the skill values Toloka has, each decoded.
func userSkillsIn(t *testing.T, e *testEmulator) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, raw := range e.UserSkills() {
		var us map[string]any
		if err := json.Unmarshal(raw, &us); err != nil {
			t.Fatal(err)
		}
		out = append(out, us)
	}
	return out
}

// checkOnlyUserSkill checks that Toloka has one skill value, the resource's,
// with this Toloker and exact value.
func checkOnlyUserSkill(t *testing.T, e *testEmulator, userID string, value float64) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		all := userSkillsIn(t, e)
		if len(all) != 1 {
			return fmt.Errorf("Toloka has %d skill values, want 1: %v", len(all), all)
		}
		us := all[0]
		if us["id"] != resourceID(s, userSkillAddr) || us["user_id"] != userID || us["exact_value"] != value ||
			us["skill_id"] != resourceID(s, skillAddr) {
			return fmt.Errorf("Toloka has %v, want %s of %s at %v", us, userID, resourceID(s, skillAddr), value)
		}
		return nil
	}
}

func TestAccUserSkill_lifecycle(t *testing.T) {
	e := newTestEmulator(t, 100*time.Millisecond)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           userSkillConfig(e, "toloker-1", 80, "Team annotator"),
				ConfigPlanChecks: planned(userSkillAddr, plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(userSkillAddr, tfjsonpath.New("value"), knownvalue.Float64Exact(80)),
					statecheck.ExpectKnownValue(userSkillAddr, tfjsonpath.New("reason"), knownvalue.StringExact("Team annotator")),
					statecheck.ExpectKnownValue(userSkillAddr, tfjsonpath.New("modified"), knownvalue.NotNull()),
				},
				Check: resource.ComposeTestCheckFunc(
					checkOnlyUserSkill(t, e, "toloker-1", 80),
					func(s *terraform.State) error { id = resourceID(s, userSkillAddr); e.ResetRequests(); return nil },
				),
			},
			{
				// A new value is sent again and keeps the pair's ID.
				Config:           userSkillConfig(e, "toloker-1", 42.5, "Team annotator"),
				ConfigPlanChecks: planned(userSkillAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(userSkillAddr, tfjsonpath.New("value"), knownvalue.Float64Exact(42.5)),
				},
				Check: resource.ComposeTestCheckFunc(
					sameID(userSkillAddr, &id),
					checkOnlyUserSkill(t, e, "toloker-1", 42.5),
					expectRequests(e, map[string]int{"PUT /user-skills": 1, "DELETE /user-skills/{id}": 0}),
				),
			},
			{
				// Toloka never returns the reason: a new one alone is kept in
				// the state and sent with the next value.
				PreConfig:        e.ResetRequests,
				Config:           userSkillConfig(e, "toloker-1", 42.5, "Lead annotator"),
				ConfigPlanChecks: planned(userSkillAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(userSkillAddr, tfjsonpath.New("reason"), knownvalue.StringExact("Lead annotator")),
				},
				Check: expectRequests(e, map[string]int{"PUT /user-skills": 0}),
			},
			{
				// Another Toloker is another value: the old one is removed.
				Config:           userSkillConfig(e, "toloker-2", 42.5, "Lead annotator"),
				ConfigPlanChecks: planned(userSkillAddr, plancheck.ResourceActionDestroyBeforeCreate),
				Check:            checkOnlyUserSkill(t, e, "toloker-2", 42.5),
			},
			{
				ResourceName:            userSkillAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"reason"},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if left := userSkillsIn(t, e); len(left) != 0 {
				return fmt.Errorf("destroy left skill values in Toloka: %v", left)
			}
			return nil
		},
	})
}

// A value Toloka changed by itself (a quality control rule) is drift: the
// plan sets the configured value again.
func TestAccUserSkill_changedByToloka(t *testing.T) {
	e := newTestEmulator(t, 100*time.Millisecond)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           userSkillConfig(e, "toloker-1", 80, "Team annotator"),
				ConfigPlanChecks: expectEmptyPlan,
				Check:            func(s *terraform.State) error { id = resourceID(s, userSkillAddr); return nil },
			},
			{
				PreConfig: func() {
					if err := e.SetUserSkillValue(id, 12.25); err != nil {
						t.Fatal(err)
					}
				},
				Config: userSkillConfig(e, "toloker-1", 80, "Team annotator"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(userSkillAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(userSkillAddr, tfjsonpath.New("value"), knownvalue.Float64Exact(80)),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(sameID(userSkillAddr, &id), checkOnlyUserSkill(t, e, "toloker-1", 80)),
			},
		},
	})
}
