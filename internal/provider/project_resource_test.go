package provider

import (
	"context"
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

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

const projectAddr = "toloka_project.cats"

// projectConfig is the configuration of the example project, with the
// given description, archived flag and extra attributes.
func projectConfig(e *testEmulator, description string, archived bool, extra string) string {
	return e.providerConfig() + fmt.Sprintf(`
resource "toloka_project" "cats" {
  public_name         = "Cats or dogs"
  public_description  = %q
  public_instructions = "<p>Pick one.</p>"
  private_comment     = "managed by terraform"
  task_spec = {
    input_spec  = { image = { type = "url" } }
    output_spec = { result = { type = "string", allowed_values = ["cat", "dog"] } }
    view_spec   = jsonencode({ type = "classic", markup = "{{img src=image}}", settings = { showTimer = true } })
  }
  archived = %t
  %s
}
`, description, archived, extra)
}

func expectStatus(status string) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("status"), knownvalue.StringExact(status))
}

var expectEmptyPlan = resource.ConfigPlanChecks{
	PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
}

// projectID reads the project's id from the state.
func projectID(s *terraform.State) string {
	return s.RootModule().Resources[projectAddr].Primary.ID
}

// checkEmulatorStatus checks the project's status in Toloka itself.
func checkEmulatorStatus(t *testing.T, e *testEmulator, want string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		p, err := e.client(t).GetProject(context.Background(), projectID(s))
		if err != nil {
			return err
		}
		if p.Status != want {
			return fmt.Errorf("project %s is %s in Toloka, want %s", p.ID, p.Status, want)
		}
		return nil
	}
}

func TestAccProject_lifecycle(t *testing.T) {
	e := newTestEmulator(t, 300*time.Millisecond)
	var firstID, secondID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: projectConfig(e, "Look at the picture", false, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					expectStatus("ACTIVE"),
					statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9]+$`))),
					statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("created"),
						knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?$`))),
					statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("assignments_issuing_type"), knownvalue.StringExact("AUTOMATED")),
					statecheck.ExpectKnownValue(projectAddr,
						tfjsonpath.New("task_spec").AtMapKey("input_spec").AtMapKey("image").AtMapKey("required"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(projectAddr,
						tfjsonpath.New("task_spec").AtMapKey("output_spec").AtMapKey("result").AtMapKey("allowed_values"),
						knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("cat"), knownvalue.StringExact("dog")})),
				},
				Check: resource.ComposeTestCheckFunc(
					checkEmulatorStatus(t, e, "ACTIVE"),
					func(s *terraform.State) error { firstID = projectID(s); return nil },
				),
			},
			{
				Config:           projectConfig(e, "Look at the picture and pick the animal", false, `max_active_assignments_count = 5`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectAddr, plancheck.ResourceActionUpdate)}, PostApplyPostRefresh: expectEmptyPlan.PostApplyPostRefresh},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("public_description"), knownvalue.StringExact("Look at the picture and pick the animal")),
					statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("max_active_assignments_count"), knownvalue.Int64Exact(5)),
				},
				Check: func(s *terraform.State) error {
					p, err := e.client(t).GetProject(context.Background(), projectID(s))
					if err != nil {
						return err
					}
					if p.PublicDescription != "Look at the picture and pick the animal" || p.MaxActiveAssignmentsCount == nil || *p.MaxActiveAssignmentsCount != 5 {
						return fmt.Errorf("Toloka has description %q, max active %v", p.PublicDescription, p.MaxActiveAssignmentsCount)
					}
					return nil
				},
			},
			{
				ResourceName:      projectAddr,
				ImportState:       true,
				ImportStateVerify: true,
				// Toloka spells view_spec its own way (defaults filled in);
				// importViewSpecMatches checks it means the configured one.
				ImportStateVerifyIgnore: []string{"timeouts", "task_spec.view_spec"},
				ImportStateCheck:        importViewSpecMatches(`{"type":"classic","markup":"{{img src=image}}","settings":{"showTimer":true}}`),
			},
			{
				Config:            projectConfig(e, "Look at the picture and pick the animal", true, `max_active_assignments_count = 5`),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectAddr, plancheck.ResourceActionUpdate)}, PostApplyPostRefresh: expectEmptyPlan.PostApplyPostRefresh},
				ConfigStateChecks: []statecheck.StateCheck{expectStatus("ARCHIVED")},
				Check:             checkEmulatorStatus(t, e, "ARCHIVED"),
			},
			{
				// Toloka cannot unarchive: the plan replaces the project.
				Config: projectConfig(e, "Look at the picture and pick the animal", false, `max_active_assignments_count = 5`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectAddr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: expectEmptyPlan.PostApplyPostRefresh,
				},
				ConfigStateChecks: []statecheck.StateCheck{expectStatus("ACTIVE")},
				Check: func(s *terraform.State) error {
					secondID = projectID(s)
					if secondID == firstID {
						return fmt.Errorf("project %s was not replaced", firstID)
					}
					return nil
				},
			},
		},
		CheckDestroy: func(*terraform.State) error { return checkArchived(t, e, firstID, secondID) },
	})
}

