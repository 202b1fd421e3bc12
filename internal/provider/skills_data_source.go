package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// NewSkillsDataSource returns the toloka_skills data source.
func NewSkillsDataSource() datasource.DataSource {
	return &listDataSource[toloka.Skill]{
		kind:     "skill",
		view:     skillView,
		describe: skillViewObject,
		filters: map[string]dschema.StringAttribute{
			"name": {
				Description: "Only the skills with exactly this name. Left out, every skill.",
				Optional:    true,
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
			},
		},
		sorts: map[string]func(a, b *toloka.Skill) int{
			"id":      func(a, b *toloka.Skill) int { return compareIDs(a.ID, b.ID) },
			"created": func(a, b *toloka.Skill) int { return compareTimes(a.Created, b.Created) },
			"name":    func(a, b *toloka.Skill) int { return strings.Compare(a.Name, b.Name) },
		},
		list: func(c *toloka.Client, ctx context.Context, filters map[string]string) ([]toloka.Skill, error) {
			return c.ListAllSkills(ctx, toloka.SkillListOptions{Name: filters["name"], Limit: listPageLimit})
		},
	}
}
