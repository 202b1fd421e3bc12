# A Toloker's skill value is imported by the ID Toloka gives the skill and
# Toloker pair (the `id` of GET /user-skills).
terraform import toloka_user_skill.lead 1800000001
