package provider

// The values Toloka fills into a project or a pool by itself, and how each is
// kept from showing in a plan. The documentation of the resources lists the
// same (templates/resources/*.md.tmpl, "Values Toloka fills in"), and the
// tests go through every entry: the schema and the JSON attributes must make
// it harmless, the emulator must fill it in, and a configuration built from
// each genuine answer without these values must plan nothing.

// fillHow is how the provider keeps a value Toloka fills in out of a plan.
type fillHow string

const (
	// fillComputed: a read-only attribute, set from Toloka's answer.
	fillComputed fillHow = "a read-only attribute"
	// fillUnmodelled: no attribute; kept from Toloka's answer and sent back
	// unchanged on update.
	fillUnmodelled fillHow = "no attribute; sent back unchanged"
	// fillKept: an optional attribute whose value, when the configuration
	// leaves it out, is Toloka's (Optional, Computed, UseStateForUnknown).
	fillKept fillHow = "Toloka's value kept when left out"
	// fillDefault: the attribute's schema default is Toloka's.
	fillDefault fillHow = "the attribute's default"
	// fillJSON: a member of a JSON attribute, filled in (or, for a made-up
	// value, ignored when only one side has it) before comparing, left out
	// of the state after an import, and a made-up one sent back on update.
	fillJSON fillHow = "compared as filled in; left out of an imported state"
	// fillLeftOut: a member of a JSON attribute that Toloka's answer leaves
	// out; compared as filled in, kept in the state as Toloka wrote it.
	fillLeftOut fillHow = "compared as filled in"
	// fillEmptyIsNone: an empty map Toloka answers is held as null.
	fillEmptyIsNone fillHow = "held as no metadata"
)

// madeUp stands for a value Toloka makes up (an id, a time, a uuid): any
// value is Toloka's.
type madeUp struct{}

// sameAs stands for a default equal to another member of the same object.
type sameAs string

// tolokaFill is one value Toloka fills in.
type tolokaFill struct {
	// object is "project" or "pool".
	object string
	// path names the member in Toloka's JSON, dot-separated; * stands for
	// every member of a map (a field of input_spec), [] for every element
	// of an array.
	path string
	// value is the value filled in: a JSON value, madeUp{} or sameAs.
	value any
	how   fillHow
	// source is where Toloka is seen filling it in: an answer of the API
	// reference (responses/…, components.schemas.…) or of the SDK's tests.
	source string
	// emulated says that the emulator fills it in too; false for values
	// seen in an answer but documented nowhere as a default.
	emulated bool
}

