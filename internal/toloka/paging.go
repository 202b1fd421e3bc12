package toloka

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// Page is one page of a list call: the items and whether more follow.
type Page[T any] struct {
	Items   []T  `json:"items"`
	HasMore bool `json:"has_more"`
}

// maxPageLimit is the largest page the API serves for projects and pools,
// and for the lists maxPageLimits does not name.
const maxPageLimit = 300

// maxPageLimits are the largest pages of the lists whose maximum is not
// maxPageLimit, as toloka-kit's find_* methods document them.
var maxPageLimits = map[string]int{
	"/skills":            100,
	"/user-skills":       1000,
	"/user-restrictions": 500,
}

// maxPageLimitOf is the largest page of a collection ("/skills").
func maxPageLimitOf(collection string) int {
	if limit, ok := maxPageLimits[collection]; ok {
		return limit
	}
	return maxPageLimit
}

// pageLimit returns requested, or maxPageLimit when requested is not in
// 1..maxPageLimit. The limit is always sent because the API's default page
// size is small and differs between its descriptions.
func pageLimit(requested int) string {
	return pageLimitOf(requested, maxPageLimit)
}

// pageLimitOf returns requested, or largest when requested is not in
// 1..largest.
func pageLimitOf(requested, largest int) string {
	if requested <= 0 || requested > largest {
		requested = largest
	}
	return strconv.Itoa(requested)
}

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

// listPage fetches one page of a collection.
func listPage[T any](ctx context.Context, c *Client, collection string, q url.Values) (*Page[T], error) {
	var page Page[T]
	if _, err := c.do(ctx, http.MethodGet, collection, q, nil, &page); err != nil {
		return nil, err
	}
	return &page, nil
}

// listEvery fetches every page of a collection in id order: query returns
// the query of the page after idGt, sorted by id, and startAfter is where to
// start ("" for the beginning).
func listEvery[T any](ctx context.Context, c *Client, collection, startAfter string, query func(idGt string) url.Values, idOf func(*T) string) ([]T, error) {
	fetch := func(ctx context.Context, idGt string) (*Page[T], error) {
		return listPage[T](ctx, c, collection, query(idGt))
	}
	return listAll(ctx, startAfter, fetch, idOf)
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
