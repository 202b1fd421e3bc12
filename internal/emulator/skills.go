package emulator

import (
	"cmp"
	"encoding/json"
	"maps"
	"math"
	"net/http"
	"slices"
	"time"
)

// firstSkillID is the first skill id, in a range apart from the other
// objects' (the reference's examples have five digits: 11051, 37825).
const firstSkillID = 60001

// quotaSkills names the creation quota of POST /skills, apart from the
// quota of projects and pools.
const quotaSkills = "skills"

// skill is a stored skill: the read-only fields apart, the rest as last
// written by the client, defaults and unknown fields included.
type skill struct {
	id       int64
	created  time.Time
	modified time.Time
	fields   map[string]any
}

// skillReadOnly are the fields the service sets; a PUT sends back the whole
// view (SkillViewV1), these included.
var skillReadOnly = []string{"id", "created", "owner", "global"}

// skillOptional are the editable fields that may be left out; a null one is
// dropped, as if left out.
var skillOptional = []string{
	"public_name", "public_requester_description", "private_comment", "hidden", "skill_ttl_hours", "deprecated", "training",
}

// normalizeSkill validates a POST or PUT body and returns the fields to
// store, with the service's defaults filled in. Unknown fields are kept.
func normalizeSkill(body map[string]any) (map[string]any, fieldErrors) {
	sk := stripFields(body, skillReadOnly, skillOptional)
	v := &validator{}
	v.nonEmpty(sk, "name", "name", true)
	v.texts(sk, "public_name", "public_name")
	v.texts(sk, "public_requester_description", "public_requester_description")
	v.check(sk, "private_comment", "private_comment", kString, false)
	// hidden is true unless set: the default of SkillFormV1, and the value
	// of responses/api/skill-id.yaml.
	v.defaultBool(sk, "hidden", "hidden", true)
	v.integer(sk, "skill_ttl_hours", "skill_ttl_hours", 1, maxInt32, false)
	// deprecated is false unless set, as in responses/api/skill-id.yaml.
	v.defaultBool(sk, "deprecated", "deprecated", false)
	v.check(sk, "training", "training", kBool, false)
	return sk, v.errs
}

// skillView renders the skill as the API returns it.
func (s *Server) skillView(sk *skill) map[string]any {
	v := maps.Clone(sk.fields)
	v["id"] = formatID(sk.id)
	v["created"] = formatTime(sk.created)
	// owner {id, myself} and global false, as in responses/api/skill-id.yaml:
	// a skill the requester made is not one of Toloka's global skills.
	v["owner"] = map[string]any{"id": s.owner["id"], "myself": true}
	v["global"] = false
	return v
}

// skillTTL is how long a Toloker keeps a value of the skill that is not
// updated; zero means for ever, as does a TTL longer than a Duration holds
// (about 292 years).
func (sk *skill) skillTTL() time.Duration {
	n, _ := sk.fields["skill_ttl_hours"].(json.Number)
	hours, _ := n.Int64()
	if hours > int64(math.MaxInt64/time.Hour) {
		return 0
	}
	return time.Duration(hours) * time.Hour
}

func (s *Server) lookupSkill(id string) (*skill, *apiError) {
	n, ok := parseID(id)
	sk := s.skills[n]
	if !ok || sk == nil {
		return nil, errNotFound()
	}
	return sk, nil
}

func (s *Server) createSkill(c *call) answer {
	body, err := decodeObject(c.body)
	if err != nil {
		return errorAnswer(err)
	}
	fields, invalid := normalizeSkill(body)
	if invalid != nil {
		return errorAnswer(errValidation(invalid))
	}
	s.lastSkill++
	now := wireTime(c.now)
	sk := &skill{id: s.lastSkill, created: now, modified: now, fields: fields}
	s.skills[sk.id] = sk
	return jsonAnswer(http.StatusCreated, s.skillView(sk))
}

func (s *Server) getSkill(c *call) answer {
	sk, err := s.lookupSkill(c.id)
	if err != nil {
		return errorAnswer(err)
	}
	return jsonAnswer(http.StatusOK, s.skillView(sk))
}

// updateSkill replaces every editable field. Checks run as 404, then 400.
func (s *Server) updateSkill(c *call) answer {
	sk, err := s.lookupSkill(c.id)
	if err != nil {
		return errorAnswer(err)
	}
	body, err := decodeObject(c.body)
	if err != nil {
		return errorAnswer(err)
	}
	fields, invalid := normalizeSkill(body)
	if invalid != nil {
		return errorAnswer(errValidation(invalid))
	}
	sk.fields, sk.modified = fields, wireTime(c.now)
	return jsonAnswer(http.StatusOK, s.skillView(sk))
}

func (s *Server) listSkills(c *call) answer {
	return skillList.answer(c.query, slices.Collect(maps.Values(s.skills)), s.skillView)
}

// skillList describes GET /skills; toloka-kit's find_skills documents pages
// of at most 100.
var skillList = listSpec[*skill]{
	maxLimit:   100,
	numericIDs: true,
	id:         func(sk *skill) string { return formatID(sk.id) },
	dates: map[string]func(*skill) (time.Time, bool){
		"created":  func(sk *skill) (time.Time, bool) { return sk.created, true },
		"modified": func(sk *skill) (time.Time, bool) { return sk.modified, true },
	},
	equals: map[string]func(*skill) string{
		"name": func(sk *skill) string { name, _ := sk.fields["name"].(string); return name },
	},
	flags: map[string]func(*skill) bool{
		"global": func(*skill) bool { return false },
	},
	sorts: map[string]func(a, b *skill) int{
		"id":      func(a, b *skill) int { return cmp.Compare(a.id, b.id) },
		"created": func(a, b *skill) int { return a.created.Compare(b.created) },
	},
}

// Skill returns the stored skill as the API renders it, and whether it
// exists.
func (s *Server) Skill(id string) (json.RawMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sk, err := s.lookupSkill(id)
	if err != nil {
		return nil, false
	}
	return json.RawMessage(encodeJSON(s.skillView(sk))), true
}

func (s *Server) controlGetSkill(c *call) answer {
	return storedAnswer(s.Skill(c.id))
}

// storedAnswer answers a control that reads a stored object: 200 with it,
// or 404.
func storedAnswer(raw json.RawMessage, ok bool) answer {
	if !ok {
		return errorAnswer(errNotFound())
	}
	return answer{status: http.StatusOK, body: raw}
}
