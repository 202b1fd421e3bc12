# A training is imported by its Toloka ID.
terraform import toloka_training.qualification 30000001
