package toloka

import (
	"net/http"
	"testing"
)

func TestDefaultTransportKeepsAConnectionPerParallelOperation(t *testing.T) {
	transport, ok := defaultTransport().(*http.Transport)
	if !ok {
		t.Fatalf("default transport is %T", defaultTransport())
	}
	const terraformParallelism = 10
	if transport.MaxIdleConnsPerHost < terraformParallelism || transport.MaxIdleConns < transport.MaxIdleConnsPerHost {
		t.Errorf("keeps %d idle connections per host (%d in all), fewer than Terraform's %d parallel operations",
			transport.MaxIdleConnsPerHost, transport.MaxIdleConns, terraformParallelism)
	}
}
