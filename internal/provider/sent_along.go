package provider

import (
	"context"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// sentAlong is an API object with one value that a configuration sends
// with it but Toloka never returns: a webhook subscription's secret key, the
// reason given for a skill value. The lifecycle copies and compares Object
// alone (the value is not part of the JSON form), so such a value changes
// nothing in Toloka by itself, and the state keeps it as configured.
type sentAlong[T any] struct {
	Object T
	value  string
}

// gotAlone reads an object with the get of its client: Toloka returns
// nothing to send along with it.
func gotAlone[T any](get func(*toloka.Client, context.Context, string) (*T, error)) func(*toloka.Client, context.Context, string) (*sentAlong[T], error) {
	return func(c *toloka.Client, ctx context.Context, id string) (*sentAlong[T], error) {
		return along(get(c, ctx, id))
	}
}

// along wraps the object a client call returned.
func along[T any](obj *T, err error) (*sentAlong[T], error) {
	if err != nil {
		return nil, err
	}
	return &sentAlong[T]{Object: *obj}, nil
}
