package emulator

import (
	"encoding/json"
	"fmt"
	"maps"
)

// Enumerations of the pool schema.
var (
	captchaFrequencies  = []string{"LOW", "MEDIUM", "HIGH"}
	overlapConfigTypes  = []string{"BASIC"}
	pricingConfigTypes  = []string{"SKILL"}
	qualityBalanceTypes = []string{"BEST_CONCURRENT_USERS_BY_QUALITY", "TOP_PERCENTAGE_BY_QUALITY"}
	// autoCloseReasons are the reasons the service closes a pool by itself.
	autoCloseReasons = []string{"EXPIRED", "COMPLETED", "NOT_ENOUGH_BALANCE", "ASSIGNMENTS_LIMIT_EXCEEDED", "BLOCKED"}
)

// poolReadOnly are the fields the service sets; a client's values for them
// are ignored (a PUT sends back the whole view, these included).
var poolReadOnly = []string{"id", "owner", "status", "last_close_reason", "created", "last_started", "last_stopped", "type"}

// poolOptional are the editable fields that may be left out; a null one is
// dropped, as if left out.
var poolOptional = []string{
	"private_comment", "public_description", "public_instructions", "may_contain_adult_content",
	"auto_accept_solutions", "auto_accept_period_day", "auto_close_after_complete_delay_seconds",
	"assignments_issuing_config", "priority", "filter", "quality_control", "mixer_config",
	"dynamic_overlap_config", "dynamic_pricing_config", "speed_quality_balance", "training_config",
	"metadata", "training",
}

// maxInt32 bounds the 32-bit integer fields.
const maxInt32 = 2147483647

// normalizePool validates a POST or PUT body (PoolFormV1) and returns the
// fields to store, project_id included, with the service's defaults filled
// in and will_expire in the wire format. Unknown fields are kept.
func normalizePool(body map[string]any) (map[string]any, fieldErrors) {
	p := maps.Clone(body)
	for _, k := range poolReadOnly {
		delete(p, k)
	}
	for _, k := range poolOptional {
		if val, present := p[k]; present && val == nil {
			delete(p, k)
		}
	}
	v := &validator{}
	v.check(p, "project_id", "project_id", kString, true)
	v.nonEmpty(p, "private_name", "private_name", true)
	v.check(p, "private_comment", "private_comment", kString, false)
	v.check(p, "public_description", "public_description", kString, false)
	v.check(p, "public_instructions", "public_instructions", kString, false)
	v.minNumber(p, "reward_per_assignment", "reward_per_assignment", 0, true)
	v.integer(p, "assignment_max_duration_seconds", "assignment_max_duration_seconds", 5, maxInt32, true)
	v.dateTime(p, "will_expire", "will_expire", true)
	if d, ok := v.object(p, "defaults", "defaults", true); ok {
		v.integer(d, "default_overlap_for_new_task_suites", "defaults.default_overlap_for_new_task_suites", 1, 30000, true)
		v.integer(d, "default_overlap_for_new_tasks", "defaults.default_overlap_for_new_tasks", 1, 30000, false)
	}
	// Emulator choice: no documented default; false, as for a pool without
	// adult content.
	v.defaultBool(p, "may_contain_adult_content", "may_contain_adult_content", false)
	// components.schemas.PoolFormV1.auto_accept_solutions: default true.
	v.defaultBool(p, "auto_accept_solutions", "auto_accept_solutions", true)
	// responses/api/pool-id.yaml: 21 for a pool accepted automatically.
	setDefaultInteger(p, "auto_accept_period_day", 21)
	v.integer(p, "auto_accept_period_day", "auto_accept_period_day", 1, 21, false)
	// PoolFormV1 default 0; responses/api/pool-id.yaml.
	setDefaultInteger(p, "auto_close_after_complete_delay_seconds", 0)
	v.integer(p, "auto_close_after_complete_delay_seconds", "auto_close_after_complete_delay_seconds", 0, 259200, false)
	// PoolFormV1 default 0; responses/api/pool-id.yaml.
	setDefaultInteger(p, "priority", 0)
	v.integer(p, "priority", "priority", 0, 100, false)
	if cfg, ok := v.object(p, "assignments_issuing_config", "assignments_issuing_config", false); ok {
		v.check(cfg, "issue_task_suites_in_creation_order", "assignments_issuing_config.issue_task_suites_in_creation_order", kBool, false)
	}
	v.check(p, "filter", "filter", kObject, false)
	v.poolQualityControl(p)
	v.mixerConfig(p)
	v.dynamicConfigs(p)
	v.speedQualityBalance(p)
	if cfg, ok := v.object(p, "training_config", "training_config", false); ok {
		v.integer(cfg, "training_skill_ttl_days", "training_config.training_skill_ttl_days", 0, maxInt32, false)
	}
	v.metadata(p)
	v.check(p, "training", "training", kBool, false)
	fillPoolDefaults(p)
	return p, v.errs
}

func (v *validator) poolQualityControl(p map[string]any) {
	qc, ok := v.object(p, "quality_control", "quality_control", false)
	if !ok {
		return
	}
	v.check(qc, "configs", "quality_control.configs", kArray, false)
	v.enum(qc, "captcha_frequency", "quality_control.captcha_frequency", captchaFrequencies, false)
	if req, ok := v.object(qc, "training_requirement", "quality_control.training_requirement", false); ok {
		v.check(req, "training_pool_id", "quality_control.training_requirement.training_pool_id", kString, true)
		v.integer(req, "training_passing_skill_value", "quality_control.training_requirement.training_passing_skill_value", 0, 100, true)
	}
	v.check(qc, "checkpoints_config", "quality_control.checkpoints_config", kObject, false)
}