// checkArchived checks that Toloka has each project archived.
func checkArchived(t *testing.T, e *testEmulator, ids ...string) error {
	for _, id := range ids {
		if id == "" {
			continue
		}
		p, err := e.client(t).GetProject(context.Background(), id)
		if err != nil {
			return err
		}
		if p.Status != toloka.ProjectStatusArchived {
			return fmt.Errorf("project %s is %s, want ARCHIVED", id, p.Status)
		}
	}
	return nil
}

// importViewSpecMatches checks that the imported view_spec means the given one.
func importViewSpecMatches(want string) resource.ImportStateCheckFunc {
	return func(states []*terraform.InstanceState) error {
		if len(states) != 1 {
			return fmt.Errorf("%d resources imported, want 1", len(states))
		}
		got := states[0].Attributes["task_spec.view_spec"]
		equal, _ := viewSpec(want).StringSemanticEquals(context.Background(), viewSpec(got))
		if !equal {
			return fmt.Errorf("imported view_spec %s does not mean %s", got, want)
		}
		return nil
	}
}

// A view_spec without settings is sent with the settings object the API
// requires, and Toloka's filled-in defaults make no diff afterwards.
func TestAccProject_viewSpecWithoutSettings(t *testing.T) {
	e := newTestEmulator(t, 100*time.Millisecond)
	config := func(markup string) string {
		return e.providerConfig() + fmt.Sprintf(`
resource "toloka_project" "cats" {
  public_name        = "Plain view"
  public_description = "No settings given"
  task_spec = {
    input_spec  = { image = { type = "url" } }
    output_spec = { result = { type = "string" } }
    view_spec   = jsonencode({ type = "classic", markup = %q })
  }
}
`, markup)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: config("{{img src=image}}"), ConfigPlanChecks: expectEmptyPlan},
			{
				Config: config("{{img src=image width=300}}"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: expectEmptyPlan.PostApplyPostRefresh,
				},
				Check: func(s *terraform.State) error {
					raw, ok := e.Project(projectID(s))
					if !ok || !strings.Contains(string(raw), `width=300`) || !strings.Contains(string(raw), `"showSkip":true`) {
						return fmt.Errorf("Toloka has %s", raw)
					}
					return nil
				},
			},
		},
	})
}

// projectIn returns the project as Toloka has it.
func (e *testEmulator) projectIn(t *testing.T, id string) *toloka.Project {
	t.Helper()
	p, err := e.client(t).GetProject(context.Background(), id)
	if err != nil {
		t.Fatalf("reading project %s: %v", id, err)
	}
	return p
}

// russianName is a localization_config with one translation of the name.
const russianName = `
  localization_config = {
    default_language     = "EN"
    additional_languages = [{ language = "RU", public_name = { value = "Кошки или собаки" } }]
  }
`

// checkRussianNameIn checks that Toloka has russianName's translation, and
// only it.
func checkRussianNameIn(t *testing.T, e *testEmulator) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		lc := e.projectIn(t, projectID(s)).LocalizationConfig
		if lc == nil || lc.DefaultLanguage != "EN" || len(lc.AdditionalLanguages) != 1 {
			return fmt.Errorf("Toloka has localization_config %+v", lc)
		}
		ru := lc.AdditionalLanguages[0]
		if ru.Language != "RU" || ru.PublicName == nil || ru.PublicName.Value != "Кошки или собаки" ||
			ru.PublicDescription != nil || ru.PublicInstructions != nil {
			return fmt.Errorf("Toloka has the translation %+v", ru)
		}
		return nil
	}
}

// localization_config left out of the configuration keeps Toloka's: no
// plan at all, and an update of something else sends it back unchanged.
func TestAccProject_localizationLeftOutIsKept(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           projectConfig(e, "Look at the picture", false, russianName),
				ConfigPlanChecks: expectEmptyPlan,
				Check:            checkRussianNameIn(t, e),
			},
			{
				Config:           projectConfig(e, "Look at the picture", false, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config: projectConfig(e, "Look at the picture closely", false, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(projectAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(projectAddr, tfjsonpath.New("localization_config").AtMapKey("default_language"), knownvalue.StringExact("EN")),
					},
					PostApplyPostRefresh: expectEmptyPlan.PostApplyPostRefresh,
				},
				Check: checkRussianNameIn(t, e),
			},
		},
	})
}

