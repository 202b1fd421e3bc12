package toloka

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Error codes this package interprets. The API has many more; compare
// APIError.Code with the strings it documents.
const (
	CodeValidationError         = "VALIDATION_ERROR"
	CodeDoesNotExist            = "DOES_NOT_EXIST"
	CodeNotFound                = "NOT_FOUND"
	CodeTooManyRequests         = "TOO_MANY_REQUESTS"
	CodeUnarchivedPoolsConflict = "UNARCHIVED_POOLS_CONFLICT"
	// CodeNonJSONResponse is set by this package, not the API, when an error
	// response is not a JSON error object (typically a proxy's HTML page).
	CodeNonJSONResponse = "NON_JSON_RESPONSE"
)

// APIError is an error response from the Toloka API.
type APIError struct {
	StatusCode int
	Code       string
	Message    string
	RequestID  string
	// Payload is the error's optional details, e.g. per-field errors for
	// VALIDATION_ERROR; nil when the API sent none.
	Payload json.RawMessage
	// RetryAfter is the wait the server asked for (429), or zero.
	RetryAfter time.Duration
}

// FieldError is the reason the API rejected one field of a request.
type FieldError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Error describes the response: status, code, message, field errors if any,
// and the request id to quote to Toloka support.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "toloka: HTTP %d", e.StatusCode)
	if e.Code != "" {
		b.WriteString(" " + e.Code)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if fields := e.ValidationErrors(); len(fields) > 0 {
		b.WriteString(" (" + formatFieldErrors(fields) + ")")
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, "; retry after %s", e.RetryAfter)
	}
	if e.RequestID != "" {
		b.WriteString("; request id " + e.RequestID)
	}
	return b.String()
}

// ValidationErrors returns the per-field errors of a VALIDATION_ERROR, keyed
// by field path (e.g. "task_spec" or "filter.and.0.value"), or nil.
func (e *APIError) ValidationErrors() map[string]FieldError {
	if e.Code != CodeValidationError {
		return nil
	}
	return parseFieldErrors(e.Payload)
}

// parseFieldErrors reads a JSON object mapping field paths to {code,
// message}; members of another shape are left out. It returns nil when none
// is left.
func parseFieldErrors(raw json.RawMessage) map[string]FieldError {
	var members map[string]json.RawMessage
	if len(raw) == 0 || json.Unmarshal(raw, &members) != nil {
		return nil
	}
	fields := make(map[string]FieldError, len(members))
	for path, member := range members {
		var fe FieldError
		if json.Unmarshal(member, &fe) == nil && (fe.Code != "" || fe.Message != "") {
			fields[path] = fe
		}
	}
	if len(fields) == 0 {
		return nil
	}
	return fields
}

func formatFieldErrors(fields map[string]FieldError) string {
	parts := make([]string, 0, len(fields))
	for _, path := range slices.Sorted(maps.Keys(fields)) {
		fe := fields[path]
		parts = append(parts, fmt.Sprintf("%s: %s %s", path, fe.Code, fe.Message))
	}
	return strings.Join(parts, "; ")
}

// IsNotFound reports whether err is an APIError saying the object does not exist.
func IsNotFound(err error) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	return apiErr.StatusCode == 404 || apiErr.Code == CodeDoesNotExist || apiErr.Code == CodeNotFound
}

// HasCode reports whether err is an APIError with the given code.
func HasCode(err error, code string) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.Code == code
}

// errorBody is the JSON shape of every API error response.
type errorBody struct {
	RequestID string          `json:"request_id"`
	Code      string          `json:"code"`
	Message   string          `json:"message"`
	Payload   json.RawMessage `json:"payload"`
}

// parseAPIError turns an error response into an APIError. A body that is not
// a JSON error object yields CodeNonJSONResponse and an excerpt as message.
func parseAPIError(status int, body []byte) *APIError {
	var eb errorBody
	if err := json.Unmarshal(body, &eb); err != nil || eb.Code == "" {
		return &APIError{StatusCode: status, Code: CodeNonJSONResponse, Message: bodyExcerpt(body)}
	}
	payload := eb.Payload
	if bytes.Equal(bytes.TrimSpace(payload), []byte("null")) {
		payload = nil
	}
	return &APIError{
		StatusCode: status,
		Code:       eb.Code,
		Message:    eb.Message,
		RequestID:  eb.RequestID,
		Payload:    payload,
	}
}

