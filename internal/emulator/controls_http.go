package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"
)

// serveControl serves the test controls under /_emulator: no credentials,
// JSON in and out, errors in the API's error body.
func (s *Server) serveControl(w http.ResponseWriter, r *http.Request) {
	rt, id := matchRoute(s.controls, strings.TrimPrefix(r.URL.Path, controlPrefix))
	body, readErr := readBody(w, r)
	ep, ok := endpointOf(rt, r.Method)
	switch {
	case rt == nil:
		errorAnswer(errNotFound()).write(w)
	case !ok:
		errorAnswer(errMethodNotAllowed(rt.allow())).write(w)
	case readErr != nil:
		errorAnswer(readErr).write(w)
	default:
		ep.handle(&call{id: id, query: r.URL.Query(), body: body}).write(w)
	}
}

func endpointOf(rt *route, method string) (endpoint, bool) {
	if rt == nil {
		return endpoint{}, false
	}
	ep, ok := rt.endpoints[method]
	return ep, ok
}

func (s *Server) controlRoutes() []route {
	return []route{
		newRoute("/pools", map[string]endpoint{http.MethodPost: {handle: s.controlAddPool}}),
		newRoute("/pools/{id}/status", map[string]endpoint{http.MethodPut: {handle: s.controlStatus(mainPools)}}),
		newRoute("/pools/{id}", map[string]endpoint{http.MethodDelete: {handle: s.controlDelete(mainPools)}}),
		newRoute("/pools/{id}/tasks", map[string]endpoint{http.MethodPut: {handle: s.controlTasks(mainPools)}}),
		newRoute("/pools/{id}/auto-close", map[string]endpoint{http.MethodPost: {handle: s.controlAutoClosePool}}),
		newRoute("/pools/{id}/auto-archive", map[string]endpoint{http.MethodPost: {handle: s.controlAutoArchive(mainPools)}}),
		newRoute("/pools/{id}/fail-operations", map[string]endpoint{http.MethodPost: {handle: s.controlFailPoolOperations(mainPools)}}),
		newRoute("/projects/{id}", map[string]endpoint{
			http.MethodGet:    {handle: s.controlGetProject},
			http.MethodDelete: {handle: s.controlDeleteProject},
		}),
		newRoute("/projects/{id}/deny-access", map[string]endpoint{http.MethodPost: {handle: s.controlDenyAccess}}),
		newRoute("/projects/{id}/fail-operations", map[string]endpoint{http.MethodPost: {handle: s.controlFailOperations}}),
		newRoute("/project-check", map[string]endpoint{http.MethodPut: {handle: s.controlFailProjectChecks}}),
		newRoute("/operation-delay", map[string]endpoint{http.MethodPut: {handle: s.controlOperationDelay}}),
		newRoute("/too-many-requests", map[string]endpoint{http.MethodPost: {handle: s.controlTooManyRequests}}),
		newRoute("/faults", map[string]endpoint{
			http.MethodPut:    {handle: s.controlSetFaults},
			http.MethodGet:    {handle: s.controlFaultStats},
			http.MethodDelete: {handle: s.controlStopFaults},
		}),
		s.fillInRoute(),
		newRoute("/requests", map[string]endpoint{
			http.MethodGet:    {handle: s.controlRequests},
			http.MethodDelete: {handle: s.controlResetRequests},
		}),
		// Trainings and the requester.
		newRoute("/trainings/{id}/status", map[string]endpoint{http.MethodPut: {handle: s.controlStatus(trainingPools)}}),
		newRoute("/trainings/{id}", map[string]endpoint{http.MethodDelete: {handle: s.controlDelete(trainingPools)}}),
		newRoute("/trainings/{id}/tasks", map[string]endpoint{http.MethodPut: {handle: s.controlTasks(trainingPools)}}),
		newRoute("/trainings/{id}/auto-archive", map[string]endpoint{http.MethodPost: {handle: s.controlAutoArchive(trainingPools)}}),
		newRoute("/trainings/{id}/fail-operations", map[string]endpoint{http.MethodPost: {handle: s.controlFailPoolOperations(trainingPools)}}),
		newRoute("/requester/balance", map[string]endpoint{http.MethodPut: {handle: s.controlRequesterBalance}}),
		// skills, the skill values of Tolokers, bans and webhook subscriptions
		newRoute("/skills/{id}", map[string]endpoint{http.MethodGet: {handle: s.controlGetSkill}}),
		newRoute("/user-skills", map[string]endpoint{http.MethodGet: {handle: s.controlUserSkills}}),
		newRoute("/user-skills/{id}/value", map[string]endpoint{http.MethodPut: {handle: s.controlUserSkillValue}}),
		newRoute("/user-restrictions/{id}", map[string]endpoint{http.MethodGet: {handle: s.controlGetRestriction}}),
		newRoute("/user-restrictions/{id}/expire", map[string]endpoint{http.MethodPost: {handle: s.controlExpireRestriction}}),
		newRoute("/webhook-subscriptions/{id}", map[string]endpoint{http.MethodGet: {handle: s.controlGetWebhook}}),
		newRoute("/request-log", map[string]endpoint{
			http.MethodGet:    {handle: s.controlRequestLog},
			http.MethodDelete: {handle: s.controlClearRequestLog},
		}),
	}
}

