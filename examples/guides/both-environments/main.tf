terraform {
  required_providers {
    toloka = {
      source = "toloka-terraform/toloka"
    }
  }
}

variable "sandbox_api_key" {
  description = "A Toloka API key issued in the sandbox."
  type        = string
  sensitive   = true
}

variable "production_api_key" {
  description = "A Toloka API key issued in production."
  type        = string
  sensitive   = true
}

provider "toloka" {
  alias       = "sandbox"
  environment = "sandbox"
  api_key     = var.sandbox_api_key
}

provider "toloka" {
  alias       = "production"
  environment = "production"
  api_key     = var.production_api_key
}

locals {
  task_spec = {
    input_spec  = { image = { type = "url" } }
    output_spec = { result = { type = "string", allowed_values = ["cat", "dog"] } }
    view_spec   = jsonencode({ type = "classic", markup = "{{img src=image}}", settings = { showTimer = true } })
  }
}

# A rehearsal of the project in the sandbox, next to the real one.
resource "toloka_project" "cats_rehearsal" {
  provider = toloka.sandbox

  public_name         = "Cats or dogs"
  public_description  = "Look at the picture and pick the animal"
  public_instructions = "<p>Pick one.</p>"
  task_spec           = local.task_spec
}

resource "toloka_project" "cats" {
  provider = toloka.production

  public_name         = "Cats or dogs"
  public_description  = "Look at the picture and pick the animal"
  public_instructions = "<p>Pick one.</p>"
  task_spec           = local.task_spec
}
