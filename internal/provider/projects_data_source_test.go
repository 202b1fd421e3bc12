package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// The list data sources page through a few objects in these tests, as they
// would through thousands with the API's largest pages.
func init() { listPageLimit = 2 }

// testObjects are projects and pools made in the emulator before a test's
// configuration is written.
type testObjects struct {
	projects map[string]string // public_name → id
	pools    []string
	// boundary is an instant between the creation of the projects named
	// "p-1" to "p-3" and of the later ones.
	boundary toloka.Time
}

// makeTestObjects creates projects p-1 to p-5 (p-2 and p-4 archived) and
// five pools of p-1, the first of them open.
func makeTestObjects(t *testing.T, e *testEmulator) testObjects {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := e.client(t)
	objs := testObjects{projects: map[string]string{}}
	for _, name := range []string{"p-3", "p-1", "p-5", "p-2", "p-4"} {
		// Creation times, in milliseconds, differ from one project to the next.
		time.Sleep(3 * time.Millisecond)
		if name == "p-2" {
			objs.boundary = toloka.NewTime(time.Now())
			time.Sleep(3 * time.Millisecond)
		}
		p, err := c.CreateProject(ctx, &toloka.Project{
			PublicName: name, PublicDescription: "Listed",
			TaskSpec: &toloka.TaskSpec{
				InputSpec:  map[string]toloka.FieldSpec{"image": {Type: "url"}},
				OutputSpec: map[string]toloka.FieldSpec{"label": {Type: "string"}},
				ViewSpec:   []byte(`{"type":"classic","markup":"{{img src=image}}","settings":{}}`),
			},
			AssignmentsIssuingType: "AUTOMATED",
		})
		if err != nil {
			t.Fatal(err)
		}
		objs.projects[name] = p.ID
	}
	for _, name := range []string{"p-2", "p-4"} {
		op, err := c.ArchiveProject(ctx, objs.projects[name])
		if err == nil {
			_, err = c.WaitOperation(ctx, op)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	for i := range 5 {
		objs.pools = append(objs.pools, createTestPool(t, c, objs.projects["p-1"], fmt.Sprintf("Batch %d", i+1)))
	}
	e.openPool(t, objs.pools[0])
	return objs
}

func createTestPool(t *testing.T, c *toloka.Client, projectID, name string) string {
	t.Helper()
	reward, duration, overlap := 0.02, int64(300), int64(1)
	expire := toloka.NewTime(time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC))
	p, err := c.CreatePool(context.Background(), &toloka.Pool{
		ProjectID: projectID, PrivateName: name, RewardPerAssignment: &reward,
		AssignmentMaxDurationSeconds: &duration, WillExpire: &expire,
		Defaults: &toloka.PoolDefaults{DefaultOverlapForNewTaskSuites: &overlap},
	})
	if err != nil {
		t.Fatal(err)
	}
	return p.ID
}

// names checks the public_name (or private_name) of each listed object, in order.
func names(attribute string, want ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(want))
	for i, name := range want {
		checks[i] = knownvalue.ObjectPartial(map[string]knownvalue.Check{attribute: knownvalue.StringExact(name)})
	}
	return knownvalue.ListExact(checks)
}

func TestAccDataSources_projectsOverSeveralPages(t *testing.T) {
	e := newTestEmulator(t, 100*time.Millisecond)
	objs := makeTestObjects(t, e)
	config := e.providerConfig() + fmt.Sprintf(`
data "toloka_projects" "all" {}

data "toloka_projects" "active_by_name" {
  status = "ACTIVE"
  sort   = "-public_name"
}

data "toloka_projects" "recent_archived_first" {
  created_gte = %q
  sort        = "-created, public_name"
}

data "toloka_project" "p1" {
  id = %q
}
`, objs.boundary.APIString(), objs.projects["p-1"])
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			PreConfig:        e.ResetRequests,
			Config:           config,
			ConfigPlanChecks: expectEmptyPlan,
			ConfigStateChecks: []statecheck.StateCheck{
				// No sort: by id, the creation order.
				statecheck.ExpectKnownValue("data.toloka_projects.all", tfjsonpath.New("projects"),
					names("public_name", "p-3", "p-1", "p-5", "p-2", "p-4")),
				statecheck.ExpectKnownValue("data.toloka_projects.active_by_name", tfjsonpath.New("projects"),
					names("public_name", "p-5", "p-3", "p-1")),
				statecheck.ExpectKnownValue("data.toloka_projects.recent_archived_first", tfjsonpath.New("projects"),
					names("public_name", "p-4", "p-2")),
				statecheck.ExpectKnownValue("data.toloka_projects.recent_archived_first",
					tfjsonpath.New("projects").AtSliceIndex(0).AtMapKey("status"), knownvalue.StringExact("ARCHIVED")),
				statecheck.ExpectKnownValue("data.toloka_project.p1", tfjsonpath.New("public_name"), knownvalue.StringExact("p-1")),
				statecheck.ExpectKnownValue("data.toloka_project.p1", tfjsonpath.New("archived"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.toloka_project.p1",
					tfjsonpath.New("task_spec").AtMapKey("input_spec").AtMapKey("image").AtMapKey("type"), knownvalue.StringExact("url")),
			},
			Check: checkPagedRequests(e, "GET /projects", 3),
		}},
	})
}

