package emulator

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"
)

// Fault is a failure the server can inject into API requests, as the
// network and the gateways in front of Toloka produce them.
type Fault string

// The faults, and when they strike: before the request is processed (the
// API does not act on it) or after (it does, but the client does not learn
// the outcome).
const (
	// FaultTooManyRequests: 429 TOO_MANY_REQUESTS with Retry-After, before.
	FaultTooManyRequests Fault = "too_many_requests"
	// FaultInternalError: 500 INTERNAL_ERROR, before.
	FaultInternalError Fault = "internal_error"
	// FaultBadGateway: a gateway's HTML 502 page, after.
	FaultBadGateway Fault = "bad_gateway"
	// FaultServiceUnavailable: 503 REMOTE_SERVICE_UNAVAILABLE, before.
	FaultServiceUnavailable Fault = "service_unavailable"
	// FaultGatewayTimeout: a gateway's HTML 504 page, after.
	FaultGatewayTimeout Fault = "gateway_timeout"
	// FaultDropBefore: the connection closes without an answer, before.
	FaultDropBefore Fault = "drop_before"
	// FaultDropAfter: the connection closes without an answer, after.
	FaultDropAfter Fault = "drop_after"
	// FaultSlow: the answer comes Faults.SlowDelay late; nothing else changes.
	FaultSlow Fault = "slow"
	// FaultTruncatedJSON: the answer's body is cut in half (its
	// Content-Length says so, so the JSON, not the HTTP, is broken), after.
	// An answer without a body is sent whole and not counted.
	FaultTruncatedJSON Fault = "truncated_json"
	// FaultProxyPage: a proxy's HTML 503 page instead of the API, before.
	FaultProxyPage Fault = "proxy_page"
)

// AllFaults lists every fault, in the order in which a draw tries them.
var AllFaults = []Fault{
	FaultTooManyRequests, FaultInternalError, FaultBadGateway, FaultServiceUnavailable, FaultGatewayTimeout,
	FaultDropBefore, FaultDropAfter, FaultSlow, FaultTruncatedJSON, FaultProxyPage,
}

// Defaults of Faults.
const (
	DefaultFaultRetryAfter = time.Second
	DefaultFaultSlowDelay  = time.Second
)

// Faults configures fault injection. Each API request (not the controls)
// draws at most one fault: fault f with probability Rates[f]. Draws come from
// a generator seeded with Seed, in the order requests arrive, so the same seed
// and the same sequence of requests give the same faults.
type Faults struct {
	Seed uint64
	// Rates are probabilities in [0, 1] whose sum is at most 1.
	Rates map[Fault]float64
	// RetryAfter is the Retry-After of injected 429s, in whole seconds
	// rounded up; zero means DefaultFaultRetryAfter.
	RetryAfter time.Duration
	// SlowDelay is how late a slow answer comes; zero means
	// DefaultFaultSlowDelay.
	SlowDelay time.Duration
}

// Validate checks the fault names and rates.
func (f Faults) Validate() error {
	total := 0.0
	for fault, rate := range f.Rates {
		if !slices.Contains(AllFaults, fault) {
			return fmt.Errorf("emulator: unknown fault %q (known: %v)", fault, AllFaults)
		}
		if !(rate >= 0 && rate <= 1) {
			return fmt.Errorf("emulator: the rate of fault %s is %v, not in [0, 1]", fault, rate)
		}
		total += rate
	}
	if total > 1+1e-9 {
		return fmt.Errorf("emulator: the fault rates add up to %v, more than 1", total)
	}
	if f.RetryAfter < 0 || f.SlowDelay < 0 {
		return fmt.Errorf("emulator: negative fault delays (retry after %s, slow %s)", f.RetryAfter, f.SlowDelay)
	}
	return nil
}

// FaultStats counts the API requests that met the fault injector and the
// faults it injected.
type FaultStats struct {
	Requests int           `json:"requests"`
	Injected map[Fault]int `json:"injected"`
}

// Total is the number of faults injected.
func (s FaultStats) Total() int {
	total := 0
	for _, n := range s.Injected {
		total += n
	}
	return total
}

// faultInjector draws and counts faults; it has its own lock so that a slow
// answer does not hold the server's.
type faultInjector struct {
	mu       sync.Mutex
	config   Faults
	rng      *rand.Rand
	requests int
	injected map[Fault]int
}

// configure replaces the configuration and restarts the draws and counts.
func (fi *faultInjector) configure(f Faults) {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	f.Rates = maps.Clone(f.Rates)
	if f.RetryAfter == 0 {
		f.RetryAfter = DefaultFaultRetryAfter
	}
	if f.SlowDelay == 0 {
		f.SlowDelay = DefaultFaultSlowDelay
	}
	fi.config = f
	fi.rng = rand.New(rand.NewPCG(f.Seed, f.Seed^0x9e3779b97f4a7c15))
	fi.requests = 0
	fi.injected = map[Fault]int{}
}

// draw picks the fault of the next request, "" for none.
func (fi *faultInjector) draw() (Fault, Faults) {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	if fi.rng == nil {
		return "", Faults{}
	}
	fi.requests++
	u := fi.rng.Float64()
	for _, f := range AllFaults {
		rate := fi.config.Rates[f]
		if u < rate {
			return f, fi.config
		}
		u -= rate
	}
	return "", fi.config
}

