package emulator

import (
	"net/http"
	"time"
)

// Error codes of the pool lifecycle, main and training pools alike.
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

// patchPool changes a pool's priority, the one member PATCH takes
// (PoolPatchFormV1: an integer from 0 to 100, default 0). The API reference
// (patchPool): the pool need not be stopped, "it must have the open or
// closed status", and an archived pool "is returned an empty response with
// status 409". Checks run as 404, then 400, then 409.
func (s *Server) patchPool(c *call) answer {
	p, err := mainPools.lookup(s, c.id)
	if err != nil {
		return errorAnswer(err)
	}
	body, err := decodeObject(c.body)
	if err != nil {
		return errorAnswer(err)
	}
	setDefaultInteger(body, "priority", 0)
	v := &validator{}
	v.integer(body, "priority", "priority", 0, 100, true)
	if v.errs != nil {
		return errorAnswer(errValidation(v.errs))
	}
	switch p.status {
	case poolArchived:
		return answer{status: http.StatusConflict}
	case poolLocked:
		return errorAnswer(errInappropriateStatus(poolOpen, poolClosed))
	}
	p.fields["priority"] = body["priority"]
	return jsonAnswer(http.StatusOK, s.poolView(p))
}

// createOf stores a new pool of the kind, CLOSED, in an active project the
// caller may see. Checks run as 400 (body), then the project: 400 if it does
// not exist, 403 if it is another account's, 409 if it is archived; then the
// kind's own checks (400).
func (s *Server) createOf(k *poolKind, c *call) answer {
	body, err := decodeObject(c.body)
	if err != nil {
		return errorAnswer(err)
	}
	fields, invalid := k.normalize(s.withFillIn(k.name+"s", body))
	if invalid != nil {
		return errorAnswer(errValidation(invalid))
	}
	projectID, _ := fields["project_id"].(string)
	delete(fields, "project_id")
	if err := s.projectTakes(k, projectID); err != nil {
		return errorAnswer(err)
	}
	if invalid := k.checkAgainstOthers(s, projectID, fields); invalid != nil {
		return errorAnswer(errValidation(invalid))
	}
	s.assignCollectorUUIDs(fields)
	s.lastPool++
	p := &pool{kind: k, id: s.lastPool, projectID: projectID, status: poolClosed, created: wireTime(c.now), fields: fields}
	k.stored(s)[p.id] = p
	return jsonAnswer(http.StatusCreated, s.poolView(p))
}

// projectTakes checks that an object of the kind may be added to the
// project: it exists (else a 400 naming project_id), the caller may see it
// (403) and it is active (409).
func (s *Server) projectTakes(k *poolKind, projectID string) *apiError {
	prj, err := s.lookupProject(projectID)
	switch {
	case err != nil && err.code == codeDoesNotExist:
		return errValidation(fieldErrors{"project_id": {vcDoesNotExist, "Project does not exist"}})
	case err != nil:
		return err
	case prj.status != projectActive:
		return errConflict(codeProjectInappropriate,
			"The project is archived: "+k.name+"s cannot be added to it",
			map[string]any{"appropriate_statuses": []string{projectActive}})
	}
	return nil
}

// checkAgainstOthers runs the kind's check, if it has one.
func (k *poolKind) checkAgainstOthers(s *Server, projectID string, fields map[string]any) fieldErrors {
	if k.check == nil {
		return nil
	}
	return k.check(s, projectID, fields)
}

// updateOf replaces every editable field of a CLOSED pool of the kind.
// Checks run as 404, then 400, then 409 (an operation in progress, then the
// status).
func (s *Server) updateOf(k *poolKind, c *call) answer {
	p, err := k.lookup(s, c.id)
	if err != nil {
		return errorAnswer(err)
	}
	body, err := decodeObject(c.body)
	if err != nil {
		return errorAnswer(err)
	}
	fields, invalid := k.normalize(s.withFillIn(k.name+"s", body))
	if invalid == nil && fields["project_id"] != p.projectID {
		invalid = fieldErrors{"project_id": {vcInvalid, "A " + k.name + " cannot move to another project"}}
	}
	if invalid == nil {
		invalid = k.checkAgainstOthers(s, p.projectID, fields)
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

// poolAction describes one of POST /pools/{id}/open|close|close-for-update|archive,
// and the same actions of /trainings/{id}.
type poolAction struct {
	// path is the action's path below the object ("close-for-update").
	path string
	// verb ends the operation type, after the kind's prefix ("OPEN").
	verb string
	// target is the status the action leads to; a pool already there gets 204.
	target string
	// from are the statuses the action starts from; others get 409.
	from []string
	// effect changes the pool when the operation succeeds, at its end.
	effect func(p *pool, at time.Time)
}

var (
	openAction = poolAction{
		path: "open", verb: "OPEN", target: poolOpen, from: []string{poolClosed},
		effect: func(p *pool, at time.Time) { p.setStatus(poolOpen, at) },
	}
	closeAction = poolAction{
		path: "close", verb: "CLOSE", target: poolClosed, from: []string{poolOpen, poolLocked},
		effect: func(p *pool, at time.Time) { p.close(closeManual, at) },
	}
	closeForUpdateAction = poolAction{
		path: "close-for-update", verb: "CLOSE", target: poolClosed, from: []string{poolOpen, poolLocked},
		effect: func(p *pool, at time.Time) { p.close(closeForUpdate, at) },
	}
	archiveAction = poolAction{
		path: "archive", verb: "ARCHIVE", target: poolArchived, from: []string{poolClosed},
		effect: func(p *pool, at time.Time) { p.setStatus(poolArchived, at) },
	}
)

// handler serves the action on the kind: 404, then 409 while another
// operation runs on the pool, 204 when the pool is already in the target
// status, 409 from a status the action does not start from, 409 EMPTY_POOL
// for opening a pool without tasks, the kind's own refusal (409), else 202
// with the submitted operation.
func (a poolAction) handler(s *Server, k *poolKind) func(*call) answer {
	return func(c *call) answer {
		p, err := k.lookup(s, c.id)
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
		if a.target == poolOpen && !p.hasTasks {
			return errorAnswer(errConflict(codeEmptyPool, "Pool contains no tasks. Operation is not allowed", nil))
		}
		if k.refuse != nil {
			if err := k.refuse(s, p, a); err != nil {
				return errorAnswer(err)
			}
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
		kind:        p.kind.opPrefix + "." + a.verb,
		projectID:   p.projectID,
		parameters:  map[string]any{p.kind.param: formatID(p.id)},
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
	return errConflict(codePoolLocked, "Another operation is in progress on this "+p.kind.name,
		map[string]any{"operation_id": p.active.id})
}

// close moves the pool to CLOSED for the given reason.
func (p *pool) close(reason string, at time.Time) {
	p.setStatus(poolClosed, at)
	p.lastCloseReason = reason
}

// reopenPoolsClosedForUpdate opens again, reopenAfterUpdate after they
// closed, the main pools closed for update and not opened since. (The
// service documents this for main pools only.)
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
