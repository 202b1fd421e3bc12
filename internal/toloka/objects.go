package toloka

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
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
}

var (
	projectCollection  = collection{path: "/projects", kind: "project", identity: projectIdentity}
	poolCollection     = collection{path: "/pools", kind: "pool", identity: poolIdentity}
	trainingCollection = collection{path: "/trainings", kind: "training", identity: trainingIdentity}
)

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
