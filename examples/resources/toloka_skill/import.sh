# A skill is imported by its Toloka ID. Toloka cannot delete skills, so a skill
# that a destroy removed from the state is still there to import again.
terraform import toloka_skill.relevance 60001
