package openapitest

import (
	"context"
	"fmt"
	"net/http"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// The exceptions: operations Toloka serves outside the API its OpenAPI
// description covers, which the checks accept as described here, each with
// its reason. They are checked as strictly as the documented operations:
// path, parameters, Authorization header, request and response bodies.
//
// POST /api/staging/projects/{id}/check asks whether an edit of a project
// makes a new version of it, without making the edit. The description covers
// the v1 API only (its server is /api/v1), while Toloka's SDK, toloka-kit,
// calls this endpoint under the staging root beside it
// (check_update_project_for_major_version_change), with the project as
// update_project sends it, and reads the answer {"differenceLevel": EQUAL |
// BREAKING_CHANGE | NON_BREAKING_CHANGE} (its ProjectCheckResponse and
// ProjectUpdateDifferenceLevel). So the request is checked as the update of a
// project (PUT /projects/{id}), errors as every operation's, and the answer
// against that shape.

// stagingServer is the root of Toloka's staging API, beside /api/v1.
const stagingServer = "/api/staging"

// projectCheckOperation is the operation ID of the project check in
// violation messages.
const projectCheckOperation = "checkProjectUpdate"

// differenceLevels are the verdicts of the project check.
var differenceLevels = []any{"EQUAL", "NON_BREAKING_CHANGE", "BREAKING_CHANGE"}

// exceptionsRouter routes the exceptions, described in a document of their
// own that shares the extract's components and security.
func exceptionsRouter(doc *openapi3.T) (routers.Router, error) {
	update := doc.Paths.Find("/projects/{id}")
	if update == nil || update.Put == nil {
		return nil, fmt.Errorf("the extract has no PUT /projects/{id}, which the project check is checked as")
	}
	staging := &openapi3.T{
		OpenAPI:    doc.OpenAPI,
		Info:       doc.Info,
		Servers:    openapi3.Servers{{URL: stagingServer}},
		Security:   doc.Security,
		Components: doc.Components,
		Paths: openapi3.NewPaths(openapi3.WithPath("/projects/{id}/check", &openapi3.PathItem{
			Post: projectCheck(update.Put),
		})),
	}
	if err := staging.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("validating the description of the exceptions: %w", err)
	}
	return legacy.NewRouter(staging)
}

// projectCheck describes the project check: the request of the project's
// update, its error answers, and the verdict.
func projectCheck(update *openapi3.Operation) *openapi3.Operation {
	verdict := openapi3.NewObjectSchema().
		WithProperty("differenceLevel", openapi3.NewStringSchema().WithEnum(differenceLevels...))
	verdict.Required = []string{"differenceLevel"}
	responses := openapi3.NewResponses(openapi3.WithStatus(http.StatusOK, &openapi3.ResponseRef{
		Value: openapi3.NewResponse().WithDescription("How the edit differs from the project").WithJSONSchema(verdict),
	}))
	for _, class := range []string{"4XX", "5XX"} {
		if r := update.Responses.Value(class); r != nil {
			responses.Set(class, r)
		}
	}
	return &openapi3.Operation{
		OperationID: projectCheckOperation,
		Parameters:  update.Parameters,
		RequestBody: update.RequestBody,
		Responses:   responses,
	}
}
