package toloka

import (
	"context"
	"net/http"
)

// getObject returns the object with this id in a collection ("/skills");
// kind names it in errors ("skill").
func getObject[T any](ctx context.Context, c *Client, collection, kind, id string) (*T, error) {
	path, err := objectPath(collection+"/", kind, id, "")
	if err != nil {
		return nil, err
	}
	var obj T
	if _, err := c.do(ctx, http.MethodGet, path, nil, nil, &obj); err != nil {
		return nil, err
	}
	return &obj, nil
}

// deleteObject deletes the object with this id in a collection.
func (c *Client) deleteObject(ctx context.Context, collection, kind, id string) error {
	path, err := objectPath(collection+"/", kind, id, "")
	if err != nil {
		return err
	}
	_, err = c.do(ctx, http.MethodDelete, path, nil, nil, nil)
	return err
}
