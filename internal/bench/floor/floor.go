// Package floor serves the schemas of the Toloka provider with no work
// behind them, as the two floors of the benchmark's plan refresh
// (internal/bench), chosen by the environment variable ModeVariable:
//
//   - ModeProtocol: a terraform-plugin-go server whose ReadResource answers
//     the prior state as it is and whose PlanResourceChange answers the
//     proposed new state: what Terraform and its plugin protocol cost for
//     these schemas, the least any provider of them can cost;
//   - ModeFramework: a terraform-plugin-framework provider whose resources
//     have the provider's schemas (validators, plan modifiers, defaults and
//     value types included) and whose Read does nothing: what any framework
//     provider of these schemas costs;
//   - ModeFrameworkAsProvider: the same, run as the provider runs the
//     framework (its protocol server, provider.ProtocolServerOf, and its
//     memory setting, package memlimit): what the provider's own code adds
//     is what it costs over this one.
//
// Neither talks to Toloka. A plan with either over a state the provider
// wrote finds nothing to change. The binary is built from ./server.
//
// With ShapeVariable set to ShapeJSONFieldSpecs, both serve a lighter shape
// of toloka_project instead, for the benchmark to weigh it: the field specs
// of task_spec (input_spec, output_spec) as one JSON string each, as Toloka's
// API and SDK treat them, instead of maps of nested attributes.
package floor

import (
	"context"
	"fmt"
	"os"

	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/memlimit"
	"github.com/toloka-terraform/terraform-provider-toloka/internal/provider"
	"github.com/toloka-terraform/terraform-provider-toloka/internal/sdklogs"
)

// ModeVariable is the environment variable that chooses the floor, and
// ShapeVariable the one that chooses the shape of toloka_project.
const (
	ModeVariable  = "TOLOKA_BENCH_FLOOR"
	ShapeVariable = "TOLOKA_BENCH_FLOOR_SHAPE"
)

// ShapeJSONFieldSpecs is the lighter shape of toloka_project.
const ShapeJSONFieldSpecs = "json-field-specs"

// The floors.
const (
	ModeProtocol            = "plugin-go"
	ModeFramework           = "framework"
	ModeFrameworkAsProvider = "framework-as-provider"
)

// Serve serves the floor of the given mode, with the schemas of the given
// shape ("" for the provider's own), as a provider plugin, until Terraform
// stops it. Every floor's SDK logs are as quiet as the provider's.
func Serve(ctx context.Context, mode, shape string) error {
	if shape != "" && shape != ShapeJSONFieldSpecs {
		return fmt.Errorf("%s must be empty or %s, not %q", ShapeVariable, ShapeJSONFieldSpecs, shape)
	}
	sdklogs.QuietUnlessAsked(os.Environ(), os.Setenv)
	switch mode {
	case ModeProtocol:
		server, err := newProtocolFloor(ctx, shape)
		if err != nil {
			return err
		}
		return tf6server.Serve(provider.RegistryAddress, func() tfprotov6.ProviderServer { return server })
	case ModeFramework:
		return providerserver.Serve(ctx, func() fwprovider.Provider { return newFrameworkFloor(shape) },
			providerserver.ServeOpts{Address: provider.RegistryAddress})
	case ModeFrameworkAsProvider:
		memlimit.SetDefault(os.LookupEnv)
		return tf6server.Serve(provider.RegistryAddress, func() tfprotov6.ProviderServer {
			return provider.ProtocolServerOf(newFrameworkFloor(shape))
		})
	default:
		return fmt.Errorf("%s must be %s, %s or %s, not %q", ModeVariable, ModeProtocol, ModeFramework, ModeFrameworkAsProvider, mode)
	}
}
