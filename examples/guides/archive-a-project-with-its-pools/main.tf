# A project and its pools, archived together in one apply once the labeling is
# done: apply with -var labeling_done=true.
variable "labeling_done" {
  description = "Whether the labeling is over and the project and its pools should be archived."
  type        = bool
  default     = false
}

resource "toloka_project" "cats" {
  public_name        = "Cats or dogs"
  public_description = "Look at the picture and pick the animal"
  task_spec = {
    input_spec  = { image = { type = "url" } }
    output_spec = { result = { type = "string", allowed_values = ["cat", "dog"] } }
    view_spec   = jsonencode({ type = "classic", markup = "{{img src=image}}", settings = { showTimer = true } })
  }

  # Archiving the project first closes and archives its remaining pools,
  # waiting on each operation.
  archive_pools = true
  archived      = var.labeling_done
}

resource "toloka_pool" "batch" {
  for_each = toset(["first", "second"])

  project_id                      = toloka_project.cats.id
  private_name                    = "Cats or dogs, ${each.key} batch"
  reward_per_assignment           = 0.05
  assignment_max_duration_seconds = 600
  will_expire                     = "2030-12-31T23:59:59"
  defaults = {
    default_overlap_for_new_task_suites = 3
  }

  # Applied after the project's archive, which has archived the pool already:
  # nothing more is sent.
  archived = var.labeling_done
}
