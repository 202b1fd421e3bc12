package toloka

import (
	"net/http"
	"reflect"
	"testing"
)

// The client New builds sends through a transport that keeps a connection
// per parallel Terraform operation and honours the proxy variables, with or
// without a rate limiter in front of it.
func TestNewSendsThroughTheDefaultTransport(t *testing.T) {
	limiter, err := NewRateLimiter(RateLimits{})
	if err != nil {
		t.Fatal(err)
	}
	for name, limiter := range map[string]*RateLimiter{"without a rate limiter": nil, "with a rate limiter": limiter} {
		t.Run(name, func(t *testing.T) {
			client, err := New(Config{BaseURL: SandboxURL, Credentials: APIKey(testToken), RateLimiter: limiter})
			if err != nil {
				t.Fatal(err)
			}
			if client.http.Timeout != defaultRequestTimeout {
				t.Errorf("HTTP timeout %v, want %v", client.http.Timeout, defaultRequestTimeout)
			}
			transport := client.http.Transport
			if limited, ok := transport.(*limitedTransport); ok {
				if limited.limiter != limiter {
					t.Error("the requests go through another rate limiter")
				}
				transport = limited.next
			} else if limiter != nil {
				t.Fatalf("transport %T does not go through the rate limiter", transport)
			}
			assertKeepsConnectionsAndProxy(t, transport)
		})
	}
}

func assertKeepsConnectionsAndProxy(t *testing.T, rt http.RoundTripper) {
	t.Helper()
	transport, ok := rt.(*http.Transport)
	if !ok {
		t.Fatalf("the client sends through %T, want an *http.Transport", rt)
	}
	const terraformParallelism = 10
	if transport.MaxIdleConnsPerHost < terraformParallelism || transport.MaxIdleConns < transport.MaxIdleConnsPerHost {
		t.Errorf("keeps %d idle connections per host (%d in all), fewer than Terraform's %d parallel operations",
			transport.MaxIdleConnsPerHost, transport.MaxIdleConns, terraformParallelism)
	}
	if transport.Proxy == nil || reflect.ValueOf(transport.Proxy).Pointer() != reflect.ValueOf(http.ProxyFromEnvironment).Pointer() {
		t.Error("the transport does not take its proxy from HTTPS_PROXY and NO_PROXY")
	}
	if transport == http.DefaultTransport {
		t.Error("the client changes net/http's shared default transport")
	}
}

// A client given its own HTTP client sends through that client's transport.
func TestNewKeepsTheGivenTransport(t *testing.T) {
	own := &http.Transport{}
	client, err := New(Config{BaseURL: SandboxURL, Credentials: APIKey(testToken), HTTPClient: &http.Client{Transport: own}})
	if err != nil {
		t.Fatal(err)
	}
	if client.http.Transport != own {
		t.Errorf("the client sends through %T, not the transport it was given", client.http.Transport)
	}
}
