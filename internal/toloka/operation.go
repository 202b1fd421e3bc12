package toloka

import "encoding/json"

// Operation statuses.
const (
	OperationPending = "PENDING"
	OperationRunning = "RUNNING"
	OperationSuccess = "SUCCESS"
	OperationFail    = "FAIL"
)

// Operation is an asynchronous Toloka operation (OperationViewV1).
type Operation struct {
	ID         string                     `json:"id"`
	Type       string                     `json:"type"`
	Status     string                     `json:"status"`
	Submitted  *Time                      `json:"submitted,omitempty"`
	Started    *Time                      `json:"started,omitempty"`
	Finished   *Time                      `json:"finished,omitempty"`
	Progress   *int64                     `json:"progress,omitempty"`
	Parameters map[string]json.RawMessage `json:"parameters,omitempty"`
	Details    json.RawMessage            `json:"details,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// Terminal reports whether the operation has finished, successfully or not.
func (o *Operation) Terminal() bool {
	return o.Status == OperationSuccess || o.Status == OperationFail
}

// MarshalJSON encodes the operation, including the members kept in Extra.
func (o Operation) MarshalJSON() ([]byte, error) {
	type plain Operation
	return marshalKeepingExtra(plain(o), o.Extra)
}

// UnmarshalJSON decodes the operation, keeping unknown members in Extra.
func (o *Operation) UnmarshalJSON(data []byte) error {
	type plain Operation
	return unmarshalKeepingExtra(data, (*plain)(o), &o.Extra)
}
