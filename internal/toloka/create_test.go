package toloka

import (
	"cmp"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// postFault is what projectStore does with one POST /projects.
type postFault string

const (
	postOK            postFault = ""
	postDropBefore    postFault = "connection dropped before processing"
	postUnavailable   postFault = "503 before processing"
	postDropAfter     postFault = "connection dropped after processing"
	postBadGateway    postFault = "502 after processing"
	postTruncated     postFault = "201 with a truncated body"
	postSlowProcessed postFault = "processed, answered only after the client gave up"
	postSlowUnstored  postFault = "processed late, after the client gave up"
)

// projectStore is a small projects API whose clock is skewed and whose
// POST /projects fails as scripted. With path set, it serves that collection
// ("/trainings") instead.
type projectStore struct {
	t       *testing.T
	path    string
	skew    time.Duration
	script  []postFault
	listErr bool // GET /projects answers 500

	// A slow create (postSlowProcessed, postSlowUnstored) waits on these
	// instead of the clock: stored is called once it has stored the
	// project, and release lets postSlowUnstored store it, after which
	// processed is closed.
	stored    func()
	release   chan struct{}
	processed chan struct{}

	mu       sync.Mutex
	projects []map[string]any
	posts    atomic.Int32
	lastID   int
}

func (s *projectStore) now() time.Time { return time.Now().Add(s.skew) }

// add stores a project with the given fields, created at the store's now
// plus age (negative: in the past), and returns its view.
func (s *projectStore) add(fields map[string]any, age time.Duration) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lastID++
	p := map[string]any{"id": strconv.Itoa(s.lastID), "status": "ACTIVE", "created": NewTime(s.now().Add(age)).APIString()}
	for k, v := range fields {
		p[k] = v
	}
	s.projects = append(s.projects, p)
	return p
}

func (s *projectStore) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.projects)
}

func (s *projectStore) nextFault() postFault {
	n := int(s.posts.Add(1))
	if n <= len(s.script) {
		return s.script[n-1]
	}
	return postOK
}

func (s *projectStore) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Date", s.now().UTC().Format(http.TimeFormat))
	collection := "/api/v1" + cmp.Or(s.path, "/projects")
	switch {
	case r.Method == http.MethodGet && r.URL.Path == collection && s.listErr:
		writeBody(w, 500, []byte(`{"code":"INTERNAL_ERROR","message":"list broken"}`))
	case r.Method == http.MethodGet && r.URL.Path == collection:
		writeJSON(s.t, w, s.list(r))
	case r.Method == http.MethodPost && r.URL.Path == collection:
		s.create(w, r)
	default:
		writeBody(w, 404, []byte(`{"code":"DOES_NOT_EXIST","message":"no"}`))
	}
}

func (s *projectStore) list(r *http.Request) Page[map[string]any] {
	q := r.URL.Query()
	since, _ := ParseTime(q.Get("created_gte"))
	idGt, _ := strconv.Atoi(q.Get("id_gt"))
	limit, _ := strconv.Atoi(q.Get("limit"))
	s.mu.Lock()
	defer s.mu.Unlock()
	var page Page[map[string]any]
	for _, p := range s.projects {
		created, _ := ParseTime(p["created"].(string))
		id, _ := strconv.Atoi(p["id"].(string))
		if id > idGt && !created.Before(since.Time) {
			page.Items = append(page.Items, p)
		}
	}
	if limit > 0 && len(page.Items) > limit {
		page.Items, page.HasMore = page.Items[:limit], true
	}
	return page
}

func (s *projectStore) create(w http.ResponseWriter, r *http.Request) {
	fault := s.nextFault()
	var fields map[string]any
	body, _ := io.ReadAll(r.Body)
	if err := json.Unmarshal(body, &fields); err != nil {
		s.t.Errorf("POST body: %v", err)
	}
	switch fault {
	case postDropBefore:
		dropConnection(w)
		return
	case postUnavailable:
		writeBody(w, 503, []byte(`{"code":"REMOTE_SERVICE_UNAVAILABLE","message":"later"}`))
		return
	case postSlowUnstored:
		<-s.release // the client has given up and looked for the project
		s.add(fields, 0)
		close(s.processed)
		return
	}
	view, _ := json.Marshal(s.add(fields, 0))
	switch fault {
	case postDropAfter:
		dropConnection(w)
	case postBadGateway:
		writeBody(w, 502, []byte("<html><h1>502 Bad Gateway</h1></html>"))
	case postTruncated:
		writeBody(w, 201, view[:len(view)/2])
	case postSlowProcessed:
		s.stored()
		<-r.Context().Done() // no answer before the client has given up
	default:
		writeBody(w, 201, view)
	}
}

