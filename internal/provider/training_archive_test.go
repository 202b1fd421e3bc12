package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
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

const requiringPoolAddr = "toloka_pool.main"

// qualifiedPoolBlock is toloka_pool.main, which admits only Tolokers who
// pass toloka_training.qualification with the given score.
func qualifiedPoolBlock(passingSkillValue int, extra string) string {
	return poolBlock("main", "Cats, main pool", fmt.Sprintf(`
  training_requirement = {
    training_id         = toloka_training.qualification.id
    passing_skill_value = %d
  }
  quality_control = jsonencode({
    configs = [{
      collector_config = { type = "ASSIGNMENT_SUBMIT_TIME", parameters = { fast_submit_threshold_seconds = 15 } }
      rules = [{
        conditions = [{ key = "fast_submitted_count", operator = "GTE", value = 2 }]
        action     = { type = "RESTRICTION_V2", parameters = { scope = "PROJECT", duration_unit = "PERMANENT" } }
      }]
    }]
  })
  %s`, passingSkillValue, extra))
}

// qualifiedPoolConfig is the example project, its training, and a main pool
// that requires the training, each archived or not.
func qualifiedPoolConfig(e *testEmulator, projectArchived, trainingArchived, poolArchived bool, projectExtra string) string {
	return projectConfig(e, "Look at the picture", projectArchived, projectExtra) +
		trainingBlock("Cats, qualification", fmt.Sprintf("archived = %t", trainingArchived)) +
		qualifiedPoolBlock(80, fmt.Sprintf("archived = %t", poolArchived))
}

// checkRequirementIn checks that the pool requires the training in Toloka,
// with this passing score, its other quality control rules kept.
func checkRequirementIn(t *testing.T, e *testEmulator, passingSkillValue int64) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		p := e.poolIn(t, resourceID(s, requiringPoolAddr))
		var qc struct {
			TrainingRequirement struct {
				TrainingPoolID            string `json:"training_pool_id"`
				TrainingPassingSkillValue int64  `json:"training_passing_skill_value"`
			} `json:"training_requirement"`
			Configs []json.RawMessage `json:"configs"`
		}
		if err := json.Unmarshal(p.QualityControl, &qc); err != nil {
			return err
		}
		want := resourceID(s, trainingAddr)
		if r := qc.TrainingRequirement; r.TrainingPoolID != want || r.TrainingPassingSkillValue != passingSkillValue || len(qc.Configs) != 1 {
			return fmt.Errorf("pool %s has quality_control %s in Toloka, want training %s at %d and one config",
				p.ID, p.QualityControl, want, passingSkillValue)
		}
		return nil
	}
}

// qualityControlWithoutRequirement checks that the pool's quality_control
// in the state leaves the requirement to training_requirement.
func qualityControlWithoutRequirement(s *terraform.State) error {
	qc := s.RootModule().Resources[requiringPoolAddr].Primary.Attributes["quality_control"]
	if strings.Contains(qc, "training_requirement") || !strings.Contains(qc, "ASSIGNMENT_SUBMIT_TIME") {
		return fmt.Errorf("the pool's quality_control in the state is %s, want its rules without the requirement", qc)
	}
	return nil
}

