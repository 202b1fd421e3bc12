// Package openapitest checks HTTP traffic against Toloka's OpenAPI
// description, for use in tests only.
//
// The package embeds testdata/toloka-openapi.json, a schema-only extract of
// the official description (see testdata/NOTICE.md) with a few corrections
// listed, each with its reason, in the document's x-corrections member. The
// extract's server URL is the relative /api/v1, so requests are matched by
// path whatever the host: a fake or an emulator must serve the API under
// /api/v1. The few operations Toloka serves outside the description, such as
// the project check under /api/staging, are accepted as exceptions.go
// describes them, each with its reason.
//
// Wrap a server handler with [Spec.Middleware] or a client transport with
// [Spec.Transport]; both report every difference from the description to a
// callback, such as the one [Check] returns:
//
//	spec := openapitest.MustLoad(t)
//	srv := httptest.NewServer(spec.Middleware(handler, openapitest.Check(t)))
package openapitest

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

//go:embed testdata/toloka-openapi.json
var extract []byte

// prefixesExtension lists the accepted schemes of the Authorization header
// (see the authorization-prefixes correction).
const prefixesExtension = "x-authorization-prefixes"

// Spec is the loaded OpenAPI extract. It is safe for concurrent use.
type Spec struct {
	doc    *openapi3.T
	router routers.Router
	// exceptions routes the operations the description leaves out that the
	// checks accept (exceptions.go).
	exceptions routers.Router
	options    *openapi3filter.Options
}

// load parses the embedded extract once.
var load = sync.OnceValues(func() (*Spec, error) { return parse(extract) })

// Load returns the embedded extract, parsed and validated on first use and
// shared afterwards.
func Load() (*Spec, error) {
	return load()
}

// MustLoad returns the embedded extract, failing t at once if it cannot be
// loaded.
func MustLoad(t testing.TB) *Spec {
	t.Helper()
	s, err := Load()
	if err != nil {
		t.Fatalf("openapitest: %v", err)
	}
	return s
}

// parse loads and validates an OpenAPI document and builds its router.
func parse(data []byte) (*Spec, error) {
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("loading the OpenAPI extract: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("validating the OpenAPI extract: %w", err)
	}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("routing the OpenAPI extract: %w", err)
	}
	exceptions, err := exceptionsRouter(doc)
	if err != nil {
		return nil, err
	}
	options := &openapi3filter.Options{
		IncludeResponseStatus: true,
		MultiError:            true,
		SkipSettingDefaults:   true,
		AuthenticationFunc:    authenticate,
		SchemaValidationOptions: []openapi3.SchemaValidationOption{
			openapi3.DisableSchemaErrorDetails(),
		},
	}
	return &Spec{doc: doc, router: router, exceptions: exceptions, options: options}, nil
}

// Side tells whether a violation concerns the request or the response.
type Side string

// The two sides of an exchange.
const (
	Request  Side = "request"
	Response Side = "response"
)

// Violation is one difference between an HTTP exchange and the description.
type Violation struct {
	Method  string // request method
	Path    string // request path, server prefix included, e.g. /api/v1/projects/1
	Side    Side   // the side at fault
	Status  int    // response status; 0 for request violations
	Message string // what is wrong
}

// String formats v on one line.
func (v Violation) String() string {
	if v.Side == Response {
		return fmt.Sprintf("%s %s: response %d: %s", v.Method, v.Path, v.Status, v.Message)
	}
	return fmt.Sprintf("%s %s: request: %s", v.Method, v.Path, v.Message)
}

// checkRequest validates r, whose body is body, and reports its violations.
// It returns the input needed to check the response, or nil when the request
// matches no documented operation.
func (s *Spec) checkRequest(r *http.Request, body []byte, report func(Violation)) *openapi3filter.RequestValidationInput {
	req := validationCopy(r, body)
	route, params, err := s.router.FindRoute(req)
	if err != nil {
		route, params, err = s.exceptions.FindRoute(req)
	}
	if err != nil {
		report(Violation{Method: r.Method, Path: r.URL.Path, Side: Request,
			Message: "undocumented operation: " + err.Error()})
		return nil
	}
	in := &openapi3filter.RequestValidationInput{
		Request: req, PathParams: params, Route: route, Options: s.options,
	}
	for _, msg := range messages(openapi3filter.ValidateRequest(context.WithoutCancel(req.Context()), in)) {
		report(Violation{Method: r.Method, Path: r.URL.Path, Side: Request,
			Message: route.Operation.OperationID + ": " + msg})
	}
	return in
}

// checkResponse validates a response to the request described by in and
// reports its violations.
func (s *Spec) checkResponse(in *openapi3filter.RequestValidationInput, status int, header http.Header, body []byte, report func(Violation)) {
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                s.options,
	}
	if status == http.StatusNoContent && len(body) > 0 {
		report(responseViolation(in, status, "a 204 response must have no body"))
	}
	for _, msg := range messages(openapi3filter.ValidateResponse(context.WithoutCancel(in.Request.Context()), out)) {
		report(responseViolation(in, status, msg))
	}
}

// responseViolation builds a response-side violation.
func responseViolation(in *openapi3filter.RequestValidationInput, status int, msg string) Violation {
	return Violation{Method: in.Request.Method, Path: in.Request.URL.Path, Side: Response, Status: status,
		Message: in.Route.Operation.OperationID + ": " + msg}
}

// validationCopy returns a copy of r for the validator: its URL is reduced to
// path and query, so that the relative server URL matches on any host, and
// its body reads body.
func validationCopy(r *http.Request, body []byte) *http.Request {
	c := r.Clone(r.Context())
	c.URL = &url.URL{Path: r.URL.Path, RawPath: r.URL.RawPath, RawQuery: r.URL.RawQuery}
	c.Body = io.NopCloser(bytes.NewReader(body))
	c.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	c.ContentLength = int64(len(body))
	return c
}

// messages flattens a validation error into one message per problem.
func messages(err error) []string {
	if err == nil {
		return nil
	}
	if multi, ok := err.(openapi3.MultiError); ok {
		var out []string
		for _, e := range multi {
			out = append(out, messages(e)...)
		}
		return out
	}
	return []string{err.Error()}
}

// authenticate checks the Authorization header against the security scheme:
// it must be present and, when the scheme lists prefixes, read
// "<prefix> <secret>".
func authenticate(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	scheme := in.SecurityScheme
	if scheme == nil || scheme.Type != "apiKey" || scheme.In != "header" {
		return nil
	}
	value := in.RequestValidationInput.Request.Header.Get(scheme.Name)
	if value == "" {
		return fmt.Errorf("header %s is missing", scheme.Name)
	}
	prefixes, _ := scheme.Extensions[prefixesExtension].([]any)
	if len(prefixes) == 0 {
		return nil
	}
	prefix, secret, _ := strings.Cut(value, " ")
	if secret == "" || !slices.Contains(prefixes, any(prefix)) {
		return fmt.Errorf("header %s must read \"<scheme> <secret>\" with a scheme among %v", scheme.Name, prefixes)
	}
	return nil
}

// readBody reads and closes body, which may be nil.
func readBody(body io.ReadCloser) ([]byte, error) {
	if body == nil || body == http.NoBody {
		return nil, nil
	}
	defer body.Close()
	return io.ReadAll(body)
}
