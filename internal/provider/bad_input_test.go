package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// badInput is one invalid configuration and what its diagnostic must say:
// phrases in order, across Terraform's line wrapping, one of which names
// the attribute.
type badInput struct {
	name   string
	config func(e *testEmulator) string
	says   []string
}

// diagnosticPattern matches the words in order, across Terraform's line
// wrapping.
func diagnosticPattern(words []string) *regexp.Regexp {
	parts := make([]string, len(words))
	for i, w := range words {
		parts[i] = strings.ReplaceAll(regexp.QuoteMeta(w), " ", `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, ".*"))
}

// block is a resource block of the given type whose attributes are the
// defaults, in order, with lines replacing or adding some: a line
// "name = value" sets name, and "-name" leaves it out.
func block(kind string, defaults [][2]string, lines []string) string {
	values := map[string]string{}
	var order []string
	for _, d := range defaults {
		values[d[0]] = d[1]
		order = append(order, d[0])
	}
	for _, l := range lines {
		if name, omitted := strings.CutPrefix(l, "-"); omitted {
			delete(values, name)
			continue
		}
		name, value, _ := strings.Cut(l, " = ")
		if _, known := values[name]; !known {
			order = append(order, name)
		}
		values[name] = value
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\nresource %q \"bad\" {\n", kind)
	for _, name := range order {
		if value, ok := values[name]; ok {
			fmt.Fprintf(&b, "  %s = %s\n", name, value)
		}
	}
	return b.String() + "}\n"
}

// badProject is a valid project changed by lines (see block).
func badProject(lines ...string) func(e *testEmulator) string {
	return func(e *testEmulator) string {
		return e.providerConfig() + block("toloka_project", [][2]string{
			{"public_name", `"Bad input"`},
			{"public_description", `"Rejected at plan time"`},
			{"task_spec", `{
    input_spec  = { image = { type = "url" } }
    output_spec = { result = { type = "string" } }
    view_spec   = jsonencode({ type = "classic", markup = "{{img src=image}}" })
  }`},
		}, lines)
	}
}

// badTaskSpec is a project whose task_spec has these input and output fields
// and view_spec.
func badTaskSpec(input, output, view string) func(e *testEmulator) string {
	return badProject(fmt.Sprintf("task_spec = {\n    input_spec  = %s\n    output_spec = %s\n    view_spec   = %s\n  }", input, output, view))
}

const (
	okInput  = `{ image = { type = "url" } }`
	okOutput = `{ result = { type = "string" } }`
	okView   = `jsonencode({ type = "classic", markup = "x" })`
)

// badField is a project with one invalid output field.
func badField(field string) func(e *testEmulator) string {
	return badTaskSpec(okInput, "{ result = "+field+" }", okView)
}

// badPool is a valid pool of an existing project changed by lines (see block).
func badPool(lines ...string) func(e *testEmulator) string {
	return func(e *testEmulator) string {
		return e.providerConfig() + block("toloka_pool", [][2]string{
			{"project_id", `"100001"`},
			{"private_name", `"Bad pool"`},
			{"reward_per_assignment", "0.05"},
			{"assignment_max_duration_seconds", "600"},
			{"will_expire", `"2030-01-02T03:04:05"`},
			{"defaults", "{ default_overlap_for_new_task_suites = 3 }"},
		}, lines)
	}
}

// badProvider is a provider block with these attributes, and a valid project.
func badProvider(lines ...string) func(e *testEmulator) string {
	return func(e *testEmulator) string {
		return fmt.Sprintf("provider \"toloka\" {\n  %s\n}\n", strings.Join(lines, "\n  ")) +
			strings.TrimPrefix(badProject()(e), e.providerConfig())
	}
}

func emulatorURL(e *testEmulator) string { return fmt.Sprintf("base_url = %q", e.apiURL) }

func badInputs() []badInput {
	withURL := func(lines ...string) func(e *testEmulator) string {
		return func(e *testEmulator) string { return badProvider(append(lines, emulatorURL(e))...)(e) }
	}
	return []badInput{
		// the provider
		{"unknown environment", withURL(`environment = "staging"`, `api_key = "k"`), []string{"Attribute environment", `"staging"`}},
		{"empty environment", withURL(`environment = ""`, `api_key = "k"`), []string{"Attribute environment", "must be one of"}},
		{"conflicting credentials", withURL(`environment = "sandbox"`, `api_key = "k"`, `oauth_token = "t"`), []string{"`api_key`", "`oauth_token`", "exactly one"}},
		{"no credentials", withURL(`environment = "sandbox"`), []string{"Missing Toloka credentials", "`api_key`"}},
		{"key with a space", withURL(`environment = "sandbox"`, `api_key = "two words"`), []string{"`api_key`", "spaces or control characters"}},
		{"token with a line break", withURL(`environment = "sandbox"`, `oauth_token = "line\nbreak"`), []string{"`oauth_token`", "spaces or control characters"}},
		{"plain http to a remote host", badProvider(`environment = "sandbox"`, `api_key = "k"`, `base_url = "http://toloka.dev/api/v1"`), []string{"Invalid Toloka API address", "plain http", "loopback", "(set by the `base_url` attribute)"}},
		{"base URL of another scheme", badProvider(`environment = "sandbox"`, `api_key = "k"`, `base_url = "ftp://toloka.dev/api/v1"`), []string{"Invalid Toloka API address", "absolute http or https", "`base_url`"}},
		{"base URL without a host", badProvider(`environment = "sandbox"`, `api_key = "k"`, `base_url = "not a url"`), []string{"Invalid Toloka API address", "absolute http or https", "`base_url`"}},
		{"base URL with user information", badProvider(`environment = "sandbox"`, `api_key = "k"`, `base_url = "https://me:pw@toloka.dev/api/v1"`), []string{"Invalid Toloka API address", "user information", "`base_url`"}},
		{"negative max_retries", withURL(`environment = "sandbox"`, `api_key = "k"`, `max_retries = -1`), []string{"Attribute max_retries", "between 0 and 20"}},
		{"too many retries", withURL(`environment = "sandbox"`, `api_key = "k"`, `max_retries = 21`), []string{"Attribute max_retries", "between 0 and 20"}},
		{"unknown provider argument", withURL(`environment = "sandbox"`, `api_key = "k"`, `region = "eu"`), []string{`"region"`, "not expected"}},

		// toloka_project: names and texts
		{"empty public_name", badProject(`public_name = ""`), []string{"Attribute public_name", "at least 1"}},
		{"empty public_description", badProject(`public_description = ""`), []string{"Attribute public_description", "at least 1"}},
		{"missing public_name", badProject(`-public_name`), []string{`"public_name"`, "is required"}},
		{"public_name of the wrong type", badProject(`public_name = ["a", "b"]`), []string{`"public_name"`, "string required"}},
		{"unknown project argument", badProject(`colour = "red"`), []string{`"colour"`, "not expected"}},
		{"archived not a boolean", badProject(`archived = "maybe"`), []string{`"archived"`, "a bool is required"}},

		// toloka_project: the task spec
		{"missing task_spec", badProject(`-task_spec`), []string{`"task_spec"`, "is required"}},
		{"empty input_spec", badTaskSpec("{}", okOutput, okView), []string{"Attribute task_spec.input_spec", "at least 1"}},
		{"empty output_spec", badTaskSpec(okInput, "{}", okView), []string{"Attribute task_spec.output_spec", "at least 1"}},
		{"unknown input field type", badTaskSpec(`{ image = { type = "picture" } }`, okOutput, okView), []string{`Attribute task_spec.input_spec["image"].type value must be one of`, `"picture"`}},
		{"empty output field type", badField(`{ type = "" }`), []string{`Attribute task_spec.output_spec["result"].type value must be one of`}},
		{"hidden not a boolean", badField(`{ type = "string", hidden = "yes" }`), []string{`hidden = "yes"`, `"task_spec": a bool is required`}},
		{"view_spec not JSON", badTaskSpec(okInput, okOutput, `"{not json"`), []string{"Invalid JSON object", "task_spec.view_spec must be a JSON object"}},
		{"view_spec a JSON array", badTaskSpec(okInput, okOutput, `jsonencode([1, 2])`), []string{"task_spec.view_spec must be a JSON object", "JSON array, not an object"}},
		{"view_spec a JSON string", badTaskSpec(okInput, okOutput, `jsonencode("classic")`), []string{"task_spec.view_spec must be a JSON object", "JSON string, not an object"}},
		{"negative min_length", badField(`{ type = "string", min_length = -1 }`), []string{`Attribute task_spec.output_spec["result"].min_length`, "at least 0"}},
		{"negative max_length", badField(`{ type = "string", max_length = -5 }`), []string{`Attribute task_spec.output_spec["result"].max_length`, "at least 0"}},
		{"min_length above max_length", badField(`{ type = "string", min_length = 10, max_length = 2 }`), []string{`task_spec.output_spec["result"]: min_length 10 is greater than max_length 2`}},
		{"negative min_size", badField(`{ type = "array_string", min_size = -1 }`), []string{`Attribute task_spec.output_spec["result"].min_size`, "at least 0"}},
		{"min_size above max_size", badField(`{ type = "array_string", min_size = 3, max_size = 1 }`), []string{`task_spec.output_spec["result"]: min_size 3 is greater than max_size 1`}},
		{"min_value above max_value", badField(`{ type = "float", min_value = 1.5, max_value = 0.5 }`), []string{`task_spec.output_spec["result"]: min_value 1.5 is greater than max_value 0.5`}},
		{"non-numeric allowed value of an integer field", badField(`{ type = "integer", allowed_values = ["1", "two"] }`), []string{`task_spec.output_spec["result"].allowed_values[1]`, `"two" is not a number`}},
		{"non-numeric allowed value of a float field", badField(`{ type = "float", allowed_values = ["0.5", "half"] }`), []string{`task_spec.output_spec["result"].allowed_values[1]`, `"half" is not a number`}},
		{"empty allowed_values", badField(`{ type = "string", allowed_values = [] }`), []string{`Attribute task_spec.output_spec["result"].allowed_values`, "at least 1"}},

		// toloka_project: other settings
		{"unknown assignments_issuing_type", badProject(`assignments_issuing_type = "RANDOM"`), []string{"Attribute assignments_issuing_type", "RANDOM"}},
		{"map view without a map", badProject(`assignments_issuing_view_config = { title_template = "t" }`), []string{"Map view without a map", "assignments_issuing_view_config applies only when assignments_issuing_type is"}},
		{"unknown map_provider", badProject(`assignments_issuing_type = "MAP_SELECTOR"`, `assignments_issuing_view_config = { map_provider = "BING" }`), []string{"Attribute assignments_issuing_view_config.map_provider", "BING"}},
		{"zero max_active_assignments_count", badProject(`max_active_assignments_count = 0`), []string{"Attribute max_active_assignments_count", "between 1 and 2147483647"}},
		{"negative max_active_assignments_count", badProject(`max_active_assignments_count = -5`), []string{"Attribute max_active_assignments_count", "between 1 and 2147483647"}},
		{"max_active_assignments_count beyond int32", badProject(`max_active_assignments_count = 2147483648`), []string{"Attribute max_active_assignments_count", "between 1 and 2147483647"}},
		{"quality_control not JSON", badProject(`quality_control = "{configs: []}"`), []string{"Invalid JSON object", "quality_control must be a JSON object"}},
		{"quality_control a JSON number", badProject(`quality_control = "42"`), []string{"quality_control must be a JSON object", "JSON number, not an object"}},
		{"empty metadata", badProject(`metadata = {}`), []string{"Attribute metadata", "at least 1"}},
		{"one-letter default_language", badProject(`localization_config = { default_language = "E" }`), []string{"Unknown language", "Attribute localization_config.default_language", "language code Toloka knows", `got: "E"`}},
		{"overlong default_language", badProject(`localization_config = { default_language = "ENGLISH" }`), []string{"Unknown language", "Attribute localization_config.default_language", "language code Toloka knows", `got: "ENGLISH"`}},
		{"overlong language of a translation", badProject(`localization_config = { default_language = "EN", additional_languages = [{ language = "RUSSIAN" }] }`), []string{"Attribute localization_config.additional_languages[0].language", "language code Toloka knows"}},
		{"lower-case language", badProject(`localization_config = { default_language = "en" }`), []string{"Attribute localization_config.default_language", "language code Toloka knows", `got: "en"`}},
		{"machine translation", badProject(`localization_config = { default_language = "EN", additional_languages = [{ language = "RU", public_name = { value = "x", source = "MACHINE" } }] }`), []string{"Attribute localization_config.additional_languages[0].public_name.source", `value must be one of: ["REQUESTER"]`}},
		{"map selector without a map view", badProject(`assignments_issuing_type = "MAP_SELECTOR"`), []string{"Map without a map view", `assignments_issuing_type "MAP_SELECTOR" needs assignments_issuing_view_config`}},
		{"map view without a description", badProject(`assignments_issuing_type = "MAP_SELECTOR"`, `assignments_issuing_view_config = { title_template = "t" }`), []string{"Missing map template", "assignments_issuing_view_config.description_template"}},
		{"project rejection without a comment", badProject(`quality_control = jsonencode({ configs = [{ collector_config = { type = "SKIPPED_IN_ROW_ASSIGNMENTS" }, rules = [{ conditions = [{ key = "skipped_in_row_count", operator = "GTE", value = 10 }], action = { type = "REJECT_ALL_ASSIGNMENTS", parameters = {} } }] }] })`), []string{"Invalid quality_control", "quality_control: configs[0].rules[0].action.parameters.public_comment: is required"}},
		{"project collector of no kind", badProject(`quality_control = jsonencode({ configs = [{ collector_config = { type = "SPEED" }, rules = [] }] })`), []string{"Invalid quality_control", `quality_control: configs[0].collector_config.type: "SPEED" is not one of ACCEPTANCE_RATE`}},
		{"translation without its text", badProject(`localization_config = { default_language = "EN", additional_languages = [{ language = "RU", public_name = { source = "REQUESTER" } }] }`), []string{`"localization_config.additional_languages[0].public_name.value" must be specified`}},
		{"translation without its language", badProject(`localization_config = { default_language = "EN", additional_languages = [{ public_name = { value = "x" } }] }`), []string{`"localization_config.additional_languages[0].language" must be specified`}},
		{"localization without a default language", badProject(`localization_config = { additional_languages = [] }`), []string{`"localization_config.default_language" must be specified`}},

		// toloka_pool
		{"empty private_name", badPool(`private_name = ""`), []string{"Attribute private_name", "at least 1"}},
		{"empty project_id", badPool(`project_id = ""`), []string{"Attribute project_id", "at least 1"}},
		{"negative reward", badPool(`reward_per_assignment = -0.01`), []string{"Reward below Toloka's minimum", "Attribute reward_per_assignment", "0 (a zero-price pool) or at least 0.005", "got: -0.01"}},
		{"reward below the paid minimum", badPool(`reward_per_assignment = 0.001`), []string{"Reward below Toloka's minimum", "Attribute reward_per_assignment", "or at least 0.005", "got: 0.001", "zero-price pools"}},
		{"assignment shorter than 5 seconds", badPool(`assignment_max_duration_seconds = 4`), []string{"Attribute assignment_max_duration_seconds", "between 5 and"}},
		{"zero overlap", badPool(`defaults = { default_overlap_for_new_task_suites = 0 }`), []string{"Attribute defaults.default_overlap_for_new_task_suites", "between 1 and 30000"}},
		{"priority above 100", badPool(`priority = 101`), []string{"Attribute priority", "between 0 and 100"}},
		{"auto-accept period too long", badPool(`auto_accept_period_day = 22`), []string{"Attribute auto_accept_period_day", "between 1 and 21"}},
		{"auto-close delay beyond three days", badPool(`auto_close_after_complete_delay_seconds = 259201`), []string{"Attribute auto_close_after_complete_delay_seconds", "between 0 and 259200"}},
		{"filter not JSON", badPool(`filter = "and: []"`), []string{"Invalid JSON object", "filter must be a JSON object"}},
		{"speed_quality_balance without a type", badPool(`speed_quality_balance = { percent = 50 }`), []string{`"speed_quality_balance.type" must be specified`}},
		{"unknown speed_quality_balance type", badPool(`speed_quality_balance = { type = "FASTEST", percent = 50 }`), []string{"Attribute speed_quality_balance.type", "FASTEST"}},
		{"percentage balance without a percent", badPool(`speed_quality_balance = { type = "TOP_PERCENTAGE_BY_QUALITY" }`), []string{"Missing percentage", "speed_quality_balance of type TOP_PERCENTAGE_BY_QUALITY needs `percent`"}},
		{"balance percent below 10", badPool(`speed_quality_balance = { type = "TOP_PERCENTAGE_BY_QUALITY", percent = 5 }`), []string{"Attribute speed_quality_balance.percent", "between 10 and 100"}},
		{"balance percent off the step", badPool(`speed_quality_balance = { type = "TOP_PERCENTAGE_BY_QUALITY", percent = 15 }`), []string{"Attribute speed_quality_balance.percent", "multiple of 10", "got: 15"}},

		// toloka_pool: the filter
		{"filter with and and or", badPool(`filter = jsonencode({ and = [], or = [] })`), []string{"Invalid filter", "filter: has both and and or"}},
		{"filter operator of another key", badPool(`filter = jsonencode({ and = [{ or = [{ category = "profile", key = "languages", operator = "IN", value = "EN" }, { category = "profile", key = "languages", operator = "GTE", value = "EN" }] }] })`), []string{"Invalid filter", `filter: and[0].or[1].operator: "GTE" is not an operator of category "profile" key "languages" (allowed: IN, NOT_IN)`}},
		{"filter category", badPool(`filter = jsonencode({ and = [{ category = "group", key = "x", operator = "EQ", value = 1 }] })`), []string{"Invalid filter", `filter: and[0].category: "group" is not one of profile, computed, skill`}},
		{"filter key", badPool(`filter = jsonencode({ or = [{ category = "computed", key = "speed", operator = "EQ", value = 1 }] })`), []string{"Invalid filter", `filter: or[0].key: "speed" is not a key of category "computed"`}},
		{"filter value of the wrong kind", badPool(`filter = jsonencode({ and = [{ category = "profile", key = "adult_allowed", operator = "EQ", value = "yes" }] })`), []string{"Invalid filter", `filter: and[0].value: must be a boolean, not "yes"`}},
		{"filter without a value", badPool(`filter = jsonencode({ and = [{ category = "profile", key = "country", operator = "EQ" }] })`), []string{"Invalid filter", "filter: and[0].value: is required"}},
		{"skill filter above 100", badPool(`filter = jsonencode({ and = [{ category = "skill", key = "42", operator = "GTE", value = 100.5 }] })`), []string{"Invalid filter", "filter: and[0].value: must be at most 100, not 100.5"}},
		{"filter too long", badPool(`filter = jsonencode({ and = [{ category = "profile", key = "country", operator = "EQ", value = format("%010000d", 0) }] })`), []string{"Invalid filter", "filter: its JSON text is 10075 characters long, longer than Toloka's limit of 10000"}},

		// toloka_pool: quality control
		{"captcha collector", badPool(`quality_control = jsonencode({ configs = [{ collector_config = { type = "CAPTCHA" }, rules = [] }] })`), []string{"Invalid quality_control", `quality_control: configs[0].collector_config.type: "CAPTCHA" is not one of`}},
		{"collector uuid", badPool(`quality_control = jsonencode({ configs = [{ collector_config = { type = "SKIPPED_IN_ROW_ASSIGNMENTS", uuid = "first" }, rules = [] }] })`), []string{"Invalid quality_control", `quality_control: configs[0].collector_config.uuid: "first" is not a UUID`}},
		{"collector parameter", badPool(`quality_control = jsonencode({ configs = [{ collector_config = { type = "ANSWER_COUNT", parameters = { history_size = 5 } }, rules = [] }] })`), []string{"Invalid quality_control", `quality_control: configs[0].collector_config.parameters.history_size: is not a parameter of collector "ANSWER_COUNT" (allowed: none)`}},
		{"condition of another collector", badPool(`quality_control = jsonencode({ configs = [{ collector_config = { type = "SKIPPED_IN_ROW_ASSIGNMENTS" }, rules = [{ conditions = [{ key = "fast_submitted_count", operator = "GTE", value = 2 }], action = { type = "APPROVE_ALL_ASSIGNMENTS", parameters = {} } }] }] })`), []string{"Invalid quality_control", `quality_control: configs[0].rules[0].conditions[0].key: "fast_submitted_count" is not a condition of collector "SKIPPED_IN_ROW_ASSIGNMENTS" (allowed: skipped_in_row_count)`}},
		{"rate above 100", badPool(`quality_control = jsonencode({ configs = [{ collector_config = { type = "GOLDEN_SET" }, rules = [{ conditions = [{ key = "incorrect_answers_rate", operator = "GT", value = 120 }], action = { type = "APPROVE_ALL_ASSIGNMENTS", parameters = {} } }] }] })`), []string{"Invalid quality_control", "quality_control: configs[0].rules[0].conditions[0].value: must be at most 100, not 120"}},
		{"unknown action", badPool(`quality_control = jsonencode({ configs = [{ collector_config = { type = "SKIPPED_IN_ROW_ASSIGNMENTS" }, rules = [{ conditions = [{ key = "skipped_in_row_count", operator = "GTE", value = 3 }], action = { type = "BAN", parameters = {} } }] }] })`), []string{"Invalid quality_control", `quality_control: configs[0].rules[0].action.type: "BAN" is not one of`}},
		{"restriction for hours without a duration", badPool(`quality_control = jsonencode({ configs = [{ collector_config = { type = "SKIPPED_IN_ROW_ASSIGNMENTS" }, rules = [{ conditions = [{ key = "skipped_in_row_count", operator = "GTE", value = 3 }], action = { type = "RESTRICTION_V2", parameters = { scope = "POOL", duration_unit = "HOURS" } } }] }] })`), []string{"Invalid quality_control", "quality_control: configs[0].rules[0].action.parameters.duration: is required"}},
		{"training passing value above 100", badPool(`quality_control = jsonencode({ training_requirement = { training_pool_id = "7", training_passing_skill_value = 101 } })`), []string{"Invalid quality_control", "quality_control: training_requirement.training_passing_skill_value: must be at most 100, not 101"}},
		{"checkpoint window beyond a year", badPool(`quality_control = jsonencode({ checkpoints_config = { real_settings = { target_overlap = 5, task_distribution_function = { scope = "POOL", distribution = "UNIFORM", window_days = 366, intervals = [{ frequency = 5 }] } } } })`), []string{"Invalid quality_control", "quality_control: checkpoints_config.real_settings.task_distribution_function.window_days: must be at most 365, not 366"}},

		// toloka_pool: the mixer and the dynamic configurations
		{"mixer count above 500", badPool(`mixer_config = jsonencode({ real_tasks_count = 501, golden_tasks_count = 0, training_tasks_count = 0 })`), []string{"Invalid mixer_config", "mixer_config: real_tasks_count: must be at most 500, not 501"}},
		{"mixer without a count", badPool(`mixer_config = jsonencode({ real_tasks_count = 5, training_tasks_count = 0 })`), []string{"Invalid mixer_config", "mixer_config: golden_tasks_count: is required"}},
		{"mixer minimum above its count", badPool(`mixer_config = jsonencode({ real_tasks_count = 5, golden_tasks_count = 0, training_tasks_count = 0, min_real_tasks_count = 6 })`), []string{"Invalid mixer_config", "mixer_config: min_real_tasks_count: must be at most real_tasks_count (5), not 6"}},
		{"max overlap at the default overlap", badPool(`dynamic_overlap_config = jsonencode({ type = "BASIC", max_overlap = 3, min_confidence = 0.9, answer_weight_skill_id = "1", fields = [{ name = "result" }] })`), []string{"Dynamic overlap below the default overlap", "dynamic_overlap_config: max_overlap: must be higher than defaults.default_overlap_for_new_task_suites (3), not 3"}},
		{"confidence above 1", badPool(`dynamic_overlap_config = jsonencode({ type = "BASIC", max_overlap = 5, min_confidence = 1.5, answer_weight_skill_id = "1", fields = [] })`), []string{"Invalid dynamic_overlap_config", "dynamic_overlap_config: min_confidence: must be at most 1, not 1.5"}},
		{"overlapping price intervals", badPool(`dynamic_pricing_config = jsonencode({ type = "SKILL", skill_id = "1", intervals = [{ from = 0, to = 60, reward_per_assignment = 0.03 }, { from = 60, to = 100, reward_per_assignment = 0.04 }] })`), []string{"Invalid dynamic_pricing_config", "dynamic_pricing_config: intervals[1]: skills 60 to 100 overlap intervals[0] (0 to 60)"}},
		{"pricing without intervals", badPool(`dynamic_pricing_config = jsonencode({ type = "SKILL", skill_id = "1", intervals = [] })`), []string{"Invalid dynamic_pricing_config", "dynamic_pricing_config: intervals: must have at least 1 item(s), not 0"}},
		{"will_expire not a time", badPool(`will_expire = "next year"`), []string{"Invalid timestamp", "will_expire must be a UTC date and time"}},

		// toloka_skill, toloka_user_skill, toloka_user_restriction, toloka_webhook_subscription
		{"empty skill name", badSkill(`name = ""`), []string{"Attribute name", "at least 1"}},
		{"zero skill_ttl_hours", badSkill(`skill_ttl_hours = 0`), []string{"Attribute skill_ttl_hours", "at least 1"}},
		{"empty public_name of a skill", badSkill(`public_name = {}`), []string{"Attribute public_name", "at least 1"}},
		{"empty text of a skill's public_name", badSkill(`public_name = { EN = "" }`), []string{`Attribute public_name["EN"]`, "at least 1"}},
		{"skill value above 100", badUserSkill(`value = 100.5`), []string{"Attribute value", "between 0.000000 and 100.000000"}},
		{"negative skill value", badUserSkill(`value = -1`), []string{"Attribute value", "between 0.000000 and 100.000000"}},
		{"skill value without a Toloker", badUserSkill(`user_id = ""`), []string{"Attribute user_id", "at least 1"}},
		{"ban of scope SYSTEM", badRestriction(`scope = "SYSTEM"`, `-project_id`), []string{"Attribute scope", "must be one of", `"SYSTEM"`}},
		{"project ban without a project", badRestriction(`-project_id`), []string{"Missing project_id", "scope PROJECT", "set `project_id`"}},
		{"pool ban naming a project", badRestriction(`scope = "POOL"`, `pool_id = "30000001"`), []string{"`project_id` does not apply to scope POOL", "leave it out with scope POOL"}},
		{"ban from all projects naming a pool", badRestriction(`scope = "ALL_PROJECTS"`, `-project_id`, `pool_id = "30000001"`), []string{"`pool_id` does not apply to scope ALL_PROJECTS"}},
		{"ban comment over 499 characters", badRestriction(`private_comment = "` + strings.Repeat("x", 500) + `"`), []string{"Attribute private_comment", "at most 499"}},
		{"ban that has already expired", badRestriction(`will_expire = "2020-01-01T00:00:00"`), []string{"The ban has already expired", "will_expire 2020-01-01T00:00:00 is not in the future", "Set a later will_expire"}},
		{"ban expiry not a time", badRestriction(`will_expire = "tomorrow"`), []string{"Invalid timestamp", "will_expire must be a UTC date and time"}},
		{"subscription to test events", badWebhook(`event_type = "TEST_EVENT"`), []string{"Attribute event_type", "must be one of", `"TEST_EVENT"`}},
		{"webhook URL without a scheme", badWebhook(`webhook_url = "example.com/hook"`), []string{"Attribute webhook_url", "absolute http:// or https:// URL"}},
		{"webhook URL of another scheme", badWebhook(`webhook_url = "ftp://example.com/hook"`), []string{"Attribute webhook_url", "absolute http:// or https:// URL"}},
		{"empty secret key", badWebhook(`secret_key = ""`), []string{"Attribute secret_key", "at least 1"}},
	}
}

// badResource makes configurations of one resource type: a valid block of
// these attributes, changed by lines (see block).
func badResource(kind string, defaults [][2]string) func(lines ...string) func(e *testEmulator) string {
	return func(lines ...string) func(e *testEmulator) string {
		return func(e *testEmulator) string { return e.providerConfig() + block(kind, defaults, lines) }
	}
}

var (
	badSkill       = badResource("toloka_skill", [][2]string{{"name", `"Bad skill"`}})
	badUserSkill   = badResource("toloka_user_skill", [][2]string{{"skill_id", `"60001"`}, {"user_id", `"toloker-1"`}, {"value", "50"}})
	badRestriction = badResource("toloka_user_restriction", [][2]string{{"scope", `"PROJECT"`}, {"user_id", `"toloker-1"`}, {"project_id", `"100001"`}})
	badWebhook     = badResource("toloka_webhook_subscription", [][2]string{
		{"event_type", `"POOL_CLOSED"`}, {"pool_id", `"30000001"`}, {"webhook_url", `"https://example.com/hook"`},
	})
)

// Every invalid configuration fails at plan time with a diagnostic naming
// its attribute, none crashes the provider, and none reaches Toloka.
func TestAccBadInputMatrix(t *testing.T) {
	e := newTestEmulator(t, 0)
	cases := append(badInputs(), trainingBadInputs()...)
	t.Logf("%d invalid configurations", len(cases))
	t.Run("cases", func(t *testing.T) {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testAccProviders,
					Steps: []resource.TestStep{{
						Config:      tc.config(e),
						PlanOnly:    true,
						ExpectError: diagnosticPattern(tc.says),
					}},
				})
			})
		}
	})
	if requests := e.Requests(); len(requests) != 0 {
		t.Errorf("invalid configurations reached the API: %v", requests)
	}
}

// The matrix is as large as promised and every case is distinct.
func TestBadInputMatrixSize(t *testing.T) {
	seen := map[string]bool{}
	e := &testEmulator{apiURL: "http://127.0.0.1:1/api/v1"}
	for _, tc := range append(badInputs(), trainingBadInputs()...) {
		config := tc.config(e)
		if seen[config] {
			t.Errorf("%s repeats another case's configuration", tc.name)
		}
		seen[config] = true
		if len(tc.says) == 0 {
			t.Errorf("%s expects nothing", tc.name)
		}
	}
	if len(seen) < 90 {
		t.Errorf("%d invalid configurations, want at least 90", len(seen))
	}
}
