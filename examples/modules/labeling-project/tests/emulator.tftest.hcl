# Runs the module against a Toloka emulator: real applies, real archive
# operations, no Toloka account. Start the emulator and point the provider at
# it first (see the guide "Testing modules without a Toloka account"):
#   toloka-emulator -listen 127.0.0.1:18080 -api-key emulator-key -operation-delay 100ms &
#   export TOLOKA_ENVIRONMENT=sandbox TOLOKA_API_KEY=emulator-key
#   export TOLOKA_BASE_URL=http://127.0.0.1:18080/api/v1
#   terraform test -filter=tests/emulator.tftest.hcl
# At the end, terraform test destroys what the runs created, which archives it.

variables {
  name   = "Cats or dogs"
  labels = ["cat", "dog"]
  batches = {
    first  = { reward = 0.05, overlap = 3 }
    second = { reward = 0.04, overlap = 5 }
  }
}

run "creates_the_project_and_its_pools" {
  assert {
    condition     = toloka_project.this.status == "ACTIVE" && toloka_project.this.id != ""
    error_message = "The project should be created active."
  }
  assert {
    condition     = length(output.pool_ids) == 2 && alltrue([for pool in toloka_pool.batch : pool.status == "CLOSED" && pool.project_id == output.project_id])
    error_message = "Each batch's pool should be created, closed, in the project."
  }
}

run "done_archives_the_project_and_its_pools" {
  variables {
    labeling_done = true
  }

  assert {
    condition     = toloka_project.this.status == "ARCHIVED"
    error_message = "The project should be archived."
  }
  assert {
    condition     = alltrue([for pool in toloka_pool.batch : pool.status == "ARCHIVED"])
    error_message = "Every pool should be archived with the project."
  }
}
