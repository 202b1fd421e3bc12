# Every open pool of every project, in ID order; set project_id to list the
# pools of one project.
data "toloka_pools" "open" {
  status = "OPEN"
}

output "open_pools" {
  value = { for p in data.toloka_pools.open.pools : p.id => p.private_name }
}
