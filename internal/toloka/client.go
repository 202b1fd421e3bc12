package toloka

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// API roots of the two Toloka environments. Keys are issued per environment.
const (
	SandboxURL    = "https://sandbox.toloka.dev/api/v1"
	ProductionURL = "https://toloka.dev/api/v1"
)

// Authorization schemes the API accepts.
const (
	SchemeAPIKey = "ApiKey"
	SchemeOAuth  = "OAuth"
)

const (
	defaultUserAgent = "terraform-provider-toloka"
	// defaultRequestTimeout bounds one HTTP exchange of the default client in
	// case the caller's context has no deadline.
	defaultRequestTimeout = 2 * time.Minute
	maxRedirects          = 10
	// maxResponseBytes guards memory against a misbehaving server or proxy.
	maxResponseBytes = 64 << 20
)

// Credentials authenticate requests: the header is "Authorization: <Scheme> <Token>".
// Its String and GoString methods hide the token.
type Credentials struct {
	Scheme string
	Token  string
}

// ApiKey returns credentials for a Toloka API key, the current form.
func APIKey(token string) Credentials {
	return Credentials{Scheme: SchemeAPIKey, Token: token}
}

// OAuth returns credentials for a legacy OAuth token.
func OAuth(token string) Credentials {
	return Credentials{Scheme: SchemeOAuth, Token: token}
}

// String describes the credentials without revealing the token.
func (c Credentials) String() string {
	if c.Token == "" {
		return c.Scheme + " (no token)"
	}
	return c.Scheme + " (token redacted)"
}

// GoString is String, so that %#v does not reveal the token either.
func (c Credentials) GoString() string {
	return c.String()
}

// Validate checks that the credentials can be sent: a known scheme and a
// token without spaces or control characters. Its errors never quote the token.
func (c Credentials) Validate() error {
	if c.Scheme != SchemeAPIKey && c.Scheme != SchemeOAuth {
		return fmt.Errorf("toloka: unsupported credentials scheme %q: use %s or %s", c.Scheme, SchemeAPIKey, SchemeOAuth)
	}
	if c.Token == "" {
		return errors.New("toloka: credentials have an empty token")
	}
	if strings.IndexFunc(c.Token, func(r rune) bool { return r <= ' ' || r == 0x7f }) >= 0 {
		return errors.New("toloka: credentials token contains spaces or control characters")
	}
	return nil
}

func (c Credentials) header() string {
	return c.Scheme + " " + c.Token
}

// Config configures a Client.
type Config struct {
	// BaseURL is the API root, e.g. SandboxURL. It must be https, except for
	// a loopback host (127.0.0.0/8, ::1, localhost) where http is allowed.
	BaseURL     string
	Credentials Credentials
	// UserAgent is sent with every request; a default is used when empty.
	UserAgent string
	// HTTPClient sends the requests. When nil, a client honouring the
	// standard proxy environment variables is used. Either way, redirects to
	// another host do not carry the Authorization header.
	HTTPClient *http.Client
	// Logger, when set, receives a debug line per HTTP exchange and per
	// retry. It never receives credentials or request bodies.
	Logger func(ctx context.Context, msg string, fields map[string]any)
	// Retry says which failed requests are repeated, how often and after how
	// long; nil means DefaultRetryPolicy().
	Retry *RetryPolicy
	// RateLimiter, when set, paces the requests (see RateLimiter); share one
	// among the clients of an account. Its waits count toward HTTPClient's
	// Timeout. Nil sends requests as they come.
	RateLimiter *RateLimiter
	// ReadTimeout bounds each GET whose context has no deadline (a read, one
	// page of a list, one poll of an operation), its retries included, so
	// that a read never hangs; zero means DefaultReadTimeout. A context with
	// a deadline keeps its own.
	ReadTimeout time.Duration
}

// Client calls the Toloka REST API v1. It is safe for concurrent use.
type Client struct {
	baseURL    string
	authHeader string
	userAgent  string
	http       *http.Client
	logger     func(ctx context.Context, msg string, fields map[string]any)

	// poll tunes WaitOperation; tests shrink it.
	poll pollSettings
	// sleep waits for d or until ctx ends; tests replace it to observe waits.
	sleep func(ctx context.Context, d time.Duration) error

	// retry, readTimeout, jitter, serverClock and claimed serve the retry
	// policy, the bound on reads and the adoption of objects whose create
	// lost its answer (retry.go, create.go).
	retry       RetryPolicy
	readTimeout time.Duration
	jitter      func() float64
	serverClock serverClock
	claimed     sync.Map
}

