package toloka

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

// DefaultMaxRetries is how many times a failed request is repeated when the
// Config sets no RetryPolicy.
const DefaultMaxRetries = 5

// RetryPolicy says how often and after how long a failed request is repeated.
//
// What is transient, for requests and for the polls of an operation alike
// (see attempt.transient): 408, 429, 500, 502, 503 and 504 answers, network
// errors, and 2xx answers whose body is cut or garbled. Never repeated are
// the other answers (400, 401, 403, 404, 409, 501, 505, …), which would not
// change, a refused redirect or an untrusted certificate, and any request
// once the caller's context has ended or when the wait would pass its
// deadline. Requests that are safe to repeat (GET, PUT, PATCH, DELETE and
// lifecycle actions such as archive) are repeated whatever went wrong; a
// create is repeated only once the client knows it made nothing (see
// Client.create), and another POST only when the API surely did not act on
// it (a 408 or 429, or a connection that failed before the request was sent).
// A poll of an operation is sent once: Client.WaitOperation repeats it.
type RetryPolicy struct {
	// MaxRetries is how many times a request is repeated after its first
	// attempt; 0 disables retries.
	MaxRetries int
	// BaseDelay is the backoff before the first retry; it doubles with each
	// retry up to MaxDelay. The wait is drawn at random between half the
	// backoff and the whole of it, so that clients that failed together do
	// not come back together.
	BaseDelay time.Duration
	MaxDelay  time.Duration
	// MaxRetryAfter is the longest wait a 429 or 503 may ask for (with
	// Retry-After or payload.interval) and still be waited for; an hourly or
	// daily quota is not worth blocking on.
	MaxRetryAfter time.Duration
}

// DefaultRetryPolicy is the policy of a client whose Config sets none.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{
		MaxRetries:    DefaultMaxRetries,
		BaseDelay:     500 * time.Millisecond,
		MaxDelay:      30 * time.Second,
		MaxRetryAfter: 2 * time.Minute,
	}
}

func (p RetryPolicy) validate() error {
	switch {
	case p.MaxRetries < 0:
		return fmt.Errorf("toloka: MaxRetries %d is negative", p.MaxRetries)
	case p.BaseDelay < 0 || p.MaxDelay < p.BaseDelay:
		return fmt.Errorf("toloka: retry delays must satisfy 0 <= BaseDelay (%s) <= MaxDelay (%s)", p.BaseDelay, p.MaxDelay)
	case p.MaxRetryAfter < 0:
		return fmt.Errorf("toloka: MaxRetryAfter %s is negative", p.MaxRetryAfter)
	}
	return nil
}

// backoff is the wait before retry number n (1 for the first), given a
// random fraction in [0, 1).
func (p RetryPolicy) backoff(n int, fraction float64) time.Duration {
	d := p.MaxDelay
	if shift := n - 1; shift < 62 && p.BaseDelay<<shift > 0 && p.BaseDelay<<shift < p.MaxDelay {
		d = p.BaseDelay << shift
	}
	return d/2 + time.Duration(fraction*float64(d/2))
}

// outcome is what a failed attempt tells about the request's effect.
type outcome int

const (
	// notProcessed: the API did not act on the request, which may be sent
	// again whatever it is.
	notProcessed outcome = iota
	// mayBeProcessed: the API may have acted on the request and is done
	// with it (a 5xx, a connection lost after sending, a garbled answer).
	mayBeProcessed
	// mayStillBeProcessing: the answer did not come in time; the API may
	// still be acting on the request.
	mayStillBeProcessing
	// final: repeating the request cannot succeed.
	final
)

// attempt is one exchange of a request as the retry policy sees it.
type attempt struct {
	number  int
	status  int // 0 without a response
	err     error
	outcome outcome
	reason  string // what went wrong, for the log
	// asked is the wait the answer asked for, if askedFor.
	asked    time.Duration
	askedFor bool
}

// transient reports whether the failure may not happen again: the one
// decision, for requests and polls alike, of what is worth repeating.
func (a attempt) transient() bool {
	return a.outcome != final
}

