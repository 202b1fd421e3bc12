package emulator

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
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
	v.reward(p)
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
	v.filter(p)
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

// paidRewardMinimum is the least price of a paid task suite: "The minimum
// payment is $0.005. Only training and control tasks can be uploaded to
// zero-price pools." (PoolFormV1.reward_per_assignment in the API reference.)
const paidRewardMinimum = 0.005

// reward checks reward_per_assignment: 0, or at least the paid minimum.
func (v *validator) reward(p map[string]any) {
	const key = "reward_per_assignment"
	if r, ok := v.number(p, key, key, 0, math.Inf(1), true); ok && r != 0 && r < paidRewardMinimum {
		v.fail(key, vcTooSmall, fmt.Sprintf("Value must be 0 or greater than or equal to %v", paidRewardMinimum))
	}
}

func (v *validator) poolQualityControl(p map[string]any) {
	qc, ok := v.object(p, "quality_control", "quality_control", false)
	if !ok {
		return
	}
	v.qualityConfigs(qc, "quality_control")
	v.enum(qc, "captcha_frequency", "quality_control.captcha_frequency", captchaFrequencies, false)
	if req, ok := v.object(qc, "training_requirement", "quality_control.training_requirement", false); ok {
		v.check(req, "training_pool_id", "quality_control.training_requirement.training_pool_id", kString, true)
		v.integer(req, "training_passing_skill_value", "quality_control.training_requirement.training_passing_skill_value", 0, 100, true)
	}
	const checkpoints = "quality_control.checkpoints_config"
	if cfg, ok := v.object(qc, "checkpoints_config", checkpoints, false); ok {
		for _, name := range []string{"real_settings", "golden_settings", "training_settings"} {
			path := checkpoints + "." + name
			if settings, ok := v.object(cfg, name, path, false); ok {
				v.integer(settings, "target_overlap", path+".target_overlap", 1, maxInt32, true)
				if f, ok := v.object(settings, "task_distribution_function", path+".task_distribution_function", true); ok {
					v.taskDistribution(f, path+".task_distribution_function")
				}
			}
		}
	}
}

// mixerConfig checks the task counts of a task suite, all three required,
// each with its optional minimum of at most the count (toloka-kit's
// MixerConfig), and the rest of the mixer's settings.
func (v *validator) mixerConfig(p map[string]any) {
	mc, ok := v.object(p, "mixer_config", "mixer_config", false)
	if !ok {
		return
	}
	for _, k := range []string{"real", "golden", "training"} {
		count, hasCount := v.integer(mc, k+"_tasks_count", "mixer_config."+k+"_tasks_count", 0, 500, true)
		least, hasLeast := v.integer(mc, "min_"+k+"_tasks_count", "mixer_config.min_"+k+"_tasks_count", 0, 500, false)
		if hasCount && hasLeast && least > count {
			v.fail("mixer_config.min_"+k+"_tasks_count", vcTooLarge,
				fmt.Sprintf("Value must be less than or equal to %s_tasks_count (%d)", k, count))
		}
	}
	v.check(mc, "shuffle_tasks_in_task_suite", "mixer_config.shuffle_tasks_in_task_suite", kBool, false)
	v.check(mc, "mix_tasks_in_creation_order", "mixer_config.mix_tasks_in_creation_order", kBool, false)
	v.check(mc, "force_last_assignment", "mixer_config.force_last_assignment", kBool, false)
	v.integer(mc, "force_last_assignment_delay_seconds", "mixer_config.force_last_assignment_delay_seconds", 0, 86400, false)
	for _, k := range []string{"golden_task_distribution_function", "training_task_distribution_function"} {
		if f, ok := v.object(mc, k, "mixer_config."+k, false); ok {
			v.taskDistribution(f, "mixer_config."+k)
		}
	}
}

