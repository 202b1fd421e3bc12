# Adopting a project and its pools by name, with no ID pasted: the import
# blocks find the IDs through the data sources, and the configuration below
# says what the objects are, as Toloka has them. import with for_each needs
# Terraform 1.7 or OpenTofu 1.7.
variable "project_name" {
  description = "The public name of the Toloka project to adopt."
  type        = string
  default     = "Cats or dogs"
}

data "toloka_projects" "active" {
  status = "ACTIVE"
}

locals {
  project_id = one([for p in data.toloka_projects.active.projects : p.id if p.public_name == var.project_name])
}

data "toloka_pools" "batches" {
  project_id = local.project_id

  lifecycle {
    precondition {
      condition     = local.project_id != null
      error_message = "No active Toloka project is named ${var.project_name}."
    }
  }
}

locals {
  # Every pool of the project that is not archived, by name: pools cloned
  # from one template, which differ only in their names.
  batches = { for p in data.toloka_pools.batches.pools : p.private_name => p.id if p.status != "ARCHIVED" }
}

import {
  to = toloka_project.cats
  id = local.project_id
}

import {
  for_each = local.batches
  to       = toloka_pool.batch[each.key]
  id       = each.value
}

resource "toloka_project" "cats" {
  public_name        = var.project_name
  public_description = "Look at the picture and pick the animal"
  task_spec = {
    input_spec  = { image = { type = "url" } }
    output_spec = { result = { type = "string", allowed_values = ["cat", "dog"] } }
    view_spec   = jsonencode({ type = "classic", markup = "{{img src=image}}" })
  }
}

resource "toloka_pool" "batch" {
  for_each = local.batches

  project_id                      = toloka_project.cats.id
  private_name                    = each.key
  reward_per_assignment           = 0.05
  assignment_max_duration_seconds = 600
  will_expire                     = "2030-12-31T23:59:59"
  defaults = {
    default_overlap_for_new_task_suites = 3
  }
}
