package emulator

import (
	"bytes"
	"fmt"
	"maps"
	"strings"
)

// withPool runs change on a pool, under the lock and after settling the
// operations that have ended, so that a control sees the pool as the API
// would show it now.
func (s *Server) withPool(id string, change func(p *pool) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settle(s.now())
	n, ok := parseID(id)
	p := s.pools[n]
	if !ok || p == nil {
		return ErrNotFound
	}
	return change(p)
}

// SetPoolHasTasks says whether a pool has tasks: Toloka refuses to open a
// pool without any (409 EMPTY_POOL), and pools start without.
func (s *Server) SetPoolHasTasks(id string, has bool) error {
	return s.withPool(id, func(p *pool) error {
		p.hasTasks = has
		return nil
	})
}

// AutoClosePool closes an OPEN pool as the service does by itself, for
// example when all its tasks are done (reason COMPLETED) or at will_expire
// (EXPIRED). An empty reason means COMPLETED.
func (s *Server) AutoClosePool(id, reason string) error {
	if reason == "" {
		reason = "COMPLETED"
	}
	if !contains(autoCloseReasons, reason) {
		return fmt.Errorf("%w: close reason %q is not one of %s", ErrInvalidStatus, reason, strings.Join(autoCloseReasons, ", "))
	}
	return s.withPool(id, func(p *pool) error {
		if p.status != poolOpen {
			return fmt.Errorf("%w: pool %s is %s, not OPEN", ErrInvalidStatus, id, p.status)
		}
		p.close(reason, wireTime(s.now()))
		return nil
	})
}

// AutoArchivePool archives a CLOSED pool as the service does by itself after
// a pool has been idle for 30 days.
func (s *Server) AutoArchivePool(id string) error {
	return s.withPool(id, func(p *pool) error {
		if p.status != poolClosed {
			return fmt.Errorf("%w: pool %s is %s, not CLOSED", ErrInvalidStatus, id, p.status)
		}
		p.setStatus(poolArchived, wireTime(s.now()))
		return nil
	})
}

// FailPoolOperations arms a failure: the next operation submitted for the
// pool (open, close or archive) ends in FAIL with these details (nil means
// {}), and the pool stays as it was. It fires once.
func (s *Server) FailPoolOperations(id string, details map[string]any) error {
	if details == nil {
		details = map[string]any{}
	}
	return s.withPool(id, func(p *pool) error {
		p.failNext = maps.Clone(details)
		return nil
	})
}

// DeletePool makes a pool vanish (the API itself has no delete): later
// requests for it answer 404.
func (s *Server) DeletePool(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, ok := parseID(id)
	if !ok || s.pools[n] == nil {
		return ErrNotFound
	}
	delete(s.pools, n)
	return nil
}

func (s *Server) controlDeletePool(c *call) answer {
	if err := s.DeletePool(c.id); err != nil {
		return controlError(err)
	}
	return noContent()
}

func (s *Server) controlPoolTasks(c *call) answer {
	var in struct {
		HasTasks bool `json:"has_tasks"`
	}
	if err := decodeControl(c.body, &in); err != nil {
		return errorAnswer(err)
	}
	if err := s.SetPoolHasTasks(c.id, in.HasTasks); err != nil {
		return controlError(err)
	}
	return noContent()
}

func (s *Server) controlAutoClosePool(c *call) answer {
	var in struct {
		Reason string `json:"reason"`
	}
	if err := decodeOptionalControl(c.body, &in); err != nil {
		return errorAnswer(err)
	}
	if err := s.AutoClosePool(c.id, in.Reason); err != nil {
		return controlError(err)
	}
	return noContent()
}

func (s *Server) controlAutoArchivePool(c *call) answer {
	if err := s.AutoArchivePool(c.id); err != nil {
		return controlError(err)
	}
	return noContent()
}

func (s *Server) controlFailPoolOperations(c *call) answer {
	var in struct {
		Details map[string]any `json:"details"`
	}
	if err := decodeOptionalControl(c.body, &in); err != nil {
		return errorAnswer(err)
	}
	if err := s.FailPoolOperations(c.id, in.Details); err != nil {
		return controlError(err)
	}
	return noContent()
}

// decodeOptionalControl is decodeControl for a body that may be empty.
func decodeOptionalControl(body []byte, v any) *apiError {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	return decodeControl(body, v)
}
