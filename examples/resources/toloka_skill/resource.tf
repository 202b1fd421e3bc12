# A skill that a training or quality control rules grant, and pools filter on.
resource "toloka_skill" "relevance" {
  name            = "Search relevance"
  private_comment = "Granted by the search relevance training"

  public_name = {
    EN = "Search relevance"
  }
  public_requester_description = {
    EN = "How well a Toloker judges the relevance of search results"
  }

  # Show Tolokers the skill and their value of it (Toloka hides it by default).
  hidden = false

  # A value that is not updated for 30 days is removed from the Toloker.
  skill_ttl_hours = 720
}
