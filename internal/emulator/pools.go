package emulator

import (
	"cmp"
	"encoding/json"
	"maps"
	"net/http"
	"time"
)

// Pool statuses.
const (
	poolOpen     = "OPEN"
	poolClosed   = "CLOSED"
	poolArchived = "ARCHIVED"
	poolLocked   = "LOCKED"
)

var poolStatuses = []string{poolOpen, poolClosed, poolArchived, poolLocked}

// firstPoolID is the first pool id, in a range apart from projects'.
// Trainings are pools too (training pools): they take their ids from the
// same counter.
const firstPoolID = 30000001

// poolKind is what tells the two kinds of pools apart: main pools (/pools)
// and training pools (/trainings). They share their lifecycle (statuses,
// actions run as operations, locking) and differ in their fields, their
// checks and their routes.
type poolKind struct {
	// name is the kind's name in messages ("pool", "training").
	name string
	// opPrefix starts the types of the kind's operations ("POOL", "TRAINING").
	opPrefix string
	// param is the operation parameter that names the object ("pool_id").
	param string
	// typeMember, when set, is the view's "type" member.
	typeMember string
	// stored returns the server's objects of the kind.
	stored func(s *Server) map[int64]*pool
	// normalize validates a POST or PUT body and returns the fields to
	// store, project_id included, defaults filled in.
	normalize func(body map[string]any) (map[string]any, fieldErrors)
	// check, when set, validates the normalized fields against the other
	// objects (a main pool's training requirement).
	check func(s *Server, projectID string, fields map[string]any) fieldErrors
	// refuse, when set, refuses an action the object's status allows
	// (archiving a training that main pools still need).
	refuse func(s *Server, p *pool, a poolAction) *apiError
}

// mainPools are the pools of /pools.
var mainPools = &poolKind{
	name: "pool", opPrefix: "POOL", param: "pool_id", typeMember: "REGULAR",
	stored:    func(s *Server) map[int64]*pool { return s.pools },
	normalize: normalizePool,
	check:     (*Server).checkTrainingRequirement,
}

// pool is a stored main or training pool: the read-only fields apart, the
// rest as last written by the client (or made up by AddPool), defaults
// included.
type pool struct {
	kind            *poolKind
	id              int64
	projectID       string
	status          string
	created         time.Time
	lastStarted     time.Time
	lastStopped     time.Time
	lastCloseReason string
	fields          map[string]any
	// hasTasks: the pool has tasks, so it may be opened (SetPoolHasTasks).
	hasTasks bool
	// active is the pool's last operation; while it is not settled, the
	// pool is locked against other actions and edits.
	active *operation
	// failNext, when not nil, makes the next operation on the pool end in
	// FAIL with these details (FailPoolOperations).
	failNext map[string]any
}

// poolView renders the pool as the API returns it.
func (s *Server) poolView(p *pool) map[string]any {
	v := maps.Clone(p.fields)
	// PoolViewV1.type: "always REGULAR" for a pool; responses/api/pool-id.yaml.
	if p.kind.typeMember != "" {
		v["type"] = p.kind.typeMember
	}
	v["id"] = formatID(p.id)
	v["project_id"] = p.projectID
	v["status"] = p.status
	// created and owner ({id, myself}, and company_id as the SDK's
	// pool_map_with_readonly shows): responses/api/pool-id.yaml.
	v["created"] = formatTime(p.created)
	v["owner"] = s.owner
	if !p.lastStarted.IsZero() {
		v["last_started"] = formatTime(p.lastStarted)
	}
	if !p.lastStopped.IsZero() {
		v["last_stopped"] = formatTime(p.lastStopped)
	}
	if p.lastCloseReason != "" {
		v["last_close_reason"] = p.lastCloseReason
	}
	return v
}

// newPoolFields are the editable fields of a pool made by AddPool: the
// required ones, with plausible values, and the ones the service fills in.
func newPoolFields(id int64, created time.Time) map[string]any {
	fields := map[string]any{
		"private_name":                    "Pool " + formatID(id),
		"may_contain_adult_content":       false,
		"will_expire":                     formatTime(created.AddDate(1, 0, 0)),
		"reward_per_assignment":           json.Number("0.01"),
		"assignment_max_duration_seconds": json.Number("600"),
		"auto_accept_solutions":           false,
		"auto_accept_period_day":          json.Number("21"),
		"defaults": map[string]any{
			"default_overlap_for_new_task_suites": json.Number("1"),
			"default_overlap_for_new_tasks":       json.Number("1"),
		},
		"priority": json.Number("0"),
	}
	fillPoolDefaults(fields)
	return fields
}

// setStatus moves the pool to status at now, keeping last_started,
// last_stopped and last_close_reason consistent.
func (p *pool) setStatus(status string, now time.Time) {
	switch {
	case status == poolOpen && p.status != poolOpen:
		p.lastStarted = now
	case status != poolOpen && p.status == poolOpen:
		p.lastStopped = now
		p.lastCloseReason = "MANUAL"
	}
	p.status = status
}

// lookup finds an object of the kind by its id, or answers 404.
func (k *poolKind) lookup(s *Server, id string) (*pool, *apiError) {
	n, ok := parseID(id)
	p := k.stored(s)[n]
	if !ok || p == nil {
		return nil, errNotFound()
	}
	return p, nil
}

func (s *Server) getOf(k *poolKind, c *call) answer {
	p, err := k.lookup(s, c.id)
	if err != nil {
		return errorAnswer(err)
	}
	return jsonAnswer(http.StatusOK, s.poolView(p))
}

// listOf answers GET /pools or GET /trainings: both take the same filters.
func (s *Server) listOf(k *poolKind, c *call) answer {
	stored := k.stored(s)
	all := make([]*pool, 0, len(stored))
	for _, p := range stored {
		all = append(all, p)
	}
	items, hasMore, err := poolList.run(c.query, all)
	if err != nil {
		return errorAnswer(err)
	}
	views := make([]map[string]any, len(items))
	for i, p := range items {
		views[i] = s.poolView(p)
	}
	return jsonAnswer(http.StatusOK, pageBody{Items: views, HasMore: hasMore})
}

// poolList describes GET /pools and GET /trainings.
var poolList = listSpec[*pool]{
	maxLimit:   300,
	numericIDs: true,
	id:         func(p *pool) string { return formatID(p.id) },
	dates: map[string]func(*pool) (time.Time, bool){
		"created":      func(p *pool) (time.Time, bool) { return p.created, true },
		"last_started": func(p *pool) (time.Time, bool) { return p.lastStarted, !p.lastStarted.IsZero() },
	},
	enums: map[string]enumFilter[*pool]{
		"status": {values: poolStatuses, get: func(p *pool) string { return p.status }},
	},
	equals: map[string]func(*pool) string{
		"project_id": func(p *pool) string { return p.projectID },
	},
	sorts: map[string]func(a, b *pool) int{
		"id":           func(a, b *pool) int { return cmp.Compare(a.id, b.id) },
		"created":      func(a, b *pool) int { return a.created.Compare(b.created) },
		"last_started": func(a, b *pool) int { return a.lastStarted.Compare(b.lastStarted) },
	},
}
