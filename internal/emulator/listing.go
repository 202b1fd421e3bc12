package emulator

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// pageBody is the answer of every list endpoint.
type pageBody struct {
	Items   any  `json:"items"`
	HasMore bool `json:"has_more"`
}

// defaultLimit is the page size when the client sends no limit.
const defaultLimit = 50

// listSpec describes the query parameters of one list endpoint.
type listSpec[T any] struct {
	maxLimit int
	// numericIDs: ids compare as numbers; otherwise as strings (operations).
	numericIDs bool
	id         func(T) string
	// dates are the fields with <name>_gt/_gte/_lt/_lte filters; the bool is
	// false when the object has no such date (it then matches no filter).
	dates  map[string]func(T) (time.Time, bool)
	enums  map[string]enumFilter[T]
	equals map[string]func(T) string
	// flags are the boolean filters, written true or false.
	flags map[string]func(T) bool
	sorts map[string]func(a, b T) int
}

// enumFilter is an equality filter whose value must be one of values.
type enumFilter[T any] struct {
	values []string
	get    func(T) string
}

// rangeOps are the suffixes of range filters and what they keep, given
// compare(object value, filter value).
var rangeOps = []struct {
	suffix string
	keep   func(c int) bool
}{
	{"_gt", func(c int) bool { return c > 0 }},
	{"_gte", func(c int) bool { return c >= 0 }},
	{"_lt", func(c int) bool { return c < 0 }},
	{"_lte", func(c int) bool { return c <= 0 }},
}

// run filters, sorts and pages all by the query; it answers 400 for a bad
// parameter. Unknown parameters are ignored.
func (ls listSpec[T]) run(q url.Values, all []T) ([]T, bool, *apiError) {
	v := &validator{}
	limit := ls.limit(q, v)
	keep := ls.predicates(q, v)
	order := ls.order(q, v)
	if v.errs != nil {
		return nil, false, errValidation(v.errs)
	}
	items := slices.DeleteFunc(slices.Clone(all), func(it T) bool { return !matchesAll(keep, it) })
	slices.SortStableFunc(items, order)
	if len(items) > limit {
		return items[:limit], true, nil
	}
	return items, false, nil
}

// answer runs the list over all and renders each item of the page with view.
func (ls listSpec[T]) answer(q url.Values, all []T, view func(T) map[string]any) answer {
	items, hasMore, err := ls.run(q, all)
	if err != nil {
		return errorAnswer(err)
	}
	views := make([]map[string]any, len(items))
	for i, it := range items {
		views[i] = view(it)
	}
	return jsonAnswer(http.StatusOK, pageBody{Items: views, HasMore: hasMore})
}

func matchesAll[T any](keep []func(T) bool, it T) bool {
	for _, k := range keep {
		if !k(it) {
			return false
		}
	}
	return true
}

func (ls listSpec[T]) limit(q url.Values, v *validator) int {
	raw := q.Get("limit")
	if raw == "" {
		return defaultLimit
	}
	n, err := strconv.Atoi(raw)
	switch {
	case err != nil:
		v.failKind("limit", kInteger)
	case n < 1:
		v.fail("limit", vcTooSmall, "Value must be greater than or equal to 1")
	case n > ls.maxLimit:
		v.fail("limit", vcTooLarge, fmt.Sprintf("Value must be less than or equal to %d", ls.maxLimit))
	}
	return n
}

// predicates turns the filters of q into conditions an object must meet.
func (ls listSpec[T]) predicates(q url.Values, v *validator) []func(T) bool {
	var keep []func(T) bool
	for _, op := range rangeOps {
		if p := ls.idFilter(q, "id"+op.suffix, op.keep, v); p != nil {
			keep = append(keep, p)
		}
		for name, get := range ls.dates {
			if p := dateFilter(q, name+op.suffix, get, op.keep, v); p != nil {
				keep = append(keep, p)
			}
		}
	}
	for name, f := range ls.enums {
		if p := enumPredicate(q, name, f, v); p != nil {
			keep = append(keep, p)
		}
	}
	for name, get := range ls.equals {
		if want := q.Get(name); want != "" {
			keep = append(keep, func(it T) bool { return get(it) == want })
		}
	}
	for name, get := range ls.flags {
		if p := flagPredicate(q, name, get, v); p != nil {
			keep = append(keep, p)
		}
	}
	return keep
}

func flagPredicate[T any](q url.Values, param string, get func(T) bool, v *validator) func(T) bool {
	raw := q.Get(param)
	if raw == "" {
		return nil
	}
	if raw != "true" && raw != "false" {
		v.failKind(param, kBool)
		return nil
	}
	want := raw == "true"
	return func(it T) bool { return get(it) == want }
}

func (ls listSpec[T]) idFilter(q url.Values, param string, keep func(int) bool, v *validator) func(T) bool {
	want := q.Get(param)
	if want == "" {
		return nil
	}
	if _, ok := parseID(want); ls.numericIDs && !ok {
		v.fail(param, vcInvalid, "Value must be a numeric identifier")
		return nil
	}
	return func(it T) bool { return keep(ls.compareIDs(ls.id(it), want)) }
}

func (ls listSpec[T]) compareIDs(a, b string) int {
	if ls.numericIDs {
		x, _ := parseID(a)
		y, _ := parseID(b)
		return cmp.Compare(x, y)
	}
	return strings.Compare(a, b)
}

func dateFilter[T any](q url.Values, param string, get func(T) (time.Time, bool), keep func(int) bool, v *validator) func(T) bool {
	raw := q.Get(param)
	if raw == "" {
		return nil
	}
	want, ok := parseFilterTime(raw)
	if !ok {
		v.fail(param, vcDateTime, "Value must be a date (YYYY-MM-DD) or a date-time (YYYY-MM-DDThh:mm:ss[.sss])")
		return nil
	}
	return func(it T) bool {
		t, has := get(it)
		return has && keep(t.Compare(want))
	}
}

func enumPredicate[T any](q url.Values, param string, f enumFilter[T], v *validator) func(T) bool {
	want := q.Get(param)
	if want == "" {
		return nil
	}
	if !contains(f.values, want) {
		v.fail(param, vcUnknownEnum, unknownEnumMessage(f.values))
		return nil
	}
	return func(it T) bool { return f.get(it) == want }
}

// order reads sort ("key,-key"); ties, and no sort at all, go by id.
func (ls listSpec[T]) order(q url.Values, v *validator) func(a, b T) int {
	var terms []func(a, b T) int
	if raw := q.Get("sort"); raw != "" {
		for _, term := range strings.Split(raw, ",") {
			key, desc := strings.CutPrefix(strings.TrimSpace(term), "-")
			less, ok := ls.sorts[key]
			if !ok {
				v.fail("sort", vcUnknownEnum, unknownEnumMessage(ls.sortKeys()))
				continue
			}
			if desc {
				terms = append(terms, func(a, b T) int { return less(b, a) })
			} else {
				terms = append(terms, less)
			}
		}
	}
	terms = append(terms, func(a, b T) int { return ls.compareIDs(ls.id(a), ls.id(b)) })
	return func(a, b T) int {
		for _, t := range terms {
			if c := t(a, b); c != 0 {
				return c
			}
		}
		return 0
	}
}

func (ls listSpec[T]) sortKeys() []string {
	keys := make([]string, 0, len(ls.sorts))
	for k := range ls.sorts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
