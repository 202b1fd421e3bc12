package openapitest

import (
	"net/http"
	"testing"
)

const checkPath = "/api/staging/projects/10/check"

func TestProjectCheckIsAccepted(t *testing.T) {
	project := fixture(t, "project.json")
	cases := []struct {
		name     string
		status   int
		response string
	}{
		{"equal", 200, `{"differenceLevel":"EQUAL"}`},
		{"non-breaking", 200, `{"differenceLevel":"NON_BREAKING_CHANGE"}`},
		{"breaking", 200, `{"differenceLevel":"BREAKING_CHANGE"}`},
		{"not found", 404, `{"request_id":"r","code":"DOES_NOT_EXIST","message":"no","payload":null}`},
		{"unavailable", 503, `{"code":"REMOTE_SERVICE_UNAVAILABLE","message":"later"}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var c collector
			exchange(t, reply(tc.status, tc.response), &c, "POST", checkPath, project, nil)
			wantNone(t, &c)
		})
	}
}

func TestProjectCheckIsChecked(t *testing.T) {
	project := fixture(t, "project.json")
	verdict := `{"differenceLevel":"EQUAL"}`
	requests := []struct {
		name   string
		method string
		path   string
		body   string
		header http.Header
		want   []string
	}{
		{"the body is checked as a project update", "POST", checkPath,
			`{"public_name":"p","public_description":"d","assignments_issuing_type":"AUTOMATED","task_spec":"x"}`,
			nil, []string{projectCheckOperation, "request body", "task_spec"}},
		{"a body is required", "POST", checkPath, "", nil, []string{projectCheckOperation, "request body"}},
		{"credentials are required", "POST", checkPath, project,
			http.Header{"Authorization": {""}}, []string{"Authorization", "missing"}},
		{"only POST", "GET", checkPath, "", nil, []string{"undocumented operation"}},
		{"only the check", "GET", "/api/staging/projects/10", "", nil, []string{"undocumented operation"}},
		{"not under v1", "POST", "/api/v1/projects/10/check", project, nil, []string{"undocumented operation"}},
	}
	for _, tc := range requests {
		t.Run(tc.name, func(t *testing.T) {
			var c collector
			exchange(t, reply(http.StatusOK, verdict), &c, tc.method, tc.path, tc.body, tc.header)
			wantOne(t, &c, Request, tc.want...)
		})
	}
	answers := []struct {
		name     string
		status   int
		response string
		want     []string
	}{
		{"an unknown verdict", 200, `{"differenceLevel":"MAYBE"}`, []string{projectCheckOperation, "differenceLevel"}},
		{"no verdict", 200, `{}`, []string{projectCheckOperation, "differenceLevel"}},
		{"an error without a code", 500, `{"message":"boom"}`, []string{projectCheckOperation, "code"}},
	}
	for _, tc := range answers {
		t.Run(tc.name, func(t *testing.T) {
			var c collector
			exchange(t, reply(tc.status, tc.response), &c, "POST", checkPath, project, nil)
			wantOne(t, &c, Response, tc.want...)
		})
	}
}
