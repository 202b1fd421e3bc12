package emulator

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// firstUserSkillID is the first id of a Toloker's skill value, in a range
// apart from the other objects' (the reference's example is 1813606616).
const firstUserSkillID = 1800000001

// userSkill is the value of a skill for one Toloker; a skill and a Toloker
// have at most one.
type userSkill struct {
	id       int64
	skillID  string
	userID   string
	exact    json.Number
	created  time.Time
	modified time.Time
}

// userSkillView renders the value as responses/api/user-skill-id.yaml shows
// it: value is exact_value rounded to the nearest integer (halves away from
// zero); the reason of the request is not returned.
func userSkillView(us *userSkill) map[string]any {
	exact, _ := us.exact.Float64()
	return map[string]any{
		"id":          formatID(us.id),
		"skill_id":    us.skillID,
		"user_id":     us.userID,
		"value":       json.Number(strconv.FormatFloat(math.Round(exact), 'f', 0, 64)),
		"exact_value": us.exact,
		"created":     formatTime(us.created),
		"modified":    formatTime(us.modified),
	}
}

// normalizeUserSkill validates a PUT body (UserSkillFormV1).
func normalizeUserSkill(body map[string]any) fieldErrors {
	v := &validator{}
	v.nonEmpty(body, "skill_id", "skill_id", true)
	v.nonEmpty(body, "user_id", "user_id", true)
	v.number(body, "value", "value", 0, 100, true)
	v.check(body, "reason", "reason", kString, false)
	return v.errs
}

// setUserSkill sets the value of a skill for a Toloker: the pair's value is
// replaced, keeping its id and created date, or a new one is made. Checks
// run as 400 (body), then 400 if the skill does not exist.
func (s *Server) setUserSkill(c *call) answer {
	body, err := decodeObject(c.body)
	if err != nil {
		return errorAnswer(err)
	}
	if invalid := normalizeUserSkill(body); invalid != nil {
		return errorAnswer(errValidation(invalid))
	}
	skillID, _ := body["skill_id"].(string)
	userID, _ := body["user_id"].(string)
	if _, err := s.lookupSkill(skillID); err != nil {
		return errorAnswer(errValidation(fieldErrors{"skill_id": {vcDoesNotExist, "Skill does not exist"}}))
	}
	now := wireTime(c.now)
	us := s.findUserSkill(skillID, userID)
	if us == nil {
		s.lastUserSkill++
		us = &userSkill{id: s.lastUserSkill, skillID: skillID, userID: userID, created: now}
		s.userSkills[us.id] = us
	}
	us.exact, _ = body["value"].(json.Number)
	us.modified = now
	return jsonAnswer(http.StatusOK, userSkillView(us))
}

func (s *Server) findUserSkill(skillID, userID string) *userSkill {
	for _, us := range s.userSkills {
		if us.skillID == skillID && us.userID == userID {
			return us
		}
	}
	return nil
}

func (s *Server) lookupUserSkill(id string) (*userSkill, *apiError) {
	n, ok := parseID(id)
	us := s.userSkills[n]
	if !ok || us == nil {
		return nil, errNotFound()
	}
	return us, nil
}

func (s *Server) getUserSkill(c *call) answer {
	us, err := s.lookupUserSkill(c.id)
	if err != nil {
		return errorAnswer(err)
	}
	return jsonAnswer(http.StatusOK, userSkillView(us))
}

func (s *Server) deleteUserSkill(c *call) answer {
	us, err := s.lookupUserSkill(c.id)
	if err != nil {
		return errorAnswer(err)
	}
	delete(s.userSkills, us.id)
	return noContent()
}

func (s *Server) listUserSkills(c *call) answer {
	return userSkillList.answer(c.query, slices.Collect(maps.Values(s.userSkills)), userSkillView)
}

func (s *Server) sortedUserSkills() []*userSkill {
	all := make([]*userSkill, 0, len(s.userSkills))
	for _, us := range s.userSkills {
		all = append(all, us)
	}
	slices.SortFunc(all, func(a, b *userSkill) int { return cmp.Compare(a.id, b.id) })
	return all
}

// userSkillList describes GET /user-skills; toloka-kit's find_user_skills
// documents pages of at most 1000.
var userSkillList = listSpec[*userSkill]{
	maxLimit:   1000,
	numericIDs: true,
	id:         func(us *userSkill) string { return formatID(us.id) },
	dates: map[string]func(*userSkill) (time.Time, bool){
		"created":  func(us *userSkill) (time.Time, bool) { return us.created, true },
		"modified": func(us *userSkill) (time.Time, bool) { return us.modified, true },
	},
	equals: map[string]func(*userSkill) string{
		"user_id":  func(us *userSkill) string { return us.userID },
		"skill_id": func(us *userSkill) string { return us.skillID },
	},
	sorts: map[string]func(a, b *userSkill) int{
		"id":       func(a, b *userSkill) int { return cmp.Compare(a.id, b.id) },
		"created":  func(a, b *userSkill) int { return a.created.Compare(b.created) },
		"modified": func(a, b *userSkill) int { return a.modified.Compare(b.modified) },
	},
}

// expireUserSkills removes the values not updated for their skill's
// skill_ttl_hours, as the service removes them from the Tolokers' profiles.
func (s *Server) expireUserSkills(now time.Time) {
	for id, us := range s.userSkills {
		sk, err := s.lookupSkill(us.skillID)
		if err == nil && sk.skillTTL() > 0 && !now.Before(us.modified.Add(sk.skillTTL())) {
			delete(s.userSkills, id)
		}
	}
}

// UserSkills returns every skill value of every Toloker as the API renders
// them now, in id order.
func (s *Server) UserSkills() []json.RawMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settle(s.now())
	out := []json.RawMessage{}
	for _, us := range s.sortedUserSkills() {
		out = append(out, encodeJSON(userSkillView(us)))
	}
	return out
}

// SetUserSkillValue changes a skill value as a quality control rule or the
// requester would behind the client's back: value and exact_value change,
// modified is now.
func (s *Server) SetUserSkillValue(id string, value float64) error {
	if value < 0 || value > 100 || math.IsNaN(value) {
		return fmt.Errorf("emulator: skill value %v is not between 0 and 100", value)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.settle(now)
	us, err := s.lookupUserSkill(id)
	if err != nil {
		return ErrNotFound
	}
	us.exact = json.Number(strconv.FormatFloat(value, 'f', -1, 64))
	us.modified = wireTime(now)
	return nil
}

func (s *Server) controlUserSkills(*call) answer {
	return jsonAnswer(http.StatusOK, s.UserSkills())
}

func (s *Server) controlUserSkillValue(c *call) answer {
	var in struct {
		Value *float64 `json:"value"`
	}
	if err := decodeControl(c.body, &in); err != nil {
		return errorAnswer(err)
	}
	if in.Value == nil {
		return errorAnswer(errBadBody("value is required"))
	}
	if err := s.SetUserSkillValue(c.id, *in.Value); err != nil {
		return controlError(err)
	}
	return noContent()
}
