package toloka

import (
	"context"
	"errors"
	"fmt"
	"strconv"
)

// Page is one page of a list call: the items and whether more follow.
type Page[T any] struct {
	Items   []T  `json:"items"`
	HasMore bool `json:"has_more"`
}

// maxPageLimit is the largest page the API serves for projects and pools.
const maxPageLimit = 300

// pageLimit returns requested, or maxPageLimit when requested is not in
// 1..maxPageLimit. The limit is always sent because the API's default page
// size is small and differs between its descriptions.
func pageLimit(requested int) string {
	if requested <= 0 || requested > maxPageLimit {
		requested = maxPageLimit
	}
	return strconv.Itoa(requested)
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
