package toloka

import "encoding/json"

// UserSkill is the value of a skill for one Toloker (UserSkillViewV1); a
// skill and a Toloker have at most one. Pointer fields are nil when the API
// omitted them; Extra keeps every field this type does not model.
type UserSkill struct {
	ID      string `json:"id,omitempty"`
	SkillID string `json:"skill_id"`
	UserID  string `json:"user_id"`
	// Value is ExactValue rounded to the nearest integer.
	Value      *int64   `json:"value,omitempty"`
	ExactValue *float64 `json:"exact_value,omitempty"`
	Created    *Time    `json:"created,omitempty"`
	// Modified is when the value last changed.
	Modified *Time `json:"modified,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// SetUserSkillRequest sets the value of a skill for one Toloker
// (UserSkillFormV1).
type SetUserSkillRequest struct {
	SkillID string `json:"skill_id"`
	UserID  string `json:"user_id"`
	// Value is from 0 to 100 and may have a fraction.
	Value float64 `json:"value"`
	// Reason says why the value is set or changed.
	Reason string `json:"reason,omitempty"`
}

// MarshalJSON encodes the user skill, including the members kept in Extra.
func (s UserSkill) MarshalJSON() ([]byte, error) {
	type plain UserSkill
	return marshalKeepingExtra(plain(s), s.Extra)
}

// UnmarshalJSON decodes the user skill, keeping unknown members in Extra.
func (s *UserSkill) UnmarshalJSON(data []byte) error {
	type plain UserSkill
	return unmarshalKeepingExtra(data, (*plain)(s), &s.Extra)
}
