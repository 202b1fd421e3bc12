package toloka

import (
	"context"
	"net/url"
	"strconv"
)

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
	q := url.Values{"limit": {skillCollection.pageLimit(o.Limit)}}
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

// CreateSkill creates a skill and returns it as stored. When the outcome of
// the request is unknown, a skill made by it is adopted rather than made
// twice (see Client.create): it is recognized by its name. Skills cannot be
// deleted.
func (c *Client) CreateSkill(ctx context.Context, s *Skill) (*Skill, error) {
	return createObject(ctx, c, skillCollection, s)
}

// GetSkill returns a skill. A missing skill gives an error for which
// IsNotFound is true.
func (c *Client) GetSkill(ctx context.Context, id string) (*Skill, error) {
	return getObject[Skill](ctx, c, skillCollection, id)
}

// UpdateSkill replaces a skill with s, which must hold every field (the API
// treats missing ones as removed): start from GetSkill's result, whose
// unknown fields are sent back as they came.
func (c *Client) UpdateSkill(ctx context.Context, id string, s *Skill) (*Skill, error) {
	return replaceObject(ctx, c, skillCollection, id, s)
}

// ListSkills returns one page of skills.
func (c *Client) ListSkills(ctx context.Context, opts SkillListOptions) (*Page[Skill], error) {
	return listObjects[Skill](ctx, c, skillCollection, opts.query())
}

// ListAllSkills returns every skill matching opts, fetching page after page
// in id order (opts.Sort is ignored; opts.ID.Gt is where to start).
func (c *Client) ListAllSkills(ctx context.Context, opts SkillListOptions) ([]Skill, error) {
	opts.Sort = "id"
	query := func(idGt string) url.Values {
		opts.ID.Gt = idGt
		return opts.query()
	}
	return listEvery(ctx, c, skillCollection, opts.ID.Gt, query, func(s *Skill) string { return s.ID })
}