// mixerConfig checks the task counts of a task suite, all three required.
func (v *validator) mixerConfig(p map[string]any) {
	mc, ok := v.object(p, "mixer_config", "mixer_config", false)
	if !ok {
		return
	}
	for _, k := range []string{"real_tasks_count", "golden_tasks_count", "training_tasks_count"} {
		v.integer(mc, k, "mixer_config."+k, 0, 500, true)
	}
	for _, k := range []string{"min_real_tasks_count", "min_golden_tasks_count", "min_training_tasks_count"} {
		v.integer(mc, k, "mixer_config."+k, 0, 500, false)
	}
	v.check(mc, "shuffle_tasks_in_task_suite", "mixer_config.shuffle_tasks_in_task_suite", kBool, false)
	v.check(mc, "mix_tasks_in_creation_order", "mixer_config.mix_tasks_in_creation_order", kBool, false)
	v.check(mc, "force_last_assignment", "mixer_config.force_last_assignment", kBool, false)
	v.integer(mc, "force_last_assignment_delay_seconds", "mixer_config.force_last_assignment_delay_seconds", 0, 86400, false)
}

func (v *validator) dynamicConfigs(p map[string]any) {
	if cfg, ok := v.object(p, "dynamic_overlap_config", "dynamic_overlap_config", false); ok {
		v.enum(cfg, "type", "dynamic_overlap_config.type", overlapConfigTypes, true)
		v.integer(cfg, "max_overlap", "dynamic_overlap_config.max_overlap", 1, 30000, false)
		v.check(cfg, "fields", "dynamic_overlap_config.fields", kArray, false)
	}
	if cfg, ok := v.object(p, "dynamic_pricing_config", "dynamic_pricing_config", false); ok {
		v.enum(cfg, "type", "dynamic_pricing_config.type", pricingConfigTypes, true)
		v.check(cfg, "intervals", "dynamic_pricing_config.intervals", kArray, true)
	}
}

func (v *validator) speedQualityBalance(p map[string]any) {
	b, ok := v.object(p, "speed_quality_balance", "speed_quality_balance", false)
	if !ok {
		return
	}
	v.enum(b, "type", "speed_quality_balance.type", qualityBalanceTypes, true)
	v.integer(b, "percent", "speed_quality_balance.percent", 10, 100, false)
	v.integer(b, "count", "speed_quality_balance.count", 0, 100, false)
}

// metadata checks that every value is a list of strings, as the SDKs model it.
func (v *validator) metadata(p map[string]any) {
	metadata, ok := v.object(p, "metadata", "metadata", false)
	if !ok {
		return
	}
	for key, values := range metadata {
		list, ok := values.([]any)
		if !ok {
			v.failKind("metadata."+key, kArray)
			continue
		}
		for i, item := range list {
			if !isKind(item, kString) {
				v.failKind(fmt.Sprintf("metadata.%s.%d", key, i), kString)
			}
		}
	}
}

// nonEmpty checks a string that must not be empty.
func (v *validator) nonEmpty(obj map[string]any, key, path string, required bool) {
	if v.check(obj, key, path, kString, required) && obj[key] == "" {
		v.fail(path, vcInvalid, "Value must not be empty")
	}
}

// integer checks an integer between lo and hi.
func (v *validator) integer(obj map[string]any, key, path string, lo, hi int64, required bool) {
	if !v.check(obj, key, path, kInteger, required) {
		return
	}
	number, _ := obj[key].(json.Number)
	n, _ := number.Int64()
	switch {
	case n < lo:
		v.fail(path, vcTooSmall, fmt.Sprintf("Value must be greater than or equal to %d", lo))
	case n > hi:
		v.fail(path, vcTooLarge, fmt.Sprintf("Value must be less than or equal to %d", hi))
	}
}

// minNumber checks a number of at least lo.
func (v *validator) minNumber(obj map[string]any, key, path string, lo float64, required bool) {
	if !v.check(obj, key, path, kNumber, required) {
		return
	}
	number, _ := obj[key].(json.Number)
	if n, err := number.Float64(); err != nil || n < lo {
		v.fail(path, vcTooSmall, fmt.Sprintf("Value must be greater than or equal to %v", lo))
	}
}

// dateTime checks a date-time (not a plain date) and rewrites it in the wire
// format, as the service answers it.
func (v *validator) dateTime(obj map[string]any, key, path string, required bool) {
	raw, ok := v.text(obj, key, path, required)
	if !ok {
		return
	}
	t, ok := parseFilterTime(raw)
	if !ok || len(raw) <= len("2006-01-02") {
		v.fail(path, vcDateTime, "Value must be a date-time (YYYY-MM-DDThh:mm:ss[.sss])")
		return
	}
	obj[key] = formatTime(t)
}

// setDefaultInteger sets obj[key] to def when absent or null.
func setDefaultInteger(obj map[string]any, key string, def int64) {
	if val, present := obj[key]; !present || val == nil {
		obj[key] = json.Number(fmt.Sprint(def))
	}
}
