# Every closed training, newest first; set project_id to list the trainings
# of one project.
data "toloka_trainings" "closed" {
  status = "CLOSED"
  sort   = "-created"
}

output "closed_trainings" {
  value = [for t in data.toloka_trainings.closed.trainings : "${t.id}: ${t.private_name}"]
}
