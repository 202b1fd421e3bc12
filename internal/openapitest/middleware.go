package openapitest

import (
	"bytes"
	"io"
	"net/http"
)

// Middleware returns a handler that serves every request with next and
// reports to report what, in the exchange, differs from the description:
// an undocumented path or method; parameters, Authorization header or body
// of the request; status, Content-Type or body of the response. A response
// status is accepted when the operation documents it or, for 4xx and 5xx,
// when the body is a Toloka error.
//
// The request body is buffered, so next still reads all of it, and the
// response is passed through as it is written, a copy being kept for the
// checks made once next returns. report may be called from several
// goroutines at once. Mount the middleware where request paths still carry
// the /api/v1 prefix.
func (s *Spec) Middleware(next http.Handler, report func(Violation)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := readBody(r.Body)
		if err != nil {
			report(Violation{Method: r.Method, Path: r.URL.Path, Side: Request,
				Message: "reading the body: " + err.Error()})
		}
		if r.Body != nil && r.Body != http.NoBody {
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		in := s.checkRequest(r, body, report)
		rec := &recorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		if in != nil {
			s.checkResponse(in, rec.code(), rec.snapshot(), rec.body.Bytes(), report)
		}
	})
}

// recorder passes a response through to the real writer while keeping its
// status, headers and a copy of its body.
type recorder struct {
	http.ResponseWriter
	status int
	header http.Header
	body   bytes.Buffer
}

// WriteHeader records the first final status and the headers sent with it.
func (r *recorder) WriteHeader(code int) {
	if r.status == 0 && code >= 200 {
		r.status, r.header = code, r.ResponseWriter.Header().Clone()
	}
	r.ResponseWriter.WriteHeader(code)
}

// Write passes p through and keeps a copy of what was written.
func (r *recorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.WriteHeader(http.StatusOK)
	}
	n, err := r.ResponseWriter.Write(p)
	r.body.Write(p[:n])
	return n, err
}

// Flush sends buffered data to the client when the real writer can.
func (r *recorder) Flush() {
	if r.status == 0 {
		r.WriteHeader(http.StatusOK)
	}
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap gives http.ResponseController access to the real writer.
func (r *recorder) Unwrap() http.ResponseWriter {
	return r.ResponseWriter
}

// code returns the status sent, 200 if the handler wrote nothing.
func (r *recorder) code() int {
	if r.status == 0 {
		return http.StatusOK
	}
	return r.status
}

// snapshot returns the headers sent with the status.
func (r *recorder) snapshot() http.Header {
	if r.header == nil {
		return r.ResponseWriter.Header().Clone()
	}
	return r.header
}
