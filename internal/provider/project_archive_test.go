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

const issueExampleProject = `
resource "toloka_project" "cats" {
  public_name         = "Cats or dogs"
  public_description  = "Look at the picture and pick the animal"
  public_instructions = "<p>Pick one.</p>"
  private_comment     = "managed by terraform"
  task_spec = {
    input_spec  = { image = { type = "url" } }
    output_spec = { result = { type = "string", allowed_values = ["cat", "dog"] } }
    view_spec   = jsonencode({ type = "classic", markup = "{{img src=image}}", settings = { showTimer = true } })
  }
  archived = true
}
`

// archiveRequests counts the archive requests the emulator received.
func archiveRequests(e *testEmulator) int {
	return e.Requests()["POST /projects/{id}/archive"]
}

func TestAccProject_createArchived(t *testing.T) {
	e := newTestEmulator(t, 500*time.Millisecond)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config:            e.providerConfig() + issueExampleProject,
			ConfigPlanChecks:  expectEmptyPlan,
			ConfigStateChecks: []statecheck.StateCheck{expectStatus("ARCHIVED")},
			Check: resource.ComposeTestCheckFunc(
				checkEmulatorStatus(t, e, "ARCHIVED"),
				func(s *terraform.State) error {
					id = projectID(s)
					if n := archiveRequests(e); n != 1 {
						return fmt.Errorf("%d archive requests, want 1", n)
					}
					return nil
				},
			),
		}},
		// Destroying an archived project needs no call to Toloka.
		CheckDestroy: func(*terraform.State) error {
			if n := archiveRequests(e); n != 1 {
				return fmt.Errorf("%d archive requests after destroy, want 1", n)
			}
			return checkArchived(t, e, id)
		},
	})
}

func TestAccProject_archiveFails(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           projectConfig(e, "Fails to archive", false, ""),
				ConfigPlanChecks: expectEmptyPlan,
				Check: func(s *terraform.State) error {
					e.FailOperations(projectID(s), map[string]any{"reason": "emulated failure"})
					return nil
				},
			},
			{
				Config:      projectConfig(e, "Fails to archive, edited", true, ""),
				ExpectError: regexp.MustCompile(`(?s)operation [0-9a-f-]+.*PROJECT\.ARCHIVE.*emulated failure`),
			},
			{
				// The description change went through before the archive
				// failed; the state says so and still shows the project active.
				Config:             projectConfig(e, "Fails to archive, edited", false, ""),
				PlanOnly:           true,
				ExpectNonEmptyPlan: false,
			},
		},
	})
}

