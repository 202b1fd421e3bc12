package openapitest

import (
	"bytes"
	"io"
	"net/http"
)

// Transport returns a RoundTripper that sends requests through base
// (http.DefaultTransport when nil) and reports to report what, in each
// exchange, differs from the description, with the same checks as
// [Spec.Middleware]. Use it in client tests against fakes.
//
// The request body is buffered before it is sent, and the response body is
// read in full and replaced by an equivalent reader, so the caller still
// receives all of it. Transport errors are returned unchanged and not
// reported.
func (s *Spec) Transport(base http.RoundTripper, report func(Violation)) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return &transport{spec: s, base: base, report: report}
}

// transport is the RoundTripper built by Spec.Transport.
type transport struct {
	spec   *Spec
	base   http.RoundTripper
	report func(Violation)
}

// RoundTrip checks the request, sends it and checks the response.
func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	body, err := readBody(req.Body)
	if err != nil {
		return nil, err
	}
	out := req.Clone(req.Context())
	if req.Body != nil && req.Body != http.NoBody {
		out.Body = io.NopCloser(bytes.NewReader(body))
		out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	}
	in := t.spec.checkRequest(req, body, t.report)
	resp, err := t.base.RoundTrip(out)
	if err != nil {
		return nil, err
	}
	data, err := readBody(resp.Body)
	resp.Body = io.NopCloser(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	resp.Request = req
	if in != nil {
		t.spec.checkResponse(in, resp.StatusCode, resp.Header, data, t.report)
	}
	return resp, nil
}
