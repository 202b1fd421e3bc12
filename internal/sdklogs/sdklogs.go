// Package sdklogs sets how much the plugin SDKs log in the provider's
// process (and in the benchmark's floors, which run as the provider does).
package sdklogs

import (
	"log"
	"strings"
)

// variables set the level of the plugin SDKs' own logs (terraform-plugin-go
// and terraform-plugin-framework), which default to TRACE.
var variables = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"}

// QuietUnlessAsked turns the SDKs' trace logs off when no Terraform
// log variable (TF_LOG, TF_LOG_PROVIDER, TF_LOG_SDK, ...) is set. Terraform
// then drops every provider log line anyway, but only after the provider has
// formatted a line per RPC step and attribute and Terraform has parsed it,
// which costs about a third of a plan's CPU. Anyone who sets a log variable
// gets the SDKs' defaults.
func QuietUnlessAsked(environ []string, setenv func(key, value string) error) {
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		if name == "TF_LOG" || strings.HasPrefix(name, "TF_LOG_") {
			return
		}
	}
	for _, name := range variables {
		if err := setenv(name, "OFF"); err != nil {
			log.Printf("[WARN] could not set %s: %v", name, err)
		}
	}
}
