package emulator

import (
	"net/http"
	"slices"
	"strings"
)

// endpoint is one method of a route.
type endpoint struct {
	handle func(*call) answer
	// body: the request carries a JSON body, so Content-Type must say so.
	body bool
	// quota names the creation quota the request is charged to, if any.
	quota string
}

// route is a path pattern whose segments are literal or "{id}".
type route struct {
	pattern   string
	segments  []string
	endpoints map[string]endpoint
}

func newRoute(pattern string, endpoints map[string]endpoint) route {
	return route{pattern: pattern, segments: splitPath(pattern), endpoints: endpoints}
}

func splitPath(p string) []string {
	return strings.Split(strings.TrimPrefix(p, "/"), "/")
}

// matchRoute finds the route of path and the value of its {id} segment.
func matchRoute(routes []route, path string) (*route, string) {
	segs := splitPath(path)
	for i := range routes {
		if id, ok := matchSegments(routes[i].segments, segs); ok {
			return &routes[i], id
		}
	}
	return nil, ""
}

func matchSegments(pattern, segs []string) (string, bool) {
	if len(pattern) != len(segs) {
		return "", false
	}
	id := ""
	for i, p := range pattern {
		switch {
		case p == "{id}" && segs[i] != "":
			id = segs[i]
		case p != segs[i]:
			return "", false
		}
	}
	return id, true
}

// allow lists the route's methods for an Allow header.
func (rt *route) allow() string {
	methods := make([]string, 0, len(rt.endpoints))
	for m := range rt.endpoints {
		methods = append(methods, m)
	}
	slices.Sort(methods)
	return strings.Join(methods, ", ")
}

// quotaProjects names the creation quota of POST /projects; each kind of
// object has its own.
const quotaProjects = "projects"

func (s *Server) apiRoutes() []route {
	return []route{
		newRoute("/projects", map[string]endpoint{
			http.MethodGet:  {handle: s.listProjects},
			http.MethodPost: {handle: s.createProject, body: true, quota: quotaProjects},
		}),
		newRoute("/projects/{id}", map[string]endpoint{
			http.MethodGet: {handle: s.getProject},
			http.MethodPut: {handle: s.updateProject, body: true},
		}),
		newRoute("/projects/{id}/archive", map[string]endpoint{
			http.MethodPost: {handle: s.archiveProject},
		}),
		newRoute("/pools", map[string]endpoint{
			http.MethodGet:  {handle: s.listPools},
			http.MethodPost: {handle: s.createPool, body: true, quota: quotaPools},
		}),
		newRoute("/pools/{id}", map[string]endpoint{
			http.MethodGet:   {handle: s.getPool},
			http.MethodPut:   {handle: s.updatePool, body: true},
			http.MethodPatch: {handle: s.patchPool, body: true},
		}),
		newRoute("/pools/{id}/open", map[string]endpoint{
			http.MethodPost: {handle: openAction.handler(s, mainPools)},
		}),
		newRoute("/pools/{id}/close", map[string]endpoint{
			http.MethodPost: {handle: closeAction.handler(s, mainPools)},
		}),
		newRoute("/pools/{id}/close-for-update", map[string]endpoint{
			http.MethodPost: {handle: closeForUpdateAction.handler(s, mainPools)},
		}),
		newRoute("/pools/{id}/archive", map[string]endpoint{
			http.MethodPost: {handle: archiveAction.handler(s, mainPools)},
		}),
		newRoute("/operations", map[string]endpoint{
			http.MethodGet: {handle: s.listOperations},
		}),
		newRoute("/operations/{id}", map[string]endpoint{
			http.MethodGet: {handle: s.getOperation},
		}),
		// Trainings and the requester.
		newRoute("/trainings", map[string]endpoint{
			http.MethodGet:  {handle: s.listTrainings},
			http.MethodPost: {handle: s.createTraining, body: true, quota: quotaTrainings},
		}),
		newRoute("/trainings/{id}", map[string]endpoint{
			http.MethodGet: {handle: s.getTraining},
			http.MethodPut: {handle: s.updateTraining, body: true},
		}),
		newRoute("/trainings/{id}/open", map[string]endpoint{
			http.MethodPost: {handle: openAction.handler(s, trainingPools)},
		}),
		newRoute("/trainings/{id}/close", map[string]endpoint{
			http.MethodPost: {handle: closeAction.handler(s, trainingPools)},
		}),
		newRoute("/trainings/{id}/close-for-update", map[string]endpoint{
			http.MethodPost: {handle: closeForUpdateAction.handler(s, trainingPools)},
		}),
		newRoute("/trainings/{id}/archive", map[string]endpoint{
			http.MethodPost: {handle: archiveAction.handler(s, trainingPools)},
		}),
		newRoute("/requester", map[string]endpoint{
			http.MethodGet: {handle: s.getRequester},
		}),
		// skills, the skill values of Tolokers, bans and webhook subscriptions
		newRoute("/skills", map[string]endpoint{
			http.MethodGet:  {handle: s.listSkills},
			http.MethodPost: {handle: s.createSkill, body: true, quota: quotaSkills},
		}),
		newRoute("/skills/{id}", map[string]endpoint{
			http.MethodGet: {handle: s.getSkill},
			http.MethodPut: {handle: s.updateSkill, body: true},
		}),
		newRoute("/user-skills", map[string]endpoint{
			http.MethodGet: {handle: s.listUserSkills},
			http.MethodPut: {handle: s.setUserSkill, body: true},
		}),
		newRoute("/user-skills/{id}", map[string]endpoint{
			http.MethodGet:    {handle: s.getUserSkill},
			http.MethodDelete: {handle: s.deleteUserSkill},
		}),
		newRoute("/user-restrictions", map[string]endpoint{
			http.MethodGet: {handle: s.listRestrictions},
			http.MethodPut: {handle: s.upsertRestriction, body: true},
		}),
		newRoute("/user-restrictions/{id}", map[string]endpoint{
			http.MethodGet:    {handle: s.getRestriction},
			http.MethodDelete: {handle: s.deleteRestriction},
		}),
		newRoute("/webhook-subscriptions", map[string]endpoint{
			http.MethodGet: {handle: s.listWebhooks},
			http.MethodPut: {handle: s.upsertWebhooks, body: true},
		}),
		newRoute("/webhook-subscriptions/{id}", map[string]endpoint{
			http.MethodGet:    {handle: s.getWebhook},
			http.MethodDelete: {handle: s.deleteWebhook},
		}),
	}
}

// stagingRoutes are the routes of Toloka's staging API that the emulator
// serves, written from /staging on: requests are counted under those
// patterns, apart from the v1 routes.
func (s *Server) stagingRoutes() []route {
	return []route{
		newRoute("/staging/projects/{id}/check", map[string]endpoint{
			http.MethodPost: {handle: s.checkProject, body: true},
		}),
	}
}
