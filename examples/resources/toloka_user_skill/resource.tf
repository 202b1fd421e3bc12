# A private crowd: the team's own annotators get the skill, and a pool whose
# filter requires it (category "skill", key = the skill ID) admits only them.
resource "toloka_skill" "team" {
  name = "In-house annotators"
}

resource "toloka_user_skill" "lead" {
  skill_id = toloka_skill.team.id
  user_id  = "3f4a9c0e8b1d2e7f6a5b4c3d2e1f0a9b"
  value    = 100
  reason   = "Member of the in-house labeling team"
}
