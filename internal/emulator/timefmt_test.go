package emulator

import (
	"testing"
	"time"
)

func TestFormatTime(t *testing.T) {
	cases := map[time.Time]string{
		time.Date(2022, 1, 22, 7, 50, 14, 210_000_000, time.UTC):                    "2022-01-22T07:50:14.210",
		time.Date(2016, 10, 21, 15, 37, 0, 0, time.UTC):                             "2016-10-21T15:37:00.000",
		time.Date(2022, 1, 22, 9, 50, 14, 210_999_999, time.FixedZone("EET", 7200)): "2022-01-22T07:50:14.210",
	}
	for in, want := range cases {
		if got := formatTime(in); got != want {
			t.Errorf("formatTime(%v) = %s, want %s", in, got, want)
		}
	}
}

func TestParseFilterTime(t *testing.T) {
	utc := func(h, m, s, ns int) time.Time { return time.Date(2022, 12, 1, h, m, s, ns, time.UTC) }
	cases := map[string]time.Time{
		"2022-12-01":                    utc(0, 0, 0, 0),
		"2022-12-01T10:20:30":           utc(10, 20, 30, 0),
		"2022-12-01T10:20:30.2":         utc(10, 20, 30, 200_000_000),
		"2022-12-01T10:20:30.210":       utc(10, 20, 30, 210_000_000),
		"2022-12-01T10:20:30.21034":     utc(10, 20, 30, 210_340_000),
		"2022-12-01T10:20:30.123456789": utc(10, 20, 30, 123_456_789),
		"2022-12-01T10:20:30Z":          utc(10, 20, 30, 0),
		"2022-12-01T12:20:30.5+02:00":   utc(10, 20, 30, 500_000_000),
	}
	for in, want := range cases {
		got, ok := parseFilterTime(in)
		if !ok || !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("parseFilterTime(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "yesterday", "2022-12-01 10:20:30", "2022-13-01", "01.12.2022"} {
		if _, ok := parseFilterTime(bad); ok {
			t.Errorf("parseFilterTime(%q) accepted", bad)
		}
	}
}