// dynamicConfigs checks dynamic overlap (every member required, max_overlap
// above the overlaps in defaults) and dynamic pricing (skill intervals that
// do not overlap; the API reference's own example starts one at skill 0).
func (v *validator) dynamicConfigs(p map[string]any) {
	if cfg, ok := v.object(p, "dynamic_overlap_config", "dynamic_overlap_config", false); ok {
		v.enum(cfg, "type", "dynamic_overlap_config.type", overlapConfigTypes, true)
		if top, ok := v.integer(cfg, "max_overlap", "dynamic_overlap_config.max_overlap", 1, 30000, true); ok {
			v.aboveDefaults(p, top)
		}
		v.number(cfg, "min_confidence", "dynamic_overlap_config.min_confidence", 0, 1, true)
		v.check(cfg, "answer_weight_skill_id", "dynamic_overlap_config.answer_weight_skill_id", kString, true)
		fields, _ := v.array(cfg, "fields", "dynamic_overlap_config.fields", 0, 0, true)
		v.objects(fields, "dynamic_overlap_config.fields", func(f map[string]any, path string) {
			v.check(f, "name", path+".name", kString, true)
		})
	}
	if cfg, ok := v.object(p, "dynamic_pricing_config", "dynamic_pricing_config", false); ok {
		v.enum(cfg, "type", "dynamic_pricing_config.type", pricingConfigTypes, true)
		v.check(cfg, "skill_id", "dynamic_pricing_config.skill_id", kString, true)
		intervals, _ := v.array(cfg, "intervals", "dynamic_pricing_config.intervals", 1, 10000, true)
		v.pricingIntervals(intervals)
	}
}

// aboveDefaults checks that max_overlap is "higher than the values in
// defaults", as the API reference says.
func (v *validator) aboveDefaults(p map[string]any, top int64) {
	defaults, _ := p["defaults"].(map[string]any)
	for _, k := range []string{"default_overlap_for_new_task_suites", "default_overlap_for_new_tasks"} {
		n, _ := defaults[k].(json.Number)
		if overlap, err := n.Int64(); err == nil && top <= overlap {
			v.fail("dynamic_overlap_config.max_overlap", vcTooSmall, "Value must be greater than defaults."+k)
		}
	}
}

// pricingIntervals checks the intervals of dynamic pricing: each skill
// range (from 0 and to 100 by default, bounds included) apart from the
// others; an interval starting within one that starts before it is the
// one at fault.
func (v *validator) pricingIntervals(intervals []any) {
	type span struct {
		from, to int64
		path     string
	}
	var spans []span
	v.objects(intervals, "dynamic_pricing_config.intervals", func(in map[string]any, path string) {
		s := span{from: 0, to: 100, path: path}
		okFrom, okTo := true, true
		if in["from"] != nil {
			s.from, okFrom = v.integer(in, "from", path+".from", 0, 1000000, true)
		}
		if in["to"] != nil {
			s.to, okTo = v.integer(in, "to", path+".to", 0, 1000000, true)
		}
		v.number(in, "reward_per_assignment", path+".reward_per_assignment", 0, math.Inf(1), true)
		if okFrom && okTo {
			spans = append(spans, s)
		}
	})
	// In order of their lower bounds, each interval must start above every
	// upper bound before it.
	slices.SortStableFunc(spans, func(a, b span) int { return cmp.Compare(a.from, b.from) })
	for i := 1; i < len(spans); i++ {
		if spans[i].from <= spans[i-1].to {
			v.fail(spans[i].path, vcInvalid, "Interval overlaps another interval")
		}
		spans[i].to = max(spans[i].to, spans[i-1].to)
	}
}

func (v *validator) speedQualityBalance(p map[string]any) {
	b, ok := v.object(p, "speed_quality_balance", "speed_quality_balance", false)
	if !ok {
		return
	}
	v.enum(b, "type", "speed_quality_balance.type", qualityBalanceTypes, true)
	// "Possible values are 10, 20, 30, 40...100."
	if percent, ok := v.integer(b, "percent", "speed_quality_balance.percent", 10, 100, false); ok && percent%10 != 0 {
		v.fail("speed_quality_balance.percent", vcInvalid, "Value must be a multiple of 10")
	}
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

// integer checks an integer between lo and hi and returns it.
func (v *validator) integer(obj map[string]any, key, path string, lo, hi int64, required bool) (int64, bool) {
	if !v.check(obj, key, path, kInteger, required) {
		return 0, false
	}
	number, _ := obj[key].(json.Number)
	n, _ := number.Int64()
	switch {
	case n < lo:
		v.fail(path, vcTooSmall, fmt.Sprintf("Value must be greater than or equal to %d", lo))
	case n > hi:
		v.fail(path, vcTooLarge, fmt.Sprintf("Value must be less than or equal to %d", hi))
	default:
		return n, true
	}
	return 0, false
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