const maxExcerptRunes = 200

var markupTag = regexp.MustCompile(`<[^>]*>`)

// bodyExcerpt returns the start of a response body as one readable line,
// without HTML tags.
func bodyExcerpt(body []byte) string {
	text := strings.ToValidUTF8(string(body), "?")
	if strings.HasPrefix(strings.TrimSpace(text), "<") {
		text = markupTag.ReplaceAllString(text, " ")
	}
	text = strings.Join(strings.Fields(text), " ")
	if text == "" {
		return "(empty body)"
	}
	if utf8.RuneCountInString(text) > maxExcerptRunes {
		text = string([]rune(text)[:maxExcerptRunes]) + "…"
	}
	return text
}

// OperationFailedError reports an operation that ended with status FAIL.
type OperationFailedError struct {
	Operation *Operation
}

// Error names the operation and quotes its details, the only failure
// information the API gives.
func (e *OperationFailedError) Error() string {
	op := e.Operation
	if op == nil {
		return "toloka: operation failed"
	}
	details := "none"
	if len(op.Details) > 0 && string(op.Details) != "null" {
		details = compactJSON(op.Details)
	}
	return fmt.Sprintf("toloka: operation %s (%s) failed; details: %s", op.ID, op.Type, details)
}

// OperationTimeoutError reports that the context's deadline passed while an
// operation was still pending or running. It unwraps to
// context.DeadlineExceeded.
type OperationTimeoutError struct {
	// Operation is the last state seen; the operation may still finish.
	Operation *Operation
	// FailedPolls counts the polls that failed in a row just before the
	// deadline, and LastPollError is the last one's error; zero and nil
	// when the last poll succeeded.
	FailedPolls   int
	LastPollError error
}

// Error names the operation, how far it had got and, when the last polls
// failed, why.
func (e *OperationTimeoutError) Error() string {
	op := e.Operation
	if op == nil {
		return "toloka: timed out waiting for an operation"
	}
	progress := ""
	if op.Progress != nil {
		progress = fmt.Sprintf(", progress %d%%", *op.Progress)
	}
	return fmt.Sprintf("toloka: timed out waiting for operation %s (%s): still %s%s%s",
		op.ID, op.Type, op.Status, progress, failedPolls(e.FailedPolls, e.LastPollError))
}

// Unwrap returns context.DeadlineExceeded.
func (e *OperationTimeoutError) Unwrap() error {
	return context.DeadlineExceeded
}

// OperationPollError reports a wait that ended because polling the operation
// failed: with an error that repeating cannot mend (a 404, a 401, …), or
// with transient errors too many times in a row (see
// Client.WaitOperation). The operation may still be running. It unwraps to
// the last poll's error.
type OperationPollError struct {
	// Operation is the last state seen.
	Operation *Operation
	// FailedPolls counts the polls that failed in a row, the last included.
	FailedPolls int
	// Err is the last poll's error.
	Err error
}

// Error names the operation, its last state seen and the poll error.
func (e *OperationPollError) Error() string {
	op := e.Operation
	if op == nil {
		return "toloka: stopped waiting for an operation" + failedPolls(e.FailedPolls, e.Err)
	}
	return fmt.Sprintf("toloka: stopped waiting for operation %s (%s), last seen %s%s",
		op.ID, op.Type, op.Status, failedPolls(e.FailedPolls, e.Err))
}

// Unwrap returns the last poll's error.
func (e *OperationPollError) Unwrap() error {
	return e.Err
}

// UnfinishedOperation returns the operation that a wait returning err gave up
// on while it may still be running (an *OperationTimeoutError or an
// *OperationPollError), or nil: a later wait should resume it rather than
// start another.
func UnfinishedOperation(err error) *Operation {
	var timeout *OperationTimeoutError
	var polling *OperationPollError
	switch {
	case errors.As(err, &timeout):
		return timeout.Operation
	case errors.As(err, &polling):
		return polling.Operation
	}
	return nil
}

// failedPolls describes the polls that failed in a row before a wait ended.
func failedPolls(n int, last error) string {
	switch {
	case last == nil:
		return ""
	case n > 1:
		return fmt.Sprintf("; the last %d polls failed, the last with: %v", n, last)
	}
	return fmt.Sprintf("; the last poll failed: %v", last)
}

func compactJSON(raw json.RawMessage) string {
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return string(raw)
	}
	return b.String()
}
