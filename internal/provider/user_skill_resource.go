package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// NewUserSkillResource returns the toloka_user_skill resource.
func NewUserSkillResource() resource.Resource {
	return &objectResource[sentAlong[toloka.UserSkill], userSkillModel]{kind: &userSkillKind}
}

// userSkillKind: a new value is sent again to change it (Toloka keeps the
// pair's ID); destroying it removes the skill from the Toloker.
var userSkillKind = objectKind[sentAlong[toloka.UserSkill], userSkillModel]{
	name:   "user skill",
	schema: userSkillSchema,
	create: setUserSkill,
	get:    gotAlone((*toloka.Client).GetUserSkill),
	put: func(c *toloka.Client, ctx context.Context, _ string, s *sentAlong[toloka.UserSkill]) (*sentAlong[toloka.UserSkill], error) {
		return setUserSkill(c, ctx, s)
	},
	id:        func(s *sentAlong[toloka.UserSkill]) string { return s.Object.ID },
	toAPI:     userSkillModel.applyTo,
	stateFrom: userSkillStateFrom,
	destroy:   destroyRule{remove: (*toloka.Client).DeleteUserSkill},
}