// New checks cfg and returns a Client.
func New(cfg Config) (*Client, error) {
	baseURL, err := parseBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	if err := cfg.Credentials.Validate(); err != nil {
		return nil, err
	}
	retry := DefaultRetryPolicy()
	if cfg.Retry != nil {
		retry = *cfg.Retry
	}
	if err := retry.validate(); err != nil {
		return nil, err
	}
	readTimeout, err := readTimeoutOf(cfg)
	if err != nil {
		return nil, err
	}
	userAgent := cfg.UserAgent
	if userAgent == "" {
		userAgent = defaultUserAgent
	}
	return &Client{
		baseURL:     baseURL,
		authHeader:  cfg.Credentials.header(),
		userAgent:   userAgent,
		http:        cfg.RateLimiter.wrap(httpClientFor(cfg.HTTPClient), baseURL, cfg.Logger),
		logger:      cfg.Logger,
		poll:        defaultPollSettings,
		sleep:       sleepContext,
		retry:       retry,
		readTimeout: readTimeout,
		jitter:      randomFraction,
	}, nil
}

// readTimeoutOf is cfg's ReadTimeout, or DefaultReadTimeout when it is zero.
func readTimeoutOf(cfg Config) (time.Duration, error) {
	switch {
	case cfg.ReadTimeout < 0:
		return 0, fmt.Errorf("toloka: ReadTimeout %s is negative", cfg.ReadTimeout)
	case cfg.ReadTimeout == 0:
		return DefaultReadTimeout, nil
	}
	return cfg.ReadTimeout, nil
}

// parseBaseURL validates the API root and returns it without a trailing slash.
func parseBaseURL(raw string) (string, error) {
	if strings.TrimSpace(raw) == "" {
		return "", fmt.Errorf("toloka: base URL is required, e.g. %s", SandboxURL)
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		// The url.Error text repeats the URL, which may hold a secret.
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return "", fmt.Errorf("toloka: base URL is not a valid URL: %v", err)
	}
	switch {
	case u.User != nil:
		return "", fmt.Errorf("toloka: base URL %s must not contain user information; use Credentials", u.Redacted())
	case u.Scheme != "http" && u.Scheme != "https":
		return "", fmt.Errorf("toloka: base URL %s must be an absolute http or https URL", u.Redacted())
	case u.Host == "":
		return "", fmt.Errorf("toloka: base URL %s has no host", u.Redacted())
	case u.RawQuery != "" || u.Fragment != "":
		return "", fmt.Errorf("toloka: base URL %s must not have a query or fragment", u.Redacted())
	case u.Scheme == "http" && !isLoopbackHost(u.Hostname()):
		return "", fmt.Errorf("toloka: base URL %s uses plain http, which is only allowed for a loopback host (127.0.0.0/8, ::1, localhost); use https", u.Redacted())
	}
	return strings.TrimRight(u.String(), "/"), nil
}

func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// httpClientFor returns a copy of custom (or a default client) whose redirect
// policy keeps the credentials on the original host.
func httpClientFor(custom *http.Client) *http.Client {
	var hc http.Client
	if custom != nil {
		hc = *custom
	} else {
		hc = http.Client{Transport: defaultTransport(), Timeout: defaultRequestTimeout}
	}
	hc.CheckRedirect = guardRedirect(hc.CheckRedirect)
	return &hc
}

func defaultTransport() http.RoundTripper {
	base, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		return &http.Transport{Proxy: http.ProxyFromEnvironment}
	}
	t := base.Clone()
	t.Proxy = http.ProxyFromEnvironment
	// Terraform runs up to 10 operations at once; with the default of 2
	// idle connections, most requests would open (and handshake) anew.
	t.MaxIdleConnsPerHost = maxIdleConnsPerHost
	return t
}

// maxIdleConnsPerHost keeps a connection for each of Terraform's parallel
// operations (10 by default), with room for a higher -parallelism.
const maxIdleConnsPerHost = 32

