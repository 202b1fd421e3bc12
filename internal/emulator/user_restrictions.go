package emulator

import (
	"cmp"
	"encoding/json"
	"errors"
	"maps"
	"net/http"
	"slices"
	"time"
)

// firstRestrictionID is the first ban id, in a range apart from the other
// objects' (the reference's examples are 54 and 19038).
const firstRestrictionID = 7000001

// Scopes of a ban. SYSTEM bans are the platform's: requesters see them but
// may neither set nor lift them.
const (
	scopeAllProjects = "ALL_PROJECTS"
	scopeProject     = "PROJECT"
	scopePool        = "POOL"
	scopeSystem      = "SYSTEM"
)

var restrictionScopes = []string{scopeAllProjects, scopePool, scopeProject, scopeSystem}

// codeSystemScope refuses to change a SYSTEM ban (toloka-java-sdk's
// TlkError: "Restrictions in 'SYSTEM' scope are forbidden to modify").
const codeSystemScope = "SYSTEM_SCOPE_MODIFICATION"

// maxCommentLength is the documented maximum of private_comment (499).
const maxCommentLength = 499

// restriction is a stored ban: scope, user_id, its project_id or pool_id,
// private_comment, will_expire and unknown fields as last written.
type restriction struct {
	id         int64
	created    time.Time
	willExpire time.Time // zero: never
	fields     map[string]any
}

// key is what a PUT upserts on: who is banned from what.
func (r *restriction) key() string {
	return restrictionKey(r.fields)
}

func restrictionKey(fields map[string]any) string {
	part := func(k string) string { s, _ := fields[k].(string); return s }
	return part("scope") + "\x00" + part("user_id") + "\x00" + part("project_id") + "\x00" + part("pool_id")
}

func (r *restriction) field(k string) string {
	s, _ := r.fields[k].(string)
	return s
}

// restrictionView renders the ban as responses/api/user-restriction-id.yaml
// shows it: the fields sent, will_expire in the wire format, id and created
// filled in.
func restrictionView(r *restriction) map[string]any {
	v := maps.Clone(r.fields)
	v["id"] = formatID(r.id)
	v["created"] = formatTime(r.created)
	return v
}

// restrictionTargets are the fields naming what a ban is from, by scope.
var restrictionTargets = map[string]string{scopeProject: "project_id", scopePool: "pool_id"}

// normalizeRestriction validates a PUT body (UserRestrictionFormV1) at now.
func normalizeRestriction(body map[string]any, now time.Time) (map[string]any, fieldErrors) {
	r := stripFields(body, []string{"id", "created"}, []string{"project_id", "pool_id", "private_comment", "will_expire"})
	v := &validator{}
	scope := v.enum(r, "scope", "scope", restrictionScopes, true)
	v.nonEmpty(r, "user_id", "user_id", true)
	for targetScope, key := range restrictionTargets {
		if _, present := r[key]; present && scope != targetScope && scope != "" {
			v.fail(key, vcInvalid, "Value must not be set when scope is "+scope)
			continue
		}
		v.nonEmpty(r, key, key, scope == targetScope)
	}
	v.maxLength(r, "private_comment", "private_comment", maxCommentLength, false)
	v.dateTime(r, "will_expire", "will_expire", false)
	if _, bad := v.errs["will_expire"]; !bad {
		if raw, ok := r["will_expire"].(string); ok {
			if t, _ := parseFilterTime(raw); !t.After(now) {
				v.fail("will_expire", vcInvalid, "Value must be in the future")
			}
		}
	}
	return r, v.errs
}

// upsertRestriction bans a Toloker. A ban of the same Toloker from the same
// scope and project or pool is replaced, keeping its id and created date;
// otherwise a new one is made. Checks run as 400 (body), 409 (a SYSTEM ban),
// then the project or pool: 400 if it does not exist, 403 if the project is
// another account's.
func (s *Server) upsertRestriction(c *call) answer {
	body, err := decodeObject(c.body)
	if err != nil {
		return errorAnswer(err)
	}
	fields, invalid := normalizeRestriction(body, c.now)
	if invalid != nil {
		return errorAnswer(errValidation(invalid))
	}
	if fields["scope"] == scopeSystem {
		return errorAnswer(errConflict(codeSystemScope, "Restrictions in SYSTEM scope are forbidden to modify", nil))
	}
	if err := s.checkRestrictionTarget(fields); err != nil {
		return errorAnswer(err)
	}
	r := s.findRestriction(restrictionKey(fields))
	if r == nil {
		s.lastRestriction++
		r = &restriction{id: s.lastRestriction, created: wireTime(c.now)}
		s.restrictions[r.id] = r
	}
	r.fields, r.willExpire = fields, time.Time{}
	if raw, ok := fields["will_expire"].(string); ok {
		r.willExpire, _ = parseFilterTime(raw)
	}
	return jsonAnswer(http.StatusOK, restrictionView(r))
}

