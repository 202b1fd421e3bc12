package bench

import (
	"math"
	"testing"
	"time"
)

func TestRateFraction(t *testing.T) {
	at := func(s float64) time.Time {
		return time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC).Add(time.Duration(s * float64(time.Second)))
	}
	batch := func(start float64) []time.Time {
		var out []time.Time
		for i := range 20 {
			out = append(out, at(start+float64(i)*0.01))
		}
		return out
	}
	// Three batches of 20, each one window after the previous: the quota's
	// best, but for the 0.19 s each batch takes.
	best := quotaResult{perWindow: 20, window: 6 * time.Second, accepted: append(append(batch(0), batch(6)...), batch(12)...)}
	if got, want := best.rateFraction(), 12/12.19; math.Abs(got-want) > 1e-9 {
		t.Errorf("rateFraction = %v, want %v", got, want)
	}
	if best.span() != 12190*time.Millisecond || best.idealSpan() != 12*time.Second {
		t.Errorf("span %v, ideal %v", best.span(), best.idealSpan())
	}
	// A window lost between the batches halves the rate.
	slow := quotaResult{perWindow: 20, window: 6 * time.Second, accepted: append(append(batch(0), batch(12)...), batch(24)...)}
	if got := slow.rateFraction(); math.Abs(got-best.rateFraction()*12.19/24.19) > 1e-9 {
		t.Errorf("rateFraction with a lost window = %v", got)
	}
	if within := (quotaResult{perWindow: 20, window: time.Second, accepted: batch(0)}); !math.IsNaN(within.rateFraction()) {
		t.Error("creations within one window have a rate")
	}
	// A last window that is not full counts as a whole one.
	partial := quotaResult{perWindow: 20, window: 6 * time.Second, accepted: append(batch(0), at(6.5))}
	if got := partial.rateFraction(); math.Abs(got-6/6.5) > 1e-9 {
		t.Errorf("rateFraction with one creation in the second window = %v, want %v", got, 6/6.5)
	}
}