// A member left out of a configured nested object, at any depth, is sent
// as left out, since Toloka's PUT replaces the whole object; never kept
// from Toloka's.
func TestAccProject_nestedMembersSetAreSent(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	mapView := func(view string) string {
		return `assignments_issuing_type = "MAP_SELECTOR"` + "\n  assignments_issuing_view_config = " + view + "\n"
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: projectConfig(e, "Look at the picture", false, mapView(`{ title_template = "t", description_template = "d", map_provider = "GOOGLE" }`)+`
  localization_config = {
    default_language     = "EN"
    additional_languages = [{
      language           = "RU"
      public_name        = { value = "Кошки или собаки" }
      public_description = { value = "Посмотрите на картинку" }
    }]
  }
`),
				ConfigPlanChecks: expectEmptyPlan,
			},
			{
				Config: projectConfig(e, "Look at the picture", false, mapView(`{ title_template = "t", description_template = "d" }`)+russianName),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(projectAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(projectAddr, tfjsonpath.New("assignments_issuing_view_config").AtMapKey("map_provider"), knownvalue.Null()),
						plancheck.ExpectKnownValue(projectAddr, tfjsonpath.New("localization_config").AtMapKey("additional_languages").AtSliceIndex(0).AtMapKey("public_description"), knownvalue.Null()),
					},
					PostApplyPostRefresh: expectEmptyPlan.PostApplyPostRefresh,
				},
				Check: resource.ComposeTestCheckFunc(checkRussianNameIn(t, e), func(s *terraform.State) error {
					if v := e.projectIn(t, projectID(s)).AssignmentsIssuingViewConfig; v == nil || v.MapProvider != nil || v.TitleTemplate == nil {
						return fmt.Errorf("Toloka has assignments_issuing_view_config %+v", v)
					}
					return nil
				}),
			},
			{
				Config: projectConfig(e, "Look at the picture", false, mapView(`{ title_template = "t", description_template = "d" }`)+`
  localization_config = { default_language = "EN" }
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(projectAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(projectAddr, tfjsonpath.New("localization_config").AtMapKey("additional_languages"), knownvalue.Null()),
					},
					PostApplyPostRefresh: expectEmptyPlan.PostApplyPostRefresh,
				},
				Check: func(s *terraform.State) error {
					if lc := e.projectIn(t, projectID(s)).LocalizationConfig; lc == nil || len(lc.AdditionalLanguages) != 0 {
						return fmt.Errorf("Toloka has localization_config %+v", lc)
					}
					return nil
				},
			},
		},
	})
}

// A configured localization_config that someone else changes or removes in
// Toloka shows in the plan, which sets it again: a translation added inside
// it as much as the whole object removed.
func TestAccProject_localizationDriftShows(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	var id string
	editInToloka := func(edit func(*toloka.Project)) func() {
		return func() {
			p := e.projectIn(t, id)
			edit(p)
			if _, err := e.client(t).UpdateProject(context.Background(), id, p); err != nil {
				t.Fatal(err)
			}
		}
	}
	setAgain := func(check plancheck.PlanCheck) resource.ConfigPlanChecks {
		return resource.ConfigPlanChecks{
			PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectAddr, plancheck.ResourceActionUpdate), check},
			PostApplyPostRefresh: expectEmptyPlan.PostApplyPostRefresh,
		}
	}
	translation := func(member string) tfjsonpath.Path {
		return tfjsonpath.New("localization_config").AtMapKey("additional_languages").AtSliceIndex(0).AtMapKey(member)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           projectConfig(e, "Look at the picture", false, russianName),
				ConfigPlanChecks: expectEmptyPlan,
				Check:            func(s *terraform.State) error { id = projectID(s); return nil },
			},
			{
				PreConfig: editInToloka(func(p *toloka.Project) {
					p.LocalizationConfig.AdditionalLanguages[0].PublicDescription = &toloka.LocalizedText{Value: "Добавлено", Source: "REQUESTER"}
				}),
				Config:           projectConfig(e, "Look at the picture", false, russianName),
				ConfigPlanChecks: setAgain(plancheck.ExpectKnownValue(projectAddr, translation("public_description"), knownvalue.Null())),
				Check:            checkRussianNameIn(t, e),
			},
			{
				PreConfig:        editInToloka(func(p *toloka.Project) { p.LocalizationConfig = nil }),
				Config:           projectConfig(e, "Look at the picture", false, russianName),
				ConfigPlanChecks: setAgain(plancheck.ExpectKnownValue(projectAddr, translation("public_name").AtMapKey("value"), knownvalue.StringExact("Кошки или собаки"))),
				Check:            checkRussianNameIn(t, e),
			},
		},
	})
}
