# Every skill of the account, by name. The provider follows Toloka's pages to
# the end, however many skills there are.
data "toloka_skills" "all" {
  sort = "name"
}

# The skills of one name, oldest first: Toloka allows several.
data "toloka_skills" "relevance" {
  name = "Search relevance"
  sort = "created"
}

output "skill_ids_by_name" {
  value = { for s in data.toloka_skills.all.skills : s.name => s.id... }
}