func newStoreClient(t *testing.T, store *projectStore, configure ...func(*Config)) (*Client, *atomic.Int32) {
	t.Helper()
	store.t = t
	var adopted atomic.Int32
	logger := func(_ context.Context, msg string, _ map[string]any) {
		if strings.HasPrefix(msg, "toloka: adopted") {
			adopted.Add(1)
		}
	}
	return newTestClient(t, store, append([]func(*Config){func(c *Config) { c.Logger = logger }}, configure...)...), &adopted
}

func catsProject() *Project {
	comment := "managed by terraform"
	return &Project{PublicName: "Cats or dogs", PublicDescription: "Pick the animal", PrivateComment: &comment}
}

func catsFields() map[string]any {
	return map[string]any{"public_name": "Cats or dogs", "public_description": "Pick the animal", "private_comment": "managed by terraform"}
}

// A create whose outcome is unknown never makes a second project: one that
// was made is adopted, and one that was not is sent again.
func TestCreateNeverMakesTwoProjects(t *testing.T) {
	for _, tc := range []struct {
		fault   postFault
		posts   int32
		adopted int32
	}{
		{postOK, 1, 0},
		{postDropBefore, 2, 0},
		{postUnavailable, 2, 0},
		{postDropAfter, 1, 1},
		{postBadGateway, 1, 1},
		{postTruncated, 1, 1},
	} {
		t.Run(string(tc.fault)+" ", func(t *testing.T) {
			store := &projectStore{script: []postFault{tc.fault}}
			client, adopted := newStoreClient(t, store)
			created, err := client.CreateProject(context.Background(), catsProject())
			if err != nil {
				t.Fatal(err)
			}
			if store.count() != 1 || created.ID != "1" || created.PublicName != "Cats or dogs" || created.Status != "ACTIVE" {
				t.Errorf("%d projects stored; CreateProject returned %+v", store.count(), created)
			}
			if store.posts.Load() != tc.posts || adopted.Load() != tc.adopted {
				t.Errorf("%d POSTs and %d adoptions, want %d and %d", store.posts.Load(), adopted.Load(), tc.posts, tc.adopted)
			}
		})
	}
}

// The window of the search follows the API's clock, known from the Date of
// its answers or, before any, asked for.
func TestCreateAdoptsDespiteClockSkew(t *testing.T) {
	for _, fault := range []postFault{postBadGateway, postDropAfter} {
		t.Run(string(fault), func(t *testing.T) {
			store := &projectStore{skew: -time.Hour, script: []postFault{fault}}
			client, adopted := newStoreClient(t, store)
			created, err := client.CreateProject(context.Background(), catsProject())
			if err != nil || created.ID != "1" || store.count() != 1 || adopted.Load() != 1 {
				t.Errorf("CreateProject = %+v, %v; %d stored, %d adopted", created, err, store.count(), adopted.Load())
			}
		})
	}
}

func TestCreateAdoptsOnlyWhatItMayHaveMade(t *testing.T) {
	store := &projectStore{script: []postFault{postOK, postDropAfter}}
	client, adopted := newStoreClient(t, store)
	store.add(catsFields(), -2*time.Hour) // identical, but made long before
	other := catsFields()
	other["public_name"] = "Another project"
	store.add(other, 0) // made just now, but another project
	first, err := client.CreateProject(context.Background(), catsProject())
	if err != nil {
		t.Fatal(err)
	}
	// identical to the first, which this client already returned
	second, err := client.CreateProject(context.Background(), catsProject())
	if err != nil {
		t.Fatal(err)
	}
	if first.ID != "3" || second.ID != "4" || store.count() != 4 || adopted.Load() != 1 {
		t.Errorf("created %s then %s; %d stored, %d adopted", first.ID, second.ID, store.count(), adopted.Load())
	}
}

