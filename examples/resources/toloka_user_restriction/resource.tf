# Ban a Toloker from every project of the requester until the end of 2030.
# Toloka lifts the ban by itself then; the next plan would set it again, so
# remove the resource or change will_expire once it has passed.
resource "toloka_user_restriction" "spammer" {
  scope           = "ALL_PROJECTS"
  user_id         = "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e"
  private_comment = "Answers faster than anyone can read the task"
  will_expire     = "2030-12-31T23:59:59"
}