// tolokaFills lists every value Toloka fills in, as far as the API reference,
// its examples and the SDK's fixtures show.
var tolokaFills = []tolokaFill{
	{"project", "id", madeUp{}, fillComputed, "responses/api/project-id.yaml", true},
	{"project", "status", "ACTIVE", fillComputed, "responses/api/project-id.yaml", true},
	{"project", "created", madeUp{}, fillComputed, "responses/api/project-id.yaml", true},
	{"project", "owner", madeUp{}, fillUnmodelled, "responses/api/project-id.yaml", true},
	{"project", "assignments_issuing_type", "AUTOMATED", fillDefault, "ProjectFormV1 default; responses/api/project-id.yaml", true},
	{"project", "assignments_automerge_enabled", false, fillKept, "ProjectFormV1 default; responses/api/project-id.yaml", true},
	{"project", "task_spec.input_spec.*.required", true, fillDefault, "InputSpecNodeID default; responses/api/project-id.yaml", true},
	{"project", "task_spec.input_spec.*.hidden", false, fillDefault, "InputSpecNodeID default; responses/api/project-id.yaml", true},
	{"project", "task_spec.output_spec.*.required", true, fillDefault, "OutputSpecNodeID default; responses/api/project-id.yaml", true},
	{"project", "task_spec.output_spec.*.hidden", false, fillDefault, "OutputSpecNodeID default; responses/api/project-id.yaml", true},
	{"project", "task_spec.view_spec.settings.showSkip", true, fillJSON, "ViewSpecNode.settings default; responses/api/project-id.yaml", true},
	{"project", "task_spec.view_spec.settings.showTimer", true, fillJSON, "ViewSpecNode.settings default; responses/api/project-id.yaml", true},
	{"project", "task_spec.view_spec.settings.showTitle", true, fillJSON, "ViewSpecNode.settings default; responses/api/project-id.yaml", true},
	{"project", "task_spec.view_spec.settings.showSubmit", true, fillJSON, "ViewSpecNode.settings default; responses/api/project-id.yaml", true},
	{"project", "task_spec.view_spec.settings.showFullscreen", true, fillJSON, "ViewSpecNode.settings default; responses/api/project-id.yaml", true},
	{"project", "task_spec.view_spec.settings.showInstructions", true, fillJSON, "ViewSpecNode.settings default; responses/api/project-id.yaml", true},
	{"project", "task_spec.view_spec.settings.showFinish", true, fillJSON, "ViewSpecNode.settings default; responses/api/project-id.yaml", true},
	{"project", "task_spec.view_spec.settings.showMessage", true, fillJSON, "ViewSpecNode.settings default; responses/api/project-id.yaml", true},
	{"project", "task_spec.view_spec.settings.showReward", true, fillJSON, "ViewSpecNode.settings default; responses/api/project-id.yaml", true},
	// The reverse of a fill: Toloka's answer leaves out the type of a
	// classic view that the request example sets.
	{"project", "task_spec.view_spec.type", "classic", fillLeftOut, "requests/api/project-body.yaml sends it, responses/api/project-id.yaml leaves it out", false},

	{"pool", "id", madeUp{}, fillComputed, "responses/api/pool-id.yaml", true},
	{"pool", "status", "CLOSED", fillComputed, "responses/api/pool-id.yaml (a new pool is closed)", true},
	{"pool", "created", madeUp{}, fillComputed, "responses/api/pool-id.yaml", true},
	{"pool", "last_started", madeUp{}, fillComputed, "SDK tests/pool/conftest.py pool_map_with_readonly", false},
	{"pool", "last_stopped", madeUp{}, fillComputed, "SDK tests/pool/conftest.py pool_map_with_readonly", false},
	{"pool", "last_close_reason", madeUp{}, fillComputed, "SDK tests/pool/conftest.py pool_map_with_readonly", false},
	{"pool", "owner", madeUp{}, fillUnmodelled, "responses/api/pool-id.yaml; company_id in SDK pool_map_with_readonly", true},
	{"pool", "type", "REGULAR", fillUnmodelled, "PoolViewV1.type (always REGULAR); responses/api/pool-id.yaml", true},
	{"pool", "may_contain_adult_content", false, fillKept, "left out of requests/api/pool-body.yaml pool_minimal_body, in every answer", true},
	{"pool", "auto_accept_solutions", true, fillKept, "PoolFormV1 default; responses/api/pool-id.yaml", true},
	{"pool", "auto_accept_period_day", 21, fillKept, "responses/api/pool-id.yaml", true},
	{"pool", "auto_close_after_complete_delay_seconds", 0, fillKept, "PoolFormV1 default; responses/api/pool-id.yaml", true},
	{"pool", "priority", 0, fillKept, "PoolFormV1 default; responses/api/pool-id.yaml", true},
	{"pool", "assignments_issuing_config.issue_task_suites_in_creation_order", false, fillKept, "responses/api/pool-id.yaml", true},
	{"pool", "metadata", map[string]any{}, fillEmptyIsNone, "responses/api/pool-id.yaml", true},
	{"pool", "defaults.default_overlap_for_new_tasks", madeUp{}, fillKept, "optional in Defaults, used for tasks uploaded with allow_defaults; its filled value is shown nowhere", false},
	{"pool", "speed_quality_balance", map[string]any{"type": "TOP_PERCENTAGE_BY_QUALITY", "percent": 100}, fillKept, "responses/api/pool-id.yaml (everyone: no limit)", false},
	{"pool", "quality_control.configs.[].collector_config.uuid", madeUp{}, fillJSON, "CollectorConfigDtoV1 (required in answers); responses/api/pool-id.yaml", true},
	{"pool", "mixer_config.force_last_assignment", true, fillJSON, "MixerConfig default", true},
	{"pool", "mixer_config.mix_tasks_in_creation_order", false, fillJSON, "MixerConfig default", true},
	{"pool", "mixer_config.shuffle_tasks_in_task_suite", true, fillJSON, "MixerConfig default", true},
	{"pool", "mixer_config.min_real_tasks_count", sameAs("real_tasks_count"), fillJSON, "MixerConfig: by default, real_tasks_count", true},
	{"pool", "mixer_config.min_golden_tasks_count", sameAs("golden_tasks_count"), fillJSON, "MixerConfig: by default, golden_tasks_count", true},
	{"pool", "mixer_config.min_training_tasks_count", sameAs("training_tasks_count"), fillJSON, "MixerConfig: by default, training_tasks_count", true},
}
