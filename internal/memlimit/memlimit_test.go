package memlimit

import (
	"math"
	runtimedebug "runtime/debug"
	"testing"
)

func TestSetDefaultOnlyWhenTheEnvironmentSetsNone(t *testing.T) {
	defer runtimedebug.SetGCPercent(runtimedebug.SetGCPercent(100))
	defer runtimedebug.SetMemoryLimit(runtimedebug.SetMemoryLimit(-1))
	for _, tc := range []struct {
		environ map[string]string
		want    bool
	}{
		{environ: map[string]string{"GOMEMLIMIT": "200MiB"}},
		{environ: map[string]string{"GOMEMLIMIT": "off"}},
		{environ: map[string]string{"GOGC": "100"}},
		{environ: map[string]string{"GOGC": ""}},
		{environ: map[string]string{"HOME": "/root"}, want: true},
	} {
		runtimedebug.SetMemoryLimit(math.MaxInt64)
		runtimedebug.SetGCPercent(100)
		set := SetDefault(func(name string) (string, bool) {
			v, ok := tc.environ[name]
			return v, ok
		})
		limit, percent := runtimedebug.SetMemoryLimit(-1), runtimedebug.SetGCPercent(100)
		switch {
		case set != tc.want:
			t.Errorf("with %v: set %t, want %t", tc.environ, set, tc.want)
		case set && (limit != Limit || percent != -1):
			t.Errorf("with %v: limit %d and GOGC %d, want %d and off", tc.environ, limit, percent, Limit)
		case !set && (limit != math.MaxInt64 || percent != 100):
			t.Errorf("with %v: the settings changed to a limit of %d and GOGC %d", tc.environ, limit, percent)
		}
	}
}
