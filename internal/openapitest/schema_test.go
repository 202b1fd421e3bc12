package openapitest

import (
	"slices"
	"strings"
	"testing"
)

func TestSchemaFollowsPointers(t *testing.T) {
	s := MustLoad(t)
	mixer, err := s.Schema("/components/schemas/MixerConfig/properties/real_tasks_count")
	if err != nil {
		t.Fatal(err)
	}
	if mixer.Min == nil || *mixer.Min != 0 || mixer.Max == nil || *mixer.Max != 500 {
		t.Errorf("real_tasks_count limits %v..%v, want 0..500", mixer.Min, mixer.Max)
	}
	overlap, err := s.Schema("/components/schemas/BasicDynamicOverlapConfig/allOf/1/properties/max_overlap")
	if err != nil || overlap.Max == nil || *overlap.Max != 30000 {
		t.Errorf("max_overlap: %v, %v", overlap, err)
	}
	reward, err := s.Schema("/components/schemas/PoolFormV1/properties/reward_per_assignment/anyOf/1")
	if err != nil || reward.Min == nil || *reward.Min != 0.005 {
		t.Errorf("paid reward minimum: %v, %v", reward, err)
	}
	operator, err := s.Schema("/components/schemas/PoolQualityControl/properties/configs/items/properties/rules/items/properties/conditions/items/properties/operator")
	if err != nil || !slices.Contains(operator.Enum, any("GTE")) {
		t.Errorf("condition operator through $refs: %v, %v", operator, err)
	}
	filter, err := s.Schema("/components/schemas/PoolFormV1/properties/filter")
	if err != nil {
		t.Fatal(err)
	}
	if n, ok := MaxJSONLength(filter); !ok || n != 10000 {
		t.Errorf("filter %s = %d, %v; want 10000", MaxJSONLengthExtension, n, ok)
	}
	if _, ok := MaxJSONLength(mixer); ok {
		t.Error("real_tasks_count has a JSON length limit")
	}
}

func TestSchemaRefusesBadPointers(t *testing.T) {
	s := MustLoad(t)
	for ptr, want := range map[string]string{
		"/paths/~1pools":                                        "not a pointer into /components/schemas",
		"/components/schemas/Nothing":                           "no schema Nothing",
		"/components/schemas/PoolFormV1/properties/colour":      "not found",
		"/components/schemas/PoolFormV1/properties":             "names no member",
		"/components/schemas/PoolFormV1/required":               "cannot follow",
		"/components/schemas/BasicDynamicOverlapConfig/allOf/9": "not found",
	} {
		if _, err := s.Schema(ptr); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Schema(%s) = %v, want an error saying %q", ptr, err, want)
		}
	}
}
