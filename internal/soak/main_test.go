package soak

import (
	"os"
	"testing"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/e2e"
)

// TestMain removes the provider built for the tests that drive the CLI.
func TestMain(m *testing.M) { os.Exit(e2e.Main(m)) }
