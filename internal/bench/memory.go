package bench

// memorySetting is a setting of Go's garbage collector the provider's
// plans are measured with, next to the provider's own default (main.go).
type memorySetting struct {
	name string
	env  []string
}

// memorySettings are the settings of the memory table; the first, the Go
// runtime's own default, is the one the others' CPU is read against.
var memorySettings = []memorySetting{
	{name: "no limit (Go's default: GOGC=100)", env: []string{"GOMEMLIMIT=off", "GOGC=100"}},
	{name: "GOMEMLIMIT=56MiB (the provider's default before)", env: []string{"GOMEMLIMIT=56MiB", "GOGC=100"}},
	{name: "GOGC=off GOMEMLIMIT=48MiB", env: []string{"GOMEMLIMIT=48MiB", "GOGC=off"}},
	{name: "GOGC=off GOMEMLIMIT=80MiB", env: []string{"GOMEMLIMIT=80MiB", "GOGC=off"}},
}