// statusOutcome classifies an error answer.
func statusOutcome(status int) outcome {
	switch status {
	case http.StatusRequestTimeout, http.StatusTooManyRequests:
		return notProcessed
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return mayBeProcessed
	}
	return final
}

// transportOutcome classifies an exchange that ended without an answer: a
// refused redirect or an untrusted certificate will not change; a failure
// before the request was sent left the API untouched; a timeout after it may
// leave the API still at work.
func transportOutcome(err error, sent bool) outcome {
	var certErr *tls.CertificateVerificationError
	switch {
	case errors.Is(err, errRedirectRefused) || errors.As(err, &certErr):
		return final
	case !isNetworkError(err):
		return final
	case !sent:
		return notProcessed
	case isTimeout(err):
		return mayStillBeProcessing
	}
	return mayBeProcessed
}

func isNetworkError(err error) bool {
	var urlErr *url.Error
	var netErr net.Error
	return errors.As(err, &urlErr) || errors.As(err, &netErr) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

func isTimeout(err error) bool {
	var netErr net.Error
	return errors.As(err, &netErr) && netErr.Timeout()
}

// errRedirectRefused marks the errors of the redirect guard.
var errRedirectRefused = errors.New("toloka: refusing redirect")

// decision is what the policy makes of a failed attempt.
type decision struct {
	retry bool
	wait  time.Duration
	// why explains a refusal to retry a retryable failure; empty otherwise.
	why string
	// pastDeadline: refused because the wait would pass ctx's deadline.
	pastDeadline bool
}

// decide says whether the request is sent again after a, and when.
// repeatable tells whether the request is safe to repeat.
func (p RetryPolicy) decide(ctx context.Context, a attempt, repeatable bool, fraction float64) decision {
	switch {
	case ctx.Err() != nil || !a.transient():
		return decision{}
	case !repeatable && a.outcome != notProcessed:
		return decision{why: "not sent again: the API may have acted on it"}
	case a.number > p.MaxRetries && p.MaxRetries == 0:
		return decision{}
	case a.number > p.MaxRetries:
		return decision{why: fmt.Sprintf("gave up after %d attempts", a.number)}
	}
	return p.schedule(ctx, a, a.number, fraction)
}

// schedule says when a transient failure, the nth in a row, may be tried
// again: after the wait the answer asked for (Retry-After, or a quota's
// payload.interval), or else after the backoff. It refuses a wait the API
// asks for that is longer than MaxRetryAfter, or one that would pass ctx's
// deadline. Requests and the polls of an operation share it.
func (p RetryPolicy) schedule(ctx context.Context, a attempt, n int, fraction float64) decision {
	wait, asked := a.asked, a.askedFor
	switch {
	case asked && wait > p.MaxRetryAfter:
		return decision{why: fmt.Sprintf("the API asks to wait %s", wait)}
	case !asked:
		wait = p.backoff(n, fraction)
	}
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) <= wait {
		return decision{why: fmt.Sprintf("waiting %s more would pass the deadline", wait.Round(time.Millisecond)), pastDeadline: true}
	}
	return decision{retry: true, wait: wait}
}

// serverWait is the wait an error answer asks for: its Retry-After, or for
// a 429 without one, the quota window its payload.interval names. Without
// either the backoff applies. A day-long window is reported as such, so
// that it is not waited for.
func serverWait(status int, header http.Header, payload json.RawMessage) (time.Duration, bool) {
	if wait, ok := retryAfter(header, time.Now()); ok {
		return wait, true
	}
	if status != http.StatusTooManyRequests {
		return 0, false
	}
	switch quotaInterval(payload) {
	case "MIN":
		return time.Minute, true
	case "HOUR":
		return time.Hour, true
	case "DAY":
		return 24 * time.Hour, true
	}
	return 0, false
}

// quotaInterval reads payload.interval of a 429: MIN, HOUR or DAY.
func quotaInterval(payload json.RawMessage) string {
	var p struct {
		Interval string `json:"interval"`
	}
	if len(payload) == 0 || json.Unmarshal(payload, &p) != nil {
		return ""
	}
	return strings.ToUpper(p.Interval)
}

