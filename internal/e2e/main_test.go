package e2e

import (
	"os"
	"testing"
)

// TestMain removes the provider built for the tests that drive the CLI.
func TestMain(m *testing.M) { os.Exit(Main(m)) }
