resource "toloka_project" "cats" {
  public_name         = "Cats or dogs"
  public_description  = "Look at the picture and pick the animal"
  public_instructions = "<p>Pick one.</p>"
  private_comment     = "managed by terraform"

  task_spec = {
    input_spec = {
      image = { type = "url" }
    }
    output_spec = {
      result = { type = "string", allowed_values = ["cat", "dog"] }
    }
    view_spec = jsonencode({
      type     = "classic"
      markup   = "{{img src=image}}"
      settings = { showTimer = true }
    })
  }

  max_active_assignments_count = 10

  quality_control = jsonencode({
    configs = [{
      collector_config = { type = "SKIPPED_IN_ROW_ASSIGNMENTS" }
      rules = [{
        conditions = [{ key = "skipped_in_row_count", operator = "GTE", value = 10 }]
        action     = { type = "RESTRICTION_V2", parameters = { scope = "PROJECT", duration_unit = "DAYS", duration = 1 } }
      }]
    }]
  })

  metadata = {
    team = ["vision"]
  }

  localization_config = {
    default_language = "EN"
  }

  # Archive when the labeling is done. Archiving cannot be undone: setting this
  # back to false replaces the project with a new one.
  archived = false

  timeouts = {
    update = "15m"
  }
}
