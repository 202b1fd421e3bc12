package emulator

import (
	"cmp"
	"maps"
	"net/http"
	"strconv"
	"time"
)

// Project statuses.
const (
	projectActive   = "ACTIVE"
	projectArchived = "ARCHIVED"
)

// firstProjectID is the first project id handed out. Projects, pools and
// operations use ids of different ranges so that a client mixing them up
// gets 404 instead of a wrong object.
const firstProjectID = 100001

// project is a stored project: the read-only fields apart, the rest as last
// written by the client, defaults and unknown fields included.
type project struct {
	id      int64
	status  string
	created time.Time
	fields  map[string]any
	// denied: the project belongs to another account (DenyProjectAccess).
	denied bool
}

// projectView renders the project as the API returns it.
func (s *Server) projectView(p *project) map[string]any {
	v := maps.Clone(p.fields)
	v["id"] = formatID(p.id)
	v["status"] = p.status
	// created and owner: responses/api/project-id.yaml.
	v["created"] = formatTime(p.created)
	v["owner"] = s.owner
	return v
}

func formatID(id int64) string {
	return strconv.FormatInt(id, 10)
}

// parseID reads a numeric id; anything else names no object.
func parseID(s string) (int64, bool) {
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil
}

// lookupProject finds a project the caller may see: 404 or 403 otherwise.
func (s *Server) lookupProject(id string) (*project, *apiError) {
	n, ok := parseID(id)
	p := s.projects[n]
	switch {
	case !ok || p == nil:
		return nil, errNotFound()
	case p.denied:
		return nil, errAccessDenied()
	}
	return p, nil
}

func (s *Server) createProject(c *call) answer {
	body, err := decodeObject(c.body)
	if err != nil {
		return errorAnswer(err)
	}
	fields, invalid := normalizeProject(s.withFillIn(FillInProjects, body))
	if invalid != nil {
		return errorAnswer(errValidation(invalid))
	}
	s.lastProject++
	p := &project{id: s.lastProject, status: projectActive, created: wireTime(c.now), fields: fields}
	s.projects[p.id] = p
	return jsonAnswer(http.StatusCreated, s.projectView(p))
}

func (s *Server) getProject(c *call) answer {
	p, err := s.lookupProject(c.id)
	if err != nil {
		return errorAnswer(err)
	}
	return jsonAnswer(http.StatusOK, s.projectView(p))
}

// updateProject replaces every editable field.
func (s *Server) updateProject(c *call) answer {
	p, fields, err := s.projectEdit(c)
	if err != nil {
		return errorAnswer(err)
	}
	p.fields = fields
	return jsonAnswer(http.StatusOK, s.projectView(p))
}

// projectEdit checks a full replacement of a project's editable fields, as
// a PUT sends it, and returns the project and the fields to store. Checks
// run as 404, then 400, then 409.
func (s *Server) projectEdit(c *call) (*project, map[string]any, *apiError) {
	p, err := s.lookupProject(c.id)
	if err != nil {
		return nil, nil, err
	}
	body, err := decodeObject(c.body)
	if err != nil {
		return nil, nil, err
	}
	fields, invalid := normalizeProject(s.withFillIn(FillInProjects, body))
	if invalid != nil {
		return nil, nil, errValidation(invalid)
	}
	if p.status != projectActive {
		return nil, nil, errInappropriateStatus(projectActive)
	}
	return p, fields, nil
}

// archiveProject submits PROJECT.ARCHIVE. The project turns ARCHIVED only
// when the operation succeeds.
func (s *Server) archiveProject(c *call) answer {
	p, err := s.lookupProject(c.id)
	if err != nil {
		return errorAnswer(err)
	}
	if p.status == projectArchived {
		return noContent()
	}
	if op := s.activeArchive(c.id); op != nil {
		// Emulator choice: the payload names the operation in progress.
		return errorAnswer(errConflict(codeOperationExists,
			"An archive operation for this project is already in progress",
			map[string]any{"operation_id": op.id}))
	}
	pools, trainings := s.unarchivedPools(c.id), s.unarchivedTrainings(c.id)
	if len(pools)+len(trainings) > 0 {
		// Emulator choice: the payload lists the pools and the training
		// pools (numeric order) that must be archived first; the service's
		// payload is undocumented.
		return errorAnswer(errConflict(codeUnarchivedPools,
			"The project has pools that are not archived",
			map[string]any{"pool_ids": pools, "training_ids": trainings}))
	}
	op := s.submitOperation(opProjectArchive, c.id, map[string]any{"project_id": c.id}, c.now)
	return jsonAnswer(http.StatusAccepted, op.at(c.now).view())
}

func (s *Server) listProjects(c *call) answer {
	all := make([]*project, 0, len(s.projects))
	for _, p := range s.projects {
		if !p.denied {
			all = append(all, p)
		}
	}
	items, hasMore, err := s.projectList().run(c.query, all)
	if err != nil {
		return errorAnswer(err)
	}
	views := make([]map[string]any, len(items))
	for i, p := range items {
		views[i] = s.projectView(p)
	}
	return jsonAnswer(http.StatusOK, pageBody{Items: views, HasMore: hasMore})
}

// projectList describes GET /projects.
func (s *Server) projectList() listSpec[*project] {
	return listSpec[*project]{
		maxLimit:   300,
		numericIDs: true,
		id:         func(p *project) string { return formatID(p.id) },
		dates: map[string]func(*project) (time.Time, bool){
			"created": func(p *project) (time.Time, bool) { return p.created, true },
		},
		enums: map[string]enumFilter[*project]{
			"status": {values: []string{projectActive, projectArchived}, get: func(p *project) string { return p.status }},
		},
		equals: map[string]func(*project) string{
			"owner": func(*project) string { id, _ := s.owner["id"].(string); return id },
		},
		sorts: map[string]func(a, b *project) int{
			"id":              func(a, b *project) int { return cmp.Compare(a.id, b.id) },
			"created":         func(a, b *project) int { return a.created.Compare(b.created) },
			"public_name":     compareField[*project]("public_name", func(p *project) map[string]any { return p.fields }),
			"private_comment": compareField[*project]("private_comment", func(p *project) map[string]any { return p.fields }),
		},
	}
}

// compareField orders by a string field; absent sorts first.
func compareField[T any](key string, fields func(T) map[string]any) func(a, b T) int {
	return func(a, b T) int {
		x, _ := fields(a)[key].(string)
		y, _ := fields(b)[key].(string)
		return cmp.Compare(x, y)
	}
}

// unarchivedPools lists, in id order, the main pools of the project that
// are not ARCHIVED.
func (s *Server) unarchivedPools(projectID string) []string {
	return unarchivedIDs(s.pools, func(p *pool) bool { return p.projectID == projectID })
}

// unarchivedTrainings lists, in id order, the training pools of the project
// that are not ARCHIVED: the service archives a project only when all its
// pools are, training pools included.
func (s *Server) unarchivedTrainings(projectID string) []string {
	return unarchivedIDs(s.trainings, func(p *pool) bool { return p.projectID == projectID })
}
