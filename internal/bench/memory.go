package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/tfcli"
)

// memorySetting is a setting of Go's garbage collector the provider's
// plans are measured with, next to the provider's own default (main.go).
type memorySetting struct {
	name string
	env  []string
}

// memorySettings are the settings of the memory table; the first, the Go
// runtime's own default, is the one the others' CPU is read against.
var memorySettings = []memorySetting{
	{name: "no limit (Go's default: GOGC=100)", env: []string{"GOMEMLIMIT=off", "GOGC=100"}},
	{name: "GOMEMLIMIT=56MiB (the provider's default before)", env: []string{"GOMEMLIMIT=56MiB", "GOGC=100"}},
	{name: "GOGC=off GOMEMLIMIT=48MiB", env: []string{"GOMEMLIMIT=48MiB", "GOGC=off"}},
	{name: "GOGC=off GOMEMLIMIT=80MiB", env: []string{"GOMEMLIMIT=80MiB", "GOGC=off"}},
}

// newMemoryCLI sets up the CLI to run the provider binary with a memory
// setting, through a script in dir/plugins that sets it for the provider
// alone: set for Terraform, which hands its environment to the provider,
// it would hold Terraform, a Go program too, to it as well.
func newMemoryCLI(terraform, provider, dir string, s memorySetting) (*tfcli.CLI, error) {
	plugins := filepath.Join(dir, "plugins")
	if err := os.MkdirAll(plugins, 0o755); err != nil {
		return nil, err
	}
	script := fmt.Sprintf("#!/bin/sh\nexport %s\nexec %q \"$@\"\n", strings.Join(s.env, " "), provider)
	if err := os.WriteFile(filepath.Join(plugins, tfcli.ProviderBinary), []byte(script), 0o755); err != nil {
		return nil, err
	}
	return tfcli.New(terraform, plugins, dir)
}
