package bench

import (
	"encoding/json"
	"fmt"
)

// The schema shape the plan refresh weighs: toloka_project with the field
// specs of task_spec as JSON strings (floor.ShapeJSONFieldSpecs), planned
// with the two floors over the state the provider wrote, so re-shaped.

// jsonFieldSpecsState rewrites a state file of the provider's projects to the
// lighter shape: each of task_spec's input_spec and output_spec becomes the
// JSON text of its map, without the attributes that are null, as
// Terraform's jsonencode writes it.
func jsonFieldSpecsState(state []byte) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(state, &doc); err != nil {
		return nil, err
	}
	resources, _ := doc["resources"].([]any)
	for _, r := range resources {
		resource, _ := r.(map[string]any)
		if resource["type"] != "toloka_project" {
			continue
		}
		instances, _ := resource["instances"].([]any)
		for _, i := range instances {
			attributes, _ := i.(map[string]any)["attributes"].(map[string]any)
			taskSpec, ok := attributes["task_spec"].(map[string]any)
			if !ok {
				return nil, fmt.Errorf("a project in the state has no task_spec")
			}
			for _, name := range []string{"input_spec", "output_spec"} {
				text, err := json.Marshal(withoutNulls(taskSpec[name]))
				if err != nil {
					return nil, err
				}
				taskSpec[name] = string(text)
			}
		}
	}
	return json.Marshal(doc)
}

// withoutNulls drops the null members of the objects in v.
func withoutNulls(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, member := range v {
			if member != nil {
				out[k] = withoutNulls(member)
			}
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = withoutNulls(e)
		}
		return out
	}
	return v
}