func TestAccTraining_poolRequiresItInOneApply(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	var pool, training string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: qualifiedPoolConfig(e, false, false, false, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(trainingAddr, plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction(requiringPoolAddr, plancheck.ResourceActionCreate),
						// The plan shows the dependency, and the rest of the
						// quality control is known.
						plancheck.ExpectUnknownValue(requiringPoolAddr, tfjsonpath.New("training_requirement").AtMapKey("training_id")),
						plancheck.ExpectKnownValue(requiringPoolAddr, tfjsonpath.New("training_requirement").AtMapKey("passing_skill_value"), knownvalue.Int64Exact(80)),
						plancheck.ExpectKnownValue(requiringPoolAddr, tfjsonpath.New("quality_control"),
							knownvalue.StringRegexp(regexp.MustCompile(`ASSIGNMENT_SUBMIT_TIME`))),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(requiringPoolAddr, tfjsonpath.New("quality_control"),
						knownvalue.StringRegexp(regexp.MustCompile(`^[^ ]*"configs"[^ ]*$`))),
				},
				Check: resource.ComposeTestCheckFunc(
					checkRequirementIn(t, e, 80),
					resource.TestCheckResourceAttrPair(requiringPoolAddr, "training_requirement.training_id", trainingAddr, "id"),
					qualityControlWithoutRequirement,
					func(s *terraform.State) error {
						pool, training = resourceID(s, requiringPoolAddr), resourceID(s, trainingAddr)
						return nil
					},
				),
			},
			{
				// Left out, the requirement stays as Toloka has it.
				Config: projectConfig(e, "Look at the picture", false, "") +
					trainingBlock("Cats, qualification", "") + poolBlock("main", "Cats, main pool", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check: func(s *terraform.State) error {
					e.ResetRequests()
					return checkRequirementIn(t, e, 80)(s)
				},
			},
			{
				Config: projectConfig(e, "Look at the picture", false, "") +
					trainingBlock("Cats, qualification", "") + qualifiedPoolBlock(90, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(requiringPoolAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction(trainingAddr, plancheck.ResourceActionNoop),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(
					checkRequirementIn(t, e, 90),
					expectRequests(e, map[string]int{"PUT /pools/{id}": 1, "PUT /trainings/{id}": 0}),
				),
			},
			{
				// Imported, the pool plans no change: quality_control then
				// holds the requirement as Toloka spells it, which the
				// configuration's training_requirement matches.
				ResourceName:    requiringPoolAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
		},
		// Terraform destroys the pool (archived) before the training it
		// requires, which Toloka then archives.
		CheckDestroy: func(*terraform.State) error {
			if p := e.poolIn(t, pool); p.Status != toloka.PoolStatusArchived {
				return fmt.Errorf("pool %s is %s after destroy, want ARCHIVED", pool, p.Status)
			}
			if tr := e.trainingIn(t, training); tr.Status != toloka.PoolStatusArchived {
				return fmt.Errorf("training %s is %s after destroy, want ARCHIVED", training, tr.Status)
			}
			return nil
		},
	})
}

// requirementInQualityControl is toloka_pool.main requiring the training
// inside its quality_control, as the API spells it.
func requirementInQualityControl(passingSkillValue int) string {
	return poolBlock("main", "Cats, main pool", fmt.Sprintf(`
  quality_control = jsonencode({
    training_requirement = { training_pool_id = toloka_training.qualification.id, training_passing_skill_value = %d }
    configs = [{
      collector_config = { type = "ASSIGNMENT_SUBMIT_TIME", parameters = { fast_submit_threshold_seconds = 15 } }
      rules = [{
        conditions = [{ key = "fast_submitted_count", operator = "GTE", value = 2 }]
        action     = { type = "RESTRICTION_V2", parameters = { scope = "PROJECT", duration_unit = "PERMANENT" } }
      }]
    }]
  })`, passingSkillValue))
}

// The requirement may be written inside quality_control instead, and moved
// from one place to the other with no change at all; imported, either
// configuration plans none.
func TestAccTraining_requirementInQualityControl(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	base := projectConfig(e, "Look at the picture", false, "") + trainingBlock("Cats, qualification", "")
	noChange := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
	requirement := statecheck.ExpectKnownValue(requiringPoolAddr, tfjsonpath.New("training_requirement"),
		knownvalue.ObjectExact(map[string]knownvalue.Check{
			"training_id": knownvalue.NotNull(), "passing_skill_value": knownvalue.Int64Exact(70),
		}))
	importPlansNothing := resource.TestStep{ResourceName: requiringPoolAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID}
	inside := func(step resource.TestStep) resource.TestStep {
		step.Config = base + requirementInQualityControl(70)
		return step
	}
	attribute := func(step resource.TestStep) resource.TestStep {
		step.Config = base + qualifiedPoolBlock(70, "")
		return step
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:            base + requirementInQualityControl(70),
				ConfigPlanChecks:  expectEmptyPlan,
				ConfigStateChecks: []statecheck.StateCheck{requirement},
				Check: func(s *terraform.State) error {
					e.ResetRequests()
					return checkRequirementIn(t, e, 70)(s)
				},
			},
			inside(importPlansNothing),
			{
				// Left out in both places, the requirement stays.
				Config:            base + poolBlock("main", "Cats, main pool", ""),
				ConfigPlanChecks:  noChange,
				ConfigStateChecks: []statecheck.StateCheck{requirement},
			},
			attribute(resource.TestStep{ConfigPlanChecks: noChange, ConfigStateChecks: []statecheck.StateCheck{requirement}}),
			attribute(importPlansNothing),
			inside(resource.TestStep{ConfigPlanChecks: noChange}),
			{
				// Changed inside quality_control, it is sent there.
				Config: base + requirementInQualityControl(85),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(requiringPoolAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(requiringPoolAddr, tfjsonpath.New("training_requirement").AtMapKey("passing_skill_value"), knownvalue.Int64Exact(85)),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(checkRequirementIn(t, e, 85), expectRequests(e, map[string]int{"PUT /pools/{id}": 1})),
			},
			{
				// Changed by training_requirement while quality_control,
				// left out, holds the old one: the plan shows both.
				Config: base + poolBlock("main", "Cats, main pool",
					"training_requirement = { training_id = toloka_training.qualification.id, passing_skill_value = 90 }"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(requiringPoolAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(requiringPoolAddr, tfjsonpath.New("quality_control"),
							knownvalue.StringRegexp(regexp.MustCompile(`"training_passing_skill_value":90`))),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(checkRequirementIn(t, e, 90), expectRequests(e, map[string]int{"PUT /pools/{id}": 2})),
			},
		},
	})
}

func TestAccTraining_archiveBlockedByPool(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           qualifiedPoolConfig(e, false, false, false, ""),
				ConfigPlanChecks: expectEmptyPlan,
			},
			{
				Config: qualifiedPoolConfig(e, false, true, false, ""),
				ExpectError: regexp.MustCompile(`(?s)Pools still require the training.*Training [0-9]+ is still required.*` +
					`pool [0-9]+ \(CLOSED\) "Cats, main pool".*archive_pools\s+=\s+true`),
			},
			{
				// Terraform applies the training's change before the pool's:
				// archiving both in one apply is still refused.
				Config:      qualifiedPoolConfig(e, false, true, true, ""),
				ExpectError: regexp.MustCompile(`(?s)Pools still require the training.*pool [0-9]+ \(CLOSED\) "Cats, main pool"`),
			},
			{
				Config:           qualifiedPoolConfig(e, false, false, true, ""),
				ConfigPlanChecks: expectEmptyPlan,
				Check:            checkPoolIn(t, e, requiringPoolAddr, "ARCHIVED", ""),
			},
			{
				Config:           qualifiedPoolConfig(e, false, true, true, ""),
				ConfigPlanChecks: expectEmptyPlan,
				Check:            checkTrainingIn(t, e, trainingAddr, "ARCHIVED", ""),
			},
		},
	})
}