func TestAccProject_archiveTimeoutResumes(t *testing.T) {
	e := newTestEmulator(t, 4*time.Second)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           projectConfig(e, "Slow to archive", false, ""),
				ConfigPlanChecks: expectEmptyPlan,
			},
			{
				Config:      projectConfig(e, "Slow to archive", true, `timeouts = { update = "1s" }`),
				ExpectError: regexp.MustCompile(`(?s)Timed out.*operation [0-9a-f-]+.*PROJECT\.ARCHIVE.*same\s+operation`),
			},
			{
				Config: projectConfig(e, "Slow to archive", true, `timeouts = { update = "1m" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: expectEmptyPlan.PostApplyPostRefresh,
				},
				ConfigStateChecks: []statecheck.StateCheck{expectStatus("ARCHIVED")},
				Check: func(*terraform.State) error {
					if n := archiveRequests(e); n != 1 {
						return fmt.Errorf("%d archive requests, want 1: the second apply must wait on the first operation", n)
					}
					return nil
				},
			},
		},
	})
}

func TestAccProject_poolsBlockArchive(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	var pools []string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           projectConfig(e, "Has pools", false, ""),
				ConfigPlanChecks: expectEmptyPlan,
				Check: func(s *terraform.State) error {
					pools = []string{
						e.AddPool(projectID(s), "OPEN"),
						e.AddPool(projectID(s), "CLOSED"),
						e.AddPool(projectID(s), "ARCHIVED"),
					}
					return nil
				},
			},
			{
				Config:      projectConfig(e, "Has pools", true, ""),
				ExpectError: regexp.MustCompile(`(?s)unarchived pools.*pool [0-9]+ \(OPEN\).*pool [0-9]+ \(CLOSED\).*apply\s+again`),
			},
			{
				PreConfig: func() {
					for _, id := range pools {
						if err := e.SetPoolStatus(id, "ARCHIVED"); err != nil {
							t.Fatal(err)
						}
					}
				},
				Config:            projectConfig(e, "Has pools", true, ""),
				ConfigPlanChecks:  expectEmptyPlan,
				ConfigStateChecks: []statecheck.StateCheck{expectStatus("ARCHIVED")},
			},
		},
	})
}

func TestAccProject_disappears(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           projectConfig(e, "Vanishes", false, ""),
				ConfigPlanChecks: expectEmptyPlan,
				Check:            func(s *terraform.State) error { id = projectID(s); return nil },
			},
			{
				PreConfig: func() {
					if err := e.DeleteProject(id); err != nil {
						t.Fatal(err)
					}
				},
				Config: projectConfig(e, "Vanishes", false, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: expectEmptyPlan.PostApplyPostRefresh,
				},
				Check: func(s *terraform.State) error {
					if projectID(s) == id {
						return fmt.Errorf("project %s was not created again", id)
					}
					return nil
				},
			},
		},
	})
}

func TestAccProject_driftAndArchivedEdits(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: projectConfig(e, "Drifts", false, ""),
				Check: func(s *terraform.State) error {
					// Someone edits the project in the Toloka UI.
					c := e.client(t)
					p, err := c.GetProject(context.Background(), projectID(s))
					if err != nil {
						return err
					}
					p.PublicName = "Renamed by hand"
					_, err = c.UpdateProject(context.Background(), p.ID, p)
					return err
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config:             projectConfig(e, "Drifts", false, ""),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectAddr, plancheck.ResourceActionUpdate)},
				},
			},
			{
				Config:           projectConfig(e, "Drifts", true, ""),
				ConfigPlanChecks: expectEmptyPlan,
				ConfigStateChecks: []statecheck.StateCheck{
					expectStatus("ARCHIVED"),
					statecheck.ExpectKnownValue(projectAddr, tfjsonpath.New("public_name"), knownvalue.StringExact("Cats or dogs")),
				},
			},
			{
				// Toloka refuses edits of an archived project: the plan
				// replaces it instead of sending a doomed update.
				Config:             projectConfig(e, "Edited after archiving", true, ""),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPreRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
			},
		},
	})
}

// A create whose archive wait runs out keeps the project in the state (no
// orphan in Toloka), names the running operation and says how to resume.
func TestAccProject_createArchiveTimeout(t *testing.T) {
	e := newTestEmulator(t, 3*time.Second)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config:      projectConfig(e, "Slow at birth", true, `timeouts = { create = "1s" }`),
			ExpectError: regexp.MustCompile(`(?s)operation [0-9a-f]+.*PROJECT\.ARCHIVE.*terraform untaint`),
		}},
		// Destroy archives the tainted project, waiting on the same
		// operation rather than starting another.
		CheckDestroy: func(*terraform.State) error {
			if n := archiveRequests(e); n != 1 {
				return fmt.Errorf("%d archive requests, want 1", n)
			}
			projects, err := e.client(t).ListAllProjects(context.Background(), toloka.ProjectListOptions{})
			if err != nil {
				return err
			}
			if len(projects) != 1 || projects[0].Status != toloka.ProjectStatusArchived {
				return fmt.Errorf("Toloka has %d projects (%+v), want one, archived", len(projects), projects)
			}
			return nil
		},
	})
}

// projectWithPools is the example project (with extra attributes) and two
// pools, toloka_pool.first and toloka_pool.second, all archived or not.
func projectWithPools(e *testEmulator, archived bool, projectExtra string) string {
	pool := fmt.Sprintf("archived = %t", archived)
	return projectConfig(e, "Look at the picture", archived, projectExtra) +
		poolBlock("first", "First batch", pool) + poolBlock("second", "Second batch", pool)
}

// checkPoolsArchived checks that every pool of the project is archived in Toloka.
func checkPoolsArchived(t *testing.T, e *testEmulator, projectID string) error {
	pools, err := e.client(t).ListAllPools(context.Background(), toloka.PoolListOptions{ProjectID: projectID})
	if err != nil {
		return err
	}
	for _, p := range pools {
		if p.Status != toloka.PoolStatusArchived {
			return fmt.Errorf("pool %s of project %s is %s, want ARCHIVED", p.ID, projectID, p.Status)
		}
	}
	if len(pools) == 0 {
		return fmt.Errorf("project %s has no pools", projectID)
	}
	return nil
}

func TestAccProject_archivesItsPoolsInOneApply(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           projectWithPools(e, false, `archive_pools = true`),
				ConfigPlanChecks: expectEmptyPlan,
				Check: func(s *terraform.State) error {
					e.openPool(t, resourceID(s, "toloka_pool.first"))
					// A pool made outside Terraform, open too.
					e.AddPool(projectID(s), toloka.PoolStatusOpen)
					e.ResetRequests()
					return nil
				},
			},
			{
				Config: projectWithPools(e, true, `archive_pools = true`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(projectAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction("toloka_pool.first", plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction("toloka_pool.second", plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					expectStatus("ARCHIVED"),
					statecheck.ExpectKnownValue("toloka_pool.first", tfjsonpath.New("status"), knownvalue.StringExact("ARCHIVED")),
					statecheck.ExpectKnownValue("toloka_pool.second", tfjsonpath.New("status"), knownvalue.StringExact("ARCHIVED")),
				},
				Check: resource.ComposeTestCheckFunc(
					checkEmulatorStatus(t, e, "ARCHIVED"),
					func(s *terraform.State) error { return checkPoolsArchived(t, e, projectID(s)) },
					// The project's archive closed the two open pools, archived
					// the three pools, then the project; the pools' own updates
					// found them archived and sent nothing.
					expectRequests(e, map[string]int{
						"POST /pools/{id}/close": 2, "POST /pools/{id}/archive": 3, "POST /projects/{id}/archive": 1,
						"PUT /pools/{id}": 0,
					}),
				),
			},
		},
	})
}

func TestAccProject_poolsBlockArchiveWithoutOptIn(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           projectWithPools(e, false, ""),
				ConfigPlanChecks: expectEmptyPlan,
				Check: func(s *terraform.State) error {
					e.openPool(t, resourceID(s, "toloka_pool.first"))
					return nil
				},
			},
			{
				// Terraform updates the project before its pools: without the
				// opt-in, Toloka refuses and the error says how to go on.
				Config: projectWithPools(e, true, ""),
				ExpectError: regexp.MustCompile(`(?s)unarchived pools.*(` +
					`pool [0-9]+ \(OPEN\) "First batch".*pool [0-9]+ \(CLOSED\) "Second batch"|` +
					`pool [0-9]+ \(CLOSED\) "Second batch".*pool [0-9]+ \(OPEN\) "First batch")` +
					`.*archive_pools\s+=\s+true`),
			},
			{
				Config:            projectWithPools(e, true, `archive_pools = true`),
				ConfigPlanChecks:  expectEmptyPlan,
				ConfigStateChecks: []statecheck.StateCheck{expectStatus("ARCHIVED")},
				Check:             func(s *terraform.State) error { return checkPoolsArchived(t, e, projectID(s)) },
			},
		},
	})
}

func TestAccProject_destroyWithPools(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	var project string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config:           projectWithPools(e, false, ""),
			ConfigPlanChecks: expectEmptyPlan,
			Check: func(s *terraform.State) error {
				project = projectID(s)
				e.openPool(t, resourceID(s, "toloka_pool.first"))
				return nil
			},
		}},
		// Terraform destroys the pools first (each closed if open, then
		// archived), then the project, all in one run.
		CheckDestroy: func(*terraform.State) error {
			if err := checkArchived(t, e, project); err != nil {
				return err
			}
			return checkPoolsArchived(t, e, project)
		},
	})
}

func TestAccProject_destroyArchivesUnmanagedPools(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	var project string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config:           projectConfig(e, "Look at the picture", false, `archive_pools = true`),
			ConfigPlanChecks: expectEmptyPlan,
			Check: func(s *terraform.State) error {
				project = projectID(s)
				e.AddPool(project, toloka.PoolStatusOpen)
				e.AddPool(project, toloka.PoolStatusClosed)
				return nil
			},
		}},
		CheckDestroy: func(*terraform.State) error {
			if err := checkArchived(t, e, project); err != nil {
				return err
			}
			return checkPoolsArchived(t, e, project)
		},
	})
}
