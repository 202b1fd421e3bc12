package toloka

import (
	"context"
	"errors"
	"fmt"
	"net/url"
)

// Page is one page of a list call: the items and whether more follow.
type Page[T any] struct {
	Items   []T  `json:"items"`
	HasMore bool `json:"has_more"`
}

// maxPageLimit is the largest page the API serves for most lists.
const maxPageLimit = 300

// IDRange selects the objects of a list by id; empty bounds are not sent.
type IDRange struct {
	Gt, Gte, Lt, Lte string
}

func (r IDRange) set(q url.Values) {
	setIfNotEmpty(q, "id_gt", r.Gt)
	setIfNotEmpty(q, "id_gte", r.Gte)
	setIfNotEmpty(q, "id_lt", r.Lt)
	setIfNotEmpty(q, "id_lte", r.Lte)
}

// TimeRange selects the objects of a list by a date; zero bounds are not
// sent.
type TimeRange struct {
	Gt, Gte, Lt, Lte Time
}

// set adds the bounds as <field>_gt, <field>_gte, <field>_lt and <field>_lte.
func (r TimeRange) set(q url.Values, field string) {
	setTimeIfSet(q, field+"_gt", r.Gt)
	setTimeIfSet(q, field+"_gte", r.Gte)
	setTimeIfSet(q, field+"_lt", r.Lt)
	setTimeIfSet(q, field+"_lte", r.Lte)
}

// listAll collects every item of a list sorted by id: fetch returns the page
// of items whose id is greater than idGt ("" for the first page), and paging
// goes on from the last id while the page says more follow.
func listAll[T any](ctx context.Context, startAfter string, fetch func(ctx context.Context, idGt string) (*Page[T], error), idOf func(*T) string) ([]T, error) {
	var all []T
	idGt := startAfter
	for {
		page, err := fetch(ctx, idGt)
		if err != nil {
			return nil, err
		}
		all = append(all, page.Items...)
		if !page.HasMore {
			return all, nil
		}
		if len(page.Items) == 0 {
			return nil, errors.New("toloka: list page is empty but says more items follow")
		}
		last := idOf(&page.Items[len(page.Items)-1])
		if last == "" || last == idGt {
			return nil, fmt.Errorf("toloka: list paging did not advance past id %q", idGt)
		}
		idGt = last
	}
}
