output "project_id" {
  description = "The project's Toloka ID."
  value       = toloka_project.this.id
}

output "pool_ids" {
  description = "The Toloka ID of each batch's pool."
  value       = { for name, pool in toloka_pool.batch : name => pool.id }
}
