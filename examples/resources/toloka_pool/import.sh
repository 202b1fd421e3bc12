# A pool is imported by its Toloka ID.
terraform import toloka_pool.cats 30000001
