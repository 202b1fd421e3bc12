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

const poolAddr = "toloka_pool.batch"

// poolBlock is a toloka_pool of the project toloka_project.cats with the
// required attributes and extra ones.
func poolBlock(name, privateName, extra string) string {
	return fmt.Sprintf(`
resource "toloka_pool" %q {
  project_id                      = toloka_project.cats.id
  private_name                    = %q
  reward_per_assignment           = 0.05
  assignment_max_duration_seconds = 600
  will_expire                     = "2030-01-02T03:04:05"
  defaults                        = { default_overlap_for_new_task_suites = 3 }
  %s
}
`, name, privateName, extra)
}

// poolConfig is the issue's example project with one pool, toloka_pool.batch.
func poolConfig(e *testEmulator, privateName, extra string) string {
	return projectConfig(e, "Look at the picture", false, "") + poolBlock("batch", privateName, extra)
}

// resourceID reads a resource's id from the state.
func resourceID(s *terraform.State, addr string) string {
	return s.RootModule().Resources[addr].Primary.ID
}

// poolIn returns the pool as Toloka has it.
func (e *testEmulator) poolIn(t *testing.T, id string) *toloka.Pool {
	t.Helper()
	p, err := e.client(t).GetPool(context.Background(), id)
	if err != nil {
		t.Fatalf("reading pool %s: %v", id, err)
	}
	return p
}

// openPool gives the pool tasks and opens it outside Terraform, as a
// requester does after uploading tasks.
func (e *testEmulator) openPool(t *testing.T, id string) {
	t.Helper()
	e.openWith(t, id, e.SetPoolHasTasks, (*toloka.Client).OpenPool)
}

// openWith gives an object that opens (a pool, a training) tasks and opens
// it, waiting on the operation.
func (e *testEmulator) openWith(t *testing.T, id string, setHasTasks func(string, bool) error,
	open func(*toloka.Client, context.Context, string) (*toloka.Operation, error)) {
	t.Helper()
	if err := setHasTasks(id, true); err != nil {
		t.Fatal(err)
	}
	c := e.client(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	op, err := open(c, ctx, id)
	if err == nil && op != nil {
		_, err = c.WaitOperation(ctx, op)
	}
	if err != nil {
		t.Fatalf("opening %s: %v", id, err)
	}
}

// checkPoolIn checks the status and close reason of a pool in Toloka itself.
func checkPoolIn(t *testing.T, e *testEmulator, addr, status, closeReason string) resource.TestCheckFunc {
	return checkStatusIn(addr, "pool", status, closeReason, func(id string) (string, string) {
		p := e.poolIn(t, id)
		return p.Status, p.LastCloseReason
	})
}

// checkStatusIn checks the status and close reason of an object that opens
// and closes, as get reads them from Toloka.
func checkStatusIn(addr, kind, status, closeReason string, get func(id string) (string, string)) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id := resourceID(s, addr)
		if got, reason := get(id); got != status || reason != closeReason {
			return fmt.Errorf("%s %s is %s (closed: %q) in Toloka, want %s (closed: %q)", kind, id, got, reason, status, closeReason)
		}
		return nil
	}
}

// expectRequests checks request counts by endpoint.
func expectRequests(e *testEmulator, want map[string]int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got := e.Requests()
		for endpoint, n := range want {
			if got[endpoint] != n {
				return fmt.Errorf("%d requests %s, want %d (all: %v)", got[endpoint], endpoint, n, got)
			}
		}
		return nil
	}
}

func expectPoolStatus(status string) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(poolAddr, tfjsonpath.New("status"), knownvalue.StringExact(status))
}