// retryAfter parses a Retry-After header: delay seconds or an HTTP date.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	value := strings.TrimSpace(h.Get("Retry-After"))
	if value == "" {
		return 0, false
	}
	if seconds, err := strconv.ParseInt(value, 10, 64); err == nil && seconds >= 0 {
		const maxSeconds = int64(24 * time.Hour / time.Second) // keeps the Duration from overflowing
		return time.Duration(min(seconds, maxSeconds)) * time.Second, true
	}
	if at, err := http.ParseTime(value); err == nil {
		return max(at.Sub(now), 0), true
	}
	return 0, false
}

// request is one API call as send performs it.
type request struct {
	method string
	path   string
	query  url.Values
	body   any
	// repeatable: sending the request twice has the effect of sending it once.
	repeatable bool
	// adopt, for a create, looks for the object an attempt with an unknown
	// outcome may have made, decodes it into the output and reports whether
	// it found one. See Client.create.
	adopt func(ctx context.Context, out any) (bool, error)

	// root is the API root of path; empty means the client's base URL.
	root string
}

// adoptTimeout bounds the search for an object a create may have made, made
// even after the caller's context has ended so that the object is not lost.
const adoptTimeout = 30 * time.Second

// DefaultReadTimeout bounds a GET whose context has no deadline, when the
// Config sets no ReadTimeout.
const DefaultReadTimeout = 2 * time.Minute

// send performs req, repeating it as the retry policy allows, and decodes a
// 2xx body into out (when out is not nil). It returns the HTTP status, so
// callers can tell a 204 (no body, out untouched) from other successes.
// Error answers become *APIError. A GET whose context has no deadline is
// bounded by the client's read timeout, retries included.
func (c *Client) send(ctx context.Context, req request, out any) (int, error) {
	bounded, cancel := c.boundRead(ctx, req.method)
	defer cancel()
	status, err := c.sendRepeating(bounded, req, out)
	if err != nil && bounded.Err() != nil && ctx.Err() == nil {
		err = fmt.Errorf("toloka: %s %s did not finish within the read timeout of %s: %w", req.method, req.path, c.readTimeout, err)
	}
	return status, err
}

// sendRepeating is send within the context's bounds.
func (c *Client) sendRepeating(ctx context.Context, req request, out any) (int, error) {
	target, payload, err := c.prepare(req)
	if err != nil {
		return 0, err
	}
	for number := 1; ; number++ {
		a := c.try(ctx, req, target, payload, number, out)
		if a.err == nil {
			return a.status, nil
		}
		if req.adopt != nil && (a.outcome == mayBeProcessed || a.outcome == mayStillBeProcessing) {
			if adopted, err := c.adoptAfter(ctx, req, a, out); adopted || err != nil {
				return a.status, err
			}
		}
		next := c.retry.decide(ctx, a, req.repeatable || req.adopt != nil, c.jitter())
		if !next.retry {
			return a.status, giveUp(a, next.why)
		}
		c.log(ctx, "toloka: retrying", map[string]any{
			"method": req.method, "path": req.path, "attempt": number, "reason": a.reason, "wait": next.wait.String(),
		})
		if c.sleep(ctx, next.wait) != nil {
			return a.status, a.err
		}
	}
}

// once performs req a single time, bounded like send, and returns the
// attempt for the caller to decide on: the operation waiter, which repeats
// its polls itself.
func (c *Client) once(ctx context.Context, req request, out any) attempt {
	target, payload, err := c.prepare(req)
	if err != nil {
		return attempt{number: 1, err: err, outcome: final}
	}
	bounded, cancel := c.boundRead(ctx, req.method)
	defer cancel()
	return c.try(bounded, req, target, payload, 1, out)
}

// boundRead gives a GET whose context has no deadline one, the client's read
// timeout from now, so that a read can never hang.
func (c *Client) boundRead(ctx context.Context, method string) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok || method != http.MethodGet {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, c.readTimeout)
}

// prepare encodes req's body and builds its URL.
func (c *Client) prepare(req request) (target string, payload []byte, err error) {
	payload, err = encodeBody(req.body)
	if err != nil {
		return "", nil, fmt.Errorf("toloka: encoding %s %s request: %w", req.method, req.path, err)
	}
	root := req.root
	if root == "" {
		root = c.baseURL
	}
	target = root + req.path
	if len(req.query) > 0 {
		target += "?" + req.query.Encode()
	}
	return target, payload, nil
}

