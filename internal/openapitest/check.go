package openapitest

import (
	"strings"
	"sync"
	"testing"
)

// Check returns a report function for [Spec.Middleware] and [Spec.Transport]
// that collects violations and, when t's cleanup runs, fails t with all of
// them listed. It is safe for concurrent use.
//
// Call Check before starting the servers whose cleanup closes them, so that
// they are closed, and their last exchanges reported, before the list is
// checked (cleanups run last-registered first).
func Check(t testing.TB) func(Violation) {
	t.Helper()
	var (
		mu    sync.Mutex
		found []Violation
	)
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		if len(found) == 0 {
			return
		}
		var b strings.Builder
		for _, v := range found {
			b.WriteString("\n  - ")
			b.WriteString(v.String())
		}
		t.Errorf("openapitest: %d exchange(s) differ from the Toloka OpenAPI description:%s", len(found), b.String())
	})
	return func(v Violation) {
		mu.Lock()
		defer mu.Unlock()
		found = append(found, v)
	}
}