func (fi *faultInjector) count(f Fault) {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	fi.injected[f]++
}

func (fi *faultInjector) stats() FaultStats {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	return FaultStats{Requests: fi.requests, Injected: maps.Clone(fi.injected)}
}

// SetFaults starts injecting faults as f says, from a fresh generator and
// zeroed counts; Faults{} stops injecting.
func (s *Server) SetFaults(f Faults) error {
	if err := f.Validate(); err != nil {
		return err
	}
	s.faults.configure(f)
	return nil
}

// FaultStats returns how many API requests met the injector since the last
// SetFaults, and the faults injected.
func (s *Server) FaultStats() FaultStats {
	return s.faults.stats()
}

// serveAPIWithFaults serves an API request, injecting the fault drawn for it.
func (s *Server) serveAPIWithFaults(w http.ResponseWriter, r *http.Request) {
	fault, cfg := s.faults.draw()
	if fault == "" {
		s.serveAPI(w, r)
		return
	}
	if fault == FaultTruncatedJSON {
		s.serveTruncated(w, r)
		return
	}
	s.faults.count(fault)
	switch fault {
	case FaultTooManyRequests:
		errorAnswer(errTooManyRequests(cfg.RetryAfter, "")).write(w)
	case FaultInternalError:
		errorAnswer(&apiError{status: http.StatusInternalServerError, code: "INTERNAL_ERROR", message: "Internal server error"}).write(w)
	case FaultServiceUnavailable:
		errorAnswer(&apiError{status: http.StatusServiceUnavailable, code: "REMOTE_SERVICE_UNAVAILABLE", message: "Service is temporarily unavailable"}).write(w)
	case FaultProxyPage:
		gatewayPage(w, http.StatusServiceUnavailable)
	case FaultDropBefore:
		panic(http.ErrAbortHandler)
	case FaultBadGateway, FaultGatewayTimeout:
		s.serveAPI(&bufferedResponse{}, r)
		gatewayPage(w, map[Fault]int{FaultBadGateway: http.StatusBadGateway, FaultGatewayTimeout: http.StatusGatewayTimeout}[fault])
	case FaultDropAfter:
		s.serveAPI(&bufferedResponse{}, r)
		panic(http.ErrAbortHandler)
	case FaultSlow:
		timer := time.NewTimer(cfg.SlowDelay)
		defer timer.Stop()
		select {
		case <-timer.C:
		case <-r.Context().Done():
		}
		s.serveAPI(w, r)
	}
}

// serveTruncated processes the request and sends the first half of the
// answer's body, with a Content-Length that matches what is sent.
func (s *Server) serveTruncated(w http.ResponseWriter, r *http.Request) {
	var rec bufferedResponse
	s.serveAPI(&rec, r)
	body := rec.body.Bytes()
	if len(body) > 1 {
		s.faults.count(FaultTruncatedJSON)
		body = body[:len(body)/2]
	}
	maps.Copy(w.Header(), rec.Header())
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(rec.code())
	_, _ = w.Write(body)
}

// gatewayPage writes the HTML error page of a gateway or proxy in front of
// the API.
func gatewayPage(w http.ResponseWriter, status int) {
	text := fmt.Sprintf("%d %s", status, http.StatusText(status))
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(status)
	_, _ = fmt.Fprintf(w, "<html>\r\n<head><title>%s</title></head>\r\n<body>\r\n<center><h1>%s</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n", text, text)
}

// bufferedResponse keeps an answer in memory instead of sending it.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header {
	if b.header == nil {
		b.header = http.Header{}
	}
	return b.header
}

func (b *bufferedResponse) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

func (b *bufferedResponse) Write(p []byte) (int, error) {
	b.WriteHeader(http.StatusOK)
	return b.body.Write(p)
}

func (b *bufferedResponse) code() int {
	if b.status == 0 {
		return http.StatusOK
	}
	return b.status
}

// faultsControl is the JSON body of PUT /_emulator/faults.
type faultsControl struct {
	Seed       uint64            `json:"seed"`
	Rates      map[Fault]float64 `json:"rates"`
	RetryAfter string            `json:"retry_after"`
	SlowDelay  string            `json:"slow_delay"`
}

func (s *Server) controlSetFaults(c *call) answer {
	var in faultsControl
	if err := decodeControl(c.body, &in); err != nil {
		return errorAnswer(err)
	}
	f := Faults{Seed: in.Seed, Rates: in.Rates}
	for field, d := range map[string]struct {
		raw string
		to  *time.Duration
	}{"retry_after": {in.RetryAfter, &f.RetryAfter}, "slow_delay": {in.SlowDelay, &f.SlowDelay}} {
		if d.raw == "" {
			continue
		}
		parsed, err := parseDelay(field, d.raw)
		if err != nil {
			return errorAnswer(err)
		}
		*d.to = parsed
	}
	if err := s.SetFaults(f); err != nil {
		return errorAnswer(errBadBody(err.Error()))
	}
	return noContent()
}

func (s *Server) controlFaultStats(*call) answer {
	return jsonAnswer(http.StatusOK, s.FaultStats())
}

func (s *Server) controlStopFaults(*call) answer {
	s.faults.configure(Faults{})
	return noContent()
}
