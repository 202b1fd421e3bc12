package emulator

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
)

// requestLogLimit bounds the request log: past it, the oldest entries are
// dropped.
const requestLogLimit = 10_000

// LoggedRequest is one API request as the emulator answered it.
type LoggedRequest struct {
	// Seq numbers the answered requests from 1, in order, since the server
	// started; clearing the log does not restart it.
	Seq int       `json:"seq"`
	At  time.Time `json:"at"`
	// Method and Path are the request's, the path without the /api/v1
	// prefix and with the query, e.g. "/pools?project_id=100001".
	Method string `json:"method"`
	Path   string `json:"path"`
	// Route is the pattern that served it, e.g. "/pools/{id}/close"; empty
	// when no route matched.
	Route  string `json:"route,omitempty"`
	Status int    `json:"status"`
	// Operation is the operation the answer carries: the one an action
	// started (202) or the one GET /operations/{id} read.
	Operation *LoggedOperation `json:"operation,omitempty"`
}

// LoggedOperation is an operation as an answer showed it.
type LoggedOperation struct {
	ID     string `json:"id"`
	Type   string `json:"type"`
	Status string `json:"status"`
}

// requestLog keeps the latest requestLogLimit answered API requests in a
// ring: once it is full, entries[next] is the oldest.
type requestLog struct {
	entries []LoggedRequest
	next    int
	seq     int
}

func (l *requestLog) add(entry LoggedRequest) {
	if len(l.entries) < requestLogLimit {
		l.entries = append(l.entries, entry)
		return
	}
	l.entries[l.next] = entry
	l.next = (l.next + 1) % requestLogLimit
}

// ordered returns a copy of the entries, oldest first.
func (l *requestLog) ordered() []LoggedRequest {
	return slices.Concat(l.entries[l.next:], l.entries[:l.next])
}

// logRequest records an answered API request. It runs under the lock.
func (s *Server) logRequest(r *http.Request, rt *route, a answer) {
	s.log.seq++
	entry := LoggedRequest{
		Seq:       s.log.seq,
		At:        s.now(),
		Method:    r.Method,
		Path:      strings.TrimPrefix(r.URL.RequestURI(), apiPrefix),
		Status:    a.status,
		Operation: operationOf(rt, a),
	}
	if rt != nil {
		entry.Route = rt.pattern
	}
	s.log.add(entry)
}

// operationOf reads the operation an answer carries: the 202 of an action or
// the 200 of GET /operations/{id}.
func operationOf(rt *route, a answer) *LoggedOperation {
	readsOne := rt != nil && rt.pattern == "/operations/{id}" && a.status == http.StatusOK
	if a.status != http.StatusAccepted && !readsOne {
		return nil
	}
	var op LoggedOperation
	if json.Unmarshal(a.body, &op) != nil || op.ID == "" {
		return nil
	}
	return &op
}

// RequestLog returns the API requests answered since the log was last
// cleared, oldest first: the latest 10 000 at most. Requests that an injected
// fault stopped before processing are not in it; the controls never are.
func (s *Server) RequestLog() []LoggedRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.log.ordered()
}

// ClearRequestLog empties the request log; Seq goes on counting.
func (s *Server) ClearRequestLog() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log.entries, s.log.next = nil, 0
}

// requestLogBody is the JSON of GET /_emulator/request-log.
type requestLogBody struct {
	Requests []LoggedRequest `json:"requests"`
}

func (s *Server) controlRequestLog(*call) answer {
	entries := s.RequestLog()
	if entries == nil {
		entries = []LoggedRequest{}
	}
	return jsonAnswer(http.StatusOK, requestLogBody{Requests: entries})
}

func (s *Server) controlClearRequestLog(*call) answer {
	s.ClearRequestLog()
	return noContent()
}
