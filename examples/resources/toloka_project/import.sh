# A project is imported by its Toloka ID.
terraform import toloka_project.cats 123456
