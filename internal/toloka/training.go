package toloka

import "encoding/json"

// Training is a Toloka training pool (TrainingViewV1): unpaid tasks with
// hints that Tolokers complete to be admitted to the main pools linked to
// it (a pool's quality_control.training_requirement names the training).
// Trainings share the statuses (PoolStatus*) and close reasons (PoolClose*)
// of pools. Pointer fields are nil when the API omitted them; Extra keeps
// every field this type does not model (owner, ...) so that a GET → PUT
// round trip loses nothing.
type Training struct {
	ID          string `json:"id,omitempty"`
	ProjectID   string `json:"project_id"`
	PrivateName string `json:"private_name"`
	// InheritedInstructions: the project's instructions are shown instead
	// of PublicInstructions.
	InheritedInstructions        bool    `json:"inherited_instructions"`
	PublicInstructions           *string `json:"public_instructions,omitempty"`
	MayContainAdultContent       *bool   `json:"may_contain_adult_content,omitempty"`
	AssignmentMaxDurationSeconds *int64  `json:"assignment_max_duration_seconds,omitempty"`
	MixTasksInCreationOrder      *bool   `json:"mix_tasks_in_creation_order,omitempty"`
	ShuffleTasksInTaskSuite      *bool   `json:"shuffle_tasks_in_task_suite,omitempty"`
	// TrainingTasksInTaskSuiteCount is required; zero is a valid count.
	TrainingTasksInTaskSuiteCount int64  `json:"training_tasks_in_task_suite_count"`
	TaskSuitesRequiredToPass      *int64 `json:"task_suites_required_to_pass,omitempty"`
	RetryTrainingAfterDays        *int64 `json:"retry_training_after_days,omitempty"`
	// Metadata is omitted when nil; an empty map is sent as {}.
	Metadata map[string][]string `json:"metadata,omitzero"`

	Status          string `json:"status,omitempty"`
	LastCloseReason string `json:"last_close_reason,omitempty"`
	Created         *Time  `json:"created,omitempty"`
	LastStarted     *Time  `json:"last_started,omitempty"`
	LastStopped     *Time  `json:"last_stopped,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the training, including the members kept in Extra.
func (t Training) MarshalJSON() ([]byte, error) {
	type plain Training
	return marshalKeepingExtra(plain(t), t.Extra)
}

// UnmarshalJSON decodes the training, keeping unknown members in Extra.
func (t *Training) UnmarshalJSON(data []byte) error {
	type plain Training
	return unmarshalKeepingExtra(data, (*plain)(t), &t.Extra)
}
