package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// faultClient sends API requests over a real connection, where dropped
// connections can be seen.
type faultClient struct {
	t    *testing.T
	s    *Server
	base string
}

func newFaultClient(t *testing.T, f Faults) *faultClient {
	t.Helper()
	s := New(Options{APIKeys: []string{testKey}, CreateQuota: &Quota{}, Faults: &f})
	return &faultClient{t: t, s: s, base: newHTTPServer(t, s).URL}
}

// outcome is what a client saw: a status and the body's first bytes, or
// "dropped".
type outcome struct {
	status      int
	contentType string
	retryAfter  string
	body        []byte
	dropped     bool
	took        time.Duration
}

func (c *faultClient) send(method, path, body string) outcome {
	c.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Authorization", "ApiKey "+testKey)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	started := time.Now()
	resp, err := (&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}).Do(req)
	if err != nil {
		return outcome{dropped: true, took: time.Since(started)}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return outcome{dropped: true, took: time.Since(started)}
	}
	return outcome{status: resp.StatusCode, contentType: resp.Header.Get("Content-Type"), retryAfter: resp.Header.Get("Retry-After"),
		body: raw, took: time.Since(started)}
}

func (c *faultClient) createProject() outcome {
	raw, _ := json.Marshal(minimalProject("Faulty"))
	return c.send(http.MethodPost, "/api/v1/projects", string(raw))
}

// processed reports whether the API acted on the create.
func (c *faultClient) processed() bool {
	_, ok := c.s.Project(fmt.Sprint(firstProjectID))
	return ok
}

func TestFaultsValidate(t *testing.T) {
	for _, bad := range []Faults{
		{Rates: map[Fault]float64{"meteor": 0.1}},
		{Rates: map[Fault]float64{FaultDropAfter: 1.5}},
		{Rates: map[Fault]float64{FaultDropAfter: -0.1}},
		{Rates: map[Fault]float64{FaultDropAfter: 0.6, FaultDropBefore: 0.6}},
		{RetryAfter: -time.Second},
	} {
		if err := bad.Validate(); err == nil {
			t.Errorf("Validate accepted %+v", bad)
		}
	}
	all := Faults{Rates: map[Fault]float64{}}
	for _, f := range AllFaults {
		all.Rates[f] = 0.1
	}
	if err := all.Validate(); err != nil {
		t.Errorf("Validate(every fault at 0.1): %v", err)
	}
}

// Each fault, at rate 1, does what it says, before or after processing.
func TestEachFault(t *testing.T) {
	for _, tc := range []struct {
		fault     Fault
		processed bool
		check     func(t *testing.T, o outcome)
	}{
		{FaultTooManyRequests, false, func(t *testing.T, o outcome) {
			wantFaultStatus(t, o, 429, "TOO_MANY_REQUESTS")
			if o.retryAfter != "2" { // 1.5 s, rounded up to whole seconds
				t.Errorf("Retry-After %q, want 2", o.retryAfter)
			}
		}},
		{FaultInternalError, false, func(t *testing.T, o outcome) { wantFaultStatus(t, o, 500, "INTERNAL_ERROR") }},
		{FaultServiceUnavailable, false, func(t *testing.T, o outcome) { wantFaultStatus(t, o, 503, "REMOTE_SERVICE_UNAVAILABLE") }},
		{FaultProxyPage, false, func(t *testing.T, o outcome) { wantPage(t, o, 503) }},
		{FaultBadGateway, true, func(t *testing.T, o outcome) { wantPage(t, o, 502) }},
		{FaultGatewayTimeout, true, func(t *testing.T, o outcome) { wantPage(t, o, 504) }},
		{FaultDropBefore, false, wantDropped},
		{FaultDropAfter, true, wantDropped},
		{FaultTruncatedJSON, true, func(t *testing.T, o outcome) {
			if o.status != 201 || json.Valid(o.body) || !bytes.HasPrefix(o.body, []byte(`{"`)) || len(o.body) < 100 {
				t.Errorf("got %d %q, want 201 with half a JSON object", o.status, o.body)
			}
		}},
		{FaultSlow, true, func(t *testing.T, o outcome) {
			if o.status != 201 || !json.Valid(o.body) || o.took < 50*time.Millisecond {
				t.Errorf("got %d after %v, want 201 after at least 50ms", o.status, o.took)
			}
		}},
	} {
		t.Run(string(tc.fault), func(t *testing.T) {
			c := newFaultClient(t, Faults{Seed: 1, Rates: map[Fault]float64{tc.fault: 1}, RetryAfter: 1500 * time.Millisecond, SlowDelay: 50 * time.Millisecond})
			o := c.createProject()
			tc.check(t, o)
			if c.processed() != tc.processed {
				t.Errorf("processed = %v, want %v", c.processed(), tc.processed)
			}
			stats := c.s.FaultStats()
			if stats.Requests != 1 || stats.Injected[tc.fault] != 1 || stats.Total() != 1 {
				t.Errorf("stats %+v", stats)
			}
		})
	}
}

