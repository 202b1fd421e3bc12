package provider

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Toloka's pool quality control as pool-id.yaml answers it, uuid included.
const tolokasQualityControl = `{"configs":[{"collector_config":{"type":"ASSIGNMENT_SUBMIT_TIME",` +
	`"uuid":"38830d4b-930b-43ab-a98f-f52e992fd11a","parameters":{"fast_submit_threshold_seconds":15}},` +
	`"rules":[{"conditions":[{"key":"fast_submitted_count","operator":"GTE","value":2}],` +
	`"action":{"type":"RESTRICTION_V2","parameters":{"scope":"PROJECT","duration_unit":"PERMANENT"}}}]}]}`

func TestJSONEquivalence(t *testing.T) {
	cases := []struct {
		name     string
		defaults jsonDefaults
		a, b     string
		equal    bool
	}{
		{"a collector without its uuid", poolQualityControlDefaults,
			`{"configs":[{"collector_config":{"type":"ASSIGNMENT_SUBMIT_TIME","parameters":{"fast_submit_threshold_seconds":15}},` +
				`"rules":[{"conditions":[{"key":"fast_submitted_count","operator":"GTE","value":2}],` +
				`"action":{"type":"RESTRICTION_V2","parameters":{"scope":"PROJECT","duration_unit":"PERMANENT"}}}]}]}`,
			tolokasQualityControl, true},
		{"another uuid", poolQualityControlDefaults,
			tolokasQualityControl, `{"configs":[{"collector_config":{"type":"ASSIGNMENT_SUBMIT_TIME",` +
				`"uuid":"00000000-0000-4000-8000-000000000001","parameters":{"fast_submit_threshold_seconds":15}},` +
				`"rules":[{"conditions":[{"key":"fast_submitted_count","operator":"GTE","value":2}],` +
				`"action":{"type":"RESTRICTION_V2","parameters":{"scope":"PROJECT","duration_unit":"PERMANENT"}}}]}]}`, false},
		{"a uuid on a filter is no collector's", noJSONDefaults, `{"and":[]}`, `{"and":[],"uuid":"x"}`, false},
		{"mixer defaults", mixerConfigDefaults, `{"real_tasks_count":5,"golden_tasks_count":1,"training_tasks_count":0}`,
			`{"real_tasks_count":5,"golden_tasks_count":1,"training_tasks_count":0,"min_real_tasks_count":5,` +
				`"min_golden_tasks_count":1,"min_training_tasks_count":0,"force_last_assignment":true,` +
				`"mix_tasks_in_creation_order":false,"shuffle_tasks_in_task_suite":true}`, true},
		{"a minimum other than its count", mixerConfigDefaults, `{"real_tasks_count":5}`,
			`{"real_tasks_count":5,"min_real_tasks_count":2}`, false},
		{"a classic view without its type", viewSpecDefaults, `{"type":"classic","markup":"m"}`, `{"markup":"m"}`, true},
		{"a Template Builder view is no classic one", viewSpecDefaults, `{"type":"tb","config":"{}"}`, `{"config":"{}"}`, false},
		{"numbers by value", noJSONDefaults, `{"min_confidence":0.95,"n":1,"big":12345678901234567890}`,
			`{"min_confidence":9.5e-1,"n":1.0,"big":12345678901234567890.0}`, true},
		{"big integers exactly", noJSONDefaults, `{"id":12345678901234567890}`, `{"id":12345678901234567891}`, false},
		{"trailing data", noJSONDefaults, `{"a":1} {}`, `{"a":1}`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.defaults.equivalent(tc.a, tc.b); got != tc.equal {
				t.Errorf("equivalent = %v, want %v", got, tc.equal)
			}
			if got := tc.defaults.equivalent(tc.b, tc.a); got != tc.equal {
				t.Errorf("equivalent the other way round = %v, want %v", got, tc.equal)
			}
		})
	}
}

// What an import puts in the state is Toloka's document without what
// Toloka fills in, numbers as Toloka wrote them.
func TestNewJSONObjectLeavesOutTolokasFills(t *testing.T) {
	for _, tc := range []struct {
		defaults jsonDefaults
		toloka   string
		want     string
	}{
		{poolQualityControlDefaults, `{"configs":[{"collector_config":{"type":"GOLDEN_SET","uuid":"u"}}]}`,
			`{"configs":[{"collector_config":{"type":"GOLDEN_SET"}}]}`},
		{mixerConfigDefaults, `{"real_tasks_count":5,"golden_tasks_count":1,"training_tasks_count":0,` +
			`"min_real_tasks_count":5,"min_golden_tasks_count":0,"force_last_assignment":true,"shuffle_tasks_in_task_suite":false}`,
			`{"golden_tasks_count":1,"min_golden_tasks_count":0,"real_tasks_count":5,"shuffle_tasks_in_task_suite":false,"training_tasks_count":0}`},
		{viewSpecDefaults, `{"type":"classic","markup":"m","settings":{"showSkip":true,"permissions":[]}}`,
			`{"markup":"m","settings":{"permissions":[]},"type":"classic"}`},
		{noJSONDefaults, `{"min_confidence":0.950,"skill":12345678901234567890}`,
			`{"min_confidence":0.950,"skill":12345678901234567890}`},
	} {
		if got := newJSONObject([]byte(tc.toloka), tc.defaults).ValueString(); got != tc.want {
			t.Errorf("%s kept as\n %s\nwant\n %s", tc.toloka, got, tc.want)
		}
	}
}

// An update that changes quality control sends back the uuid Toloka gave
// each collector still of the same type at the same place.
func TestChangedQualityControlKeepsTolokasUUIDs(t *testing.T) {
	current := json.RawMessage(`{"configs":[` +
		`{"collector_config":{"type":"GOLDEN_SET","uuid":"kept"}},` +
		`{"collector_config":{"type":"ANSWER_COUNT","uuid":"other type"}},` +
		`{"collector_config":{"type":"INCOME","uuid":"own"}}]}`)
	planned := jsonObjectValue{defaults: poolQualityControlDefaults, StringValue: types.StringValue(`{"configs":[` +
		`{"collector_config":{"type":"GOLDEN_SET","parameters":{"history_size":10}}},` +
		`{"collector_config":{"type":"SKIPPED_IN_ROW_ASSIGNMENTS"}},` +
		`{"collector_config":{"type":"INCOME","uuid":"mine"}}]}`)}
	sent, err := decodeJSONObject(string(rawUnlessEquivalent(context.Background(), planned, current)))
	if err != nil {
		t.Fatal(err)
	}
	configs := sent["configs"].([]any)
	for i, want := range []any{"kept", nil, "mine"} {
		if got := collectorConfig(configs[i])["uuid"]; got != want {
			t.Errorf("collector %d sent with uuid %v, want %v", i, got, want)
		}
	}
	if collectorConfig(configs[0])["parameters"] == nil {
		t.Error("the planned change was not sent")
	}

	// Nothing to carry: the configured text goes as written.
	unchanged := jsonObjectValue{defaults: poolQualityControlDefaults, StringValue: types.StringValue(`{ "configs" : [] }`)}
	if got := string(rawUnlessEquivalent(context.Background(), unchanged, current)); got != `{ "configs" : [] }` {
		t.Errorf("sent %s", got)
	}
}

func collectorConfig(config any) map[string]any {
	c, _ := config.(map[string]any)
	collector, _ := c["collector_config"].(map[string]any)
	return collector
}
