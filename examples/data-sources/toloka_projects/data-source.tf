# Every active project, newest first. The provider follows Toloka's pages to
# the end, however many projects there are.
data "toloka_projects" "active" {
  status = "ACTIVE"
  sort   = "-created"
}

# Projects created during 2030 (created_lt excludes its own instant).
data "toloka_projects" "of_2030" {
  created_gte = "2030-01-01T00:00:00"
  created_lt  = "2031-01-01T00:00:00"
}

output "active_project_names" {
  value = [for p in data.toloka_projects.active.projects : p.public_name]
}