// fullPoolAttributes sets every optional attribute of a pool.
const fullPoolAttributes = `
  private_comment                         = "managed by terraform"
  public_description                      = "Pick the animal"
  public_instructions                     = "<p>Cats meow.</p>"
  may_contain_adult_content               = false
  auto_accept_solutions                   = true
  auto_accept_period_day                  = 14
  auto_close_after_complete_delay_seconds = 3600
  priority                                = 30
  assignments_issuing_config              = { issue_task_suites_in_creation_order = true }
  filter = jsonencode({ and = [{ or = [{ category = "profile", key = "languages", operator = "IN", value = "EN" }] }] })
  quality_control = jsonencode({
    configs = [{
      collector_config = { type = "ASSIGNMENT_SUBMIT_TIME", parameters = { fast_submit_threshold_seconds = 15 } }
      rules = [{
        conditions = [{ key = "fast_submitted_count", operator = "GTE", value = 2 }]
        action     = { type = "RESTRICTION_V2", parameters = { scope = "PROJECT", duration_unit = "PERMANENT" } }
      }]
    }]
  })
  mixer_config           = jsonencode({ real_tasks_count = 5, golden_tasks_count = 1, training_tasks_count = 0 })
  dynamic_overlap_config = jsonencode({ type = "BASIC", max_overlap = 5, min_confidence = 0.8, answer_weight_skill_id = "42", fields = [{ name = "result" }] })
  speed_quality_balance  = { type = "TOP_PERCENTAGE_BY_QUALITY", percent = 80 }
  training_config        = { training_skill_ttl_days = 7 }
  metadata               = { team = ["vision", "pets"] }
`

