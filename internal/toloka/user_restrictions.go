package toloka

import (
	"context"
	"errors"
	"net/http"
	"net/url"
)

// UserRestrictionListOptions filters and orders ListUserRestrictions. Zero
// values are not sent.
type UserRestrictionListOptions struct {
	// Scope is one of the RestrictionScope constants. With scope PROJECT
	// the API requires ProjectID, with scope POOL it requires PoolID.
	Scope     string
	UserID    string
	ProjectID string
	PoolID    string
	ID        IDRange
	Created   TimeRange
	// Sort is a comma-separated list of id and created, each optionally
	// prefixed by "-" for descending order.
	Sort string
	// Limit is the page size, at most 500; zero means 500.
	Limit int
}

func (o UserRestrictionListOptions) query() url.Values {
	q := url.Values{"limit": {userRestrictionCollection.pageLimit(o.Limit)}}
	setIfNotEmpty(q, "scope", o.Scope)
	setIfNotEmpty(q, "user_id", o.UserID)
	setIfNotEmpty(q, "project_id", o.ProjectID)
	setIfNotEmpty(q, "pool_id", o.PoolID)
	o.ID.set(q)
	o.Created.set(q, "created")
	setIfNotEmpty(q, "sort", o.Sort)
	return q
}

// restrictionIdentity are the members of a ban that tell it from the others
// made at about the same time: who is banned from what. will_expire is left
// out as the API writes it back in its own format, private_comment as the
// API may fill it in.
var restrictionIdentity = []string{"scope", "user_id", "project_id", "pool_id"}

// CreateUserRestriction bans a Toloker (PUT /user-restrictions) and returns
// the ban as stored. The API names the request an upsert but documents
// neither its key nor how it tells a new ban from a changed one, so the
// request is not simply repeated: when its outcome is unknown, a ban made by
// it is adopted rather than made twice (see Client.createBy), recognized by
// its scope, Toloker, and project or pool. The id and created date of r are
// not sent.
func (c *Client) CreateUserRestriction(ctx context.Context, r *UserRestriction) (*UserRestriction, error) {
	if r == nil {
		return nil, errors.New("toloka: CreateUserRestriction called without a restriction")
	}
	form := *r
	form.ID, form.Created = "", nil
	var created UserRestriction
	cr := creation{method: http.MethodPut, collection: userRestrictionCollection.path, body: form, identity: restrictionIdentity}
	if err := c.createBy(ctx, cr, &created); err != nil {
		return nil, err
	}
	return &created, nil
}

// GetUserRestriction returns a ban. A missing one (removed, or lifted by
// Toloka at its will_expire) gives an error for which IsNotFound is true.
func (c *Client) GetUserRestriction(ctx context.Context, id string) (*UserRestriction, error) {
	return getObject[UserRestriction](ctx, c, userRestrictionCollection, id)
}

// DeleteUserRestriction lifts a ban. One already lifted gives an error for
// which IsNotFound is true, also when a first attempt whose answer was lost
// lifted it.
func (c *Client) DeleteUserRestriction(ctx context.Context, id string) error {
	return c.deleteObject(ctx, userRestrictionCollection, id)
}

// ListUserRestrictions returns one page of bans.
func (c *Client) ListUserRestrictions(ctx context.Context, opts UserRestrictionListOptions) (*Page[UserRestriction], error) {
	return listObjects[UserRestriction](ctx, c, userRestrictionCollection, opts.query())
}

// ListAllUserRestrictions returns every ban matching opts, fetching page
// after page in id order (opts.Sort is ignored; opts.ID.Gt is where to
// start).
func (c *Client) ListAllUserRestrictions(ctx context.Context, opts UserRestrictionListOptions) ([]UserRestriction, error) {
	opts.Sort = "id"
	query := func(idGt string) url.Values {
		opts.ID.Gt = idGt
		return opts.query()
	}
	return listEvery(ctx, c, userRestrictionCollection, opts.ID.Gt, query, func(r *UserRestriction) string { return r.ID })
}
