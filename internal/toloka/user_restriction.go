package toloka

import "encoding/json"

// Scopes of a user restriction (a ban).
const (
	RestrictionScopeAllProjects = "ALL_PROJECTS"
	RestrictionScopeProject     = "PROJECT"
	RestrictionScopePool        = "POOL"
	// RestrictionScopeSystem is a ban by Toloka itself; requesters cannot
	// set or lift it.
	RestrictionScopeSystem = "SYSTEM"
)

// CodeSystemScopeModification refuses to set or remove a ban of scope SYSTEM.
const CodeSystemScopeModification = "SYSTEM_SCOPE_MODIFICATION"

// UserRestriction is a ban of a Toloker from the requester's tasks
// (UserRestrictionViewV1): from all projects, one project (ProjectID) or one
// pool (PoolID). Pointer fields are nil when the API omitted them; Extra
// keeps every field this type does not model.
type UserRestriction struct {
	ID     string `json:"id,omitempty"`
	Scope  string `json:"scope"`
	UserID string `json:"user_id"`
	// ProjectID is set with scope PROJECT, PoolID with scope POOL.
	ProjectID      string  `json:"project_id,omitempty"`
	PoolID         string  `json:"pool_id,omitempty"`
	PrivateComment *string `json:"private_comment,omitempty"`
	// WillExpire is when Toloka lifts the ban by itself; nil means never.
	WillExpire *Time `json:"will_expire,omitempty"`
	Created    *Time `json:"created,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the restriction, including the members kept in Extra.
func (r UserRestriction) MarshalJSON() ([]byte, error) {
	type plain UserRestriction
	return marshalKeepingExtra(plain(r), r.Extra)
}

// UnmarshalJSON decodes the restriction, keeping unknown members in Extra.
func (r *UserRestriction) UnmarshalJSON(data []byte) error {
	type plain UserRestriction
	return unmarshalKeepingExtra(data, (*plain)(r), &r.Extra)
}
