// Command terraform-provider-toloka serves the Toloka Terraform provider.
package main

import (
	"flag"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/memlimit"
	"github.com/toloka-terraform/terraform-provider-toloka/internal/provider"
	"github.com/toloka-terraform/terraform-provider-toloka/internal/sdklogs"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	sdklogs.QuietUnlessAsked(os.Environ(), os.Setenv)
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
