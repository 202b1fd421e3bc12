package toloka

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
)

const skillsPath = "/skills"

// SkillListOptions filters and orders ListSkills. Zero values are not sent.
type SkillListOptions struct {
	// Name selects the skills with exactly this name.
	Name string
	// Global, when set, selects Toloka's global skills (true) or the
	// requester's own (false).
	Global   *bool
	ID       IDRange
	Created  TimeRange
	Modified TimeRange
	// Sort is a comma-separated list of id and created, each optionally
	// prefixed by "-" for descending order.
	Sort string
	// Limit is the page size, at most 100; zero means 100.
	Limit int
}

func (o SkillListOptions) query() url.Values {
	q := url.Values{"limit": {pageLimitOf(o.Limit, maxPageLimitOf(skillsPath))}}
	setIfNotEmpty(q, "name", o.Name)
	if o.Global != nil {
		q.Set("global", strconv.FormatBool(*o.Global))
	}
	o.ID.set(q)
	o.Created.set(q, "created")
	o.Modified.set(q, "modified")
	setIfNotEmpty(q, "sort", o.Sort)
	return q
}

// skillIdentity are the members of a skill that tell it from the others made
// at about the same time. Only the name is sure to be stored as sent: the
// API fills in hidden and may fill in private_comment.
var skillIdentity = []string{"name"}

// CreateSkill creates a skill and returns it as stored. Toloka allows 10
// skill creations a minute and 100 a day. When the outcome of the request is
// unknown, a skill made by it is adopted rather than made twice (see
// Client.createBy): it is recognized by its name. Skills cannot be deleted.
func (c *Client) CreateSkill(ctx context.Context, s *Skill) (*Skill, error) {
	if s == nil {
		return nil, errors.New("toloka: CreateSkill called without a skill")
	}
	var created Skill
	if err := c.create(ctx, skillsPath, s, &created, skillIdentity...); err != nil {
		return nil, err
	}
	return &created, nil
}

// GetSkill returns a skill. A missing skill gives an error for which
// IsNotFound is true.
func (c *Client) GetSkill(ctx context.Context, id string) (*Skill, error) {
	return getObject[Skill](ctx, c, skillsPath, "skill", id)
}

// UpdateSkill replaces a skill with s, which must hold every field (the API
// treats missing ones as removed): start from GetSkill's result, whose
// unknown fields are sent back as they came.
func (c *Client) UpdateSkill(ctx context.Context, id string, s *Skill) (*Skill, error) {
	if s == nil {
		return nil, errors.New("toloka: UpdateSkill called without a skill")
	}
	path, err := objectPath(skillsPath+"/", "skill", id, "")
	if err != nil {
		return nil, err
	}
	var updated Skill
	if _, err := c.do(ctx, http.MethodPut, path, nil, s, &updated); err != nil {
		return nil, err
	}
	return &updated, nil
}

// ListSkills returns one page of skills.
func (c *Client) ListSkills(ctx context.Context, opts SkillListOptions) (*Page[Skill], error) {
	return listPage[Skill](ctx, c, skillsPath, opts.query())
}

// ListAllSkills returns every skill matching opts, fetching page after page
// in id order (opts.Sort is ignored; opts.ID.Gt is where to start).
func (c *Client) ListAllSkills(ctx context.Context, opts SkillListOptions) ([]Skill, error) {
	opts.Sort = "id"
	query := func(idGt string) url.Values {
		opts.ID.Gt = idGt
		return opts.query()
	}
	return listEvery(ctx, c, skillsPath, opts.ID.Gt, query, func(s *Skill) string { return s.ID })
}
