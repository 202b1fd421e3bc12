# The quick-start configuration: `make demo` applies it against the local
# Toloka emulator, then applies it again with labeling_done = true. The
# provider reads TOLOKA_BASE_URL and TOLOKA_API_KEY from the environment the
# demo sets up.
terraform {
  required_providers {
    toloka = {
      source = "toloka-terraform/toloka"
    }
  }
}

provider "toloka" {
  environment = "sandbox"
}

variable "labeling_done" {
  description = "Whether the labeling is over: archives the project and its pool."
  type        = bool
  default     = false
}

resource "toloka_project" "cats" {
  public_name         = "Cats or dogs"
  public_description  = "Look at the picture and pick the animal"
  public_instructions = "<p>Pick one.</p>"
  private_comment     = "managed by terraform"
  task_spec = {
    input_spec  = { image = { type = "url" } }
    output_spec = { result = { type = "string", allowed_values = ["cat", "dog"] } }
    view_spec   = jsonencode({ type = "classic", markup = "{{img src=image}}", settings = { showTimer = true } })
  }

  # Archiving the project first closes and archives its pools, waiting on
  # each of Toloka's operations.
  archive_pools = true
  archived      = var.labeling_done
}

resource "toloka_pool" "first_batch" {
  project_id                      = toloka_project.cats.id
  private_name                    = "Cats or dogs, first batch"
  reward_per_assignment           = 0.05
  assignment_max_duration_seconds = 600
  will_expire                     = "2030-12-31T23:59:59"
  defaults = {
    default_overlap_for_new_task_suites = 3
  }

  # The project's archive has archived the pool already when this is applied:
  # nothing more is sent, and the state says archived.
  archived = var.labeling_done
}

output "project" {
  value = {
    id     = toloka_project.cats.id
    status = toloka_project.cats.status
  }
}

output "pool" {
  value = {
    id     = toloka_pool.first_batch.id
    status = toloka_pool.first_batch.status
  }
}
