package emulator

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Operation statuses.
const (
	opPending = "PENDING"
	opRunning = "RUNNING"
	opSuccess = "SUCCESS"
	opFail    = "FAIL"
)

// opProjectArchive archives a project; the pool operations are in
// pool_lifecycle.go.
const opProjectArchive = "PROJECT.ARCHIVE"

// operationTypes are the types GET /operations accepts as a filter.
var operationTypes = []string{
	"ANALYTICS", "KNOWN_SOLUTIONS.GENERATE", "POOL.ARCHIVE", "POOL.CLONE", "POOL.CLOSE", "POOL.OPEN",
	opProjectArchive, "SOLUTION.AGGREGATE", "TASK.BATCH_CREATE", "TASK_SUITE.BATCH_CREATE",
	"TRAINING.ARCHIVE", "TRAINING.CLONE", "TRAINING.CLOSE", "TRAINING.OPEN", "USER_BONUS.BATCH_CREATE",
}

// pendingShare is the part of an operation's delay it spends PENDING before
// it starts RUNNING.
const pendingShare = 5

// operation is a submitted operation. Its status is not stored: it is
// computed from the clock on each read, and its effect is applied by settle.
type operation struct {
	id         string
	kind       string
	projectID  string
	parameters map[string]any
	submitted  time.Time
	delay      time.Duration
	// failDetails, when not nil, make the operation end in FAIL.
	failDetails map[string]any
	// effect, when set, is applied at the end of a successful operation
	// (pool actions); a PROJECT.ARCHIVE has none and is applied by settle.
	effect  func(at time.Time)
	settled bool
}

func (o *operation) startAt() time.Time  { return o.submitted.Add(o.delay / pendingShare) }
func (o *operation) finishAt() time.Time { return o.submitted.Add(o.delay) }

// opState is an operation as seen at one instant.
type opState struct {
	op       *operation
	status   string
	started  time.Time
	finished time.Time
	progress int
}

// at computes the operation's state at now: PENDING, then RUNNING with a
// growing progress, then SUCCESS or FAIL once its delay has passed.
func (o *operation) at(now time.Time) opState {
	st := opState{op: o, status: opPending}
	start, finish := o.startAt(), o.finishAt()
	switch {
	case !now.Before(finish):
		st.status, st.started, st.finished, st.progress = opSuccess, start, finish, 100
		if o.failDetails != nil {
			st.status = opFail
		}
	case !now.Before(start):
		st.status, st.started = opRunning, start
		st.progress = min(99, int(100*now.Sub(start)/finish.Sub(start)))
	}
	return st
}

func (st opState) terminal() bool {
	return st.status == opSuccess || st.status == opFail
}

// operationView is the wire shape of an operation, in the service's order.
type operationView struct {
	ID         string         `json:"id"`
	Type       string         `json:"type"`
	Status     string         `json:"status"`
	Submitted  string         `json:"submitted"`
	Started    string         `json:"started,omitempty"`
	Finished   string         `json:"finished,omitempty"`
	Progress   *int           `json:"progress,omitempty"`
	Parameters map[string]any `json:"parameters"`
	Details    any            `json:"details,omitempty"`
}

// view renders the state. PENDING has no started and no progress; a finished
// operation has details ({} on success).
func (st opState) view() operationView {
	v := operationView{
		ID:         st.op.id,
		Type:       st.op.kind,
		Status:     st.status,
		Submitted:  formatTime(st.op.submitted),
		Parameters: st.op.parameters,
	}
	if st.status != opPending {
		v.Started = formatTime(st.started)
		v.Progress = &st.progress
	}
	if st.terminal() {
		v.Finished = formatTime(st.finished)
		v.Details = map[string]any{}
		if st.op.failDetails != nil {
			v.Details = st.op.failDetails
		}
	}
	return v
}

// submitOperation starts an operation with the current delay; a failure armed
// by FailOperations for the project is consumed.
func (s *Server) submitOperation(kind, projectID string, parameters map[string]any, now time.Time) *operation {
	op := &operation{
		id:         s.newOperationID(now),
		kind:       kind,
		projectID:  projectID,
		parameters: parameters,
		submitted:  wireTime(now),
		delay:      s.delay,
	}
	if details, armed := s.failNext[projectID]; armed {
		op.failDetails = details
		delete(s.failNext, projectID)
	}
	s.operations[op.id] = op
	s.opOrder = append(s.opOrder, op)
	return op
}

// newOperationID returns 24 hex digits, like the service's ids: 8 of seconds
// and 16 of a counter. Ids increase in submission order even if the clock
// goes back.
func (s *Server) newOperationID(now time.Time) string {
	s.opSecs = max(s.opSecs, now.Unix())
	s.opSeq++
	return fmt.Sprintf("%08x%016x", uint32(s.opSecs), s.opSeq)
}

// settle applies the effect of every operation that has finished by now:
// a successful PROJECT.ARCHIVE turns the project ARCHIVED (if it still
// exists), a successful pool action moves its pool. Then the pools closed for
// update long enough ago open again.
func (s *Server) settle(now time.Time) {
	for _, op := range s.opOrder {
		if op.settled || now.Before(op.finishAt()) {
			continue
		}
		op.settled = true
		if op.failDetails != nil {
			continue
		}
		if op.effect != nil {
			op.effect(op.finishAt())
			continue
		}
		if op.kind != opProjectArchive {
			continue
		}
		if id, ok := parseID(op.projectID); ok && s.projects[id] != nil {
			s.projects[id].status = projectArchived
		}
	}
	s.reopenPoolsClosedForUpdate(now)
	s.liftExpiredRestrictions(now)
	s.expireUserSkills(now)
}

// activeArchive returns the project's archive operation still in progress.
func (s *Server) activeArchive(projectID string) *operation {
	for _, op := range s.opOrder {
		if !op.settled && op.kind == opProjectArchive && op.projectID == projectID {
			return op
		}
	}
	return nil
}

func (s *Server) getOperation(c *call) answer {
	op := s.operations[c.id]
	if op == nil {
		return errorAnswer(errNotFound())
	}
	return jsonAnswer(http.StatusOK, op.at(c.now).view())
}

func (s *Server) listOperations(c *call) answer {
	all := make([]opState, len(s.opOrder))
	for i, op := range s.opOrder {
		all[i] = op.at(c.now)
	}
	items, hasMore, err := operationList.run(c.query, all)
	if err != nil {
		return errorAnswer(err)
	}
	views := make([]operationView, len(items))
	for i, st := range items {
		views[i] = st.view()
	}
	return jsonAnswer(http.StatusOK, pageBody{Items: views, HasMore: hasMore})
}

// operationList describes GET /operations.
var operationList = listSpec[opState]{
	maxLimit: 500,
	id:       func(st opState) string { return st.op.id },
	dates: map[string]func(opState) (time.Time, bool){
		"submitted": func(st opState) (time.Time, bool) { return st.op.submitted, true },
		"finished":  func(st opState) (time.Time, bool) { return st.finished, st.terminal() },
	},
	enums: map[string]enumFilter[opState]{
		"type":   {values: operationTypes, get: func(st opState) string { return st.op.kind }},
		"status": {values: []string{opPending, opRunning, opSuccess, opFail}, get: func(st opState) string { return st.status }},
	},
	sorts: map[string]func(a, b opState) int{
		"id":        func(a, b opState) int { return strings.Compare(a.op.id, b.op.id) },
		"submitted": func(a, b opState) int { return a.op.submitted.Compare(b.op.submitted) },
		"finished":  func(a, b opState) int { return a.finished.Compare(b.finished) },
	},
}
