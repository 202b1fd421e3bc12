terraform {
  required_providers {
    toloka = {
      source = "toloka-terraform/toloka"
    }
  }
}

variable "toloka_environment" {
  description = "The Toloka environment this state manages: sandbox or production."
  type        = string
  default     = "sandbox"

  validation {
    condition     = contains(["sandbox", "production"], var.toloka_environment)
    error_message = "The Toloka environment is either \"sandbox\" or \"production\"."
  }
}

# The key comes from TOLOKA_API_KEY: a sandbox key for sandbox, a production
# key for production. Keys are issued per environment.
provider "toloka" {
  environment = var.toloka_environment
}

resource "toloka_project" "cats" {
  public_name         = "Cats or dogs"
  public_description  = "Look at the picture and pick the animal"
  public_instructions = "<p>Pick one.</p>"
  private_comment     = "environment: ${var.toloka_environment}"

  task_spec = {
    input_spec  = { image = { type = "url" } }
    output_spec = { result = { type = "string", allowed_values = ["cat", "dog"] } }
    view_spec   = jsonencode({ type = "classic", markup = "{{img src=image}}", settings = { showTimer = true } })
  }
}
