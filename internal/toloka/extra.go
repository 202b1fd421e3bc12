package toloka

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"
)

// The API adds fields over time and a PUT replaces the whole object, so a
// field this package does not model must survive a GET → PUT round trip.
// Types that can carry such fields have an `Extra map[string]json.RawMessage`
// field and implement their JSON methods with the two helpers below, passing
// a method-less copy of themselves ("plain") to avoid recursing.

// unmarshalKeepingExtra decodes data into plain (a pointer to a struct) and
// stores every top-level member that plain has no field for in *extra.
func unmarshalKeepingExtra(data []byte, plain any, extra *map[string]json.RawMessage) error {
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		return nil
	}
	if err := json.Unmarshal(data, plain); err != nil {
		return err
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(data, &members); err != nil {
		return err
	}
	known := jsonFieldNames(reflect.TypeOf(plain).Elem())
	*extra = nil
	for name, value := range members {
		if known[name] {
			continue
		}
		if *extra == nil {
			*extra = make(map[string]json.RawMessage)
		}
		(*extra)[name] = value
	}
	return nil
}

// marshalKeepingExtra encodes plain (a struct value) and appends the members
// of extra whose names are not fields of plain; typed fields always win.
func marshalKeepingExtra(plain any, extra map[string]json.RawMessage) ([]byte, error) {
	data, err := json.Marshal(plain)
	if err != nil || len(extra) == 0 {
		return data, err
	}
	known := jsonFieldNames(reflect.TypeOf(plain))
	out := bytes.NewBuffer(data[:len(data)-1]) // drop the closing brace
	wroteMember := !bytes.Equal(data, []byte("{}"))
	for _, name := range slices.Sorted(maps.Keys(extra)) {
		if known[name] {
			continue
		}
		value := extra[name]
		if len(value) == 0 {
			value = json.RawMessage("null")
		}
		if !json.Valid(value) {
			return nil, fmt.Errorf("toloka: extra field %q holds invalid JSON", name)
		}
		if wroteMember {
			out.WriteByte(',')
		}
		key, _ := json.Marshal(name) // a string always marshals
		out.Write(key)
		out.WriteByte(':')
		out.Write(value)
		wroteMember = true
	}
	out.WriteByte('}')
	return out.Bytes(), nil
}

var fieldNamesByType sync.Map // reflect.Type → map[string]bool

// jsonFieldNames returns the JSON member names encoding/json uses for the
// exported fields of struct type t.
func jsonFieldNames(t reflect.Type) map[string]bool {
	if cached, ok := fieldNamesByType.Load(t); ok {
		if names, ok := cached.(map[string]bool); ok {
			return names
		}
	}
	names := make(map[string]bool)
	for field := range t.Fields() {
		if !field.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(field.Tag.Get("json"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = field.Name
		}
		names[name] = true
	}
	fieldNamesByType.Store(t, names)
	return names
}
