# A pool managed elsewhere, read by its ID, for example to create another pool
# with the same settings. Here the IDs come from toloka_pools so that the
# example runs on any account: one read per open pool.
data "toloka_pools" "open" {
  status = "OPEN"
}

data "toloka_pool" "open" {
  for_each = toset([for p in data.toloka_pools.open.pools : p.id])
  id       = each.value
}

output "open_pool_rewards" {
  value = { for id, p in data.toloka_pool.open : id => p.reward_per_assignment }
}
