package toloka

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Time is a Toloka timestamp. The API writes UTC without a zone suffix,
// "YYYY-MM-DDThh:mm:ss[.fraction]"; Time reads that form (and, leniently, a
// trailing "Z" or offset, or a plain date) and writes it back zone-less.
type Time struct {
	time.Time
}

// The layouts ParseTime tries in turn. When parsing, Go accepts a fraction of
// any length after the seconds even though the layouts don't spell it out.
var timeLayouts = []string{
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05Z07:00",
	"2006-01-02T15:04:05Z0700",
	"2006-01-02",
}

// NewTime returns t as a Toloka timestamp, converted to UTC.
func NewTime(t time.Time) Time {
	return Time{t.UTC()}
}

// ParseTime parses a Toloka timestamp. A value without a zone is UTC. An
// offset that moves the time out of the years 1 to 9999 is refused, since
// such a time has no zone-less form to send back.
func ParseTime(s string) (Time, error) {
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			if year := t.UTC().Year(); year < 1 || year > 9999 {
				return Time{}, fmt.Errorf("toloka: timestamp %q is out of range once in UTC", s)
			}
			return NewTime(t), nil
		}
	}
	return Time{}, fmt.Errorf("toloka: invalid timestamp %q: want YYYY-MM-DDThh:mm:ss[.fraction] (UTC)", s)
}

// APIString formats t as the API writes timestamps: UTC, no zone suffix, and
// a fraction only when it is not zero. The fraction has three digits
// (milliseconds) unless the value is finer, then as many as it needs.
func (t Time) APIString() string {
	u := t.UTC()
	s := u.Format("2006-01-02T15:04:05")
	if nanos := u.Nanosecond(); nanos != 0 {
		fraction := strings.TrimRight(fmt.Sprintf("%09d", nanos), "0")
		for len(fraction) < 3 {
			fraction += "0"
		}
		s += "." + fraction
	}
	return s
}

// MarshalText implements encoding.TextMarshaler with APIString's format.
func (t Time) MarshalText() ([]byte, error) {
	return []byte(t.APIString()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseTime.
func (t *Time) UnmarshalText(text []byte) error {
	parsed, err := ParseTime(string(text))
	if err != nil {
		return err
	}
	*t = parsed
	return nil
}

// MarshalJSON writes t as a JSON string in APIString's format.
func (t Time) MarshalJSON() ([]byte, error) {
	return []byte(strconv.Quote(t.APIString())), nil
}

// UnmarshalJSON reads a JSON string with ParseTime; null leaves t unchanged.
func (t *Time) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return fmt.Errorf("toloka: timestamp must be a JSON string, got %s", data)
	}
	return t.UnmarshalText([]byte(s))
}
