package toloka

import "encoding/json"

// Project statuses.
const (
	ProjectStatusActive   = "ACTIVE"
	ProjectStatusArchived = "ARCHIVED"
)

// Project is a Toloka project (ProjectViewV1). Pointer fields are nil when the
// API omitted them; Extra keeps every field this type does not model so that
// a GET → PUT round trip loses nothing.
type Project struct {
	ID                           string                        `json:"id,omitempty"`
	PublicName                   string                        `json:"public_name"`
	PublicDescription            string                        `json:"public_description"`
	PublicInstructions           *string                       `json:"public_instructions,omitempty"`
	PrivateComment               *string                       `json:"private_comment,omitempty"`
	TaskSpec                     *TaskSpec                     `json:"task_spec,omitempty"`
	AssignmentsIssuingType       string                        `json:"assignments_issuing_type,omitempty"`
	AssignmentsIssuingViewConfig *AssignmentsIssuingViewConfig `json:"assignments_issuing_view_config,omitempty"`
	AssignmentsAutomergeEnabled  *bool                         `json:"assignments_automerge_enabled,omitempty"`
	MaxActiveAssignmentsCount    *int64                        `json:"max_active_assignments_count,omitempty"`
	// QualityControl is free-form JSON ({"configs":[...]}) kept verbatim.
	QualityControl     json.RawMessage     `json:"quality_control,omitempty"`
	Metadata           map[string][]string `json:"metadata,omitempty"`
	LocalizationConfig *LocalizationConfig `json:"localization_config,omitempty"`
	Status             string              `json:"status,omitempty"`
	Created            *Time               `json:"created,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// TaskSpec describes a project's input and output data and its task interface.
type TaskSpec struct {
	InputSpec  map[string]FieldSpec `json:"input_spec"`
	OutputSpec map[string]FieldSpec `json:"output_spec"`
	// ViewSpec is free-form JSON (classic or Template Builder) kept verbatim.
	ViewSpec json.RawMessage `json:"view_spec,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// FieldSpec is the specification of one input or output field.
type FieldSpec struct {
	Type            string   `json:"type"`
	Required        *bool    `json:"required,omitempty"`
	Hidden          *bool    `json:"hidden,omitempty"`
	MinLength       *int64   `json:"min_length,omitempty"`
	MaxLength       *int64   `json:"max_length,omitempty"`
	MinValue        *float64 `json:"min_value,omitempty"`
	MaxValue        *float64 `json:"max_value,omitempty"`
	AllowedValues   []any    `json:"allowed_values,omitempty"`
	MinSize         *int64   `json:"min_size,omitempty"`
	MaxSize         *int64   `json:"max_size,omitempty"`
	CurrentLocation *bool    `json:"current_location,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// AssignmentsIssuingViewConfig configures the map view for MAP_SELECTOR projects.
type AssignmentsIssuingViewConfig struct {
	TitleTemplate       *string `json:"title_template,omitempty"`
	DescriptionTemplate *string `json:"description_template,omitempty"`
	MapProvider         *string `json:"map_provider,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// LocalizationConfig lists the project's languages and translations.
type LocalizationConfig struct {
	DefaultLanguage     string               `json:"default_language,omitempty"`
	AdditionalLanguages []AdditionalLanguage `json:"additional_languages,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// AdditionalLanguage is one translation of the project's public texts.
type AdditionalLanguage struct {
	Language           string         `json:"language"`
	PublicName         *LocalizedText `json:"public_name,omitempty"`
	PublicDescription  *LocalizedText `json:"public_description,omitempty"`
	PublicInstructions *LocalizedText `json:"public_instructions,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// LocalizedText is a translated text and where it came from (e.g. REQUESTER).
type LocalizedText struct {
	Value  string `json:"value"`
	Source string `json:"source,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the project, including the members kept in Extra.
func (p Project) MarshalJSON() ([]byte, error) {
	type plain Project
	return marshalKeepingExtra(plain(p), p.Extra)
}

// UnmarshalJSON decodes the project, keeping unknown members in Extra.
func (p *Project) UnmarshalJSON(data []byte) error {
	type plain Project
	return unmarshalKeepingExtra(data, (*plain)(p), &p.Extra)
}

// MarshalJSON encodes the task spec, including the members kept in Extra.
func (s TaskSpec) MarshalJSON() ([]byte, error) {
	type plain TaskSpec
	return marshalKeepingExtra(plain(s), s.Extra)
}

// UnmarshalJSON decodes the task spec, keeping unknown members in Extra.
func (s *TaskSpec) UnmarshalJSON(data []byte) error {
	type plain TaskSpec
	return unmarshalKeepingExtra(data, (*plain)(s), &s.Extra)
}

// MarshalJSON encodes the field spec, including the members kept in Extra.
func (f FieldSpec) MarshalJSON() ([]byte, error) {
	type plain FieldSpec
	return marshalKeepingExtra(plain(f), f.Extra)
}

// UnmarshalJSON decodes the field spec, keeping unknown members in Extra.
func (f *FieldSpec) UnmarshalJSON(data []byte) error {
	type plain FieldSpec
	return unmarshalKeepingExtra(data, (*plain)(f), &f.Extra)
}

// MarshalJSON encodes the view config, including the members kept in Extra.
func (c AssignmentsIssuingViewConfig) MarshalJSON() ([]byte, error) {
	type plain AssignmentsIssuingViewConfig
	return marshalKeepingExtra(plain(c), c.Extra)
}

// UnmarshalJSON decodes the view config, keeping unknown members in Extra.
func (c *AssignmentsIssuingViewConfig) UnmarshalJSON(data []byte) error {
	type plain AssignmentsIssuingViewConfig
	return unmarshalKeepingExtra(data, (*plain)(c), &c.Extra)
}

// MarshalJSON encodes the localization config, including the members kept in Extra.
func (c LocalizationConfig) MarshalJSON() ([]byte, error) {
	type plain LocalizationConfig
	return marshalKeepingExtra(plain(c), c.Extra)
}

// UnmarshalJSON decodes the localization config, keeping unknown members in Extra.
func (c *LocalizationConfig) UnmarshalJSON(data []byte) error {
	type plain LocalizationConfig
	return unmarshalKeepingExtra(data, (*plain)(c), &c.Extra)
}

// MarshalJSON encodes the translation, including the members kept in Extra.
func (l AdditionalLanguage) MarshalJSON() ([]byte, error) {
	type plain AdditionalLanguage
	return marshalKeepingExtra(plain(l), l.Extra)
}

// UnmarshalJSON decodes the translation, keeping unknown members in Extra.
func (l *AdditionalLanguage) UnmarshalJSON(data []byte) error {
	type plain AdditionalLanguage
	return unmarshalKeepingExtra(data, (*plain)(l), &l.Extra)
}

// MarshalJSON encodes the localized text, including the members kept in Extra.
func (t LocalizedText) MarshalJSON() ([]byte, error) {
	type plain LocalizedText
	return marshalKeepingExtra(plain(t), t.Extra)
}

// UnmarshalJSON decodes the localized text, keeping unknown members in Extra.
func (t *LocalizedText) UnmarshalJSON(data []byte) error {
	type plain LocalizedText
	return unmarshalKeepingExtra(data, (*plain)(t), &t.Extra)
}
