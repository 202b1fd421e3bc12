# A training managed elsewhere, read by its ID, for example to require it in
# a pool of this configuration. Here the IDs come from toloka_trainings so
# that the example runs on any account: one read per open training.
data "toloka_trainings" "open" {
  status = "OPEN"
}

data "toloka_training" "open" {
  for_each = toset([for t in data.toloka_trainings.open.trainings : t.id])
  id       = each.value
}

output "open_training_pass_marks" {
  value = { for id, t in data.toloka_training.open : id => t.task_suites_required_to_pass }
}