// checkRestrictionTarget checks that the project or pool a ban names exists.
func (s *Server) checkRestrictionTarget(fields map[string]any) *apiError {
	switch fields["scope"] {
	case scopeProject:
		id, _ := fields["project_id"].(string)
		_, err := s.lookupProject(id)
		if err != nil && err.code == codeDoesNotExist {
			return errValidation(fieldErrors{"project_id": {vcDoesNotExist, "Project does not exist"}})
		}
		return err
	case scopePool:
		id, _ := fields["pool_id"].(string)
		if _, err := mainPools.lookup(s, id); err != nil {
			return errValidation(fieldErrors{"pool_id": {vcDoesNotExist, "Pool does not exist"}})
		}
	}
	return nil
}

func (s *Server) findRestriction(key string) *restriction {
	for _, r := range s.restrictions {
		if r.key() == key {
			return r
		}
	}
	return nil
}

func (s *Server) lookupRestriction(id string) (*restriction, *apiError) {
	n, ok := parseID(id)
	r := s.restrictions[n]
	if !ok || r == nil {
		return nil, errNotFound()
	}
	return r, nil
}

func (s *Server) getRestriction(c *call) answer {
	r, err := s.lookupRestriction(c.id)
	if err != nil {
		return errorAnswer(err)
	}
	return jsonAnswer(http.StatusOK, restrictionView(r))
}

// deleteRestriction lifts a ban; a SYSTEM ban is the platform's (409).
func (s *Server) deleteRestriction(c *call) answer {
	r, err := s.lookupRestriction(c.id)
	if err != nil {
		return errorAnswer(err)
	}
	if r.field("scope") == scopeSystem {
		return errorAnswer(errConflict(codeSystemScope, "Restrictions in SYSTEM scope are forbidden to modify", nil))
	}
	delete(s.restrictions, r.id)
	return noContent()
}

// listRestrictions answers GET /user-restrictions; as documented, scope
// POOL requires pool_id and scope PROJECT project_id.
func (s *Server) listRestrictions(c *call) answer {
	if key, ok := restrictionTargets[c.query.Get("scope")]; ok && c.query.Get(key) == "" {
		return errorAnswer(errValidation(fieldErrors{key: {vcRequired, "Value must be present when scope is " + c.query.Get("scope")}}))
	}
	return restrictionList.answer(c.query, slices.Collect(maps.Values(s.restrictions)), restrictionView)
}

// restrictionList describes GET /user-restrictions; toloka-kit's
// find_user_restrictions documents pages of at most 500.
var restrictionList = listSpec[*restriction]{
	maxLimit:   500,
	numericIDs: true,
	id:         func(r *restriction) string { return formatID(r.id) },
	dates: map[string]func(*restriction) (time.Time, bool){
		"created": func(r *restriction) (time.Time, bool) { return r.created, true },
	},
	enums: map[string]enumFilter[*restriction]{
		"scope": {values: restrictionScopes, get: func(r *restriction) string { return r.field("scope") }},
	},
	equals: map[string]func(*restriction) string{
		"user_id":    func(r *restriction) string { return r.field("user_id") },
		"project_id": func(r *restriction) string { return r.field("project_id") },
		"pool_id":    func(r *restriction) string { return r.field("pool_id") },
	},
	sorts: map[string]func(a, b *restriction) int{
		"id":      func(a, b *restriction) int { return cmp.Compare(a.id, b.id) },
		"created": func(a, b *restriction) int { return a.created.Compare(b.created) },
	},
}

// liftExpiredRestrictions removes the bans whose will_expire has come, as
// the service lifts them by itself.
func (s *Server) liftExpiredRestrictions(now time.Time) {
	for id, r := range s.restrictions {
		if !r.willExpire.IsZero() && !now.Before(r.willExpire) {
			delete(s.restrictions, id)
		}
	}
}

// ErrNeverExpires is returned by ExpireUserRestriction for a ban without
// will_expire, which the service never lifts by itself.
var ErrNeverExpires = errors.New("emulator: the ban has no will_expire")

// UserRestriction returns the stored ban as the API renders it now, and
// whether it exists (a lifted ban does not).
func (s *Server) UserRestriction(id string) (json.RawMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settle(s.now())
	r, err := s.lookupRestriction(id)
	if err != nil {
		return nil, false
	}
	return json.RawMessage(encodeJSON(restrictionView(r))), true
}

// ExpireUserRestriction lifts a ban as the service does when its
// will_expire comes, as if that time had come now: the ban vanishes.
func (s *Server) ExpireUserRestriction(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.settle(now)
	r, err := s.lookupRestriction(id)
	switch {
	case err != nil:
		return ErrNotFound
	case r.willExpire.IsZero():
		return ErrNeverExpires
	}
	r.willExpire = now
	s.liftExpiredRestrictions(now)
	return nil
}

func (s *Server) controlGetRestriction(c *call) answer {
	return storedAnswer(s.UserRestriction(c.id))
}

func (s *Server) controlExpireRestriction(c *call) answer {
	if err := s.ExpireUserRestriction(c.id); err != nil {
		return controlError(err)
	}
	return noContent()
}
