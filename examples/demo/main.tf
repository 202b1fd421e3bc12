# The quick-start configuration: `make demo` applies it against the local
# Toloka emulator. The provider reads TOLOKA_BASE_URL and TOLOKA_API_KEY from
# the environment the demo sets up.
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
  archived = true
}

output "project" {
  value = {
    id      = toloka_project.cats.id
    status  = toloka_project.cats.status
    created = toloka_project.cats.created
  }
}
