package emulator

import (
	"bytes"
	"fmt"
	"maps"
	"strings"
)

// withPoolOf runs change on a main or training pool, under the lock and
// after settling the operations that have ended, so that a control sees the
// pool as the API would show it now.
func (s *Server) withPoolOf(k *poolKind, id string, change func(p *pool) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settle(s.now())
	n, ok := parseID(id)
	p := k.stored(s)[n]
	if !ok || p == nil {
		return ErrNotFound
	}
	return change(p)
}

func (s *Server) withPool(id string, change func(p *pool) error) error {
	return s.withPoolOf(mainPools, id, change)
}

// SetPoolHasTasks says whether a pool has tasks: Toloka refuses to open a
// pool without any (409 EMPTY_POOL), and pools start without.
func (s *Server) SetPoolHasTasks(id string, has bool) error {
	return s.setHasTasksOf(mainPools, id, has)
}

func (s *Server) setHasTasksOf(k *poolKind, id string, has bool) error {
	return s.withPoolOf(k, id, func(p *pool) error {
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
	return s.autoArchiveOf(mainPools, id)
}

func (s *Server) autoArchiveOf(k *poolKind, id string) error {
	return s.withPoolOf(k, id, func(p *pool) error {
		if p.status != poolClosed {
			return fmt.Errorf("%w: %s %s is %s, not CLOSED", ErrInvalidStatus, k.name, id, p.status)
		}
		p.setStatus(poolArchived, wireTime(s.now()))
		return nil
	})
}

// FailPoolOperations arms a failure: the next operation submitted for the
// pool (open, close or archive) ends in FAIL with these details (nil means
// {}), and the pool stays as it was. It fires once.
func (s *Server) FailPoolOperations(id string, details map[string]any) error {
	return s.failOperationsOf(mainPools, id, details)
}

func (s *Server) failOperationsOf(k *poolKind, id string, details map[string]any) error {
	if details == nil {
		details = map[string]any{}
	}
	return s.withPoolOf(k, id, func(p *pool) error {
		p.failNext = maps.Clone(details)
		return nil
	})
}

// DeletePool makes a pool vanish (the API itself has no delete): later
// requests for it answer 404.
func (s *Server) DeletePool(id string) error {
	return s.deleteOf(mainPools, id)
}

func (s *Server) deleteOf(k *poolKind, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, ok := parseID(id)
	if !ok || k.stored(s)[n] == nil {
		return ErrNotFound
	}
	delete(k.stored(s), n)
	return nil
}

// The HTTP controls of main and training pools: each serves one kind.

func (s *Server) controlDelete(k *poolKind) func(*call) answer {
	return controlOf(true, func(id string, _ struct{}) error { return s.deleteOf(k, id) })
}

func (s *Server) controlStatus(k *poolKind) func(*call) answer {
	return controlOf(false, func(id string, in struct {
		Status string `json:"status"`
	}) error {
		return s.setStatusOf(k, id, in.Status)
	})
}

func (s *Server) controlTasks(k *poolKind) func(*call) answer {
	return controlOf(false, func(id string, in struct {
		HasTasks bool `json:"has_tasks"`
	}) error {
		return s.setHasTasksOf(k, id, in.HasTasks)
	})
}

func (s *Server) controlAutoArchive(k *poolKind) func(*call) answer {
	return controlOf(true, func(id string, _ struct{}) error { return s.autoArchiveOf(k, id) })
}

func (s *Server) controlFailPoolOperations(k *poolKind) func(*call) answer {
	return controlOf(true, func(id string, in struct {
		Details map[string]any `json:"details"`
	}) error {
		return s.failOperationsOf(k, id, in.Details)
	})
}

// controlOf makes the handler of a control that answers 204: it decodes the
// body into an In (an empty optional body leaves In zero) and runs act on
// the {id} of the path; act's error is answered by controlError.
func controlOf[In any](optionalBody bool, act func(id string, in In) error) func(*call) answer {
	decode := decodeControl
	if optionalBody {
		decode = decodeOptionalControl
	}
	return func(c *call) answer {
		var in In
		if err := decode(c.body, &in); err != nil {
			return errorAnswer(err)
		}
		if err := act(c.id, in); err != nil {
			return controlError(err)
		}
		return noContent()
	}
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

// decodeOptionalControl is decodeControl for a body that may be empty.
func decodeOptionalControl(body []byte, v any) *apiError {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	return decodeControl(body, v)
}
