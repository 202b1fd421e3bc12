package openapitest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// fixtureCase is one exchange built around a fixture: the request the fake
// answers and the answer, a fixture or a document made of fixtures.
type fixtureCase struct {
	name     string
	fixtures []string // fixtures used, to check that every one is covered
	method   string
	path     string
	request  string // request body, "" for none
	status   int
	response string
}

// fixtureCases returns the exchanges that must validate without violation.
func fixtureCases(t *testing.T) []fixtureCase {
	project := fixture(t, "project.json")
	docsProject := fixture(t, "project_docs_example.json")
	pool := fixture(t, "pool.json")
	running := fixture(t, "operation_project_archive_running.json")
	projectArchived := fixture(t, "operation_project_archive_success.json")
	poolArchived := fixture(t, "operation_pool_archive_success.json")
	return []fixtureCase{
		{"get project", []string{"project.json"}, "GET", "/api/v1/projects/10", "", 200, project},
		{"get documented project", []string{"project_docs_example.json"}, "GET", "/api/v1/projects/83859", "", 200, docsProject},
		{"create project", []string{"project.json"}, "POST", "/api/v1/projects", project, 201, project},
		{"update project", []string{"project_docs_example.json"}, "PUT", "/api/v1/projects/83859", docsProject, 200, docsProject},
		{"list projects", []string{"project_list_page.json"}, "GET", "/api/v1/projects?status=ACTIVE&sort=id&id_gt=100&limit=300", "", 200, fixture(t, "project_list_page.json")},
		{"archive project", []string{"operation_project_archive_running.json"}, "POST", "/api/v1/projects/10/archive", "", 202, running},
		{"get pool", []string{"pool.json"}, "GET", "/api/v1/pools/32267581", "", 200, pool},
		{"create pool", []string{"pool.json"}, "POST", "/api/v1/pools", pool, 201, pool},
		{"update pool", []string{"pool.json"}, "PUT", "/api/v1/pools/32267581", pool, 200, pool},
		{"list pools", []string{"pool.json"}, "GET", "/api/v1/pools?project_id=81776&status=OPEN&limit=20", "", 200, page(pool)},
		{"archive pool", []string{"operation_pool_archive_success.json"}, "POST", "/api/v1/pools/1/archive", "", 202, poolArchived},
		{"pool already archived", nil, "POST", "/api/v1/pools/1/archive", "", 204, ""},
		{"pool already open", nil, "POST", "/api/v1/pools/1/open", "", 204, ""},
		{"project already archived", nil, "POST", "/api/v1/projects/1/archive", "", 204, ""},
		{"training already closed", nil, "POST", "/api/v1/trainings/1/close", "", 204, ""},
		{"get operation", []string{"operation_project_archive_success.json"}, "GET", "/api/v1/operations/57068577e4b0bf7b07a0256f", "", 200, projectArchived},
		{"list operations", []string{"operation_pool_archive_success.json", "operation_project_archive_running.json"}, "GET", "/api/v1/operations?type=POOL.ARCHIVE&status=SUCCESS", "", 200, page(poolArchived, running)},
		{"validation error", []string{"error_validation_400.json"}, "POST", "/api/v1/projects", project, 400, fixture(t, "error_validation_400.json")},
		{"empty pool", []string{"error_empty_pool_409.json"}, "POST", "/api/v1/pools/1/open", "", 409, fixture(t, "error_empty_pool_409.json")},
		{"inappropriate status", []string{"error_inappropriate_status_409.json"}, "POST", "/api/v1/pools/1/close", "", 409, fixture(t, "error_inappropriate_status_409.json")},
		{"create project (classic example)", []string{"project_request_classic.json"}, "POST", "/api/v1/projects", fixture(t, "project_request_classic.json"), 201, docsProject},
		{"create project (Template Builder example)", []string{"project_request_template_builder.json"}, "POST", "/api/v1/projects", fixture(t, "project_request_template_builder.json"), 201, docsProject},
		{"create pool (minimal example)", []string{"pool_request_minimal.json"}, "POST", "/api/v1/pools", fixture(t, "pool_request_minimal.json"), 201, pool},
		{"get pool (SDK)", []string{"pool_sdk_readonly.json"}, "GET", "/api/v1/pools/21", "", 200, fixture(t, "pool_sdk_readonly.json")},
		{"list pools (documented page)", []string{"pool_list_page.json"}, "GET", "/api/v1/pools?limit=1", "", 200, fixture(t, "pool_list_page.json")},
	}
}

// page wraps items into a {"items": [...], "has_more": false} page.
func page(items ...string) string {
	return `{"items":[` + strings.Join(items, ",") + `],"has_more":false}`
}

func TestFixturesValidate(t *testing.T) {
	for _, tc := range fixtureCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			var c collector
			got := exchange(t, reply(tc.status, tc.response), &c, tc.method, tc.path, tc.request, nil)
			if got != tc.response {
				t.Errorf("client read %d bytes, want the %d bytes sent", len(got), len(tc.response))
			}
			wantNone(t, &c)
		})
	}
}

func TestEveryFixtureIsValidated(t *testing.T) {
	names, err := filepath.Glob(filepath.Join("testdata", "fixtures", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	used := []string{longPoolExample}
	for _, tc := range fixtureCases(t) {
		used = append(used, tc.fixtures...)
	}
	for _, name := range names {
		if !slices.Contains(used, filepath.Base(name)) {
			t.Errorf("fixture %s is not used by TestFixturesValidate", filepath.Base(name))
		}
	}
	if _, err := os.Stat(filepath.Join("testdata", "fixtures", "SOURCES.md")); err != nil {
		t.Errorf("the fixtures' provenance file is missing: %v", err)
	}
	if len(names) == 0 {
		t.Fatal("no fixture found")
	}
}

// longPoolExample is the API reference's extended pool example, which breaks
// the reference's own rules.
const longPoolExample = "pool_request_long.json"

// The extended pool example of the API reference starts a dynamic pricing
// interval at 0 (Interval.from has a minimum of 1) and writes will_expire
// without seconds: the description refuses both, so tests that send it
// correct these two values first.
func TestLongPoolExampleBreaksTheDescription(t *testing.T) {
	var c collector
	exchange(t, reply(201, fixture(t, "pool.json")), &c, "POST", "/api/v1/pools", fixture(t, longPoolExample), nil)
	wantOne(t, &c, Request, "/dynamic_pricing_config/intervals/0", "/from", "at least 1")
	wantOne(t, &c, Request, "/will_expire", "regular expression")
	if n := len(c.all()); n != 1 {
		t.Errorf("%d violations, want the one that lists both: %v", n, c.all())
	}
}
