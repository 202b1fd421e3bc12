variable "minimum_balance" {
  description = "The balance, in US dollars, below which the configuration makes nothing."
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
    view_spec   = jsonencode({ type = "classic", markup = "{{img src=image}}" })
  }
}

resource "toloka_pool" "cats" {
  project_id                      = toloka_project.cats.id
  private_name                    = "Cats or dogs, first batch"
  reward_per_assignment           = 0.05
  assignment_max_duration_seconds = 600
  will_expire                     = "2030-12-31T23:59:59"
  defaults                        = { default_overlap_for_new_task_suites = 3 }

  # Stop the plan, before anything is made or changed, when the account
  # cannot pay for the labeling.
  lifecycle {
    precondition {
      condition     = data.toloka_requester.account.balance >= var.minimum_balance
      error_message = "The Toloka account holds less than ${var.minimum_balance} US dollars: top it up before labeling more."
    }
  }
}

output "balance" {
  value = data.toloka_requester.account.balance
}
