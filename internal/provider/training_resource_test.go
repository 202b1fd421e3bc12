package provider

import (
	"context"
	"fmt"
	"regexp"
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

const trainingAddr = "toloka_training.qualification"

// trainingBlock is toloka_training.qualification, of the project
// toloka_project.cats, with the required attributes (inheriting the
// project's instructions, three tasks a suite) and extra ones.
func trainingBlock(privateName, extra string) string {
	return trainingBlockWith(privateName, true, 3, extra)
}

func trainingBlockWith(privateName string, inheritedInstructions bool, tasksInSuite int, extra string) string {
	return fmt.Sprintf(`
resource "toloka_training" "qualification" {
  project_id                         = toloka_project.cats.id
  private_name                       = %q
  inherited_instructions             = %t
  training_tasks_in_task_suite_count = %d
  %s
}
`, privateName, inheritedInstructions, tasksInSuite, extra)
}

// trainingConfig is the example project with one training,
// toloka_training.qualification.
func trainingConfig(e *testEmulator, privateName, extra string) string {
	return projectConfig(e, "Look at the picture", false, "") + trainingBlock(privateName, extra)
}

// trainingIn returns the training as Toloka has it.
func (e *testEmulator) trainingIn(t *testing.T, id string) *toloka.Training {
	t.Helper()
	tr, err := e.client(t).GetTraining(context.Background(), id)
	if err != nil {
		t.Fatalf("reading training %s: %v", id, err)
	}
	return tr
}

// openTraining gives the training tasks and opens it outside Terraform, as
// a requester does after uploading tasks.
func (e *testEmulator) openTraining(t *testing.T, id string) {
	t.Helper()
	e.openWith(t, id, e.SetTrainingHasTasks, (*toloka.Client).OpenTraining)
}

// checkTrainingIn checks the status and close reason of a training in Toloka.
func checkTrainingIn(t *testing.T, e *testEmulator, addr, status, closeReason string) resource.TestCheckFunc {
	return checkStatusIn(addr, "training", status, closeReason, func(id string) (string, string) {
		tr := e.trainingIn(t, id)
		return tr.Status, tr.LastCloseReason
	})
}

func expectTrainingValue(attribute string, value knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(trainingAddr, tfjsonpath.New(attribute), value)
}

// fullTrainingAttributes sets every optional attribute of a training.
const fullTrainingAttributes = `
  public_instructions             = "<p>Cats meow, dogs bark.</p>"
  may_contain_adult_content       = true
  assignment_max_duration_seconds = 600
  mix_tasks_in_creation_order     = false
  shuffle_tasks_in_task_suite     = false
  task_suites_required_to_pass    = 2
  retry_training_after_days       = 7
  metadata                        = { team = ["vision", "pets"] }
`

func TestAccTraining_lifecycle(t *testing.T) {
	e := newTestEmulator(t, 300*time.Millisecond)
	var id string
	full := func(name string, tasksInSuite int) string {
		return projectConfig(e, "Look at the picture", false, "") +
			trainingBlockWith(name, false, tasksInSuite, fullTrainingAttributes)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: full("Cats, qualification", 3),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(trainingAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					expectTrainingValue("status", knownvalue.StringExact("CLOSED")),
					expectTrainingValue("archived", knownvalue.Bool(false)),
					expectTrainingValue("last_close_reason", knownvalue.Null()),
					expectTrainingValue("last_started", knownvalue.Null()),
					expectTrainingValue("created", knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?$`))),
				},
				Check: func(s *terraform.State) error {
					id = resourceID(s, trainingAddr)
					tr := e.trainingIn(t, id)
					if tr.ProjectID != resourceID(s, projectAddr) || tr.InheritedInstructions || *tr.PublicInstructions != "<p>Cats meow, dogs bark.</p>" ||
						!*tr.MayContainAdultContent || *tr.AssignmentMaxDurationSeconds != 600 || *tr.MixTasksInCreationOrder ||
						*tr.ShuffleTasksInTaskSuite || tr.TrainingTasksInTaskSuiteCount != 3 || *tr.TaskSuitesRequiredToPass != 2 ||
						*tr.RetryTrainingAfterDays != 7 || len(tr.Metadata["team"]) != 2 {
						return fmt.Errorf("Toloka has training %+v", tr)
					}
					e.ResetRequests()
					return nil
				},
			},
			{
				// A closed training is edited directly: no operation at all.
				Config: full("Cats, qualification, renamed", 5),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(trainingAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					expectTrainingValue("status", knownvalue.StringExact("CLOSED")),
					expectTrainingValue("training_tasks_in_task_suite_count", knownvalue.Int64Exact(5)),
				},
				Check: resource.ComposeTestCheckFunc(
					expectRequests(e, map[string]int{
						"PUT /trainings/{id}": 1, "POST /trainings/{id}/close-for-update": 0, "POST /trainings/{id}/open": 0,
						"POST /trainings/{id}/close": 0,
					}),
					func(s *terraform.State) error {
						if tr := e.trainingIn(t, id); tr.PrivateName != "Cats, qualification, renamed" || tr.TrainingTasksInTaskSuiteCount != 5 {
							return fmt.Errorf("Toloka has %q with %d tasks a suite", tr.PrivateName, tr.TrainingTasksInTaskSuiteCount)
						}
						e.openTraining(t, id)
						e.ResetRequests()
						return nil
					},
				),
			},
			{
				// An open training is closed for update, edited and reopened
				// by the provider: Toloka reopens only main pools by itself.
				Config: full("Cats, qualification, renamed", 4),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(trainingAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					expectTrainingValue("status", knownvalue.StringExact("OPEN")),
					expectTrainingValue("last_close_reason", knownvalue.StringExact("FOR_UPDATE")),
					expectTrainingValue("training_tasks_in_task_suite_count", knownvalue.Int64Exact(4)),
				},
				Check: resource.ComposeTestCheckFunc(
					expectRequests(e, map[string]int{
						"POST /trainings/{id}/close-for-update": 1, "PUT /trainings/{id}": 1, "POST /trainings/{id}/open": 1,
						"POST /trainings/{id}/close": 0,
					}),
					checkTrainingIn(t, e, trainingAddr, "OPEN", "FOR_UPDATE"),
				),
			},
			{
				ResourceName:            trainingAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
		},
		// Destroy closes the open training, then archives it.
		CheckDestroy: func(*terraform.State) error {
			if tr := e.trainingIn(t, id); tr.Status != toloka.PoolStatusArchived || tr.LastCloseReason != "MANUAL" {
				return fmt.Errorf("training %s is %s (closed: %q) after destroy, want ARCHIVED after a MANUAL close",
					id, tr.Status, tr.LastCloseReason)
			}
			return nil
		},
	})
}

func TestAccTraining_defaultsFromToloka(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           trainingConfig(e, "Only the required attributes", ""),
				ConfigPlanChecks: expectEmptyPlan,
				ConfigStateChecks: []statecheck.StateCheck{
					// Toloka's defaults fill the attributes left out, without a diff.
					expectTrainingValue("may_contain_adult_content", knownvalue.Bool(false)),
					expectTrainingValue("mix_tasks_in_creation_order", knownvalue.Bool(true)),
					expectTrainingValue("shuffle_tasks_in_task_suite", knownvalue.Bool(true)),
					expectTrainingValue("public_instructions", knownvalue.Null()),
					expectTrainingValue("metadata", knownvalue.Null()),
				},
			},
			{
				// An edit keeps what Toloka filled in.
				Config:           trainingConfig(e, "Only the required attributes, renamed", ""),
				ConfigPlanChecks: expectEmptyPlan,
				ConfigStateChecks: []statecheck.StateCheck{
					expectTrainingValue("mix_tasks_in_creation_order", knownvalue.Bool(true)),
					expectTrainingValue("private_name", knownvalue.StringExact("Only the required attributes, renamed")),
				},
			},
			{
				ResourceName:            trainingAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
		},
	})
}

func TestAccTraining_archiveTimeoutResumes(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           trainingConfig(e, "Slow", ""),
				ConfigPlanChecks: expectEmptyPlan,
				Check: func(s *terraform.State) error {
					e.openTraining(t, resourceID(s, trainingAddr))
					e.SetOperationDelay(3 * time.Second)
					e.ResetRequests()
					return nil
				},
			},
			{
				Config:      trainingConfig(e, "Slow", `archived = true`+"\n"+`timeouts = { update = "1s" }`),
				ExpectError: regexp.MustCompile(`(?s)Timed out.*operation [0-9a-f]+.*TRAINING\.CLOSE.*same\s+operation`),
			},
			{
				PreConfig: func() { e.SetOperationDelay(200 * time.Millisecond) },
				Config:    trainingConfig(e, "Slow", `archived = true`+"\n"+`timeouts = { update = "1m" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(trainingAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					expectTrainingValue("status", knownvalue.StringExact("ARCHIVED")),
					expectTrainingValue("last_close_reason", knownvalue.StringExact("MANUAL")),
				},
				// The second apply waits on the first close, kept in private
				// state, instead of sending another.
				Check: expectRequests(e, map[string]int{"POST /trainings/{id}/close": 1, "POST /trainings/{id}/archive": 1}),
			},
		},
	})
}

func TestAccTraining_driftByToloka(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	var first, second string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           trainingConfig(e, "Idle", ""),
				ConfigPlanChecks: expectEmptyPlan,
				Check:            func(s *terraform.State) error { first = resourceID(s, trainingAddr); return nil },
			},
			{
				// Idle for 30 days: Toloka archives the training by itself.
				// It cannot unarchive: the plan shows the archived training
				// replaced by a new one, and the apply succeeds.
				PreConfig: func() {
					if err := e.AutoArchiveTraining(first); err != nil {
						t.Fatal(err)
					}
				},
				Config: trainingConfig(e, "Idle", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(trainingAddr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{expectTrainingValue("status", knownvalue.StringExact("CLOSED"))},
				Check: func(s *terraform.State) error {
					if second = resourceID(s, trainingAddr); second == first {
						return fmt.Errorf("training %s was not replaced", first)
					}
					return nil
				},
			},
			{
				// Accepting Toloka's archive instead: archived = true on an
				// archived training is no change at all.
				PreConfig: func() {
					if err := e.AutoArchiveTraining(second); err != nil {
						t.Fatal(err)
					}
				},
				Config:           trainingConfig(e, "Idle", `archived = true`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// Toloka refuses edits of an archived training: the plan replaces it.
				Config:             trainingConfig(e, "Idle, edited after archiving", `archived = true`),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPreRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(trainingAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
			},
		},
	})
}

func TestAccTraining_disappears(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           trainingConfig(e, "Vanishes", ""),
				ConfigPlanChecks: expectEmptyPlan,
				Check:            func(s *terraform.State) error { id = resourceID(s, trainingAddr); return nil },
			},
			{
				PreConfig: func() {
					if err := e.DeleteTraining(id); err != nil {
						t.Fatal(err)
					}
				},
				Config: trainingConfig(e, "Vanishes", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(trainingAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(s *terraform.State) error {
					if resourceID(s, trainingAddr) == id {
						return fmt.Errorf("training %s was not created again", id)
					}
					return nil
				},
			},
		},
	})
}
