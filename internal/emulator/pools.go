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
const firstPoolID = 30000001

// pool is a stored pool: the read-only fields apart, the rest as last
// written by the client (or made up by AddPool), defaults included.
type pool struct {
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
	// PoolViewV1.type: "always REGULAR"; responses/api/pool-id.yaml.
	v["type"] = "REGULAR"
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

// lookupPool finds a pool by its id, or answers 404.
func (s *Server) lookupPool(id string) (*pool, *apiError) {
	n, ok := parseID(id)
	p := s.pools[n]
	if !ok || p == nil {
		return nil, errNotFound()
	}
	return p, nil
}

func (s *Server) getPool(c *call) answer {
	p, err := s.lookupPool(c.id)
	if err != nil {
		return errorAnswer(err)
	}
	return jsonAnswer(http.StatusOK, s.poolView(p))
}

func (s *Server) listPools(c *call) answer {
	all := make([]*pool, 0, len(s.pools))
	for _, p := range s.pools {
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

// poolList describes GET /pools.
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