func TestAccPool_create(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: poolConfig(e, "Cats, first batch", fullPoolAttributes),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(poolAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					expectPoolStatus("CLOSED"),
					statecheck.ExpectKnownValue(poolAddr, tfjsonpath.New("archived"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(poolAddr, tfjsonpath.New("will_expire"), knownvalue.StringExact("2030-01-02T03:04:05")),
					statecheck.ExpectKnownValue(poolAddr, tfjsonpath.New("last_close_reason"), knownvalue.Null()),
					statecheck.ExpectKnownValue(poolAddr, tfjsonpath.New("defaults").AtMapKey("default_overlap_for_new_tasks"), knownvalue.Null()),
					statecheck.ExpectKnownValue(poolAddr, tfjsonpath.New("created"),
						knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?$`))),
				},
				Check: func(s *terraform.State) error {
					id = resourceID(s, poolAddr)
					p := e.poolIn(t, id)
					if p.ProjectID != resourceID(s, projectAddr) || *p.RewardPerAssignment != 0.05 || *p.Priority != 30 ||
						*p.AutoAcceptPeriodDay != 14 || p.SpeedQualityBalance.Type != "TOP_PERCENTAGE_BY_QUALITY" ||
						*p.TrainingConfig.TrainingSkillTTLDays != 7 || len(p.Metadata["team"]) != 2 || len(p.MixerConfig) == 0 {
						return fmt.Errorf("Toloka has pool %+v", p)
					}
					return nil
				},
			},
			{
				ResourceName:            poolAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if p := e.poolIn(t, id); p.Status != toloka.PoolStatusArchived {
				return fmt.Errorf("pool %s is %s after destroy, want ARCHIVED", id, p.Status)
			}
			return nil
		},
	})
}

func TestAccPool_defaultsFromToloka(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config:           poolConfig(e, "Only the required attributes", ""),
			ConfigPlanChecks: expectEmptyPlan,
			ConfigStateChecks: []statecheck.StateCheck{
				// Toloka's defaults fill the attributes left out, without a diff.
				statecheck.ExpectKnownValue(poolAddr, tfjsonpath.New("auto_accept_period_day"), knownvalue.Int64Exact(21)),
				statecheck.ExpectKnownValue(poolAddr, tfjsonpath.New("priority"), knownvalue.Int64Exact(0)),
				statecheck.ExpectKnownValue(poolAddr, tfjsonpath.New("may_contain_adult_content"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(poolAddr, tfjsonpath.New("filter"), knownvalue.Null()),
			},
		}},
	})
}

func TestAccPool_updateClosed(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           poolConfig(e, "Cats", `priority = 10`),
				ConfigPlanChecks: expectEmptyPlan,
				Check:            func(*terraform.State) error { e.ResetRequests(); return nil },
			},
			{
				Config: poolConfig(e, "Cats, renamed", `priority = 20`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(poolAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					expectPoolStatus("CLOSED"),
					statecheck.ExpectKnownValue(poolAddr, tfjsonpath.New("private_name"), knownvalue.StringExact("Cats, renamed")),
					statecheck.ExpectKnownValue(poolAddr, tfjsonpath.New("priority"), knownvalue.Int64Exact(20)),
				},
				Check: resource.ComposeTestCheckFunc(
					// A closed pool is edited directly: no operation at all.
					expectRequests(e, map[string]int{
						"PUT /pools/{id}": 1, "POST /pools/{id}/close-for-update": 0, "POST /pools/{id}/open": 0,
						"POST /pools/{id}/close": 0,
					}),
					func(s *terraform.State) error {
						if p := e.poolIn(t, resourceID(s, poolAddr)); p.PrivateName != "Cats, renamed" || *p.Priority != 20 {
							return fmt.Errorf("Toloka has %q, priority %d", p.PrivateName, *p.Priority)
						}
						return nil
					},
				),
			},
		},
	})
}

func TestAccPool_updateOpen(t *testing.T) {
	e := newTestEmulator(t, 300*time.Millisecond)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           poolConfig(e, "Cats", `public_description = "Pick one"`),
				ConfigPlanChecks: expectEmptyPlan,
				Check: func(s *terraform.State) error {
					e.openPool(t, resourceID(s, poolAddr))
					e.ResetRequests()
					return nil
				},
			},
			{
				Config: poolConfig(e, "Cats", `public_description = "Pick the animal you see"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(poolAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					expectPoolStatus("OPEN"),
					statecheck.ExpectKnownValue(poolAddr, tfjsonpath.New("public_description"), knownvalue.StringExact("Pick the animal you see")),
					statecheck.ExpectKnownValue(poolAddr, tfjsonpath.New("last_close_reason"), knownvalue.StringExact("FOR_UPDATE")),
				},
				Check: resource.ComposeTestCheckFunc(
					// Closed for update (POOL.CLOSE), edited, reopened (POOL.OPEN).
					expectRequests(e, map[string]int{
						"POST /pools/{id}/close-for-update": 1, "PUT /pools/{id}": 1, "POST /pools/{id}/open": 1,
						"POST /pools/{id}/close": 0,
					}),
					checkPoolIn(t, e, poolAddr, "OPEN", "FOR_UPDATE"),
				),
			},
		},
	})
}

