# Skills are shared: one configuration makes a skill, others find it by its
# name (`name = "Search relevance"`) to filter or reward on it. Here the skill
# is made alongside so that the example runs on its own.
resource "toloka_skill" "relevance" {
  name = "Search relevance"
}

data "toloka_skill" "relevance" {
  name = toloka_skill.relevance.name
}

output "relevance_skill_id" {
  value = data.toloka_skill.relevance.id
}
