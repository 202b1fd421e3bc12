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
//     provider of these schemas costs.
//
// Neither talks to Toloka. A plan with either over a state the provider
// wrote finds nothing to change. The binary is built from ./server.
package floor

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/provider"
)

// ModeVariable is the environment variable that chooses the floor.
const ModeVariable = "TOLOKA_BENCH_FLOOR"

// The floors.
const (
	ModeProtocol  = "plugin-go"
	ModeFramework = "framework"
)

// Serve serves the floor of the given mode as a provider plugin, until
// Terraform stops it.
func Serve(ctx context.Context, mode string) error {
	switch mode {
	case ModeProtocol:
		server, err := newProtocolFloor(ctx)
		if err != nil {
			return err
		}
		return tf6server.Serve(provider.RegistryAddress, func() tfprotov6.ProviderServer { return server })
	case ModeFramework:
		return providerserver.Serve(ctx, newFrameworkFloor, providerserver.ServeOpts{Address: provider.RegistryAddress})
	default:
		return fmt.Errorf("%s must be %s or %s, not %q", ModeVariable, ModeProtocol, ModeFramework, mode)
	}
}
