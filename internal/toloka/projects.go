package toloka

import (
	"context"
	"net/url"
)

// OperationProjectArchive is the type of the operation that archives a project.
const OperationProjectArchive = "PROJECT.ARCHIVE"

// ProjectPage is one page of projects.
type ProjectPage = Page[Project]

// ProjectListOptions filters and orders ListProjects. Zero values are not sent.
type ProjectListOptions struct {
	// Status is ProjectStatusActive or ProjectStatusArchived.
	Status string
	// Sort is a comma-separated list of id, created, public_name and
	// private_comment, each optionally prefixed by "-" for descending order.
	Sort string
	// Limit is the page size, at most 300; zero means 300.
	Limit int
	// IDGt selects projects whose id is greater than this one.
	IDGt string
	// CreatedGte and CreatedLt bound the creation time.
	CreatedGte Time
	CreatedLt  Time
}

func (o ProjectListOptions) query() url.Values {
	q := url.Values{"limit": {projectCollection.pageLimit(o.Limit)}}
	setIfNotEmpty(q, "status", o.Status)
	setIfNotEmpty(q, "sort", o.Sort)
	setIfNotEmpty(q, "id_gt", o.IDGt)
	setTimeIfSet(q, "created_gte", o.CreatedGte)
	setTimeIfSet(q, "created_lt", o.CreatedLt)
	return q
}

// CreateProject creates a project and returns it as stored. When the
// outcome of the request is unknown, a project made by it is adopted rather
// than made twice (see Client.create): it is recognized by its public_name,
// public_description and private_comment.
func (c *Client) CreateProject(ctx context.Context, p *Project) (*Project, error) {
	return createObject(ctx, c, projectCollection, p)
}

// GetProject returns a project, archived ones included. A missing project
// gives an error for which IsNotFound is true.
func (c *Client) GetProject(ctx context.Context, id string) (*Project, error) {
	return getObject[Project](ctx, c, projectCollection, id)
}

// UpdateProject replaces a project with p, which must hold every field (the
// API treats missing ones as removed): start from GetProject's result, whose
// unknown fields are sent back as they came.
func (c *Client) UpdateProject(ctx context.Context, id string, p *Project) (*Project, error) {
	return replaceObject(ctx, c, projectCollection, id, p)
}

// ArchiveProject starts archiving a project and returns the PROJECT.ARCHIVE
// operation to wait for. It returns (nil, nil) when the API answers 204, which
// means the project is already archived. Every pool and training of the
// project must be archived first, else the error has code
// UNARCHIVED_POOLS_CONFLICT.
func (c *Client) ArchiveProject(ctx context.Context, id string) (*Operation, error) {
	return c.startAction(ctx, projectCollection, id, "/archive")
}

// ListProjects returns one page of projects.
func (c *Client) ListProjects(ctx context.Context, opts ProjectListOptions) (*ProjectPage, error) {
	return listObjects[Project](ctx, c, projectCollection, opts.query())
}

// ListAllProjects returns every project matching opts, fetching page after
// page in id order (opts.Sort is ignored; opts.IDGt is where to start).
func (c *Client) ListAllProjects(ctx context.Context, opts ProjectListOptions) ([]Project, error) {
	opts.Sort = "id"
	fetch := func(ctx context.Context, idGt string) (*ProjectPage, error) {
		opts.IDGt = idGt
		return c.ListProjects(ctx, opts)
	}
	return listAll(ctx, opts.IDGt, fetch, func(p *Project) string { return p.ID })
}

func setIfNotEmpty(q url.Values, key, value string) {
	if value != "" {
		q.Set(key, value)
	}
}

func setTimeIfSet(q url.Values, key string, t Time) {
	if !t.IsZero() {
		q.Set(key, t.APIString())
	}
}
