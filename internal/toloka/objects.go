package toloka

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// collection is a kind of object the API keeps under one path: created by a
// POST to the path, read by a GET and replaced by a PUT of path/{id}, listed
// page by page, and moved through its lifecycle by POSTs to path/{id}/<action>.
// Projects, pools and trainings are such collections; the functions below do
// what is common to them.
type collection struct {
	path string // "/pools"
	kind string // "pool", as errors name it
	// identity are the members that tell an object from the others made at
	// about the same time (see Client.create).
	identity []string
	// maxPage is the largest page the API serves; zero means maxPageLimit.
	maxPage int
}

var (
	projectCollection  = collection{path: "/projects", kind: "project", identity: projectIdentity}
	poolCollection     = collection{path: "/pools", kind: "pool", identity: poolIdentity}
	trainingCollection = collection{path: "/trainings", kind: "training", identity: trainingIdentity}
	// The largest pages of these lists are as toloka-kit's find_* methods
	// document them.
	skillCollection               = collection{path: "/skills", kind: "skill", identity: skillIdentity, maxPage: 100}
	userSkillCollection           = collection{path: "/user-skills", kind: "user skill", maxPage: 1000}
	userRestrictionCollection     = collection{path: "/user-restrictions", kind: "user restriction", identity: restrictionIdentity, maxPage: 500}
	webhookSubscriptionCollection = collection{path: "/webhook-subscriptions", kind: "webhook subscription", identity: webhookIdentity}
)

// pageLimit returns requested, or the largest page of the collection when
// requested is not in 1..largest. The limit is always sent because the API's
// default page size is small and differs between its descriptions.
func (k collection) pageLimit(requested int) string {
	largest := k.maxPage
	if largest == 0 {
		largest = maxPageLimit
	}
	if requested <= 0 || requested > largest {
		requested = largest
	}
	return strconv.Itoa(requested)
}

// objectPath is the path of the object with this id, followed by suffix (""
// or an action such as "/archive").
func (k collection) objectPath(id, suffix string) (string, error) {
	return objectPath(k.path+"/", k.kind, id, suffix)
}

// createObject creates obj in the collection and returns it as stored. When
// the outcome of the request is unknown, an object made by it is adopted
// rather than made twice (see Client.create).
func createObject[T any](ctx context.Context, c *Client, k collection, obj *T) (*T, error) {
	if obj == nil {
		return nil, fmt.Errorf("toloka: creating a %s needs the %s to create", k.kind, k.kind)
	}
	var created T
	if err := c.create(ctx, k.path, obj, &created, k.identity...); err != nil {
		return nil, err
	}
	return &created, nil
}

// getObject returns the object with this id. A missing one gives an error
// for which IsNotFound is true.
func getObject[T any](ctx context.Context, c *Client, k collection, id string) (*T, error) {
	path, err := k.objectPath(id, "")
	if err != nil {
		return nil, err
	}
	var obj T
	if _, err := c.do(ctx, http.MethodGet, path, nil, nil, &obj); err != nil {
		return nil, err
	}
	return &obj, nil
}

// replaceObject replaces the object with this id by obj and returns it as
// stored. The API treats the fields obj leaves out as removed.
func replaceObject[T any](ctx context.Context, c *Client, k collection, id string, obj *T) (*T, error) {
	if obj == nil {
		return nil, fmt.Errorf("toloka: updating a %s needs its new version", k.kind)
	}
	path, err := k.objectPath(id, "")
	if err != nil {
		return nil, err
	}
	var updated T
	if _, err := c.do(ctx, http.MethodPut, path, nil, obj, &updated); err != nil {
		return nil, err
	}
	return &updated, nil
}

// listObjects returns one page of the collection filtered by query.
func listObjects[T any](ctx context.Context, c *Client, k collection, query url.Values) (*Page[T], error) {
	var page Page[T]
	if _, err := c.do(ctx, http.MethodGet, k.path, query, nil, &page); err != nil {
		return nil, err
	}
	return &page, nil
}

// startAction posts to one of the object's action endpoints ("/archive",
// "/open", …) and returns the operation it started, or (nil, nil) when the
// API answers 204: the object is already in the state the action leads to.
func (c *Client) startAction(ctx context.Context, k collection, id, action string) (*Operation, error) {
	path, err := k.objectPath(id, action)
	if err != nil {
		return nil, err
	}
	return c.startOperation(ctx, path)
}

// deleteObject deletes the object with this id. A missing one gives an error
// for which IsNotFound is true.
func (c *Client) deleteObject(ctx context.Context, k collection, id string) error {
	path, err := k.objectPath(id, "")
	if err != nil {
		return err
	}
	_, err = c.do(ctx, http.MethodDelete, path, nil, nil, nil)
	return err
}

// listEvery fetches every page of a collection in id order: query returns
// the query of the page after idGt, sorted by id, and startAfter is where to
// start ("" for the beginning).
func listEvery[T any](ctx context.Context, c *Client, k collection, startAfter string, query func(idGt string) url.Values, idOf func(*T) string) ([]T, error) {
	fetch := func(ctx context.Context, idGt string) (*Page[T], error) {
		return listObjects[T](ctx, c, k, query(idGt))
	}
	return listAll(ctx, startAfter, fetch, idOf)
}

// collections are the collections the client knows.
var collections = []collection{
	projectCollection, poolCollection, trainingCollection,
	skillCollection, userSkillCollection, userRestrictionCollection, webhookSubscriptionCollection,
}

// maxPageLimitOf is the largest page of the collection at path ("/skills").
func maxPageLimitOf(path string) int {
	for _, k := range collections {
		if k.path == path && k.maxPage > 0 {
			return k.maxPage
		}
	}
	return maxPageLimit
}
