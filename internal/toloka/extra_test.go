package toloka

import (
	"encoding/json"
	"strings"
	"testing"
)

// A project with an unknown member at every level that keeps Extra.
const projectWithUnknowns = `{
  "id": "7", "public_name": "n", "public_description": "d",
  "future_top": {"nested": [1, 2.50, "x"]},
  "task_spec": {
    "input_spec": {"url": {"type": "url", "future_field_spec": true}},
    "output_spec": {},
    "view_spec": {"type": "tb", "config": {}},
    "future_task_spec": null
  },
  "assignments_issuing_view_config": {"title_template": "t", "future_view": 1},
  "localization_config": {
    "default_language": "EN",
    "future_localization": "x",
    "additional_languages": [{
      "language": "RU", "future_language": [],
      "public_name": {"value": "имя", "source": "REQUESTER", "future_text": {}}
    }]
  }
}`

func TestProjectKeepsUnknownMembersAtEveryLevel(t *testing.T) {
	var p Project
	if err := json.Unmarshal([]byte(projectWithUnknowns), &p); err != nil {
		t.Fatal(err)
	}
	if p.PublicName != "n" || p.TaskSpec.InputSpec["url"].Type != "url" {
		t.Errorf("typed fields not decoded: %+v", p)
	}
	if got := string(p.Extra["future_top"]); got != `{"nested": [1, 2.50, "x"]}` {
		t.Errorf("Extra[future_top] = %s", got)
	}
	if len(p.Extra) != 1 {
		t.Errorf("Extra holds known fields too: %v", p.Extra)
	}
	assertSameJSON(t, []byte(projectWithUnknowns), mustMarshal(t, p))
}

func TestOperationAndPoolKeepUnknownMembers(t *testing.T) {
	for name, doc := range map[string]struct {
		json string
		into any
	}{
		"operation": {`{"id":"1","type":"POOL.OPEN","status":"RUNNING","future":{"a":1}}`, &Operation{}},
		"pool":      {`{"id":"2","project_id":"1","private_name":"p","will_expire":"2030-01-01T00:00:00","future":[true]}`, &Pool{}},
	} {
		t.Run(name, func(t *testing.T) {
			if err := json.Unmarshal([]byte(doc.json), doc.into); err != nil {
				t.Fatal(err)
			}
			assertSameJSON(t, []byte(doc.json), mustMarshal(t, doc.into))
		})
	}
}

func TestTypedFieldWinsOverExtraWithTheSameName(t *testing.T) {
	pool := Pool{ID: "1", Status: PoolStatusOpen, Extra: map[string]json.RawMessage{
		"status": json.RawMessage(`"CLOSED"`),
		"type":   json.RawMessage(`"REGULAR"`),
	}}
	assertSameJSON(t, []byte(`{"id":"1","project_id":"","private_name":"","status":"OPEN","type":"REGULAR"}`), mustMarshal(t, pool))
}

func TestExtraWithInvalidJSONIsAnError(t *testing.T) {
	pool := Pool{Extra: map[string]json.RawMessage{"broken": json.RawMessage(`{`)}}
	_, err := json.Marshal(pool)
	if err == nil || !strings.Contains(err.Error(), "broken") {
		t.Errorf("err = %v, want one naming the field", err)
	}
}

func TestExtraNilValueIsWrittenAsNull(t *testing.T) {
	text := LocalizedText{Value: "v", Extra: map[string]json.RawMessage{"gone": nil}}
	assertSameJSON(t, []byte(`{"value":"v","gone":null}`), mustMarshal(t, text))
}

func TestExtraOnAnOtherwiseEmptyObject(t *testing.T) {
	cfg := AssignmentsIssuingViewConfig{Extra: map[string]json.RawMessage{"only": json.RawMessage(`1`)}}
	assertSameJSON(t, []byte(`{"only":1}`), mustMarshal(t, cfg))
}

func TestUnmarshalNullLeavesValueAlone(t *testing.T) {
	ts := &TaskSpec{ViewSpec: json.RawMessage(`{}`), Extra: map[string]json.RawMessage{"k": json.RawMessage(`1`)}}
	if err := ts.UnmarshalJSON([]byte("null")); err != nil {
		t.Fatal(err)
	}
	if len(ts.Extra) != 1 || string(ts.ViewSpec) != "{}" {
		t.Errorf("null changed the value: %+v", ts)
	}
}

func TestUnmarshalRejectsNonObjects(t *testing.T) {
	var op Operation
	if err := json.Unmarshal([]byte(`[1]`), &op); err == nil {
		t.Error("decoding an array into Operation succeeded")
	}
}
