package toloka

import "encoding/json"

// Skill is a skill of Tolokers (SkillViewV1): a number from 0 to 100 that
// quality control rules, trainings or the requester set for each Toloker.
// Pointer fields are nil when the API omitted them; Extra keeps every field
// this type does not model so that a GET → PUT round trip loses nothing.
type Skill struct {
	ID   string `json:"id,omitempty"`
	Name string `json:"name"`
	// PublicName and PublicRequesterDescription map a language code (EN,
	// RU, ...) to the text Tolokers see.
	PublicName                 map[string]string `json:"public_name,omitzero"`
	PublicRequesterDescription map[string]string `json:"public_requester_description,omitzero"`
	PrivateComment             *string           `json:"private_comment,omitempty"`
	// Hidden hides the skill's name and value from Tolokers; the API's
	// default is true.
	Hidden *bool `json:"hidden,omitempty"`
	// SkillTTLHours is how long a Toloker keeps a value that is not updated.
	SkillTTLHours *int64 `json:"skill_ttl_hours,omitempty"`
	Deprecated    *bool  `json:"deprecated,omitempty"`
	// Training is true when the skill's values come from a training pool.
	Training *bool `json:"training,omitempty"`

	Owner   *Owner `json:"owner,omitempty"`
	Created *Time  `json:"created,omitempty"`
	// Global is true for Toloka's own skills, which every requester sees.
	Global *bool `json:"global,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the skill, including the members kept in Extra.
func (s Skill) MarshalJSON() ([]byte, error) {
	type plain Skill
	return marshalKeepingExtra(plain(s), s.Extra)
}

// UnmarshalJSON decodes the skill, keeping unknown members in Extra.
func (s *Skill) UnmarshalJSON(data []byte) error {
	type plain Skill
	return unmarshalKeepingExtra(data, (*plain)(s), &s.Extra)
}
