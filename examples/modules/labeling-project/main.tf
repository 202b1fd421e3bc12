# A module that sets up one labeling job: a project whose answers are one of
# var.labels, and a pool per batch. Its tests are in tests/.
terraform {
  required_providers {
    toloka = {
      source = "toloka-terraform/toloka"
    }
  }
}

resource "toloka_project" "this" {
  public_name        = var.name
  public_description = "Look at the picture and pick: ${join(", ", var.labels)}"
  task_spec = {
    input_spec  = { image = { type = "url" } }
    output_spec = { label = { type = "string", allowed_values = var.labels } }
    view_spec   = jsonencode({ type = "classic", markup = "{{img src=image}}" })
  }

  # Archiving the project archives its pools first, in the same apply.
  archive_pools = true
  archived      = var.labeling_done
}

resource "toloka_pool" "batch" {
  for_each = var.batches

  project_id                      = toloka_project.this.id
  private_name                    = "${var.name}, ${each.key}"
  reward_per_assignment           = each.value.reward
  assignment_max_duration_seconds = 600
  will_expire                     = var.will_expire
  defaults = {
    default_overlap_for_new_task_suites = each.value.overlap
  }
  archived = var.labeling_done
}
