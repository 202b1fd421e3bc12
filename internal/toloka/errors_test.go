package toloka

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestAPIErrorMessage(t *testing.T) {
	err := &APIError{
		StatusCode: 400,
		Code:       CodeValidationError,
		Message:    "Validation error",
		RequestID:  "abc-123",
		Payload:    json.RawMessage(`{"b":{"code":"OBJECT_EXPECTED","message":"Value must be an object"},"a":{"code":"VALUE_REQUIRED","message":"Value must be present"}}`),
	}
	want := "toloka: HTTP 400 VALIDATION_ERROR: Validation error (a: VALUE_REQUIRED Value must be present; b: OBJECT_EXPECTED Value must be an object); request id abc-123"
	if got := err.Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}
}

func TestAPIErrorMessageWithRetryAfter(t *testing.T) {
	err := &APIError{StatusCode: 429, Code: CodeTooManyRequests, RetryAfter: time.Hour}
	if got, want := err.Error(), "toloka: HTTP 429 TOO_MANY_REQUESTS; retry after 1h0m0s"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestValidationErrors(t *testing.T) {
	payload := json.RawMessage(`{"filter.and.0.value":{"code":"INVALID","message":"bad"},"odd":"not an object"}`)
	got := (&APIError{Code: CodeValidationError, Payload: payload}).ValidationErrors()
	if len(got) != 1 || got["filter.and.0.value"] != (FieldError{Code: "INVALID", Message: "bad"}) {
		t.Errorf("ValidationErrors() = %v", got)
	}
	if got := (&APIError{Code: "INAPPROPRIATE_STATUS", Payload: payload}).ValidationErrors(); got != nil {
		t.Errorf("ValidationErrors() of another code = %v, want nil", got)
	}
	if got := (&APIError{Code: CodeValidationError}).ValidationErrors(); got != nil {
		t.Errorf("ValidationErrors() without payload = %v, want nil", got)
	}
}

func TestIsNotFoundAndHasCode(t *testing.T) {
	wrapped := func(e *APIError) error { return fmt.Errorf("reading: %w", e) }
	for _, tc := range []struct {
		err      error
		notFound bool
	}{
		{wrapped(&APIError{StatusCode: 404, Code: "WHATEVER"}), true},
		{wrapped(&APIError{StatusCode: 400, Code: CodeDoesNotExist}), true},
		{wrapped(&APIError{StatusCode: 400, Code: CodeNotFound}), true},
		{wrapped(&APIError{StatusCode: 409, Code: CodeUnarchivedPoolsConflict}), false},
		{errors.New("404"), false},
		{nil, false},
	} {
		if got := IsNotFound(tc.err); got != tc.notFound {
			t.Errorf("IsNotFound(%v) = %v", tc.err, got)
		}
	}
	conflict := wrapped(&APIError{StatusCode: 409, Code: CodeUnarchivedPoolsConflict})
	if !HasCode(conflict, CodeUnarchivedPoolsConflict) || HasCode(conflict, "EMPTY_POOL") || HasCode(errors.New("x"), "") {
		t.Error("HasCode answers wrongly")
	}
}

func TestParseAPIError(t *testing.T) {
	got := parseAPIError(409, readFixture(t, "error_empty_pool_409.json"))
	want := APIError{StatusCode: 409, Code: "EMPTY_POOL", Message: "Pool contains no tasks. Operation is not allowed", RequestID: "8dff48b8e99cd9408fa2d6a906d52205"}
	if got.Payload != nil || got.StatusCode != want.StatusCode || got.Code != want.Code || got.Message != want.Message || got.RequestID != want.RequestID {
		t.Errorf("parseAPIError = %+v, want %+v (null payload as nil)", got, want)
	}
}

func TestParseAPIErrorOfNonJSONBodies(t *testing.T) {
	long := strings.Repeat("é", maxExcerptRunes+50)
	for _, tc := range []struct{ body, message string }{
		{"<html>\n<head><title>502 Bad Gateway</title></head>\n<body><h1>502 Bad Gateway</h1><hr>nginx</body></html>", "502 Bad Gateway 502 Bad Gateway nginx"},
		{"", "(empty body)"},
		{`{"message":"JSON but no code"}`, `{"message":"JSON but no code"}`},
		{long, strings.Repeat("é", maxExcerptRunes) + "…"},
	} {
		got := parseAPIError(502, []byte(tc.body))
		if got.Code != CodeNonJSONResponse || got.Message != tc.message || got.StatusCode != 502 {
			t.Errorf("parseAPIError(%.30q) = %+v, want message %q", tc.body, got, tc.message)
		}
	}
}

func TestOperationFailedErrorMessage(t *testing.T) {
	op := &Operation{ID: "op-1", Type: "PROJECT.ARCHIVE", Status: OperationFail, Details: json.RawMessage(`{ "reason" : "pools" }`)}
	if got, want := (&OperationFailedError{Operation: op}).Error(), `toloka: operation op-1 (PROJECT.ARCHIVE) failed; details: {"reason":"pools"}`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	op.Details = nil
	if got := (&OperationFailedError{Operation: op}).Error(); !strings.HasSuffix(got, "details: none") {
		t.Errorf("Error() without details = %q", got)
	}
}

func TestOperationTimeoutError(t *testing.T) {
	progress := int64(40)
	err := error(&OperationTimeoutError{Operation: &Operation{ID: "op-2", Type: "POOL.CLOSE", Status: OperationRunning, Progress: &progress}})
	if got, want := err.Error(), "toloka: timed out waiting for operation op-2 (POOL.CLOSE): still RUNNING, progress 40%"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Error("OperationTimeoutError does not unwrap to context.DeadlineExceeded")
	}
}

func TestOperationPollError(t *testing.T) {
	op := &Operation{ID: "op-3", Type: "POOL.ARCHIVE", Status: OperationRunning}
	notFound := &APIError{StatusCode: 404, Code: CodeDoesNotExist, Message: "no"}
	for _, tc := range []struct {
		err  *OperationPollError
		want string
	}{
		{&OperationPollError{Operation: op, FailedPolls: 1, Err: notFound},
			"toloka: stopped waiting for operation op-3 (POOL.ARCHIVE), last seen RUNNING; the last poll failed: toloka: HTTP 404 DOES_NOT_EXIST: no"},
		{&OperationPollError{Operation: op, FailedPolls: 6, Err: notFound},
			"toloka: stopped waiting for operation op-3 (POOL.ARCHIVE), last seen RUNNING; the last 6 polls failed, the last with: toloka: HTTP 404 DOES_NOT_EXIST: no"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
		if !IsNotFound(tc.err) {
			t.Error("OperationPollError does not unwrap to the poll's error")
		}
	}
}

// A wait that gave up on an operation still running names it; one that
// ended otherwise does not.
func TestUnfinishedOperation(t *testing.T) {
	op := &Operation{ID: "op-4", Type: "PROJECT.ARCHIVE", Status: OperationRunning}
	for _, tc := range []struct {
		err  error
		want *Operation
	}{
		{&OperationTimeoutError{Operation: op}, op},
		{fmt.Errorf("archiving: %w", &OperationPollError{Operation: op, FailedPolls: 6, Err: errors.New("503")}), op},
		{&OperationFailedError{Operation: op}, nil},
		{&APIError{StatusCode: 409}, nil},
		{nil, nil},
	} {
		if got := UnfinishedOperation(tc.err); got != tc.want {
			t.Errorf("UnfinishedOperation(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}
