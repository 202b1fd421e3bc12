# A subscription is imported by its Toloka ID. Toloka never returns the secret
# key: the next apply takes the configured one into the state without a call.
terraform import toloka_webhook_subscription.pool_closed 62ee14ada451956b21388859
