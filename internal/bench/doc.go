// Package bench measures what users of the provider wait for, side by side
// with a baseline measured in the same run: how long a plan over many
// existing projects takes against the same plan over Terraform's built-in
// terraform_data, how long an apply creating projects takes, how soon the
// end of an archive operation is noticed compared with the official SDKs'
// polling, and how close an apply comes to Toloka's creation quota without
// running into it.
//
// It serves the Toloka emulator on loopback in its own process, builds the
// provider, and drives the real Terraform CLI, which runs the provider
// binary through a dev_overrides CLI configuration. The command
// cmd/toloka-bench runs it and writes BENCHMARKS.md.
package bench
