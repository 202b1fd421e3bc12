// Package memlimit sets how the Go garbage collector runs in the provider's
// process (and in the benchmark's floor that runs the framework as the
// provider does).
package memlimit

import runtimedebug "runtime/debug"

// Limit is the provider's soft memory limit, under which the garbage
// collector runs only when the heap reaches it (GOGC=off). A plan's live
// heap stays under a few MB while it allocates several MB per resource, so
// collecting only at the limit takes the least CPU that keeps the
// provider's peak memory under 100 MB: less than Go's default, which
// collects each time the heap doubles (the memory table of BENCHMARKS.md).
// Should the live heap near the limit, the runtime never lets the collector
// take more than half the CPU.
const Limit = 64 << 20

// SetDefault sets Limit and turns the collector's own pacing off, unless
// the environment (read by lookup) sets GOGC or GOMEMLIMIT: either leaves
// the collector to the Go runtime's settings, since collecting at the limit
// alone needs both. It reports whether it set them.
func SetDefault(lookup func(string) (string, bool)) bool {
	for _, name := range []string{"GOGC", "GOMEMLIMIT"} {
		if _, set := lookup(name); set {
			return false
		}
	}
	runtimedebug.SetMemoryLimit(Limit)
	runtimedebug.SetGCPercent(-1)
	return true
}
