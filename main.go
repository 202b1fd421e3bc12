// Command terraform-provider-toloka serves the Toloka Terraform provider.
package main

import (
	"flag"
	"log"
	"os"
	runtimedebug "runtime/debug"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/provider"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	quietSDKLogsUnlessAsked(os.Environ(), os.Setenv)
	if limit, ok := defaultMemoryLimit(os.LookupEnv); ok {
		runtimedebug.SetMemoryLimit(limit)
		runtimedebug.SetGCPercent(-1)
	}
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

// memoryLimit is the provider's soft memory limit, under which the garbage
// collector runs only when the heap reaches it (GOGC=off), unless GOGC or
// GOMEMLIMIT says otherwise. A plan's live heap stays under a few MB, while
// it allocates several MB per resource: collecting only at the limit takes
// the least CPU that keeps the provider's peak memory under 100 MB, less
// than Go's default, which collects each time the heap doubles (see the
// memory table in BENCHMARKS.md). Should the live heap near the limit, the
// runtime never lets the collector take more than half the CPU.
const memoryLimit = 64 << 20

// defaultMemoryLimit is the memory limit to set, unless the environment
// sets GOGC or GOMEMLIMIT: either leaves the garbage collector to the Go
// runtime's settings, since collecting at the limit alone needs both.
func defaultMemoryLimit(lookup func(string) (string, bool)) (int64, bool) {
	for _, name := range []string{"GOGC", "GOMEMLIMIT"} {
		if _, set := lookup(name); set {
			return 0, false
		}
	}
	return memoryLimit, true
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
