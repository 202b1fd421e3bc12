# A ban is imported by its Toloka ID.
terraform import toloka_user_restriction.spammer 7000001
