package toloka

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// collectionStore is a small API of one collection whose create fails as
// scripted: a POST of the object, a PUT of the object (an upsert such as
// /user-restrictions) or, with batch, a PUT of a list of one object answered
// {"items": {"0": object}} (/webhook-subscriptions). Its list serves
// created_gte, id_gt and limit, as the client's search for a lost create
// uses them. Members named in hidden are stored but never returned.
type collectionStore struct {
	t      *testing.T
	path   string
	method string
	batch  bool
	hidden []string
	script []postFault

	mu      sync.Mutex
	objects []map[string]any
	stored  []map[string]any // as sent, hidden members included
	creates atomic.Int32
}

// add stores an object with the given fields, created at now plus age, and
// returns its view.
func (s *collectionStore) add(fields map[string]any, age time.Duration) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	view := map[string]any{"id": strconv.Itoa(len(s.objects) + 1), "created": NewTime(time.Now().Add(age)).APIString()}
	for k, v := range fields {
		view[k] = v
	}
	s.stored = append(s.stored, view)
	shown := map[string]any{}
	for k, v := range view {
		if !containsString(s.hidden, k) {
			shown[k] = v
		}
	}
	s.objects = append(s.objects, shown)
	return shown
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (s *collectionStore) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.objects)
}

func (s *collectionStore) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Date", time.Now().UTC().Format(http.TimeFormat))
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/api/v1"+s.path:
		writeJSON(s.t, w, s.list(r))
	case r.Method == s.method && r.URL.Path == "/api/v1"+s.path:
		s.create(w, r)
	default:
		writeBody(w, 404, []byte(`{"code":"DOES_NOT_EXIST","message":"no"}`))
	}
}

func (s *collectionStore) list(r *http.Request) Page[map[string]any] {
	q := r.URL.Query()
	since, _ := ParseTime(q.Get("created_gte"))
	idGt, _ := strconv.Atoi(q.Get("id_gt"))
	limit, err := strconv.Atoi(q.Get("limit"))
	searching := q.Has("created_gte") // not the probe of the clock
	if err != nil || limit < 1 || limit > maxPageLimitOf(s.path) || searching && q.Get("sort") != "id" {
		s.t.Errorf("list query %s", r.URL.RawQuery)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var page Page[map[string]any]
	for _, o := range s.objects {
		created, _ := ParseTime(o["created"].(string))
		id, _ := strconv.Atoi(o["id"].(string))
		if id > idGt && !created.Before(since.Time) {
			page.Items = append(page.Items, o)
		}
	}
	if len(page.Items) > limit {
		page.Items, page.HasMore = page.Items[:limit], true
	}
	return page
}

func (s *collectionStore) nextFault() postFault {
	n := int(s.creates.Add(1))
	if n <= len(s.script) {
		return s.script[n-1]
	}
	return postOK
}

func (s *collectionStore) create(w http.ResponseWriter, r *http.Request) {
	fault := s.nextFault()
	body, _ := io.ReadAll(r.Body)
	fields := s.decodeCreate(body)
	switch fault {
	case postDropBefore:
		dropConnection(w)
		return
	case postUnavailable:
		writeBody(w, 503, []byte(`{"code":"REMOTE_SERVICE_UNAVAILABLE","message":"later"}`))
		return
	}
	var answer any = s.add(fields, 0)
	if s.batch {
		answer = map[string]any{"items": map[string]any{"0": answer}}
	}
	view, _ := json.Marshal(answer)
	status := http.StatusOK
	if s.method == http.MethodPost {
		status = http.StatusCreated
	}
	switch fault {
	case postDropAfter:
		dropConnection(w)
	case postBadGateway:
		writeBody(w, 502, []byte("<html><h1>502 Bad Gateway</h1></html>"))
	case postTruncated:
		writeBody(w, status, view[:len(view)/2])
	default:
		writeBody(w, status, view)
	}
}

// decodeCreate reads the object a create sends.
func (s *collectionStore) decodeCreate(body []byte) map[string]any {
	if s.batch {
		var list []map[string]any
		if err := json.Unmarshal(body, &list); err != nil || len(list) != 1 {
			s.t.Errorf("%s %s body %s: want a list of one object", s.method, s.path, body)
			return nil
		}
		return list[0]
	}
	var fields map[string]any
	if err := json.Unmarshal(body, &fields); err != nil {
		s.t.Errorf("%s %s body: %v", s.method, s.path, err)
	}
	return fields
}

// newCollectionClient returns a client of store and a counter of the
// creates it adopted.
func newCollectionClient(t *testing.T, store *collectionStore) (*Client, *atomic.Int32) {
	t.Helper()
	store.t = t
	var adopted atomic.Int32
	logger := func(_ context.Context, msg string, _ map[string]any) {
		if strings.HasPrefix(msg, "toloka: adopted") {
			adopted.Add(1)
		}
	}
	return newTestClient(t, store, func(c *Config) { c.Logger = logger }), &adopted
}

// createFaultCases are the outcomes of a create and what the client must do:
// how many requests it sends and how many objects it adopts, one object
// being stored in the end either way.
var createFaultCases = []struct {
	fault   postFault
	creates int32
	adopted int32
}{
	{postOK, 1, 0},
	{postDropBefore, 2, 0},
	{postUnavailable, 2, 0},
	{postDropAfter, 1, 1},
	{postBadGateway, 1, 1},
	{postTruncated, 1, 1},
}

// checkOneCreated fails unless the store made exactly one object, whose id
// the client returned, with the expected number of requests and adoptions.
func checkOneCreated(t *testing.T, store *collectionStore, adopted *atomic.Int32, id string, creates, adoptions int32) {
	t.Helper()
	if store.count() != 1 || id != "1" {
		t.Errorf("%d objects stored; the client returned id %q", store.count(), id)
	}
	if store.creates.Load() != creates || adopted.Load() != adoptions {
		t.Errorf("%d requests and %d adoptions, want %d and %d", store.creates.Load(), adopted.Load(), creates, adoptions)
	}
}
