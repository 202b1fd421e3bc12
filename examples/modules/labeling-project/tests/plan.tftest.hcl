# Plan-only unit tests of the module: the provider is mocked, so they need no
# Toloka and no emulator. Mock providers need Terraform 1.7 or later (OpenTofu
# 1.8 or later). Run them alone with
#   terraform test -filter=tests/plan.tftest.hcl
mock_provider "toloka" {}

variables {
  name   = "Cats or dogs"
  labels = ["cat", "dog"]
  batches = {
    first  = { reward = 0.05, overlap = 3 }
    second = { reward = 0.04, overlap = 5 }
  }
}

run "a_pool_per_batch" {
  command = plan

  assert {
    condition     = toset(keys(toloka_pool.batch)) == toset(["first", "second"])
    error_message = "Each batch should have its pool."
  }
  assert {
    condition     = toloka_pool.batch["second"].reward_per_assignment == 0.04 && toloka_pool.batch["second"].defaults.default_overlap_for_new_task_suites == 5
    error_message = "A pool should take its batch's reward and overlap."
  }
  assert {
    condition     = toloka_pool.batch["first"].private_name == "Cats or dogs, first"
    error_message = "A pool's private name should name the project and the batch."
  }
}

run "the_answers_are_the_labels" {
  command = plan

  assert {
    condition     = toloka_project.this.task_spec.output_spec.label.allowed_values == tolist(["cat", "dog"])
    error_message = "The output field should only accept the labels."
  }
  assert {
    condition     = !toloka_project.this.archived && toloka_project.this.archive_pools
    error_message = "The project should stay active, and archive its pools with it when it is archived."
  }
}

run "done_archives_the_project_and_every_pool" {
  command = plan

  variables {
    labeling_done = true
  }

  assert {
    condition     = toloka_project.this.archived && alltrue([for pool in toloka_pool.batch : pool.archived])
    error_message = "labeling_done should archive the project and all its pools."
  }
}

run "one_label_is_refused" {
  command = plan

  variables {
    labels = ["cat", "cat"]
  }

  expect_failures = [var.labels]
}

run "a_free_batch_is_refused" {
  command = plan

  variables {
    batches = { first = { reward = 0, overlap = 3 } }
  }

  expect_failures = [var.batches]
}
