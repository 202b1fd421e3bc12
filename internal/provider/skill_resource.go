package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// NewSkillResource returns the toloka_skill resource.
func NewSkillResource() resource.Resource {
	return &objectResource[toloka.Skill, skillModel]{kind: &skillKind}
}

// skillKind: Toloka edits skills but has no delete for them, so destroying
// one forgets it.
var skillKind = objectKind[toloka.Skill, skillModel]{
	name:   "skill",
	schema: skillSchema,
	create: (*toloka.Client).CreateSkill,
	get:    (*toloka.Client).GetSkill,
	put:    (*toloka.Client).UpdateSkill,
	id:     func(s *toloka.Skill) string { return s.ID },
	toAPI:  skillModel.applyTo,
	stateFrom: func(ctx context.Context, s *toloka.Skill, _ skillModel) (skillModel, diag.Diagnostics) {
		return skillModelFrom(ctx, s)
	},
	destroy: destroyRule{forgetWarning: "Toloka has no way to delete a skill, so it stays in Toloka, with the values " +
		"Tolokers have of it. Applying this configuration again would create a second skill of the same name: " +
		"import this one instead (terraform import) to manage it again. Set `deprecated = true` before destroying " +
		"to mark a skill that is no longer in use."},
}
