package emulator

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"
)

// Toloka error codes answered by the emulator.
const (
	codeValidation          = "VALIDATION_ERROR"
	codeAuthentication      = "AUTHENTICATION_ERROR"
	codeAccessDenied        = "ACCESS_DENIED"
	codeDoesNotExist        = "DOES_NOT_EXIST"
	codeMethodNotAllowed    = "METHOD_NOT_ALLOWED"
	codeInappropriateStatus = "INAPPROPRIATE_STATUS"
	codeUnarchivedPools     = "UNARCHIVED_POOLS_CONFLICT"
	codeOperationExists     = "OPERATION_ALREADY_EXISTS"
	codeEntityTooLarge      = "ENTITY_TOO_LARGE"
	codeUnsupportedMedia    = "UNSUPPORTED_MEDIA_TYPE"
	codeTooManyRequests     = "TOO_MANY_REQUESTS"
)

// apiError is an error answer: an HTTP status and Toloka's error body.
type apiError struct {
	status  int
	code    string
	message string
	payload any
	header  http.Header
}

// errorBody is the wire shape of every error; payload is null when absent.
type errorBody struct {
	RequestID string `json:"request_id"`
	Code      string `json:"code"`
	Message   string `json:"message"`
	Payload   any    `json:"payload"`
}

// fieldError is one entry of a VALIDATION_ERROR payload.
type fieldError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// fieldErrors maps a field path (such as task_spec.input_spec.image.type)
// to what is wrong with it.
type fieldErrors map[string]fieldError

func errValidation(fields fieldErrors) *apiError {
	var payload any
	if len(fields) > 0 {
		payload = fields
	}
	return &apiError{status: http.StatusBadRequest, code: codeValidation, message: "Validation error", payload: payload}
}

func errBadBody(message string) *apiError {
	return &apiError{status: http.StatusBadRequest, code: codeValidation, message: message}
}

func errAuthentication(message string) *apiError {
	return &apiError{status: http.StatusUnauthorized, code: codeAuthentication, message: message}
}

func errAccessDenied() *apiError {
	return &apiError{status: http.StatusForbidden, code: codeAccessDenied, message: "Access denied"}
}

func errNotFound() *apiError {
	return &apiError{status: http.StatusNotFound, code: codeDoesNotExist, message: "Object does not exist"}
}

func errMethodNotAllowed(allow string) *apiError {
	return &apiError{
		status:  http.StatusMethodNotAllowed,
		code:    codeMethodNotAllowed,
		message: "Method not allowed",
		header:  http.Header{"Allow": {allow}},
	}
}

func errUnsupportedMediaType() *apiError {
	return &apiError{
		status:  http.StatusUnsupportedMediaType,
		code:    codeUnsupportedMedia,
		message: "Content type is not supported, expected application/json",
	}
}

func errEntityTooLarge() *apiError {
	return &apiError{status: http.StatusRequestEntityTooLarge, code: codeEntityTooLarge, message: "Request body is too large"}
}

func errConflict(code, message string, payload any) *apiError {
	return &apiError{status: http.StatusConflict, code: code, message: message, payload: payload}
}

func errInappropriateStatus(appropriate ...string) *apiError {
	return errConflict(codeInappropriateStatus,
		"This or related resource is in inappropriate status, operation is not allowed",
		map[string]any{"appropriate_statuses": appropriate})
}

// errTooManyRequests is a 429. interval (MIN, HOUR or DAY) names the
// exhausted quota; it is empty for the per-second limit, which has no payload.
func errTooManyRequests(retryAfter time.Duration, interval string) *apiError {
	e := &apiError{
		status:  http.StatusTooManyRequests,
		code:    codeTooManyRequests,
		message: "Too many requests",
		header:  http.Header{"Retry-After": {retryAfterSeconds(retryAfter)}},
	}
	if interval != "" {
		e.message = fmt.Sprintf("Too many requests: the %s quota is exhausted", interval)
		e.payload = map[string]any{"interval": interval}
	}
	return e
}

// retryAfterSeconds renders a delay as whole seconds, rounded up.
func retryAfterSeconds(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	return strconv.Itoa(int(math.Ceil(d.Seconds())))
}

// newRequestID returns a fresh 32-hex request id, like the service's.
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// answer is a fully rendered HTTP response, built under the server lock and
// written after it is released.
type answer struct {
	status int
	header http.Header
	body   []byte
}

func (a answer) write(w http.ResponseWriter) {
	for k, vs := range a.header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	if a.body != nil {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(a.status)
	_, _ = w.Write(a.body)
}

func jsonAnswer(status int, v any) answer {
	return answer{status: status, body: encodeJSON(v)}
}

func noContent() answer {
	return answer{status: http.StatusNoContent}
}

func errorAnswer(e *apiError) answer {
	a := jsonAnswer(e.status, errorBody{
		RequestID: newRequestID(),
		Code:      e.code,
		Message:   e.message,
		Payload:   e.payload,
	})
	a.header = e.header
	return a
}

// encodeJSON marshals without HTML escaping: markup and instructions come
// back exactly as the client wrote them.
func encodeJSON(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(fmt.Sprintf("emulator: cannot encode %T: %v", v, err))
	}
	return buf.Bytes()
}
