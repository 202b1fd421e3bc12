// Command terraform-provider-toloka serves the Toloka Terraform provider.
package main

import (
	"flag"
	"log"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/memlimit"
	"github.com/toloka-terraform/terraform-provider-toloka/internal/provider"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	quietSDKLogsUnlessAsked(os.Environ(), os.Setenv)
	memlimit.SetDefault(os.LookupEnv)
	if err := serve(debug, os.Getenv(profileDirVariable)); err != nil {
		log.Fatal(err)
	}
}

// serve serves the provider until Terraform stops it, profiling it into
// profileDir when that is not empty.
func serve(debug bool, profileDir string) error {
	if profileDir != "" {
		stop, err := startProfiles(profileDir)
		if err != nil {
			return err
		}
		defer stop()
	}
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	return tf6server.Serve(provider.RegistryAddress, provider.ProtocolServer(version), opts...)
}

// sdkLogVariables set the level of the plugin SDKs' own logs (terraform-plugin-go
// and terraform-plugin-framework), which default to TRACE.
var sdkLogVariables = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"}

// quietSDKLogsUnlessAsked turns the SDKs' trace logs off when no Terraform
// log variable (TF_LOG, TF_LOG_PROVIDER, TF_LOG_SDK, ...) is set. Terraform
// then drops every provider log line anyway, but only after the provider has
// formatted a line per RPC step and attribute and Terraform has parsed it,
// which costs about a third of a plan's CPU. Anyone who sets a log variable
// gets the SDKs' defaults.
func quietSDKLogsUnlessAsked(environ []string, setenv func(key, value string) error) {
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		if name == "TF_LOG" || strings.HasPrefix(name, "TF_LOG_") {
			return
		}
	}
	for _, name := range sdkLogVariables {
		if err := setenv(name, "OFF"); err != nil {
			log.Printf("[WARN] could not set %s: %v", name, err)
		}
	}
}
