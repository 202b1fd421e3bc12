package toloka

import "encoding/json"

// Owner is the requester who owns an object (Owner in the API reference).
type Owner struct {
	ID string `json:"id,omitempty"`
	// Myself is true when the owner is the requester making the request.
	Myself    *bool  `json:"myself,omitempty"`
	CompanyID string `json:"company_id,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the owner, including the members kept in Extra.
func (o Owner) MarshalJSON() ([]byte, error) {
	type plain Owner
	return marshalKeepingExtra(plain(o), o.Extra)
}

// UnmarshalJSON decodes the owner, keeping unknown members in Extra.
func (o *Owner) UnmarshalJSON(data []byte) error {
	type plain Owner
	return unmarshalKeepingExtra(data, (*plain)(o), &o.Extra)
}
