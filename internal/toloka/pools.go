package toloka

import (
	"context"
	"net/http"
	"net/url"
)

// PoolPage is one page of pools.
type PoolPage = Page[Pool]

// PoolListOptions filters and orders ListPools. Zero values are not sent.
type PoolListOptions struct {
	ProjectID string
	// Status is one of the PoolStatus constants.
	Status string
	// Limit is the page size, at most 300; zero means 300.
	Limit int
	// IDGt selects pools whose id is greater than this one.
	IDGt string
	// Sort is a comma-separated list of id, created and last_started, each
	// optionally prefixed by "-" for descending order.
	Sort string
}

func (o PoolListOptions) query() url.Values {
	q := url.Values{"limit": {pageLimit(o.Limit)}}
	setIfNotEmpty(q, "project_id", o.ProjectID)
	setIfNotEmpty(q, "status", o.Status)
	setIfNotEmpty(q, "id_gt", o.IDGt)
	setIfNotEmpty(q, "sort", o.Sort)
	return q
}

// GetPool returns a pool. A missing pool gives an error for which
// IsNotFound is true.
func (c *Client) GetPool(ctx context.Context, id string) (*Pool, error) {
	escaped, err := escapeID("pool", id)
	if err != nil {
		return nil, err
	}
	var pool Pool
	if _, err := c.do(ctx, http.MethodGet, "/pools/"+escaped, nil, nil, &pool); err != nil {
		return nil, err
	}
	return &pool, nil
}

// ListPools returns one page of pools.
func (c *Client) ListPools(ctx context.Context, opts PoolListOptions) (*PoolPage, error) {
	var page PoolPage
	if _, err := c.do(ctx, http.MethodGet, "/pools", opts.query(), nil, &page); err != nil {
		return nil, err
	}
	return &page, nil
}

// ListAllPools returns every pool matching opts, fetching page after page in
// id order (opts.Sort is ignored; opts.IDGt is where to start).
func (c *Client) ListAllPools(ctx context.Context, opts PoolListOptions) ([]Pool, error) {
	opts.Sort = "id"
	fetch := func(ctx context.Context, idGt string) (*PoolPage, error) {
		opts.IDGt = idGt
		return c.ListPools(ctx, opts)
	}
	return listAll(ctx, opts.IDGt, fetch, func(p *Pool) string { return p.ID })
}
