package toloka

import (
	"context"
	"encoding/json"
	"net/http"
)

// Requester is the account the credentials belong to (RequesterViewV1).
// Extra keeps every field this type does not model.
type Requester struct {
	ID string `json:"id,omitempty"`
	// Balance is the account balance in US dollars; nil when the API
	// omitted it.
	Balance *float64 `json:"balance,omitempty"`
	// PublicName is the name Tolokers see, by language ("EN": "…").
	PublicName map[string]string `json:"public_name,omitempty"`
	// Company is set when the account is registered as a company.
	Company *Company `json:"company,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// Company is the company a requester account belongs to.
type Company struct {
	ID string `json:"id,omitempty"`
	// SuperintendentID is the requester who owns the company account.
	SuperintendentID string `json:"superintendent_id,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// GetRequester returns the account the credentials belong to, with its
// balance.
func (c *Client) GetRequester(ctx context.Context) (*Requester, error) {
	var r Requester
	if _, err := c.do(ctx, http.MethodGet, "/requester", nil, nil, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// MarshalJSON encodes the requester, including the members kept in Extra.
func (r Requester) MarshalJSON() ([]byte, error) {
	type plain Requester
	return marshalKeepingExtra(plain(r), r.Extra)
}

// UnmarshalJSON decodes the requester, keeping unknown members in Extra.
func (r *Requester) UnmarshalJSON(data []byte) error {
	type plain Requester
	return unmarshalKeepingExtra(data, (*plain)(r), &r.Extra)
}

// MarshalJSON encodes the company, including the members kept in Extra.
func (c Company) MarshalJSON() ([]byte, error) {
	type plain Company
	return marshalKeepingExtra(plain(c), c.Extra)
}

// UnmarshalJSON decodes the company, keeping unknown members in Extra.
func (c *Company) UnmarshalJSON(data []byte) error {
	type plain Company
	return unmarshalKeepingExtra(data, (*plain)(c), &c.Extra)
}
