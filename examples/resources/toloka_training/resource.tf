resource "toloka_project" "cats" {
  public_name        = "Cats or dogs"
  public_description = "Look at the picture and pick the animal"
  task_spec = {
    input_spec  = { image = { type = "url" } }
    output_spec = { result = { type = "string", allowed_values = ["cat", "dog"] } }
    view_spec   = jsonencode({ type = "classic", markup = "{{img src=image}}" })
  }

  # Lets archived = true (and destroy) close and archive the project's pools,
  # then its trainings, so that one apply archives them all.
  archive_pools = true
}

# Tolokers who want the project's tasks first complete two suites of four
# training tasks with hints, with their own instructions.
resource "toloka_training" "qualification" {
  project_id                         = toloka_project.cats.id
  private_name                       = "Cats or dogs, qualification"
  inherited_instructions             = false
  public_instructions                = "<p>Cats have whiskers and pointed ears; look at the ears first.</p>"
  training_tasks_in_task_suite_count = 4
  task_suites_required_to_pass       = 2
  retry_training_after_days          = 7
  assignment_max_duration_seconds    = 300

  # Archive when the labeling is done: Toloka archives a training only once
  # the pools that require it are archived. Archiving cannot be undone:
  # setting this back to false replaces the training.
  archived = false

  timeouts = {
    update = "15m"
  }
}

# The main pool admits only Tolokers who answered at least 80% of the
# training's tasks right. The reference makes Terraform create the training
# first, in the same apply.
resource "toloka_pool" "cats" {
  project_id                      = toloka_project.cats.id
  private_name                    = "Cats or dogs, first batch"
  reward_per_assignment           = 0.05
  assignment_max_duration_seconds = 600
  will_expire                     = "2030-12-31T23:59:59"

  defaults = {
    default_overlap_for_new_task_suites = 3
  }

  training_requirement = {
    training_id         = toloka_training.qualification.id
    passing_skill_value = 80
  }

  # Task suites mix real tasks with one training task.
  mixer_config = jsonencode({ real_tasks_count = 9, golden_tasks_count = 0, training_tasks_count = 1 })
}
