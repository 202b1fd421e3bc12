package emulator

import (
	"net/http"
	"time"
)

// Operation types of the pool actions; close-for-update is a POOL.CLOSE too.
const (
	opPoolOpen    = "POOL.OPEN"
	opPoolClose   = "POOL.CLOSE"
	opPoolArchive = "POOL.ARCHIVE"
)

// Error codes of the pool lifecycle.
const (
	codeEmptyPool            = "EMPTY_POOL"
	codePoolLocked           = "POOL_LOCKED_BY_ANOTHER_OPERATION"
	codeProjectInappropriate = "PROJECT_INAPPROPRIATE_STATUS"
	vcDoesNotExist           = "DOES_NOT_EXIST"
)

// Close reasons the emulator sets itself.
const (
	closeManual    = "MANUAL"
	closeForUpdate = "FOR_UPDATE"
)

// reopenAfterUpdate is how long a pool closed for update stays closed
// before the service opens it again by itself.
const reopenAfterUpdate = 15 * time.Minute

// quotaPools names the creation quota of POST /pools.
const quotaPools = "pools"

// createPool stores a new pool, CLOSED, in an active project the caller may
// see. Checks run as 400 (body), then the project: 400 if it does not exist,
// 403 if it is another account's, 409 if it is archived.
func (s *Server) createPool(c *call) answer {
	body, err := decodeObject(c.body)
	if err != nil {
		return errorAnswer(err)
	}
	fields, invalid := normalizePool(s.withFillIn(FillInPools, body))
	if invalid != nil {
		return errorAnswer(errValidation(invalid))
	}
	projectID, _ := fields["project_id"].(string)
	delete(fields, "project_id")
	prj, err := s.lookupProject(projectID)
	switch {
	case err != nil && err.code == codeDoesNotExist:
		return errorAnswer(errValidation(fieldErrors{"project_id": {vcDoesNotExist, "Project does not exist"}}))
	case err != nil:
		return errorAnswer(err)
	case prj.status != projectActive:
		return errorAnswer(errConflict(codeProjectInappropriate,
			"The project is archived: pools cannot be added to it",
			map[string]any{"appropriate_statuses": []string{projectActive}}))
	}
	s.assignCollectorUUIDs(fields)
	s.lastPool++
	p := &pool{id: s.lastPool, projectID: projectID, status: poolClosed, created: wireTime(c.now), fields: fields}
	s.pools[p.id] = p
	return jsonAnswer(http.StatusCreated, s.poolView(p))
}

// updatePool replaces every editable field of a CLOSED pool. Checks run as
// 404, then 400, then 409 (an operation in progress, then the status).
func (s *Server) updatePool(c *call) answer {
	p, err := s.lookupPool(c.id)
	if err != nil {
		return errorAnswer(err)
	}
	body, err := decodeObject(c.body)
	if err != nil {
		return errorAnswer(err)
	}
	fields, invalid := normalizePool(s.withFillIn(FillInPools, body))
	if invalid == nil && fields["project_id"] != p.projectID {
		invalid = fieldErrors{"project_id": {vcInvalid, "A pool cannot move to another project"}}
	}
	if invalid != nil {
		return errorAnswer(errValidation(invalid))
	}
	if err := p.lockedError(); err != nil {
		return errorAnswer(err)
	}
	if p.status != poolClosed {
		return errorAnswer(errInappropriateStatus(poolClosed))
	}
	delete(fields, "project_id")
	s.assignCollectorUUIDs(fields)
	p.fields = fields
	return jsonAnswer(http.StatusOK, s.poolView(p))
}

// poolAction describes one of POST /pools/{id}/open|close|close-for-update|archive.
type poolAction struct {
	kind string
	// target is the status the action leads to; a pool already there gets 204.
	target string
	// from are the statuses the action starts from; others get 409.
	from []string
	// effect changes the pool when the operation succeeds, at its end.
	effect func(p *pool, at time.Time)
}

var (
	openPool = poolAction{
		kind: opPoolOpen, target: poolOpen, from: []string{poolClosed},
		effect: func(p *pool, at time.Time) { p.setStatus(poolOpen, at) },
	}
	closePool = poolAction{
		kind: opPoolClose, target: poolClosed, from: []string{poolOpen, poolLocked},
		effect: func(p *pool, at time.Time) { p.close(closeManual, at) },
	}
	closePoolForUpdate = poolAction{
		kind: opPoolClose, target: poolClosed, from: []string{poolOpen, poolLocked},
		effect: func(p *pool, at time.Time) { p.close(closeForUpdate, at) },
	}
	archivePool = poolAction{
		kind: opPoolArchive, target: poolArchived, from: []string{poolClosed},
		effect: func(p *pool, at time.Time) { p.setStatus(poolArchived, at) },
	}
)

// handler serves the action: 404, then 409 while another operation runs on
// the pool, 204 when the pool is already in the target status, 409 from a
// status the action does not start from, 409 EMPTY_POOL for opening a pool
// without tasks, else 202 with the submitted operation.
func (a poolAction) handler(s *Server) func(*call) answer {
	return func(c *call) answer {
		p, err := s.lookupPool(c.id)
		if err != nil {
			return errorAnswer(err)
		}
		if err := p.lockedError(); err != nil {
			return errorAnswer(err)
		}
		if p.status == a.target {
			return noContent()
		}
		if !contains(a.from, p.status) {
			return errorAnswer(errInappropriateStatus(a.from...))
		}
		if a.kind == opPoolOpen && !p.hasTasks {
			return errorAnswer(errConflict(codeEmptyPool, "Pool contains no tasks. Operation is not allowed", nil))
		}
		op := s.submitPoolOperation(p, a, c.now)
		return jsonAnswer(http.StatusAccepted, op.at(c.now).view())
	}
}

// submitPoolOperation starts the action's operation on the pool with the
// current delay; a failure armed by FailPoolOperations is consumed.
func (s *Server) submitPoolOperation(p *pool, a poolAction, now time.Time) *operation {
	op := &operation{
		id:          s.newOperationID(now),
		kind:        a.kind,
		projectID:   p.projectID,
		parameters:  map[string]any{"pool_id": formatID(p.id)},
		submitted:   wireTime(now),
		delay:       s.delay,
		failDetails: p.failNext,
		effect:      func(at time.Time) { a.effect(p, at) },
	}
	p.failNext = nil
	p.active = op
	s.operations[op.id] = op
	s.opOrder = append(s.opOrder, op)
	return op
}

// lockedError is the 409 for a pool whose last operation has not ended yet.
func (p *pool) lockedError() *apiError {
	if p.active == nil || p.active.settled {
		return nil
	}
	return errConflict(codePoolLocked, "Another operation is in progress on this pool",
		map[string]any{"operation_id": p.active.id})
}

// close moves the pool to CLOSED for the given reason.
func (p *pool) close(reason string, at time.Time) {
	p.setStatus(poolClosed, at)
	p.lastCloseReason = reason
}

// reopenPoolsClosedForUpdate opens again, reopenAfterUpdate after they
// closed, the pools closed for update and not opened since.
func (s *Server) reopenPoolsClosedForUpdate(now time.Time) {
	for _, p := range s.pools {
		if p.status != poolClosed || p.lastCloseReason != closeForUpdate || p.lockedError() != nil {
			continue
		}
		if at := p.lastStopped.Add(reopenAfterUpdate); !now.Before(at) {
			p.setStatus(poolOpen, at)
		}
	}
}
