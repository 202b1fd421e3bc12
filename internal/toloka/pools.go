package toloka

import (
	"context"
	"net/url"
)

// Operation types of the pool actions. Closing for update is a POOL.CLOSE.
const (
	OperationPoolOpen    = "POOL.OPEN"
	OperationPoolClose   = "POOL.CLOSE"
	OperationPoolArchive = "POOL.ARCHIVE"
)

// Error codes of the pool actions.
const (
	// CodeEmptyPool refuses to open a pool that has no tasks.
	CodeEmptyPool = "EMPTY_POOL"
	// CodePoolLocked refuses an action while another operation runs on the pool.
	CodePoolLocked = "POOL_LOCKED_BY_ANOTHER_OPERATION"
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
	q := url.Values{"limit": {poolCollection.pageLimit(o.Limit)}}
	setIfNotEmpty(q, "project_id", o.ProjectID)
	setIfNotEmpty(q, "status", o.Status)
	setIfNotEmpty(q, "id_gt", o.IDGt)
	setIfNotEmpty(q, "sort", o.Sort)
	return q
}

// poolIdentity are the members of a pool that tell it from the others made
// at about the same time; the API stores them as sent.
var poolIdentity = []string{"project_id", "private_name", "private_comment"}

// CreatePool creates a pool and returns it as stored. Toloka creates pools
// closed. When the outcome of the request is unknown, a pool made by it is
// adopted rather than made twice (see Client.create): it is recognized by its
// project_id, private_name and private_comment.
func (c *Client) CreatePool(ctx context.Context, p *Pool) (*Pool, error) {
	return createObject(ctx, c, poolCollection, p)
}

// GetPool returns a pool. A missing pool gives an error for which
// IsNotFound is true.
func (c *Client) GetPool(ctx context.Context, id string) (*Pool, error) {
	return getObject[Pool](ctx, c, poolCollection, id)
}

// UpdatePool replaces a pool with p, which must hold every field (the API
// treats missing ones as removed): start from GetPool's result, whose unknown
// fields are sent back as they came. Toloka refuses to edit an open pool:
// close it for update first (ClosePoolForUpdate).
func (c *Client) UpdatePool(ctx context.Context, id string, p *Pool) (*Pool, error) {
	return replaceObject(ctx, c, poolCollection, id, p)
}

// OpenPool starts opening a pool and returns the POOL.OPEN operation to wait
// for, or (nil, nil) when the API answers 204: the pool is already open. A
// pool without tasks is refused with code EMPTY_POOL.
func (c *Client) OpenPool(ctx context.Context, id string) (*Operation, error) {
	return c.startAction(ctx, poolCollection, id, "/open")
}

// ClosePool starts closing a pool and returns the POOL.CLOSE operation to
// wait for, or (nil, nil) when the API answers 204: the pool is already
// closed.
func (c *Client) ClosePool(ctx context.Context, id string) (*Operation, error) {
	return c.startAction(ctx, poolCollection, id, "/close")
}

// ClosePoolForUpdate closes a pool so that it can be edited and returns the
// POOL.CLOSE operation to wait for, or (nil, nil) when the API answers 204:
// the pool is already closed. Toloka reopens the pool by itself 15 minutes
// later unless it is opened earlier.
func (c *Client) ClosePoolForUpdate(ctx context.Context, id string) (*Operation, error) {
	return c.startAction(ctx, poolCollection, id, "/close-for-update")
}

// ArchivePool starts archiving a closed pool and returns the POOL.ARCHIVE
// operation to wait for, or (nil, nil) when the API answers 204: the pool is
// already archived. Only one operation may run on a pool at a time: wait for
// it before starting the next, or the error has code
// POOL_LOCKED_BY_ANOTHER_OPERATION.
func (c *Client) ArchivePool(ctx context.Context, id string) (*Operation, error) {
	return c.startAction(ctx, poolCollection, id, "/archive")
}

// ListPools returns one page of pools.
func (c *Client) ListPools(ctx context.Context, opts PoolListOptions) (*PoolPage, error) {
	return listObjects[Pool](ctx, c, poolCollection, opts.query())
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
