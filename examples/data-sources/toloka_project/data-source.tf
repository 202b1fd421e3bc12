# A project managed elsewhere (another configuration, or the Toloka web
# interface), read by its ID. Here the ID comes from toloka_projects so that
# the example runs on any account: one read per archived project.
data "toloka_projects" "archived" {
  status = "ARCHIVED"
}

data "toloka_project" "archived" {
  for_each = toset([for p in data.toloka_projects.archived.projects : p.id])
  id       = each.value
}

output "archived_project_instructions" {
  value = { for id, p in data.toloka_project.archived : id => p.public_instructions }
}
