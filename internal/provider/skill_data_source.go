package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// NewSkillDataSource returns the toloka_skill data source, which finds a
// skill by its ID or its name.
func NewSkillDataSource() datasource.DataSource {
	return &objectDataSource[toloka.Skill]{
		kind:     "skill",
		view:     skillView,
		get:      (*toloka.Client).GetSkill,
		describe: skillViewObject,
		findBy: &objectFinder[toloka.Skill]{
			attribute: "name",
			find:      findSkills,
			id:        func(s *toloka.Skill) string { return s.ID },
		},
	}
}

// findSkills lists the skills with exactly this name, whatever else the
// API's name filter matches.
func findSkills(c *toloka.Client, ctx context.Context, name string) ([]toloka.Skill, error) {
	skills, err := c.ListAllSkills(ctx, toloka.SkillListOptions{Name: name, Limit: listPageLimit})
	return slices.DeleteFunc(skills, func(s toloka.Skill) bool { return s.Name != name }), err
}

// skillView shows a skill with the toloka_skill resource's attributes.
func skillView(ctx context.Context) objectView {
	return objectView{resource: skillSchema(ctx)}
}

// skillViewObject describes a Toloka skill as an object of skillView.
func skillViewObject(ctx context.Context, view objectView, s *toloka.Skill) (types.Object, diag.Diagnostics) {
	m, diags := skillModelFrom(ctx, s)
	obj, d := view.object(m)
	diags.Append(d...)
	return obj, diags
}
