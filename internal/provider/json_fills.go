package provider

import (
	"encoding/json"
	"fmt"
	"strings"
)

// jsonFill is an entry of tolokaFills inside one JSON attribute, its path
// split and relative to the attribute.
type jsonFill struct {
	segments []string
	value    any
	how      fillHow
}

// fills are the entries of tolokaFills inside the JSON attribute d.
func (d jsonDefaults) fills() []jsonFill {
	object, root, found := strings.Cut(string(d), ":")
	if !found {
		return nil
	}
	var out []jsonFill
	for _, f := range tolokaFills {
		rest, inside := strings.CutPrefix(f.path, root+".")
		if f.object == object && (f.how == fillJSON || f.how == fillLeftOut) && inside {
			out = append(out, jsonFill{segments: strings.Split(rest, "."), value: f.value, how: f.how})
		}
	}
	return out
}

// fill puts into a document the values Toloka fills in where it lacks them.
// Made-up values are left to ignoreUnmatchedMadeUp.
func (d jsonDefaults) fill(doc map[string]any) {
	for _, f := range d.fills() {
		if _, made := f.value.(madeUp); !made {
			fillAt(doc, f.segments, f.value)
		}
	}
}

// fillAt sets the member a path names, in every object the path reaches,
// where the member is absent; objects missing on the way are made.
func fillAt(v any, segments []string, value any) {
	seg, rest := segments[0], segments[1:]
	switch seg {
	case "[]":
		elements, _ := v.([]any)
		for _, e := range elements {
			fillAt(e, rest, value)
		}
		return
	case "*":
		members, _ := v.(map[string]any)
		for _, m := range members {
			fillAt(m, rest, value)
		}
		return
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return
	}
	child, present := obj[seg]
	switch {
	case len(rest) == 0 && !present:
		if filled, ok := fillValue(obj, value); ok {
			obj[seg] = filled
		}
	case len(rest) > 0 && !present:
		child = map[string]any{}
		obj[seg] = child
		fallthrough
	case len(rest) > 0:
		fillAt(child, rest, value)
	}
}

// fillValue is the value to fill into obj: a copy of a JSON value, numbers
// as json.Number like a decoded document's, or another member of obj.
func fillValue(obj map[string]any, value any) (any, bool) {
	switch v := value.(type) {
	case sameAs:
		other, ok := obj[string(v)]
		return other, ok && other != nil
	case int:
		return json.Number(fmt.Sprint(v)), true
	case map[string]any, []any:
		raw, err := json.Marshal(v)
		if err != nil {
			return nil, false
		}
		var out any
		dec := json.NewDecoder(strings.NewReader(string(raw)))
		dec.UseNumber()
		err = dec.Decode(&out)
		return out, err == nil
	}
	return value, true
}

// ignoreUnmatchedMadeUp removes, from both documents, each made-up member
// (a uuid) that only one of them has: Toloka makes one up for every object
// sent without it.
func (d jsonDefaults) ignoreUnmatchedMadeUp(a, b map[string]any) {
	for _, f := range d.fills() {
		if _, made := f.value.(madeUp); made {
			dropUnmatched(a, b, f.segments)
		}
	}
}

func dropUnmatched(a, b any, segments []string) {
	seg, rest := segments[0], segments[1:]
	switch seg {
	case "[]":
		x, _ := a.([]any)
		y, _ := b.([]any)
		for i := range min(len(x), len(y)) {
			dropUnmatched(x[i], y[i], rest)
		}
		return
	case "*":
		x, _ := a.(map[string]any)
		y, _ := b.(map[string]any)
		for k, xv := range x {
			if yv, ok := y[k]; ok {
				dropUnmatched(xv, yv, rest)
			}
		}
		return
	}
	x, okX := a.(map[string]any)
	y, okY := b.(map[string]any)
	if !okX || !okY {
		return
	}
	if len(rest) > 0 {
		dropUnmatched(x[seg], y[seg], rest)
		return
	}
	_, inX := x[seg]
	_, inY := y[seg]
	if inX != inY {
		delete(x, seg)
		delete(y, seg)
	}
}

// dropFills removes from a document Toloka sent the members equal to what
// Toloka fills in, made-up ones included, and the objects that held nothing
// else, for the shortest equivalent document. The members Toloka itself
// leaves out (fillLeftOut) stay as Toloka wrote them.
func (d jsonDefaults) dropFills(doc map[string]any) {
	for _, f := range d.fills() {
		if f.how == fillJSON {
			dropAt(doc, f.segments, f.value)
		}
	}
}

// dropAt removes the member a path names wherever it holds value (any value
// for madeUp), and reports whether v is left an empty object.
func dropAt(v any, segments []string, value any) bool {
	seg, rest := segments[0], segments[1:]
	switch seg {
	case "[]":
		elements, _ := v.([]any)
		for _, e := range elements {
			dropAt(e, rest, value)
		}
		return false
	case "*":
		members, _ := v.(map[string]any)
		for _, m := range members {
			dropAt(m, rest, value)
		}
		return false
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return false
	}
	child, present := obj[seg]
	switch {
	case !present:
	case len(rest) > 0:
		if dropAt(child, rest, value) {
			delete(obj, seg)
		}
	case isFilledValue(obj, child, value):
		delete(obj, seg)
	}
	return len(obj) == 0
}

// isFilledValue reports whether a member of obj holds the value Toloka
// fills in.
func isFilledValue(obj map[string]any, member, value any) bool {
	if _, made := value.(madeUp); made {
		return true
	}
	filled, ok := fillValue(obj, value)
	return ok && sameJSONValue(member, filled)
}

// carryMadeUp copies into a document to send the made-up members (collector
// uuids) of Toloka's current one that it lacks, where the objects holding
// them are of the same type, so that an update keeps what Toloka made. It
// reports whether it copied any.
func (d jsonDefaults) carryMadeUp(planned, current map[string]any) bool {
	carried := false
	for _, f := range d.fills() {
		if _, made := f.value.(madeUp); made {
			carryAt(planned, current, f.segments, &carried)
		}
	}
	return carried
}

func carryAt(planned, current any, segments []string, carried *bool) {
	seg, rest := segments[0], segments[1:]
	switch seg {
	case "[]":
		x, _ := planned.([]any)
		y, _ := current.([]any)
		for i := range min(len(x), len(y)) {
			carryAt(x[i], y[i], rest, carried)
		}
		return
	case "*":
		x, _ := planned.(map[string]any)
		y, _ := current.(map[string]any)
		for k, xv := range x {
			carryAt(xv, y[k], rest, carried)
		}
		return
	}
	x, okX := planned.(map[string]any)
	y, okY := current.(map[string]any)
	if !okX || !okY {
		return
	}
	if len(rest) > 0 {
		carryAt(x[seg], y[seg], rest, carried)
		return
	}
	_, inX := x[seg]
	held, inY := y[seg]
	if !inX && inY && sameJSONValue(x["type"], y["type"]) {
		x[seg] = held
		*carried = true
	}
}
