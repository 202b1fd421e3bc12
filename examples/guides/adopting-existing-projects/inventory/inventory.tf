# Step 1 of adopting what already exists in Toloka: list the active projects
# and their pools that are not archived, and write one import block for each.
# Applying this configuration only reads: it creates and changes nothing.
#
#   terraform apply
#   terraform output -raw import_blocks > imports.tf
#   terraform plan -generate-config-out=generated.tf
#   terraform apply
data "toloka_projects" "active" {
  status = "ACTIVE"
}

data "toloka_pools" "all" {}

locals {
  projects = { for p in data.toloka_projects.active.projects : p.id => p.public_name }
  pools = {
    for p in data.toloka_pools.all.pools : p.id => p.private_name
    if p.status != "ARCHIVED" && contains(keys(local.projects), p.project_id)
  }
}

output "import_blocks" {
  description = "An import block for each active project and each of its pools that is not archived."
  value = join("", concat(
    [for id, name in local.projects : "# ${name}\nimport {\n  to = toloka_project.project_${id}\n  id = \"${id}\"\n}\n\n"],
    [for id, name in local.pools : "# ${name}\nimport {\n  to = toloka_pool.pool_${id}\n  id = \"${id}\"\n}\n\n"],
  ))
}
