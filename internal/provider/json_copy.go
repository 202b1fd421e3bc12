package provider

import (
	"encoding/json"
	"reflect"
)

// cloneViaJSON deep-copies an API object through its JSON form, in which
// nothing is lost.
func cloneViaJSON[T any](v *T) (*T, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var out T
	return &out, json.Unmarshal(raw, &out)
}

// sameJSON reports whether two values encode to the same JSON document.
func sameJSON(a, b any) (bool, error) {
	ra, err := json.Marshal(a)
	if err != nil {
		return false, err
	}
	rb, err := json.Marshal(b)
	if err != nil {
		return false, err
	}
	var va, vb any
	if err := json.Unmarshal(ra, &va); err != nil {
		return false, err
	}
	if err := json.Unmarshal(rb, &vb); err != nil {
		return false, err
	}
	return reflect.DeepEqual(va, vb), nil
}
