package bench

import (
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		in   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{3}, 3},
		{[]float64{5, 1, 3}, 3},
		{[]float64{4, 1, 3, 2}, 2.5},
	} {
		if got := median(tc.in); got != tc.want {
			t.Errorf("median(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
	in := []float64{2, 1}
	median(in)
	if in[0] != 2 {
		t.Error("median sorted its argument")
	}
	if got := medianDuration([]time.Duration{time.Second, 3 * time.Second}); got != 2*time.Second {
		t.Errorf("medianDuration = %v", got)
	}
	if got := maxDuration([]time.Duration{time.Second, 3 * time.Second, 2 * time.Second}); got != 3*time.Second {
		t.Errorf("maxDuration = %v", got)
	}
}
