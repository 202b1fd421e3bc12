package toloka

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// createdClockMargin widens the window in which an object made by a create
// whose answer was lost is looked for: it covers the gap between the
// client's and the API's clocks that the Date header leaves (its precision
// is one second) or, before any answer came, the whole gap.
const createdClockMargin = time.Minute

// projectIdentity are the members of a project that tell it from the
// others made at about the same time; the API stores them as sent.
var projectIdentity = []string{"public_name", "public_description", "private_comment"}

// create POSTs obj to a collection ("/projects", "/pools") and decodes the
// object the API made into out; see createBy.
func (c *Client) create(ctx context.Context, collection string, obj, out any, identity ...string) error {
	return c.createBy(ctx, creation{method: http.MethodPost, collection: collection, body: obj, identity: identity}, out)
}

// creation is a request that makes one object of a collection: a POST, or
// a PUT to one of the API's upserts.
type creation struct {
	method     string
	collection string
	// body is what is sent: the object, or a list holding it.
	body any
	// object is the object the body makes, when the body is not the object.
	object any
	// identity are the JSON member names that tell the object from the
	// others made at about the same time.
	identity []string
	// answer turns an object found into the answer the request would have
	// had; nil when the answer is the object itself.
	answer func(found map[string]json.RawMessage) any
}

// createBy sends a creation and decodes the answer into out.
//
// A create is not safe to repeat. When its outcome is unknown (a 5xx, a
// connection lost after sending, a garbled answer), the client lists the
// objects of the collection created since the request and compares the
// identity members (JSON member names, e.g. "public_name") with those sent:
// one match it did not already return is adopted as the result; none means
// nothing was made, and the create is sent again as the retry policy allows;
// several are an error, as is an answer that may still be in the making
// (a timeout): sending again could then make a second object.
func (c *Client) createBy(ctx context.Context, cr creation, out any) error {
	object := cr.object
	if object == nil {
		object = cr.body
	}
	sent, err := jsonMembers(object)
	if err != nil {
		return fmt.Errorf("toloka: encoding %s %s request: %w", cr.method, cr.collection, err)
	}
	started := time.Now()
	adopt := func(ctx context.Context, out any) (bool, error) {
		return c.adoptCreated(ctx, cr, sent, started, out)
	}
	if _, err := c.send(ctx, request{method: cr.method, path: cr.collection, body: cr.body, adopt: adopt}, out); err != nil {
		return err
	}
	if id, err := objectID(out); err == nil {
		c.claim(cr.collection, id)
	}
	return nil
}

// adoptCreated looks for the object a creation sent at started may have
// made; see createBy.
func (c *Client) adoptCreated(ctx context.Context, cr creation, sent map[string]json.RawMessage, started time.Time, out any) (bool, error) {
	if !c.serverClock.known.Load() {
		c.learnServerClock(ctx, cr.collection)
	}
	since := c.serverClock.at(started).Add(-createdClockMargin)
	candidates, err := c.listCreatedSince(ctx, cr.collection, since)
	if err != nil {
		return false, err
	}
	var matches []map[string]json.RawMessage
	for _, candidate := range candidates {
		if !c.isClaimed(cr.collection, memberID(candidate)) && sameMembers(sent, candidate, cr.identity) {
			matches = append(matches, candidate)
		}
	}
	switch len(matches) {
	case 0:
		return false, nil
	case 1:
		return true, c.adopt(cr, matches[0], out)
	}
	ids := make([]string, len(matches))
	for i, m := range matches {
		ids[i] = memberID(m)
	}
	return false, fmt.Errorf("%d objects created since %s match it (ids %s); import the right one rather than "+
		"applying again", len(matches), since.Format(time.RFC3339), strings.Join(ids, ", "))
}

func (c *Client) adopt(cr creation, members map[string]json.RawMessage, out any) error {
	var answer any = members
	if cr.answer != nil {
		answer = cr.answer(members)
	}
	raw, err := json.Marshal(answer)
	if err == nil && out != nil {
		err = decodeFresh(raw, out)
	}
	if err != nil {
		return fmt.Errorf("decoding the object found: %w", err)
	}
	c.claim(cr.collection, memberID(members))
	return nil
}