// decodeControl reads a control's JSON body into v, rejecting unknown
// fields so that a typo in a demo script fails loudly.
func decodeControl(body []byte, v any) *apiError {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errBadBody("Invalid control body: " + err.Error())
	}
	return nil
}

// parseDelay reads a Go duration such as "1.5s" or "250ms".
func parseDelay(field, raw string) (time.Duration, *apiError) {
	d, err := time.ParseDuration(raw)
	if err != nil {
		return 0, errBadBody("Invalid " + field + ": " + err.Error())
	}
	return d, nil
}

// controlError maps a control method's error to an answer.
func controlError(err error) answer {
	if errors.Is(err, ErrNotFound) {
		return errorAnswer(errNotFound())
	}
	return errorAnswer(errBadBody(err.Error()))
}

func (s *Server) controlAddPool(c *call) answer {
	var in struct {
		ProjectID string `json:"project_id"`
		Status    string `json:"status"`
	}
	if err := decodeControl(c.body, &in); err != nil {
		return errorAnswer(err)
	}
	if !contains(poolStatuses, in.Status) {
		return errorAnswer(errBadBody("status must be one of " + strings.Join(poolStatuses, ", ")))
	}
	return jsonAnswer(http.StatusCreated, map[string]string{"id": s.AddPool(in.ProjectID, in.Status)})
}

func (s *Server) controlGetProject(c *call) answer {
	raw, ok := s.Project(c.id)
	if !ok {
		return errorAnswer(errNotFound())
	}
	return answer{status: http.StatusOK, body: raw}
}

func (s *Server) controlDeleteProject(c *call) answer {
	if err := s.DeleteProject(c.id); err != nil {
		return controlError(err)
	}
	return noContent()
}

func (s *Server) controlDenyAccess(c *call) answer {
	if err := s.DenyProjectAccess(c.id); err != nil {
		return controlError(err)
	}
	return noContent()
}

func (s *Server) controlFailOperations(c *call) answer {
	var in struct {
		Details map[string]any `json:"details"`
	}
	if len(bytes.TrimSpace(c.body)) > 0 {
		if err := decodeControl(c.body, &in); err != nil {
			return errorAnswer(err)
		}
	}
	s.FailOperations(c.id, in.Details)
	return noContent()
}

func (s *Server) controlOperationDelay(c *call) answer {
	var in struct {
		Delay string `json:"delay"`
	}
	if err := decodeControl(c.body, &in); err != nil {
		return errorAnswer(err)
	}
	d, err := parseDelay("delay", in.Delay)
	if err != nil {
		return errorAnswer(err)
	}
	s.SetOperationDelay(d)
	return noContent()
}

func (s *Server) controlTooManyRequests(c *call) answer {
	var in struct {
		Count      int    `json:"count"`
		RetryAfter string `json:"retry_after"`
	}
	if err := decodeControl(c.body, &in); err != nil {
		return errorAnswer(err)
	}
	d := time.Duration(0)
	if in.RetryAfter != "" {
		var err *apiError
		if d, err = parseDelay("retry_after", in.RetryAfter); err != nil {
			return errorAnswer(err)
		}
	}
	s.InjectTooManyRequests(in.Count, d)
	return noContent()
}

func (s *Server) controlRequests(*call) answer {
	return jsonAnswer(http.StatusOK, s.Requests())
}

func (s *Server) controlResetRequests(*call) answer {
	s.ResetRequests()
	return noContent()
}
