package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"time"
)

// ErrNotFound is returned by a control naming an object that does not exist.
var ErrNotFound = errors.New("emulator: no such object")

// ErrInvalidStatus is returned by a control given a status that does not
// exist for the object.
var ErrInvalidStatus = errors.New("emulator: invalid status")

// AddPool stores a pool of the project with status OPEN, CLOSED, ARCHIVED or
// LOCKED and returns its id. The project need not exist. Any other status is
// a programming error: AddPool panics.
func (s *Server) AddPool(projectID, status string) (id string) {
	if !contains(poolStatuses, status) {
		panic(fmt.Sprintf("emulator: AddPool: invalid pool status %q", status))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := wireTime(s.now())
	s.lastPool++
	p := &pool{kind: mainPools, id: s.lastPool, projectID: projectID, created: now, fields: newPoolFields(s.lastPool, now)}
	p.setStatus(status, now)
	s.pools[p.id] = p
	return formatID(p.id)
}

// SetPoolStatus moves a pool to another status, as if the requester or the
// service had done it behind the client's back.
func (s *Server) SetPoolStatus(id, status string) error {
	return s.setStatusOf(mainPools, id, status)
}

// setStatusOf moves a main or training pool to another status.
func (s *Server) setStatusOf(k *poolKind, id, status string) error {
	if !contains(poolStatuses, status) {
		return fmt.Errorf("%w %q for a %s", ErrInvalidStatus, status, k.name)
	}
	return s.withPoolOf(k, id, func(p *pool) error {
		p.setStatus(status, wireTime(s.now()))
		return nil
	})
}

// DeleteProject makes a project vanish (the API itself has no delete): later
// requests for it answer 404. Its pools and operations stay.
func (s *Server) DeleteProject(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, ok := parseID(id)
	if !ok || s.projects[n] == nil {
		return ErrNotFound
	}
	delete(s.projects, n)
	return nil
}

// DenyProjectAccess makes a project belong to another account: requests
// naming it answer 403 ACCESS_DENIED and GET /projects leaves it out.
func (s *Server) DenyProjectAccess(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, ok := parseID(id)
	if !ok || s.projects[n] == nil {
		return ErrNotFound
	}
	s.projects[n].denied = true
	return nil
}

// FailOperations arms a failure: the next archive operation submitted for
// the project ends in FAIL with these details (nil means {}), and the
// project stays ACTIVE. It fires once.
func (s *Server) FailOperations(projectID string, details map[string]any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if details == nil {
		details = map[string]any{}
	}
	s.failNext[projectID] = maps.Clone(details)
}

// SetOperationDelay sets the time from submit to end of the operations
// submitted from now on; zero or negative means instantaneous. Operations
// already submitted keep their delay.
func (s *Server) SetOperationDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.delay = max(d, 0)
}

// InjectTooManyRequests makes the next n authenticated API requests answer
// 429 TOO_MANY_REQUESTS with Retry-After (whole seconds, rounded up) and a
// null payload, as the per-second limit does.
func (s *Server) InjectTooManyRequests(n int, retryAfter time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.injected, s.injectAfter = max(n, 0), retryAfter
}

// Requests returns how many API requests arrived, keyed "METHOD /pattern"
// with the pattern as routed without the /api/v1 prefix, e.g.
// "GET /projects/{id}" or "POST /projects/{id}/archive"; requests to no
// route count as "METHOD (unmatched)". Every request counts, whatever its
// answer; the controls do not.
func (s *Server) Requests() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.requests)
}

// ResetRequests sets every request count back to zero.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.requests)
}

// Project returns the stored project as the API would render it now, even
// one denied to the caller, and whether it exists.
func (s *Server) Project(id string) (json.RawMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settle(s.now())
	n, ok := parseID(id)
	p := s.projects[n]
	if !ok || p == nil {
		return nil, false
	}
	return json.RawMessage(encodeJSON(s.projectView(p))), true
}
