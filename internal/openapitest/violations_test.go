package openapitest

import (
	"net/http"
	"strings"
	"testing"
)

// validProject is a minimal project that ProjectFormV1 accepts.
const validProject = `{"public_name":"p","public_description":"d","assignments_issuing_type":"AUTOMATED",
 "task_spec":{"input_spec":{"image":{"type":"url"}},"output_spec":{"result":{"type":"string"}},
 "view_spec":{"type":"classic","markup":"<p/>","settings":{}}}}`

func TestRequestViolations(t *testing.T) {
	project := fixture(t, "project.json")
	cases := []struct {
		name   string
		method string
		path   string
		body   string
		header http.Header
		want   []string
	}{
		{"task_spec is a string", "POST", "/api/v1/projects",
			`{"public_name":"p","public_description":"d","assignments_issuing_type":"AUTOMATED","task_spec":"x"}`,
			nil, []string{"createProject", "request body", "task_spec"}},
		{"missing public_description", "POST", "/api/v1/projects",
			strings.Replace(validProject, `"public_description":"d",`, "", 1),
			nil, []string{"public_description"}},
		{"limit above 300", "GET", "/api/v1/projects?limit=1000", "", nil, []string{"getProjects", `"limit"`}},
		{"limit not a number", "GET", "/api/v1/projects?limit=ten", "", nil, []string{`"limit"`}},
		{"unknown field type", "POST", "/api/v1/projects",
			strings.Replace(validProject, `"type":"url"`, `"type":"picture"`, 1),
			nil, []string{"type"}},
		{"no body", "POST", "/api/v1/projects", "", nil, []string{"request body"}},
		{"wrong content type", "PUT", "/api/v1/projects/10", project,
			http.Header{"Content-Type": {"text/plain"}}, []string{"Content-Type"}},
		{"no Authorization", "GET", "/api/v1/projects/10", "",
			http.Header{"Authorization": {""}}, []string{"Authorization", "missing"}},
		{"Bearer Authorization", "GET", "/api/v1/projects/10", "",
			http.Header{"Authorization": {"Bearer t"}}, []string{"Authorization", "ApiKey"}},
		{"priority above 100", "PATCH", "/api/v1/pools/1", `{"priority":101}`, nil, []string{"priority"}},
		{"reward below the paid minimum", "PUT", "/api/v1/pools/1",
			strings.Replace(fixture(t, "pool.json"), `"reward_per_assignment": 0.07`, `"reward_per_assignment": 0.004`, 1),
			nil, []string{"reward_per_assignment"}},
		{"balance percent off the step", "PUT", "/api/v1/pools/1",
			strings.Replace(fixture(t, "pool.json"), `"percent": 100`, `"percent": 15`, 1),
			nil, []string{"percent"}},
		{"undocumented path", "GET", "/api/v1/task-suites", "", nil, []string{"undocumented operation"}},
		{"undocumented method", "DELETE", "/api/v1/projects/10", "", nil, []string{"undocumented operation"}},
		{"missing /api/v1 prefix", "GET", "/projects/10", "", nil, []string{"undocumented operation"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var c collector
			exchange(t, reply(http.StatusOK, project), &c, tc.method, tc.path, tc.body, tc.header)
			wantOne(t, &c, Request, tc.want...)
		})
	}
}

func TestResponseViolations(t *testing.T) {
	operation := fixture(t, "operation_project_archive_running.json")
	pool := fixture(t, "pool.json")
	cases := []struct {
		name   string
		method string
		path   string
		status int
		body   string
		want   []string
	}{
		{"undocumented success status", "POST", "/api/v1/pools/1/open", 200, operation, []string{"openPool", "status is not supported"}},
		{"201 where 202 is documented", "POST", "/api/v1/projects/1/archive", 201, operation, []string{"status is not supported"}},
		{"undocumented 204", "GET", "/api/v1/projects/1", 204, "", []string{"status is not supported"}},
		{"empty 202", "POST", "/api/v1/pools/1/close", 202, "", []string{"Content-Type"}},
		{"unknown operation status", "POST", "/api/v1/pools/1/close", 202,
			strings.Replace(operation, `"RUNNING"`, `"STOPPED"`, 1), []string{"response body", "/status"}},
		{"time in another format", "POST", "/api/v1/pools/1/close", 202,
			strings.Replace(operation, `"2016-10-21T15:37:00"`, `"21.10.2016"`, 1), []string{"/submitted"}},
		{"numeric pool name", "GET", "/api/v1/pools/1", 200,
			strings.Replace(pool, `"Transcript of audio recordings"`, `7`, 1), []string{"/private_name"}},
		{"error without code", "POST", "/api/v1/pools/1/open", 409, `{"message":"no"}`, []string{"ErrorResult", "code"}},
		{"error that is not JSON", "GET", "/api/v1/pools/1", 502, "", []string{"Content-Type"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var c collector
			exchange(t, reply(tc.status, tc.body), &c, tc.method, tc.path, "", nil)
			wantOne(t, &c, Response, tc.want...)
			for _, v := range c.all() {
				if v.Side == Request {
					t.Errorf("unexpected request violation: %s", v)
				}
			}
		})
	}
}