// try performs one attempt of req.
func (c *Client) try(ctx context.Context, req request, target string, payload []byte, number int, out any) attempt {
	traced, sent := trackSent(ctx)
	status, header, body, err := c.exchange(traced, req.method, target, payload, number)
	c.serverClock.note(header, time.Now())
	a := attempt{number: number, status: status}
	switch {
	case err != nil:
		a.err, a.outcome, a.reason = err, transportOutcome(err, sent.Load()), "no answer: "+err.Error()
		if ctx.Err() != nil {
			a.outcome = final
			if sent.Load() {
				a.outcome = mayStillBeProcessing
			}
		}
		return a
	case status >= 200 && status < 300:
		if err := decodeSuccess(req.method, req.path, status, body, out); err != nil {
			a.err, a.outcome, a.reason = err, mayBeProcessed, fmt.Sprintf("HTTP %d with a garbled body", status)
		}
		return a
	}
	apiErr := parseAPIError(status, body)
	if wait, ok := retryAfter(header, time.Now()); ok {
		apiErr.RetryAfter = wait
	}
	a.asked, a.askedFor = serverWait(status, header, apiErr.Payload)
	a.err, a.outcome, a.reason = apiErr, statusOutcome(status), fmt.Sprintf("HTTP %d %s", status, apiErr.Code)
	return a
}

// adoptAfter runs req.adopt after an attempt whose outcome is unknown. When
// nothing was found, an answer that may still be in the making leaves the
// outcome unknown: it is an error, since sending the create again could
// make a second object.
func (c *Client) adoptAfter(ctx context.Context, req request, a attempt, out any) (bool, error) {
	lookupCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), adoptTimeout)
	defer cancel()
	adopted, err := req.adopt(lookupCtx, out)
	switch {
	case err != nil:
		return false, fmt.Errorf("toloka: %s %s may have succeeded (%v), and looking for what it created failed: %w",
			req.method, req.path, a.err, err)
	case adopted:
		c.log(ctx, "toloka: adopted the object of a create whose answer was lost", map[string]any{
			"method": req.method, "path": req.path, "attempt": a.number, "reason": a.reason,
		})
		return true, nil
	case a.outcome == mayStillBeProcessing || ctx.Err() != nil:
		return false, fmt.Errorf("toloka: %s %s may still succeed (%v); it was not sent again, so as not to create a "+
			"second object: look for it before retrying: %w", req.method, req.path, a.err, a.err)
	}
	return false, nil
}

// giveUp is the error of the last attempt, saying why it was not repeated
// when it could have been.
func giveUp(a attempt, why string) error {
	if why == "" && a.number == 1 {
		return a.err
	}
	if why == "" {
		why = fmt.Sprintf("after %d attempts", a.number)
	}
	return fmt.Errorf("%w (%s)", a.err, why)
}

// trackSent returns ctx with an HTTP trace recording whether the request was
// written completely, after which the API may have acted on it.
func trackSent(ctx context.Context) (context.Context, *atomic.Bool) {
	sent := new(atomic.Bool)
	trace := &httptrace.ClientTrace{
		WroteRequest: func(info httptrace.WroteRequestInfo) {
			if info.Err == nil {
				sent.Store(true)
			}
		},
	}
	return httptrace.WithClientTrace(ctx, trace), sent
}

// decodeFresh decodes data into a new value of out's type and stores it in
// *out only when decoding succeeds, so that a garbled answer leaves nothing
// behind for the next attempt's answer to be merged with.
func decodeFresh(data []byte, out any) error {
	target := reflect.ValueOf(out)
	if target.Kind() != reflect.Pointer || target.IsNil() {
		return json.Unmarshal(data, out)
	}
	fresh := reflect.New(target.Elem().Type())
	if err := json.Unmarshal(data, fresh.Interface()); err != nil {
		return err
	}
	target.Elem().Set(fresh.Elem())
	return nil
}

// randomFraction is the default jitter source.
func randomFraction() float64 {
	return rand.Float64()
}