func TestAccPool_archiveOpen(t *testing.T) {
	e := newTestEmulator(t, 300*time.Millisecond)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           poolConfig(e, "Cats", ""),
				ConfigPlanChecks: expectEmptyPlan,
				Check: func(s *terraform.State) error {
					e.openPool(t, resourceID(s, poolAddr))
					e.ResetRequests()
					return nil
				},
			},
			{
				Config: poolConfig(e, "Cats", `archived = true`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(poolAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(poolAddr, tfjsonpath.New("status"), knownvalue.StringExact("ARCHIVED")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					expectPoolStatus("ARCHIVED"),
					statecheck.ExpectKnownValue(poolAddr, tfjsonpath.New("archived"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(poolAddr, tfjsonpath.New("last_close_reason"), knownvalue.StringExact("MANUAL")),
				},
				Check: resource.ComposeTestCheckFunc(
					// Closed (POOL.CLOSE), then archived (POOL.ARCHIVE).
					expectRequests(e, map[string]int{
						"POST /pools/{id}/close": 1, "POST /pools/{id}/archive": 1, "PUT /pools/{id}": 0,
						"POST /pools/{id}/close-for-update": 0,
					}),
					checkPoolIn(t, e, poolAddr, "ARCHIVED", "MANUAL"),
				),
			},
			{
				// Toloka refuses edits of an archived pool: the plan replaces it.
				Config:             poolConfig(e, "Cats, edited after archiving", `archived = true`),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPreRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(poolAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
			},
		},
	})
}

func TestAccPool_archiveTimeoutResumes(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           poolConfig(e, "Slow", ""),
				ConfigPlanChecks: expectEmptyPlan,
				Check: func(s *terraform.State) error {
					e.openPool(t, resourceID(s, poolAddr))
					e.SetOperationDelay(3 * time.Second)
					return nil
				},
			},
			{
				Config:      poolConfig(e, "Slow", `archived = true`+"\n"+`timeouts = { update = "1s" }`),
				ExpectError: regexp.MustCompile(`(?s)Timed out.*operation [0-9a-f]+.*POOL\.CLOSE.*same\s+operation`),
			},
			{
				PreConfig: func() { e.SetOperationDelay(200 * time.Millisecond) },
				Config:    poolConfig(e, "Slow", `archived = true`+"\n"+`timeouts = { update = "1m" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(poolAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{expectPoolStatus("ARCHIVED")},
				// The second apply waits on the first close instead of
				// sending another (which Toloka would refuse while it runs).
				Check: expectRequests(e, map[string]int{"POST /pools/{id}/close": 1, "POST /pools/{id}/archive": 1}),
			},
		},
	})
}

func TestAccPool_driftByToloka(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	var first, second string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           poolConfig(e, "Cats", ""),
				ConfigPlanChecks: expectEmptyPlan,
				Check: func(s *terraform.State) error {
					first = resourceID(s, poolAddr)
					e.openPool(t, first)
					// All tasks done: Toloka closes the pool by itself.
					return e.AutoClosePool(first, "COMPLETED")
				},
			},
			{
				// The closed pool shows in the state; nothing to change, and
				// an edit goes straight to Toloka, as for any closed pool.
				Config: poolConfig(e, "Cats, renamed", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(poolAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					expectPoolStatus("CLOSED"),
					statecheck.ExpectKnownValue(poolAddr, tfjsonpath.New("last_close_reason"), knownvalue.StringExact("COMPLETED")),
				},
			},
			{
				// Idle for 30 days: Toloka archives the pool by itself. It
				// cannot unarchive: the plan shows the archived pool replaced
				// by a new one, and the apply succeeds.
				PreConfig: func() {
					if err := e.AutoArchivePool(first); err != nil {
						t.Fatal(err)
					}
				},
				Config: poolConfig(e, "Cats, renamed", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(poolAddr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{expectPoolStatus("CLOSED")},
				Check: func(s *terraform.State) error {
					if second = resourceID(s, poolAddr); second == first {
						return fmt.Errorf("pool %s was not replaced", first)
					}
					return nil
				},
			},
			{
				// Accepting Toloka's archive instead: archived = true on an
				// archived pool is no change at all.
				PreConfig: func() {
					if err := e.AutoArchivePool(second); err != nil {
						t.Fatal(err)
					}
				},
				Config:           poolConfig(e, "Cats, renamed", `archived = true`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

func TestAccPool_disappears(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           poolConfig(e, "Vanishes", ""),
				ConfigPlanChecks: expectEmptyPlan,
				Check:            func(s *terraform.State) error { id = resourceID(s, poolAddr); return nil },
			},
			{
				PreConfig: func() {
					if err := e.DeletePool(id); err != nil {
						t.Fatal(err)
					}
				},
				Config: poolConfig(e, "Vanishes", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(poolAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(s *terraform.State) error {
					if resourceID(s, poolAddr) == id {
						return fmt.Errorf("pool %s was not created again", id)
					}
					return nil
				},
			},
		},
	})
}

// poolNestedObjects sets the pool's small nested objects.
const poolNestedObjects = `
  speed_quality_balance      = { type = "TOP_PERCENTAGE_BY_QUALITY", percent = 80 }
  training_config            = { training_skill_ttl_days = 7 }
  assignments_issuing_config = { issue_task_suites_in_creation_order = true }
`

// checkPoolNestedObjectsIn checks that Toloka still has poolNestedObjects.
func checkPoolNestedObjectsIn(t *testing.T, e *testEmulator) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		p := e.poolIn(t, resourceID(s, poolAddr))
		if b := p.SpeedQualityBalance; b == nil || b.Type != "TOP_PERCENTAGE_BY_QUALITY" || b.Percent == nil || *b.Percent != 80 || b.Count != nil {
			return fmt.Errorf("Toloka has speed_quality_balance %+v", b)
		}
		if c := p.TrainingConfig; c == nil || c.TrainingSkillTTLDays == nil || *c.TrainingSkillTTLDays != 7 {
			return fmt.Errorf("Toloka has training_config %+v", c)
		}
		if c := p.AssignmentsIssuingConfig; c == nil || c.IssueTaskSuitesInCreationOrder == nil || !*c.IssueTaskSuitesInCreationOrder {
			return fmt.Errorf("Toloka has assignments_issuing_config %+v", c)
		}
		return nil
	}
}

// Nested objects left out of the configuration keep Toloka's values: no
// plan at all, and an update of something else sends them back unchanged.
func TestAccPool_nestedObjectsLeftOutAreKept(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	kept := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(poolAddr, tfjsonpath.New("speed_quality_balance"), knownvalue.ObjectExact(map[string]knownvalue.Check{
			"type": knownvalue.StringExact("TOP_PERCENTAGE_BY_QUALITY"), "percent": knownvalue.Int64Exact(80), "count": knownvalue.Null(),
		})),
		statecheck.ExpectKnownValue(poolAddr, tfjsonpath.New("training_config").AtMapKey("training_skill_ttl_days"), knownvalue.Int64Exact(7)),
		statecheck.ExpectKnownValue(poolAddr, tfjsonpath.New("assignments_issuing_config").AtMapKey("issue_task_suites_in_creation_order"), knownvalue.Bool(true)),
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           poolConfig(e, "Cats", poolNestedObjects),
				ConfigPlanChecks: expectEmptyPlan,
			},
			{
				Config:            poolConfig(e, "Cats", ""),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: kept,
			},
			{
				Config: poolConfig(e, "Cats, renamed", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(poolAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(poolAddr, tfjsonpath.New("speed_quality_balance").AtMapKey("percent"), knownvalue.Int64Exact(80)),
						plancheck.ExpectKnownValue(poolAddr, tfjsonpath.New("training_config").AtMapKey("training_skill_ttl_days"), knownvalue.Int64Exact(7)),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: kept,
				Check:             checkPoolNestedObjectsIn(t, e),
			},
		},
	})
}

// A member left out of (or set to null in) a configured nested object is
// sent as the configuration says, since Toloka's PUT replaces the whole
// object: null, or the member's default; never kept from Toloka's.
func TestAccPool_nestedMembersSetAreSent(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           poolConfig(e, "Cats", poolNestedObjects),
				ConfigPlanChecks: expectEmptyPlan,
				Check:            checkPoolNestedObjectsIn(t, e),
			},
			{
				Config: poolConfig(e, "Cats", `
  speed_quality_balance      = { type = "BEST_CONCURRENT_USERS_BY_QUALITY", count = 5 }
  training_config            = { training_skill_ttl_days = null }
  assignments_issuing_config = {}
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(poolAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(poolAddr, tfjsonpath.New("speed_quality_balance"), knownvalue.ObjectExact(map[string]knownvalue.Check{
							"type": knownvalue.StringExact("BEST_CONCURRENT_USERS_BY_QUALITY"), "percent": knownvalue.Null(), "count": knownvalue.Int64Exact(5),
						})),
						plancheck.ExpectKnownValue(poolAddr, tfjsonpath.New("training_config").AtMapKey("training_skill_ttl_days"), knownvalue.Null()),
						plancheck.ExpectKnownValue(poolAddr, tfjsonpath.New("assignments_issuing_config").AtMapKey("issue_task_suites_in_creation_order"), knownvalue.Bool(false)),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(s *terraform.State) error {
					p := e.poolIn(t, resourceID(s, poolAddr))
					if b := p.SpeedQualityBalance; b == nil || b.Type != "BEST_CONCURRENT_USERS_BY_QUALITY" || b.Percent != nil || b.Count == nil || *b.Count != 5 {
						return fmt.Errorf("Toloka has speed_quality_balance %+v", b)
					}
					if c := p.TrainingConfig; c != nil && c.TrainingSkillTTLDays != nil {
						return fmt.Errorf("Toloka kept training_skill_ttl_days %d", *c.TrainingSkillTTLDays)
					}
					if c := p.AssignmentsIssuingConfig; c == nil || c.IssueTaskSuitesInCreationOrder == nil || *c.IssueTaskSuitesInCreationOrder {
						return fmt.Errorf("Toloka has assignments_issuing_config %+v", c)
					}
					return nil
				},
			},
		},
	})
}

