package provider

import (
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

const restrictionAddr = "toloka_user_restriction.spammer"

// restrictionConfig bans a Toloker from the example project, with these
// attributes.
func restrictionConfig(e *testEmulator, attributes string) string {
	return projectConfig(e, "Look at the picture", false, "") + fmt.Sprintf(`
resource "toloka_user_restriction" "spammer" {
  user_id = "toloker-1"
  %s
}
`, attributes)
}

const projectBan = `
  scope           = "PROJECT"
  project_id      = toloka_project.cats.id
  private_comment = "Fast answers"
  will_expire     = "2030-01-02T03:04:05"
`

// checkRestrictionGone checks that Toloka no longer has the ban *id names.
func checkRestrictionGone(e *testEmulator, id *string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if ban, found := e.UserRestriction(*id); found {
			return fmt.Errorf("ban %s is still in Toloka: %s", *id, ban)
		}
		return nil
	}
}

func TestAccUserRestriction_lifecycle(t *testing.T) {
	e := newTestEmulator(t, 100*time.Millisecond)
	var first, second string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           restrictionConfig(e, projectBan),
				ConfigPlanChecks: planned(restrictionAddr, plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(restrictionAddr, tfjsonpath.New("will_expire"), knownvalue.StringExact("2030-01-02T03:04:05")),
					statecheck.ExpectKnownValue(restrictionAddr, tfjsonpath.New("pool_id"), knownvalue.Null()),
				},
				Check: resource.ComposeTestCheckFunc(
					checkStored(e.UserRestriction, restrictionAddr, map[string]any{
						"scope": "PROJECT", "user_id": "toloker-1", "private_comment": "Fast answers",
					}),
					func(s *terraform.State) error {
						first = resourceID(s, restrictionAddr)
						return checkStored(e.UserRestriction, restrictionAddr, map[string]any{"project_id": resourceID(s, projectAddr)})(s)
					},
				),
			},
			{
				// Toloka edits no ban: the old one is lifted, a new one set.
				Config: restrictionConfig(e, `
  scope           = "ALL_PROJECTS"
  private_comment = "Fast answers everywhere"
`),
				ConfigPlanChecks: planned(restrictionAddr, plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(restrictionAddr, tfjsonpath.New("project_id"), knownvalue.Null()),
					statecheck.ExpectKnownValue(restrictionAddr, tfjsonpath.New("will_expire"), knownvalue.Null()),
				},
				Check: resource.ComposeTestCheckFunc(
					checkRestrictionGone(e, &first),
					checkStored(e.UserRestriction, restrictionAddr, map[string]any{
						"scope": "ALL_PROJECTS", "private_comment": "Fast answers everywhere",
					}),
					func(s *terraform.State) error { second = resourceID(s, restrictionAddr); return nil },
				),
			},
			{
				// Left out, the comment stays as Toloka has it: nothing to do.
				Config:           restrictionConfig(e, `scope = "ALL_PROJECTS"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				ResourceName:      restrictionAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
		CheckDestroy: checkRestrictionGone(e, &second),
	})
}

// A ban Toloka lifts by itself at will_expire is drift, not an error: the
// refresh forgets it, and the plan sets it again.
func TestAccUserRestriction_expiredIsDrift(t *testing.T) {
	e := newTestEmulator(t, 100*time.Millisecond)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           restrictionConfig(e, projectBan),
				ConfigPlanChecks: expectEmptyPlan,
				Check:            func(s *terraform.State) error { id = resourceID(s, restrictionAddr); return nil },
			},
			{
				PreConfig: func() {
					if err := e.ExpireUserRestriction(id); err != nil {
						t.Fatal(err)
					}
				},
				Config:           restrictionConfig(e, projectBan),
				ConfigPlanChecks: planned(restrictionAddr, plancheck.ResourceActionCreate),
				Check: func(s *terraform.State) error {
					if again := resourceID(s, restrictionAddr); again == id {
						return fmt.Errorf("ban %s was not set again", id)
					}
					return checkStored(e.UserRestriction, restrictionAddr, map[string]any{"scope": "PROJECT"})(s)
				},
			},
		},
	})
}
