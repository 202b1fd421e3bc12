package bench

import (
	"context"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/emulator"
	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// apiKey is the key the benchmark's emulators accept.
const apiKey = "bench-api-key-0000000000000001"

// tolokaEmulator is an emulator served on loopback by this process, with a
// log of the API requests it answered.
type tolokaEmulator struct {
	*emulator.Server
	apiURL string
	log    *requestLog
	server *http.Server
	// connections counts the TCP connections clients opened.
	connections atomic.Int64
}

// startEmulator serves a new emulator on a free loopback port.
func startEmulator(opts emulator.Options) (*tolokaEmulator, error) {
	opts.APIKeys = []string{apiKey}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	e := &tolokaEmulator{Server: emulator.New(opts), apiURL: "http://" + ln.Addr().String() + "/api/v1", log: &requestLog{}}
	e.server = &http.Server{Handler: e.log.middleware(e.Server), ReadHeaderTimeout: 10 * time.Second,
		ConnState: func(_ net.Conn, state http.ConnState) {
			if state == http.StateNew {
				e.connections.Add(1)
			}
		}}
	go func() { _ = e.server.Serve(ln) }()
	return e, nil
}

// startUnlimitedEmulator serves an emulator without creation quotas whose
// operations end at once until SetOperationDelay says otherwise.
func startUnlimitedEmulator() (*tolokaEmulator, error) {
	return startEmulator(emulator.Options{CreateQuota: &emulator.Quota{}, OperationDelay: -1})
}

func (e *tolokaEmulator) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = e.server.Shutdown(ctx)
}

// client returns an API client of the emulator; httpClient may be nil.
func (e *tolokaEmulator) client(httpClient *http.Client) (*toloka.Client, error) {
	return toloka.New(toloka.Config{BaseURL: e.apiURL, Credentials: toloka.APIKey(apiKey), HTTPClient: httpClient})
}

// totalRequests is the number of API requests counted since the last reset.
func (e *tolokaEmulator) totalRequests() int {
	n := 0
	for _, count := range e.Requests() {
		n += count
	}
	return n
}

// answer is one API request as the emulator answered it.
type answer struct {
	at     time.Time // when the answer was written
	method string
	path   string // with the /api/v1 prefix
	status int
}

// requestLog records the answers to API requests.
type requestLog struct {
	mu      sync.Mutex
	answers []answer
}

func (l *requestLog) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/api/") {
			next.ServeHTTP(w, r)
			return
		}
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		l.mu.Lock()
		l.answers = append(l.answers, answer{at: time.Now(), method: r.Method, path: r.URL.Path, status: sw.status})
		l.mu.Unlock()
	})
}

// since returns the answers written at or after t.
func (l *requestLog) since(t time.Time) []answer {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []answer
	for _, a := range l.answers {
		if !a.at.Before(t) {
			out = append(out, a)
		}
	}
	return out
}

// statusWriter remembers the status of the answer it writes.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	w.status = status
	w.ResponseWriter.WriteHeader(status)
}