// Configured nested objects that someone else removes or changes in Toloka
// show in the plan, which sets them again.
func TestAccPool_nestedObjectsDriftShows(t *testing.T) {
	e := newTestEmulator(t, 200*time.Millisecond)
	var id string
	editInToloka := func(edit func(*toloka.Pool)) func() {
		return func() {
			c := e.client(t)
			p := e.poolIn(t, id)
			edit(p)
			if _, err := c.UpdatePool(context.Background(), id, p); err != nil {
				t.Fatal(err)
			}
		}
	}
	setAgain := resource.ConfigPlanChecks{
		PreApply: []plancheck.PlanCheck{
			plancheck.ExpectResourceAction(poolAddr, plancheck.ResourceActionUpdate),
			plancheck.ExpectKnownValue(poolAddr, tfjsonpath.New("speed_quality_balance").AtMapKey("percent"), knownvalue.Int64Exact(80)),
			plancheck.ExpectKnownValue(poolAddr, tfjsonpath.New("training_config").AtMapKey("training_skill_ttl_days"), knownvalue.Int64Exact(7)),
			plancheck.ExpectKnownValue(poolAddr, tfjsonpath.New("assignments_issuing_config").AtMapKey("issue_task_suites_in_creation_order"), knownvalue.Bool(true)),
		},
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           poolConfig(e, "Cats", poolNestedObjects),
				ConfigPlanChecks: expectEmptyPlan,
				Check:            func(s *terraform.State) error { id = resourceID(s, poolAddr); return nil },
			},
			{
				PreConfig: editInToloka(func(p *toloka.Pool) {
					p.SpeedQualityBalance, p.TrainingConfig, p.AssignmentsIssuingConfig = nil, nil, nil
				}),
				Config:           poolConfig(e, "Cats", poolNestedObjects),
				ConfigPlanChecks: setAgain,
				Check:            checkPoolNestedObjectsIn(t, e),
			},
			{
				PreConfig: editInToloka(func(p *toloka.Pool) {
					fifty, three, no := int64(50), int64(3), false
					p.SpeedQualityBalance.Percent = &fifty
					p.TrainingConfig.TrainingSkillTTLDays = &three
					p.AssignmentsIssuingConfig.IssueTaskSuitesInCreationOrder = &no
				}),
				Config:           poolConfig(e, "Cats", poolNestedObjects),
				ConfigPlanChecks: setAgain,
				Check:            checkPoolNestedObjectsIn(t, e),
			},
		},
	})
}