func wantFaultStatus(t *testing.T, o outcome, status int, code string) {
	t.Helper()
	var body map[string]any
	if o.status != status || json.Unmarshal(o.body, &body) != nil || body["code"] != code {
		t.Errorf("got %d %s, want %d with code %s", o.status, o.body, status, code)
	}
}

func wantPage(t *testing.T, o outcome, status int) {
	t.Helper()
	if o.status != status || o.contentType != "text/html" || json.Valid(o.body) || !strings.Contains(string(o.body), fmt.Sprint(status)) {
		t.Errorf("got %d %s %q, want an HTML %d page", o.status, o.contentType, o.body, status)
	}
}

func wantDropped(t *testing.T, o outcome) {
	t.Helper()
	if !o.dropped {
		t.Errorf("got %d %s, want the connection dropped", o.status, o.body)
	}
}

// The same seed and requests give the same faults; another seed, others.
func TestFaultsAreReproducible(t *testing.T) {
	rates := map[Fault]float64{FaultTooManyRequests: 0.2, FaultInternalError: 0.2, FaultDropBefore: 0.1, FaultProxyPage: 0.1}
	run := func(seed uint64) (string, FaultStats) {
		c := newFaultClient(t, Faults{Seed: seed, Rates: rates})
		var seen strings.Builder
		for range 300 {
			o := c.send(http.MethodGet, "/api/v1/projects?limit=1", "")
			fmt.Fprintf(&seen, "%d/%v ", o.status, o.dropped)
		}
		return seen.String(), c.s.FaultStats()
	}
	first, stats := run(42)
	again, _ := run(42)
	other, _ := run(43)
	if first != again {
		t.Error("the same seed gave other faults")
	}
	if first == other {
		t.Error("another seed gave the same faults")
	}
	if stats.Requests != 300 {
		t.Errorf("%d requests counted, want 300", stats.Requests)
	}
	for f, rate := range rates {
		want := rate * 300
		if got := float64(stats.Injected[f]); got < want*0.5 || got > want*1.5 {
			t.Errorf("%s injected %v times, want about %v", f, got, want)
		}
	}
}

func TestFaultsControl(t *testing.T) {
	s := New(Options{APIKeys: []string{testKey}})
	c := &faultClient{t: t, s: s, base: newHTTPServer(t, s).URL}
	control := func(method, body string) outcome {
		return c.send(method, "/_emulator/faults", body)
	}
	if o := control(http.MethodPut, `{"seed": 3, "rates": {"internal_error": 1}, "retry_after": "2s", "slow_delay": "10ms"}`); o.status != 204 {
		t.Fatalf("PUT faults: %d %s", o.status, o.body)
	}
	if o := c.send(http.MethodGet, "/api/v1/projects", ""); o.status != 500 {
		t.Errorf("API request got %d, want the injected 500", o.status)
	}
	o := control(http.MethodGet, "")
	var stats FaultStats
	if err := json.Unmarshal(o.body, &stats); err != nil || stats.Requests != 1 || stats.Injected[FaultInternalError] != 1 {
		t.Errorf("GET faults: %d %s", o.status, o.body)
	}
	for _, bad := range []string{`{"rates": {"meteor": 1}}`, `{"rates": {"slow": 2}}`, `{"slow_delay": "soon"}`, `{"seeds": 1}`} {
		if o := control(http.MethodPut, bad); o.status != 400 {
			t.Errorf("PUT %s: %d, want 400", bad, o.status)
		}
	}
	if o := control(http.MethodDelete, ""); o.status != 204 {
		t.Errorf("DELETE faults: %d", o.status)
	}
	if o := c.send(http.MethodGet, "/api/v1/projects", ""); o.status != 200 {
		t.Errorf("API request after DELETE got %d, want 200", o.status)
	}
}
