package emulator

import (
	"maps"
	"net/http"
	"reflect"
	"strings"
)

// Verdicts of the project check (differenceLevel).
const (
	differenceEqual       = "EQUAL"
	differenceNonBreaking = "NON_BREAKING_CHANGE"
	differenceBreaking    = "BREAKING_CHANGE"
)

// checkProject answers POST /api/staging/projects/{id}/check: how the body,
// taken as a PUT of the project, would differ from the stored project.
// Nothing is stored. Checks run as for the PUT.
func (s *Server) checkProject(c *call) answer {
	if s.checkFailure != nil {
		return errorAnswer(s.checkFailure)
	}
	p, fields, err := s.projectEdit(c)
	if err != nil {
		return errorAnswer(err)
	}
	return jsonAnswer(http.StatusOK, map[string]string{"differenceLevel": differenceLevel(p.fields, fields)})
}

// differenceLevel is the verdict on replacing the stored fields of a project
// with edited ones, both as normalizeProject leaves them. Toloka's guide
// ("Editing a project", and "Input and output data", Recommendations) says
// that an edit of a required field of the data specification applies only to
// new pools, the existing ones keeping the previous version of the project,
// and its troubleshooting names a changed input field type as what leaves a
// pool on an outdated version. So an edit is a BREAKING_CHANGE when, in the
// input or the output spec, a field required before or after it is added,
// removed or changed, or any field changes type; any other edit is a
// NON_BREAKING_CHANGE, and no edit at all is EQUAL.
func differenceLevel(stored, edited map[string]any) string {
	if reflect.DeepEqual(stored, edited) {
		return differenceEqual
	}
	for _, side := range []string{"input_spec", "output_spec"} {
		if specBreaks(fieldSpecs(stored, side), fieldSpecs(edited, side)) {
			return differenceBreaking
		}
	}
	return differenceNonBreaking
}

// fieldSpecs are the fields of one side of a project's task spec.
func fieldSpecs(project map[string]any, side string) map[string]any {
	taskSpec, _ := project["task_spec"].(map[string]any)
	specs, _ := taskSpec[side].(map[string]any)
	return specs
}

// specBreaks reports whether the edit of one side of the data
// specification breaks the existing pools (see differenceLevel).
func specBreaks(stored, edited map[string]any) bool {
	for name := range union(stored, edited) {
		before, hadIt := stored[name].(map[string]any)
		after, hasIt := edited[name].(map[string]any)
		switch {
		case sameField(before, after):
			continue
		case !hadIt || !hasIt:
			if isRequired(before) || isRequired(after) {
				return true
			}
		case isRequired(before) || isRequired(after):
			return true
		case !strings.EqualFold(fieldType(before), fieldType(after)):
			return true
		}
	}
	return false
}

// sameField reports whether two field specs are the same, their types
// compared case-insensitively as the service matches them.
func sameField(a, b map[string]any) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return strings.EqualFold(fieldType(a), fieldType(b)) &&
		reflect.DeepEqual(withoutType(a), withoutType(b))
}

func withoutType(spec map[string]any) map[string]any {
	rest := maps.Clone(spec)
	delete(rest, "type")
	return rest
}

// isRequired reads a stored field spec's required flag, filled in by
// normalizeProject; a missing spec is not required.
func isRequired(spec map[string]any) bool {
	required, _ := spec["required"].(bool)
	return required
}

// fieldType is a field spec's data type as written.
func fieldType(spec map[string]any) string {
	t, _ := spec["type"].(string)
	return t
}

func union(a, b map[string]any) map[string]bool {
	keys := make(map[string]bool, len(a)+len(b))
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	return keys
}

// projectCheckFailures are the answers FailProjectChecks can give, as
// Toloka's error bodies: an account without the endpoint, a staging API
// gone, and a service that is down.
var projectCheckFailures = map[int]*apiError{
	http.StatusForbidden:           errAccessDenied(),
	http.StatusNotFound:            errNotFound(),
	http.StatusInternalServerError: {status: http.StatusInternalServerError, code: "INTERNAL_ERROR", message: "Internal server error"},
	http.StatusServiceUnavailable:  {status: http.StatusServiceUnavailable, code: "REMOTE_SERVICE_UNAVAILABLE", message: "Service is temporarily unavailable"},
}

// FailProjectChecks makes the project check answer every request with this
// HTTP status (403, 404, 500 or 503) and Toloka's error body for it, as if
// the staging endpoint were unavailable; 0 serves it again. Another status
// is ErrInvalidStatus.
func (s *Server) FailProjectChecks(status int) error {
	failure, ok := projectCheckFailures[status]
	if !ok && status != 0 {
		return ErrInvalidStatus
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.checkFailure = failure
	return nil
}

func (s *Server) controlFailProjectChecks(c *call) answer {
	var in struct {
		Status int `json:"status"`
	}
	if err := decodeControl(c.body, &in); err != nil {
		return errorAnswer(err)
	}
	if err := s.FailProjectChecks(in.Status); err != nil {
		return errorAnswer(errBadBody("status must be 0, 403, 404, 500 or 503"))
	}
	return noContent()
}
