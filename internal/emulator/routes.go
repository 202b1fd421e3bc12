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
	routes := slices.Concat(s.poolKindRoutes("/pools", mainPools, quotaPools), s.poolKindRoutes("/trainings", trainingPools, quotaTrainings))
	return append(routes, []route{
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
		newRoute("/operations", map[string]endpoint{
			http.MethodGet: {handle: s.listOperations},
		}),
		newRoute("/operations/{id}", map[string]endpoint{
			http.MethodGet: {handle: s.getOperation},
		}),
		// The requester.
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
	}...)
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

// poolKindRoutes are the routes of a kind of pool (main pools, trainings) at
// path: list and create, get and replace, and the lifecycle actions.
func (s *Server) poolKindRoutes(path string, k *poolKind, quota string) []route {
	endpoints := map[string]endpoint{
		http.MethodGet: {handle: func(c *call) answer { return s.getOf(k, c) }},
		http.MethodPut: {handle: func(c *call) answer { return s.updateOf(k, c) }, body: true},
	}
	if k == mainPools {
		endpoints[http.MethodPatch] = endpoint{handle: s.patchPool, body: true}
	}
	routes := []route{
		newRoute(path, map[string]endpoint{
			http.MethodGet:  {handle: func(c *call) answer { return s.listOf(k, c) }},
			http.MethodPost: {handle: func(c *call) answer { return s.createOf(k, c) }, body: true, quota: quota},
		}),
		newRoute(path+"/{id}", endpoints),
	}
	for _, a := range []poolAction{openAction, closeAction, closeForUpdateAction, archiveAction} {
		routes = append(routes, newRoute(path+"/{id}/"+a.path, map[string]endpoint{http.MethodPost: {handle: a.handler(s, k)}}))
	}
	return routes
}
