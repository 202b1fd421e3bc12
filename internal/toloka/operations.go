package toloka

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// activeOperationsLimit is how many of the newest pending (then running)
// operations of a type FindActiveOperation looks through.
const activeOperationsLimit = 50

// GetOperation returns the current state of an operation.
func (c *Client) GetOperation(ctx context.Context, id string) (*Operation, error) {
	escaped, err := escapeID("operation", id)
	if err != nil {
		return nil, err
	}
	var op Operation
	if _, err := c.do(ctx, http.MethodGet, "/operations/"+escaped, nil, nil, &op); err != nil {
		return nil, err
	}
	return &op, nil
}

// FindActiveOperation returns the newest PENDING or RUNNING operation of type
// opType whose parameters[paramName] equals paramValue (e.g. "PROJECT.ARCHIVE",
// "project_id", "42"), or nil if there is none. Use it to resume waiting on
// an operation started earlier instead of starting another.
func (c *Client) FindActiveOperation(ctx context.Context, opType, paramName, paramValue string) (*Operation, error) {
	for _, status := range []string{OperationPending, OperationRunning} {
		query := url.Values{
			"type":   {opType},
			"status": {status},
			"sort":   {"-submitted"},
			"limit":  {strconv.Itoa(activeOperationsLimit)},
		}
		var page Page[Operation]
		if _, err := c.do(ctx, http.MethodGet, "/operations", query, nil, &page); err != nil {
			return nil, err
		}
		for i := range page.Items {
			if parameterEquals(page.Items[i].Parameters[paramName], paramValue) {
				return &page.Items[i], nil
			}
		}
	}
	return nil, nil
}

// parameterEquals compares an operation parameter with a value. IDs are
// JSON strings, but a number written as its decimal text matches too.
func parameterEquals(raw json.RawMessage, want string) bool {
	if len(raw) == 0 {
		return false
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s == want
	}
	return strings.TrimSpace(string(raw)) == want
}

// startOperation posts to an action endpoint (archive, open, close, …) and
// returns the operation it started, or (nil, nil) when the API answers 204:
// the object is already in the state the action leads to.
func (c *Client) startOperation(ctx context.Context, path string) (*Operation, error) {
	var op Operation
	status, err := c.doAction(ctx, path, &op)
	if err != nil || status == http.StatusNoContent {
		return nil, err
	}
	return &op, nil
}