// guardRedirect wraps a redirect policy (nil: the default limit) so that a
// redirect to another host drops the Authorization header and a redirect
// from https to http is refused.
func guardRedirect(next func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		origin := via[0].URL
		if origin.Scheme == "https" && req.URL.Scheme != "https" {
			return fmt.Errorf("%w from https to %s", errRedirectRefused, req.URL.Redacted())
		}
		if !strings.EqualFold(req.URL.Host, origin.Host) {
			req.Header.Del("Authorization")
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= maxRedirects {
			return fmt.Errorf("%w: stopped after %d redirects", errRedirectRefused, maxRedirects)
		}
		return nil
	}
}

// do sends one API call and decodes a 2xx JSON body into out (when out is
// not nil). It returns the HTTP status, so callers can tell a 204 (no body,
// out untouched) from other successes. Error responses become *APIError.
// Failed calls are retried by the client's retry policy (retry.go), the one
// place that decides it; a POST is taken as not safe to repeat: use doAction
// for lifecycle actions and create for creates.
func (c *Client) do(ctx context.Context, method, path string, query url.Values, body, out any) (int, error) {
	return c.send(ctx, request{method: method, path: path, query: query, body: body, repeatable: method != http.MethodPost}, out)
}

// doAction posts a lifecycle action without a body (archive, open, close):
// sending one twice does what sending it once does, so it is retried like a GET.
func (c *Client) doAction(ctx context.Context, path string, out any) (int, error) {
	return c.send(ctx, request{method: http.MethodPost, path: path, repeatable: true}, out)
}

func encodeBody(body any) ([]byte, error) {
	if body == nil {
		return nil, nil
	}
	return json.Marshal(body)
}

// exchange performs one HTTP request and reads the whole response.
func (c *Client) exchange(ctx context.Context, method, target string, payload []byte, attempt int) (int, http.Header, []byte, error) {
	var bodyReader io.Reader
	if payload != nil {
		bodyReader = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, method, target, bodyReader)
	if err != nil {
		return 0, nil, nil, fmt.Errorf("toloka: building %s request: %w", method, err)
	}
	req.Header.Set("Authorization", c.authHeader)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}

	started := time.Now()
	fields := map[string]any{"method": method, "url": target, "attempt": attempt}
	resp, err := c.http.Do(req)
	if err != nil {
		fields["error"] = err.Error()
		fields["duration"] = time.Since(started).String()
		c.log(ctx, "toloka: request failed", fields)
		return 0, nil, nil, fmt.Errorf("toloka: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	fields["status"] = resp.StatusCode
	fields["duration"] = time.Since(started).String()
	c.log(ctx, "toloka: request", fields)
	switch {
	case err != nil:
		return 0, nil, nil, fmt.Errorf("toloka: reading response of %s %s: %w", method, req.URL.Path, err)
	case len(body) > maxResponseBytes:
		return 0, nil, nil, fmt.Errorf("toloka: response of %s %s exceeds %d bytes", method, req.URL.Path, maxResponseBytes)
	}
	return resp.StatusCode, resp.Header, body, nil
}

func decodeSuccess(method, path string, status int, body []byte, out any) error {
	if out == nil || status == http.StatusNoContent {
		return nil
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return fmt.Errorf("toloka: %s %s: HTTP %d with an empty body", method, path, status)
	}
	if err := decodeFresh(body, out); err != nil {
		return fmt.Errorf("toloka: %s %s: HTTP %d with an unexpected body (%v): %s", method, path, status, err, bodyExcerpt(body))
	}
	return nil
}

func (c *Client) log(ctx context.Context, msg string, fields map[string]any) {
	if c.logger != nil {
		c.logger(ctx, msg, fields)
	}
}

// sleepContext waits for d, or returns ctx's error if ctx ends first.
func sleepContext(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// escapeID validates a resource id and escapes it as one path segment.
func escapeID(kind, id string) (string, error) {
	if id == "" || id == "." || id == ".." {
		return "", fmt.Errorf("toloka: invalid %s id %q", kind, id)
	}
	return url.PathEscape(id), nil
}

// objectPath is the path of the object with this id in a collection
// ("/projects/"), followed by suffix ("" or an action such as "/archive").
func objectPath(collection, kind, id, suffix string) (string, error) {
	escaped, err := escapeID(kind, id)
	if err != nil {
		return "", err
	}
	return collection + escaped + suffix, nil
}
