package toloka

import "encoding/json"

// Pool statuses.
const (
	PoolStatusOpen     = "OPEN"
	PoolStatusClosed   = "CLOSED"
	PoolStatusArchived = "ARCHIVED"
	PoolStatusLocked   = "LOCKED"
)

// Pool is a Toloka pool (PoolViewV1). Only the fields the provider reads so
// far are typed; Extra keeps the rest so that nothing is lost on a round trip.
type Pool struct {
	ID              string `json:"id,omitempty"`
	ProjectID       string `json:"project_id"`
	PrivateName     string `json:"private_name"`
	Status          string `json:"status,omitempty"`
	LastCloseReason string `json:"last_close_reason,omitempty"`
	Created         *Time  `json:"created,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the pool, including the members kept in Extra.
func (p Pool) MarshalJSON() ([]byte, error) {
	type plain Pool
	return marshalKeepingExtra(plain(p), p.Extra)
}

// UnmarshalJSON decodes the pool, keeping unknown members in Extra.
func (p *Pool) UnmarshalJSON(data []byte) error {
	type plain Pool
	return unmarshalKeepingExtra(data, (*plain)(p), &p.Extra)
}