// listCreatedSince returns, in id order, every object of the collection
// created at or after since (by the API's clock).
func (c *Client) listCreatedSince(ctx context.Context, collection string, since time.Time) ([]map[string]json.RawMessage, error) {
	fetch := func(ctx context.Context, idGt string) (*Page[map[string]json.RawMessage], error) {
		q := url.Values{"created_gte": {NewTime(since).APIString()}, "sort": {"id"}, "limit": {strconv.Itoa(maxPageLimitOf(collection))}}
		setIfNotEmpty(q, "id_gt", idGt)
		var page Page[map[string]json.RawMessage]
		if _, err := c.do(ctx, http.MethodGet, collection, q, nil, &page); err != nil {
			return nil, err
		}
		return &page, nil
	}
	return listAll(ctx, "", fetch, func(m *map[string]json.RawMessage) string { return memberID(*m) })
}

// learnServerClock reads the API's clock from the Date of a cheap answer.
// Failing that, the client's clock stands in for it, within the margin.
func (c *Client) learnServerClock(ctx context.Context, collection string) {
	_, _ = c.do(ctx, http.MethodGet, collection, url.Values{"limit": {"1"}}, nil, nil)
}

// claim records that the client returned this object as the result of a
// create, so that no other create adopts it.
func (c *Client) claim(collection, id string) {
	if id != "" {
		c.claimed.Store(collection+"/"+id, true)
	}
}

func (c *Client) isClaimed(collection, id string) bool {
	_, ok := c.claimed.Load(collection + "/" + id)
	return ok
}

// sameMembers reports whether the named members of two objects hold the same
// JSON values; an absent member equals null.
func sameMembers(a, b map[string]json.RawMessage, names []string) bool {
	return !slices.ContainsFunc(names, func(name string) bool {
		return !reflect.DeepEqual(decodeMember(a[name]), decodeMember(b[name]))
	})
}

func decodeMember(raw json.RawMessage) any {
	if len(raw) == 0 {
		return nil
	}
	v, err := decodeJSONValue(raw)
	if err != nil {
		return nil
	}
	return v
}

// decodeJSONValue decodes one JSON value into a form reflect.DeepEqual
// compares as JSON: numbers by value, and those beyond float64 (JSON sets no
// limit) by their text.
func decodeJSONValue(data []byte) (any, error) {
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.UseNumber()
	var value any
	if err := decoder.Decode(&value); err != nil {
		return nil, err
	}
	if _, err := decoder.Token(); err != io.EOF {
		return nil, errors.New("data after the JSON value")
	}
	return comparableNumbers(value), nil
}

func comparableNumbers(value any) any {
	switch v := value.(type) {
	case json.Number:
		if f, err := v.Float64(); err == nil {
			return f
		}
		return string(v)
	case map[string]any:
		for key, member := range v {
			v[key] = comparableNumbers(member)
		}
	case []any:
		for i, element := range v {
			v[i] = comparableNumbers(element)
		}
	}
	return value
}

// memberID returns the "id" member of an object, or "".
func memberID(m map[string]json.RawMessage) string {
	s, _ := decodeMember(m["id"]).(string)
	return s
}

// jsonMembers encodes v, which must encode to a JSON object, as its members.
func jsonMembers(v any) (map[string]json.RawMessage, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var members map[string]json.RawMessage
	return members, json.Unmarshal(raw, &members)
}

// objectID returns the "id" member of v's JSON form.
func objectID(v any) (string, error) {
	members, err := jsonMembers(v)
	return memberID(members), err
}

// serverClock estimates how far the API's clock is ahead of the client's,
// from the Date header of its answers.
type serverClock struct {
	known  atomic.Bool
	offset atomic.Int64 // nanoseconds
}

// note updates the estimate from an answer's header received at now.
func (s *serverClock) note(h http.Header, now time.Time) {
	if h == nil {
		return
	}
	date, err := http.ParseTime(h.Get("Date"))
	if err != nil {
		return
	}
	s.offset.Store(int64(date.Sub(now)))
	s.known.Store(true)
}

// at converts a time of the client's clock to the API's, as far as known.
func (s *serverClock) at(local time.Time) time.Time {
	if !s.known.Load() {
		return local
	}
	return local.Add(time.Duration(s.offset.Load()))
}
