package toloka

import (
	"context"
	"net/http"
	"net/url"
)

// UserSkillListOptions filters and orders ListUserSkills. Zero values are
// not sent.
type UserSkillListOptions struct {
	// UserID selects the skills of one Toloker, SkillID the Tolokers of one
	// skill.
	UserID   string
	SkillID  string
	ID       IDRange
	Created  TimeRange
	Modified TimeRange
	// Sort is a comma-separated list of id, created and modified, each
	// optionally prefixed by "-" for descending order.
	Sort string
	// Limit is the page size, at most 1000; zero means 1000.
	Limit int
}

func (o UserSkillListOptions) query() url.Values {
	q := url.Values{"limit": {userSkillCollection.pageLimit(o.Limit)}}
	setIfNotEmpty(q, "user_id", o.UserID)
	setIfNotEmpty(q, "skill_id", o.SkillID)
	o.ID.set(q)
	o.Created.set(q, "created")
	o.Modified.set(q, "modified")
	setIfNotEmpty(q, "sort", o.Sort)
	return q
}

// SetUserSkill sets the value of a skill for a Toloker and returns the
// stored value. It replaces the value the pair had, if any, keeping its id,
// so sending it twice does what sending it once does. Toloka allows 100,000
// of these requests a day.
func (c *Client) SetUserSkill(ctx context.Context, req SetUserSkillRequest) (*UserSkill, error) {
	var set UserSkill
	if _, err := c.do(ctx, http.MethodPut, userSkillCollection.path, nil, req, &set); err != nil {
		return nil, err
	}
	return &set, nil
}

// GetUserSkill returns the value of a skill for a Toloker by its id. A
// missing one (deleted, or expired by the skill's skill_ttl_hours) gives an
// error for which IsNotFound is true.
func (c *Client) GetUserSkill(ctx context.Context, id string) (*UserSkill, error) {
	return getObject[UserSkill](ctx, c, userSkillCollection, id)
}

// DeleteUserSkill removes a skill from a Toloker. One already removed gives
// an error for which IsNotFound is true, also when a first attempt whose
// answer was lost removed it.
func (c *Client) DeleteUserSkill(ctx context.Context, id string) error {
	return c.deleteObject(ctx, userSkillCollection, id)
}

// ListUserSkills returns one page of skill values.
func (c *Client) ListUserSkills(ctx context.Context, opts UserSkillListOptions) (*Page[UserSkill], error) {
	return listObjects[UserSkill](ctx, c, userSkillCollection, opts.query())
}

// ListAllUserSkills returns every skill value matching opts, fetching page
// after page in id order (opts.Sort is ignored; opts.ID.Gt is where to
// start).
func (c *Client) ListAllUserSkills(ctx context.Context, opts UserSkillListOptions) ([]UserSkill, error) {
	opts.Sort = "id"
	query := func(idGt string) url.Values {
		opts.ID.Gt = idGt
		return opts.query()
	}
	return listEvery(ctx, c, userSkillCollection, opts.ID.Gt, query, func(s *UserSkill) string { return s.ID })
}
