terraform {
  required_providers {
    toloka = {
      source = "toloka-terraform/toloka"
    }
  }
}

# Credentials come from TOLOKA_API_KEY; the environment may also come from
# TOLOKA_ENVIRONMENT. There is no default environment: production spends money.
provider "toloka" {
  environment = "sandbox"
}
