package toloka

import "encoding/json"

// Pool statuses.
const (
	PoolStatusOpen     = "OPEN"
	PoolStatusClosed   = "CLOSED"
	PoolStatusArchived = "ARCHIVED"
	PoolStatusLocked   = "LOCKED"
)

// Pool close reasons (last_close_reason).
const (
	PoolCloseManual    = "MANUAL"
	PoolCloseExpired   = "EXPIRED"
	PoolCloseCompleted = "COMPLETED"
	PoolCloseForUpdate = "FOR_UPDATE"
)

// Pool is a Toloka pool (PoolViewV1). Pointer fields are nil when the API
// omitted them. The deeply nested settings (filter, quality control, mixer,
// dynamic overlap and pricing) are kept as raw JSON, and Extra keeps every
// field this type does not model (owner, type, ...) so that a GET → PUT round
// trip loses nothing.
type Pool struct {
	ID                                 string                    `json:"id,omitempty"`
	ProjectID                          string                    `json:"project_id"`
	PrivateName                        string                    `json:"private_name"`
	PrivateComment                     *string                   `json:"private_comment,omitempty"`
	PublicDescription                  *string                   `json:"public_description,omitempty"`
	PublicInstructions                 *string                   `json:"public_instructions,omitempty"`
	RewardPerAssignment                *float64                  `json:"reward_per_assignment,omitempty"`
	AssignmentMaxDurationSeconds       *int64                    `json:"assignment_max_duration_seconds,omitempty"`
	WillExpire                         *Time                     `json:"will_expire,omitempty"`
	Defaults                           *PoolDefaults             `json:"defaults,omitempty"`
	MayContainAdultContent             *bool                     `json:"may_contain_adult_content,omitempty"`
	AutoAcceptSolutions                *bool                     `json:"auto_accept_solutions,omitempty"`
	AutoAcceptPeriodDay                *int64                    `json:"auto_accept_period_day,omitempty"`
	AutoCloseAfterCompleteDelaySeconds *int64                    `json:"auto_close_after_complete_delay_seconds,omitempty"`
	AssignmentsIssuingConfig           *AssignmentsIssuingConfig `json:"assignments_issuing_config,omitempty"`
	Priority                           *int64                    `json:"priority,omitempty"`
	// Filter is free-form JSON ({"and": [{"or": [...]}]}) kept verbatim.
	Filter json.RawMessage `json:"filter,omitempty"`
	// QualityControl is free-form JSON ({"configs": [...], ...}) kept verbatim.
	QualityControl       json.RawMessage      `json:"quality_control,omitempty"`
	MixerConfig          json.RawMessage      `json:"mixer_config,omitempty"`
	DynamicOverlapConfig json.RawMessage      `json:"dynamic_overlap_config,omitempty"`
	DynamicPricingConfig json.RawMessage      `json:"dynamic_pricing_config,omitempty"`
	SpeedQualityBalance  *SpeedQualityBalance `json:"speed_quality_balance,omitempty"`
	TrainingConfig       *TrainingConfig      `json:"training_config,omitempty"`
	// Metadata is omitted when nil; an empty map is sent as {}.
	Metadata map[string][]string `json:"metadata,omitzero"`

	Status          string `json:"status,omitempty"`
	LastCloseReason string `json:"last_close_reason,omitempty"`
	Created         *Time  `json:"created,omitempty"`
	LastStarted     *Time  `json:"last_started,omitempty"`
	LastStopped     *Time  `json:"last_stopped,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// PoolDefaults are the overlaps given to tasks and task suites uploaded
// without one.
type PoolDefaults struct {
	DefaultOverlapForNewTaskSuites *int64 `json:"default_overlap_for_new_task_suites,omitempty"`
	DefaultOverlapForNewTasks      *int64 `json:"default_overlap_for_new_tasks,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// AssignmentsIssuingConfig says in what order task suites are issued.
type AssignmentsIssuingConfig struct {
	IssueTaskSuitesInCreationOrder *bool `json:"issue_task_suites_in_creation_order,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// SpeedQualityBalance limits the pool to the best Tolokers.
type SpeedQualityBalance struct {
	Type    string `json:"type"`
	Percent *int64 `json:"percent,omitempty"`
	Count   *int64 `json:"count,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// TrainingConfig configures a training pool.
type TrainingConfig struct {
	TrainingSkillTTLDays *int64 `json:"training_skill_ttl_days,omitempty"`

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

// MarshalJSON encodes the defaults, including the members kept in Extra.
func (d PoolDefaults) MarshalJSON() ([]byte, error) {
	type plain PoolDefaults
	return marshalKeepingExtra(plain(d), d.Extra)
}

// UnmarshalJSON decodes the defaults, keeping unknown members in Extra.
func (d *PoolDefaults) UnmarshalJSON(data []byte) error {
	type plain PoolDefaults
	return unmarshalKeepingExtra(data, (*plain)(d), &d.Extra)
}

// MarshalJSON encodes the issuing config, including the members kept in Extra.
func (c AssignmentsIssuingConfig) MarshalJSON() ([]byte, error) {
	type plain AssignmentsIssuingConfig
	return marshalKeepingExtra(plain(c), c.Extra)
}

// UnmarshalJSON decodes the issuing config, keeping unknown members in Extra.
func (c *AssignmentsIssuingConfig) UnmarshalJSON(data []byte) error {
	type plain AssignmentsIssuingConfig
	return unmarshalKeepingExtra(data, (*plain)(c), &c.Extra)
}

// MarshalJSON encodes the balance, including the members kept in Extra.
func (b SpeedQualityBalance) MarshalJSON() ([]byte, error) {
	type plain SpeedQualityBalance
	return marshalKeepingExtra(plain(b), b.Extra)
}

// UnmarshalJSON decodes the balance, keeping unknown members in Extra.
func (b *SpeedQualityBalance) UnmarshalJSON(data []byte) error {
	type plain SpeedQualityBalance
	return unmarshalKeepingExtra(data, (*plain)(b), &b.Extra)
}

// MarshalJSON encodes the training config, including the members kept in Extra.
func (c TrainingConfig) MarshalJSON() ([]byte, error) {
	type plain TrainingConfig
	return marshalKeepingExtra(plain(c), c.Extra)
}

// UnmarshalJSON decodes the training config, keeping unknown members in Extra.
func (c *TrainingConfig) UnmarshalJSON(data []byte) error {
	type plain TrainingConfig
	return unmarshalKeepingExtra(data, (*plain)(c), &c.Extra)
}
