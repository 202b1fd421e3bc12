resource "toloka_project" "cats" {
  public_name        = "Cats or dogs"
  public_description = "Look at the picture and pick the animal"
  task_spec = {
    input_spec  = { image = { type = "url" } }
    output_spec = { result = { type = "string", allowed_values = ["cat", "dog"] } }
    view_spec   = jsonencode({ type = "classic", markup = "{{img src=image}}", settings = { showTimer = true } })
  }

  # Lets archived = true (and destroy) close and archive the project's pools
  # first, so that one apply archives the project together with them.
  archive_pools = true
}

resource "toloka_pool" "cats" {
  project_id                      = toloka_project.cats.id
  private_name                    = "Cats or dogs, first batch"
  reward_per_assignment           = 0.05
  assignment_max_duration_seconds = 600
  will_expire                     = "2030-12-31T23:59:59"

  defaults = {
    default_overlap_for_new_task_suites = 3
  }

  auto_accept_solutions = true
  priority              = 10

  # Only English speakers see the tasks.
  filter = jsonencode({
    and = [{ or = [{ category = "profile", key = "languages", operator = "IN", value = "EN" }] }]
  })

  # Ban for good whoever answers two task suites in under 15 seconds each.
  quality_control = jsonencode({
    configs = [{
      collector_config = { type = "ASSIGNMENT_SUBMIT_TIME", parameters = { fast_submit_threshold_seconds = 15 } }
      rules = [{
        conditions = [{ key = "fast_submitted_count", operator = "GTE", value = 2 }]
        action     = { type = "RESTRICTION_V2", parameters = { scope = "PROJECT", duration_unit = "PERMANENT" } }
      }]
    }]
  })

  mixer_config = jsonencode({ real_tasks_count = 10, golden_tasks_count = 0, training_tasks_count = 0 })

  metadata = {
    team = ["vision"]
  }

  # Archive when the labeling is done: an open pool is closed first. Archiving
  # cannot be undone: setting this back to false replaces the pool.
  archived = false

  timeouts = {
    update = "15m"
  }
}
