package emulator

import "time"

// wireLayout is how the service writes dates: UTC without a zone suffix,
// with milliseconds.
const wireLayout = "2006-01-02T15:04:05.000"

// formatTime renders t as the service does.
func formatTime(t time.Time) string {
	return t.UTC().Format(wireLayout)
}

// wireTime is t as stored: UTC at the precision the wire shows, so that a
// value read back from a response compares equal to the stored one.
func wireTime(t time.Time) time.Time {
	return t.UTC().Truncate(time.Millisecond)
}

// parseFilterTime reads a date filter value: a plain date (midnight UTC) or
// a date-time with any number of fractional digits, zone-less (UTC) or with
// a zone (converted to UTC).
func parseFilterTime(s string) (time.Time, bool) {
	if t, err := time.ParseInLocation(time.DateOnly, s, time.UTC); err == nil {
		return t, true
	}
	if t, err := time.ParseInLocation("2006-01-02T15:04:05", s, time.UTC); err == nil {
		return t, true
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), true
	}
	return time.Time{}, false
}