func TestCreateRefusesToGuess(t *testing.T) {
	store := &projectStore{script: []postFault{postDropAfter}}
	client, _ := newStoreClient(t, store)
	store.add(catsFields(), 0) // identical and just made, by someone else
	_, err := client.CreateProject(context.Background(), catsProject())
	if err == nil || !strings.Contains(err.Error(), "2 objects created since") || !strings.Contains(err.Error(), "ids 1, 2") {
		t.Errorf("err = %v", err)
	}
	if store.posts.Load() != 1 || store.count() != 2 {
		t.Errorf("%d POSTs, %d stored", store.posts.Load(), store.count())
	}
}

// An answer that did not come in time may still be in the making: the
// create is not sent again.
func TestCreateIsNotResentAfterATimeout(t *testing.T) {
	store := &projectStore{script: []postFault{postSlowUnstored}, release: make(chan struct{}), processed: make(chan struct{})}
	var release sync.Once
	letItStore := func() { release.Do(func() { close(store.release) }) }
	t.Cleanup(letItStore)
	// The server holds its answer until the create has returned, so the
	// client's timeout always comes first, however loaded the machine.
	client, _ := newStoreClient(t, store, func(c *Config) { c.HTTPClient = &http.Client{Timeout: 50 * time.Millisecond} })
	_, err := client.CreateProject(context.Background(), catsProject())
	if err == nil || !strings.Contains(err.Error(), "may still succeed") || !strings.Contains(err.Error(), "not sent again") {
		t.Errorf("err = %v", err)
	}
	letItStore()
	<-store.processed
	if store.posts.Load() != 1 || store.count() != 1 {
		t.Errorf("%d POSTs, %d stored", store.posts.Load(), store.count())
	}
}

// A create cancelled after sending still returns what it made, so that the
// project is not lost.
func TestCancelledCreateReturnsWhatItMade(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// The caller gives up once the project is stored, before any answer.
	store := &projectStore{script: []postFault{postSlowProcessed}, stored: cancel}
	client, adopted := newStoreClient(t, store)
	created, err := client.CreateProject(ctx, catsProject())
	if err != nil || created.ID != "1" || adopted.Load() != 1 || store.posts.Load() != 1 {
		t.Errorf("CreateProject = %+v, %v; %d adopted, %d POSTs", created, err, adopted.Load(), store.posts.Load())
	}
}

func TestCreateFailsSafelyWhenTheSearchFails(t *testing.T) {
	store := &projectStore{script: []postFault{postDropAfter}, listErr: true}
	client, _ := newStoreClient(t, store)
	_, err := client.CreateProject(context.Background(), catsProject())
	if err == nil || !strings.Contains(err.Error(), "looking for what it created failed") || !strings.Contains(err.Error(), "list broken") {
		t.Errorf("err = %v", err)
	}
	if store.posts.Load() != 1 {
		t.Errorf("%d POSTs: the create was sent again without knowing", store.posts.Load())
	}
}

func TestSameMembers(t *testing.T) {
	obj := func(s string) map[string]json.RawMessage {
		var m map[string]json.RawMessage
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	names := []string{"a", "b"}
	for _, tc := range []struct {
		x, y string
		same bool
	}{
		{`{"a":"1","b":{"k":[1,2]}}`, `{"b":{"k":[1.0,2]},"a":"1","c":true}`, true},
		{`{"a":"1"}`, `{"a":"1","b":null}`, true},
		{`{"a":"1"}`, `{"a":"2"}`, false},
		{`{"a":"1","b":"x"}`, `{"a":"1"}`, false},
		{`{"a":"1","b":1e700}`, `{"a":"1"}`, false},
		{`{"a":"1","b":1e700}`, `{"a":"1","b":1e700}`, true},
	} {
		if got := sameMembers(obj(tc.x), obj(tc.y), names); got != tc.same {
			t.Errorf("sameMembers(%s, %s) = %v", tc.x, tc.y, got)
		}
	}
	if !slices.Equal(projectIdentity, []string{"public_name", "public_description", "private_comment"}) {
		t.Errorf("projectIdentity = %v", projectIdentity)
	}
}