func TestAccDataSources_poolsOverSeveralPages(t *testing.T) {
	e := newTestEmulator(t, 100*time.Millisecond)
	objs := makeTestObjects(t, e)
	other := createTestPool(t, e.client(t), objs.projects["p-3"], "Elsewhere")
	config := e.providerConfig() + fmt.Sprintf(`
data "toloka_pools" "of_p1" {
  project_id = %[1]q
}

data "toloka_pools" "closed_of_p1" {
  project_id = %[1]q
  status     = "CLOSED"
}

data "toloka_pools" "everywhere" {}

data "toloka_pool" "open" {
  id = %[2]q
}
`, objs.projects["p-1"], objs.pools[0])
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			PreConfig:        e.ResetRequests,
			Config:           config,
			ConfigPlanChecks: expectEmptyPlan,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.toloka_pools.of_p1", tfjsonpath.New("pools"),
					names("private_name", "Batch 1", "Batch 2", "Batch 3", "Batch 4", "Batch 5")),
				statecheck.ExpectKnownValue("data.toloka_pools.closed_of_p1", tfjsonpath.New("pools"),
					names("private_name", "Batch 2", "Batch 3", "Batch 4", "Batch 5")),
				statecheck.ExpectKnownValue("data.toloka_pools.everywhere", tfjsonpath.New("pools"),
					names("private_name", "Batch 1", "Batch 2", "Batch 3", "Batch 4", "Batch 5", "Elsewhere")),
				statecheck.ExpectKnownValue("data.toloka_pools.everywhere",
					tfjsonpath.New("pools").AtSliceIndex(5).AtMapKey("id"), knownvalue.StringExact(other)),
				statecheck.ExpectKnownValue("data.toloka_pool.open", tfjsonpath.New("status"), knownvalue.StringExact("OPEN")),
				statecheck.ExpectKnownValue("data.toloka_pool.open", tfjsonpath.New("will_expire"), knownvalue.StringExact("2031-01-01T00:00:00")),
				statecheck.ExpectKnownValue("data.toloka_pool.open",
					tfjsonpath.New("defaults").AtMapKey("default_overlap_for_new_task_suites"), knownvalue.Int64Exact(1)),
			},
			Check: checkPagedRequests(e, "GET /pools", 4),
		}},
	})
}

// checkPagedRequests checks that reading the data sources took at least
// atLeast list requests: with pages of two, every list above spans several
// pages.
func checkPagedRequests(e *testEmulator, endpoint string, atLeast int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if n := e.Requests()[endpoint]; n < atLeast {
			return fmt.Errorf("%d requests %s, want at least %d: the lists were not paged", n, endpoint, atLeast)
		}
		return nil
	}
}

func TestAccDataSources_missingObjects(t *testing.T) {
	e := newTestEmulator(t, 100*time.Millisecond)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:      e.providerConfig() + `data "toloka_project" "gone" { id = "100999" }`,
				ExpectError: regexp.MustCompile(`(?s)Could not read the Toloka project.*100999.*DOES_NOT_EXIST`),
			},
			{
				Config:      e.providerConfig() + `data "toloka_pool" "gone" { id = "30009999" }`,
				ExpectError: regexp.MustCompile(`(?s)Could not read the Toloka pool.*30009999.*DOES_NOT_EXIST`),
			},
			{
				Config:      e.providerConfig() + `data "toloka_projects" "bad" { sort = "-priority" }`,
				ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Value Match.*sort`),
			},
		},
	})
}

// undescribedDataSource lists the data source attributes, nested ones
// included, that have no description.
func undescribedDataSource(prefix string, attrs map[string]dschema.Attribute) []string {
	var missing []string
	for name, a := range attrs {
		if strings.TrimSpace(a.GetDescription()) == "" {
			missing = append(missing, prefix+name)
		}
		var nested map[string]dschema.Attribute
		switch a := a.(type) {
		case dschema.SingleNestedAttribute:
			nested = a.Attributes
		case dschema.ListNestedAttribute:
			nested = a.NestedObject.Attributes
		case dschema.MapNestedAttribute:
			nested = a.NestedObject.Attributes
		}
		missing = append(missing, undescribedDataSource(prefix+name+".", nested)...)
	}
	return missing
}

func TestEveryDataSourceAttributeHasADescription(t *testing.T) {
	ctx := context.Background()
	p := New("test")()
	sources := p.DataSources(ctx)
	if len(sources) != 9 {
		t.Errorf("%d data sources, want toloka_project, toloka_projects, toloka_pool, toloka_pools, toloka_skill, "+
			"toloka_skills, toloka_requester, toloka_training and toloka_trainings", len(sources))
	}
	for _, newSource := range sources {
		d := newSource()
		meta := &datasource.MetadataResponse{}
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "toloka"}, meta)
		resp := &datasource.SchemaResponse{}
		d.Schema(ctx, datasource.SchemaRequest{}, resp)
		if resp.Diagnostics.HasError() {
			t.Fatalf("%s: %v", meta.TypeName, resp.Diagnostics)
		}
		if resp.Schema.Description == "" {
			t.Errorf("%s has no description", meta.TypeName)
		}
		if missing := undescribedDataSource(meta.TypeName+".", resp.Schema.Attributes); len(missing) > 0 {
			t.Errorf("attributes without a description: %v", missing)
		}
	}
}
