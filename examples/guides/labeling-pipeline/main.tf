# A labeling pipeline as code: a project, a training, a main pool open only to
# the team's own annotators who passed the training, a webhook that tells the
# team's service when the pool closes, and a stop on a low balance. Once the
# labeling is done, apply with -var labeling_done=true: one apply archives the
# pool, the training and the project.
variable "labeling_done" {
  description = "Whether the labeling is over and the pipeline should be archived."
  type        = bool
  default     = false
}

variable "team_annotators" {
  description = "The Toloka user IDs of the team's own annotators, the only ones admitted to the pool."
  type        = set(string)
  default     = ["3f4a9c0e8b1d2e7f6a5b4c3d2e1f0a9b", "8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f"]
}

variable "webhook_secret" {
  description = "The key Toloka signs its notifications to the team's service with."
  type        = string
  sensitive   = true
}

variable "minimum_balance" {
  description = "The balance, in US dollars, below which nothing is made or changed but the archive."
  type        = number
  default     = 10
}

# Read at every plan: the account's balance now.
data "toloka_requester" "account" {}

resource "toloka_project" "cats" {
  public_name        = "Cats or dogs"
  public_description = "Look at the picture and pick the animal"
  task_spec = {
    input_spec  = { image = { type = "url" } }
    output_spec = { result = { type = "string", allowed_values = ["cat", "dog"] } }
    view_spec   = jsonencode({ type = "classic", markup = "{{img src=image}}", settings = { showTimer = true } })
  }

  # Archiving the project first closes and archives its pools, then its
  # trainings, waiting on each of Toloka's operations.
  archive_pools = true
  archived      = var.labeling_done
}

# The private crowd: a skill that only the team's annotators have.
resource "toloka_skill" "team" {
  name            = "Cats or dogs, in-house annotators"
  private_comment = "Given by Terraform to the members of the labeling team"
}

resource "toloka_user_skill" "team" {
  for_each = var.team_annotators

  skill_id = toloka_skill.team.id
  user_id  = each.key
  value    = 100
  reason   = "Member of the in-house labeling team"
}

# Toloka gives each Toloker who completes the training its own training
# skill: the percentage of first answers that were right.
resource "toloka_training" "qualification" {
  project_id                         = toloka_project.cats.id
  private_name                       = "Cats or dogs, qualification"
  inherited_instructions             = true
  training_tasks_in_task_suite_count = 4
  task_suites_required_to_pass       = 2
  retry_training_after_days          = 7
  assignment_max_duration_seconds    = 300

  # Applied after the project's archive, which has archived the training
  # already: nothing more is sent.
  archived = var.labeling_done
}

resource "toloka_pool" "main" {
  project_id                      = toloka_project.cats.id
  private_name                    = "Cats or dogs, in-house batch"
  reward_per_assignment           = 0.05
  assignment_max_duration_seconds = 600
  will_expire                     = "2030-12-31T23:59:59"
  defaults = {
    default_overlap_for_new_task_suites = 3
  }

  # Only the team's annotators see the tasks...
  filter = jsonencode({
    and = [{ or = [{ category = "skill", key = toloka_skill.team.id, operator = "GTE", value = 100 }] }]
  })

  # ...once they got at least 80% of the training right.
  training_requirement = {
    training_id         = toloka_training.qualification.id
    passing_skill_value = 80
  }

  # Applied after the project's archive, which has archived the pool already:
  # nothing more is sent.
  archived = var.labeling_done

  # Stop the plan before anything is made or changed when the account cannot
  # pay for the labeling; archiving spends nothing, so it is never stopped.
  lifecycle {
    precondition {
      condition     = var.labeling_done || data.toloka_requester.account.balance >= var.minimum_balance
      error_message = "The Toloka account holds less than ${var.minimum_balance} US dollars: top it up before labeling more."
    }
  }
}

# Tell the team's service when the pool closes: when its tasks are done, when
# it expires, or when the archive closes it.
resource "toloka_webhook_subscription" "pool_closed" {
  event_type  = "POOL_CLOSED"
  pool_id     = toloka_pool.main.id
  webhook_url = "https://labeling.example.com/toloka/events"
  secret_key  = var.webhook_secret
}

output "pool_id" {
  value = toloka_pool.main.id
}