// operationLog lists the operations Toloka ran, in submission order, as
// "TYPE id" with the ID of the object each ran on.
func operationLog(t *testing.T, e *testEmulator) []string {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, e.apiURL+"/operations?limit=500", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "ApiKey "+testAPIKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var page struct {
		Items []struct {
			Type       string            `json:"type"`
			Parameters map[string]string `json:"parameters"`
		} `json:"items"`
		HasMore bool `json:"has_more"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&page); err != nil || page.HasMore {
		t.Fatalf("listing operations: %v (more pages: %t)", err, page.HasMore)
	}
	log := make([]string, len(page.Items))
	for i, op := range page.Items {
		var ids []string
		for _, id := range op.Parameters {
			ids = append(ids, id)
		}
		log[i] = op.Type + " " + strings.Join(ids, ",")
	}
	return log
}

func TestAccTraining_projectArchivesPoolThenTraining(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	var opened int
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           qualifiedPoolConfig(e, false, false, false, ""),
				ConfigPlanChecks: expectEmptyPlan,
				Check: func(s *terraform.State) error {
					e.openTraining(t, resourceID(s, trainingAddr))
					e.openPool(t, resourceID(s, requiringPoolAddr))
					opened = len(operationLog(t, e))
					return nil
				},
			},
			{
				// Without archive_pools, Toloka refuses, and the error names
				// the pool and the training.
				Config: qualifiedPoolConfig(e, true, false, false, ""),
				ExpectError: regexp.MustCompile(`(?s)unarchived pools.*pool [0-9]+ \(OPEN\) "Cats, main pool".*` +
					`training [0-9]+ \(OPEN\) "Cats, qualification".*archive_pools\s+=\s+true`),
			},
			{
				// With it, one apply archives the pool, the training, then the
				// project: Terraform updates the project first.
				Config: qualifiedPoolConfig(e, true, true, true, "archive_pools = true"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(projectAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction(trainingAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction(requiringPoolAddr, plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					expectStatus("ARCHIVED"),
					expectTrainingValue("status", knownvalue.StringExact("ARCHIVED")),
					statecheck.ExpectKnownValue(requiringPoolAddr, tfjsonpath.New("status"), knownvalue.StringExact("ARCHIVED")),
				},
				Check: func(s *terraform.State) error {
					pool, training, project := resourceID(s, requiringPoolAddr), resourceID(s, trainingAddr), projectID(s)
					want := []string{
						"POOL.CLOSE " + pool, "POOL.ARCHIVE " + pool,
						"TRAINING.CLOSE " + training, "TRAINING.ARCHIVE " + training,
						"PROJECT.ARCHIVE " + project,
					}
					if got := operationLog(t, e)[opened:]; !slices.Equal(got, want) {
						return fmt.Errorf("Toloka ran %q, want %q", got, want)
					}
					return nil
				},
			},
		},
	})
}

// The training data sources read what the resource made, and list
// trainings by project and status, sorted, over several pages.
func TestAccDataSources_trainings(t *testing.T) {
	e := newTestEmulator(t, 100*time.Millisecond)
	c := e.client(t)
	ctx := context.Background()
	objs := makeTestObjects(t, e)
	var ids []string
	for i, project := range []string{"p-1", "p-1", "p-3", "p-1", "p-1"} {
		// Creation times, in milliseconds, differ from one training to the next.
		time.Sleep(3 * time.Millisecond)
		tr, err := c.CreateTraining(ctx, &toloka.Training{
			ProjectID: objs.projects[project], PrivateName: fmt.Sprintf("Training %d", i+1), TrainingTasksInTaskSuiteCount: 1,
		})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, tr.ID)
	}
	e.openTraining(t, ids[3])
	config := e.providerConfig() + fmt.Sprintf(`
data "toloka_trainings" "of_p1" {
  project_id = %[1]q
}

data "toloka_trainings" "closed_of_p1_newest_first" {
  project_id = %[1]q
  status     = "CLOSED"
  sort       = "-created"
}

data "toloka_trainings" "everywhere" {}

data "toloka_training" "open" {
  id = %[2]q
}
`, objs.projects["p-1"], ids[3])
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:      e.providerConfig() + `data "toloka_training" "gone" { id = "30009999" }`,
				ExpectError: regexp.MustCompile(`(?s)Could not read the Toloka training.*30009999.*DOES_NOT_EXIST`),
			},
			{
				Config:      e.providerConfig() + `data "toloka_trainings" "bad" { sort = "-private_name" }`,
				ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Value Match.*sort`),
			},
			{
				PreConfig:        e.ResetRequests,
				Config:           config,
				ConfigPlanChecks: expectEmptyPlan,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.toloka_trainings.of_p1", tfjsonpath.New("trainings"),
						names("private_name", "Training 1", "Training 2", "Training 4", "Training 5")),
					statecheck.ExpectKnownValue("data.toloka_trainings.closed_of_p1_newest_first", tfjsonpath.New("trainings"),
						names("private_name", "Training 5", "Training 2", "Training 1")),
					statecheck.ExpectKnownValue("data.toloka_trainings.everywhere", tfjsonpath.New("trainings"),
						names("private_name", "Training 1", "Training 2", "Training 3", "Training 4", "Training 5")),
					statecheck.ExpectKnownValue("data.toloka_training.open", tfjsonpath.New("status"), knownvalue.StringExact("OPEN")),
					statecheck.ExpectKnownValue("data.toloka_training.open", tfjsonpath.New("mix_tasks_in_creation_order"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.toloka_training.open", tfjsonpath.New("project_id"), knownvalue.StringExact(objs.projects["p-1"])),
				},
				Check: checkPagedRequests(e, "GET /trainings", 4),
			},
		},
	})
}
