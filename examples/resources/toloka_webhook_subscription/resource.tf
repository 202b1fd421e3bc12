variable "webhook_secret" {
  description = "The key Toloka signs its notifications with."
  type        = string
  sensitive   = true
}

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
}

# Tell the team's service when the pool closes, signed with the secret key.
resource "toloka_webhook_subscription" "pool_closed" {
  event_type  = "POOL_CLOSED"
  pool_id     = toloka_pool.cats.id
  webhook_url = "https://labeling.example.com/toloka/events"
  secret_key  = var.webhook_secret
}
