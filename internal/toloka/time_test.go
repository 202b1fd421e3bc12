package toloka

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

func TestParseTime(t *testing.T) {
	utc := func(nanos int) time.Time { return time.Date(2022, 1, 22, 7, 50, 14, nanos, time.UTC) }
	for _, tc := range []struct {
		in   string
		want time.Time
	}{
		{"2022-01-22T07:50:14", utc(0)},
		{"2022-01-22T07:50:14.2", utc(200_000_000)},
		{"2022-01-22T07:50:14.210", utc(210_000_000)},
		{"2022-01-22T07:50:14.12345", utc(123_450_000)},
		{"2022-01-22T07:50:14.123456789", utc(123_456_789)},
		{"2022-01-22T07:50:14.210Z", utc(210_000_000)},
		{"2022-01-22T10:50:14+03:00", utc(0)},
		{"2022-01-22T02:50:14.5-0500", utc(500_000_000)},
		{"2022-01-22", time.Date(2022, 1, 22, 0, 0, 0, 0, time.UTC)},
	} {
		got, err := ParseTime(tc.in)
		if err != nil {
			t.Errorf("ParseTime(%q): %v", tc.in, err)
			continue
		}
		if !got.Equal(tc.want) || got.Location() != time.UTC {
			t.Errorf("ParseTime(%q) = %v, want %v in UTC", tc.in, got.Time, tc.want)
		}
	}
}

func TestParseTimeRejects(t *testing.T) {
	for _, in := range []string{"", "yesterday", "2022-01-22T07:50", "2022-13-01T00:00:00", "2022-01-22T07:50:14.", "22-01-22"} {
		if got, err := ParseTime(in); err == nil {
			t.Errorf("ParseTime(%q) = %v, want an error", in, got)
		}
	}
}

func TestTimeAPIString(t *testing.T) {
	at := func(nanos int, loc *time.Location) Time {
		return Time{time.Date(2016, 10, 21, 15, 37, 0, nanos, loc)}
	}
	for _, tc := range []struct {
		in   Time
		want string
	}{
		{at(0, time.UTC), "2016-10-21T15:37:00"},
		{at(210_000_000, time.UTC), "2016-10-21T15:37:00.210"},
		{at(5_000_000, time.UTC), "2016-10-21T15:37:00.005"},
		{at(123_450_000, time.UTC), "2016-10-21T15:37:00.12345"},
		{at(1, time.UTC), "2016-10-21T15:37:00.000000001"},
		{at(0, time.FixedZone("UTC+3", 3*3600)), "2016-10-21T12:37:00"},
	} {
		if got := tc.in.APIString(); got != tc.want {
			t.Errorf("APIString(%v) = %q, want %q", tc.in.Time, got, tc.want)
		}
	}
}

func TestTimeJSON(t *testing.T) {
	var holder struct {
		At   Time  `json:"at"`
		Null *Time `json:"null"`
	}
	if err := json.Unmarshal([]byte(`{"at":"2022-01-22T07:50:14.210","null":null}`), &holder); err != nil {
		t.Fatal(err)
	}
	if holder.Null != nil || holder.At.Nanosecond() != 210_000_000 {
		t.Errorf("decoded %+v", holder)
	}
	if got := string(mustMarshal(t, holder.At)); got != `"2022-01-22T07:50:14.210"` {
		t.Errorf("encoded %s", got)
	}
	if err := json.Unmarshal([]byte(`{"at":12}`), &holder); err == nil {
		t.Error("a number decoded as Time")
	}
}

func TestTimeTextRoundTrip(t *testing.T) {
	var parsed Time
	if err := parsed.UnmarshalText([]byte("2015-12-09T12:10:00")); err != nil {
		t.Fatal(err)
	}
	text, _ := parsed.MarshalText()
	if string(text) != "2015-12-09T12:10:00" {
		t.Errorf("MarshalText = %s", text)
	}
	if parsed.UnmarshalText([]byte("nope")) == nil {
		t.Error("UnmarshalText accepted garbage")
	}
}

var fixtureDate = regexp.MustCompile(`"(\d{4}-\d{2}-\d{2}T[0-9:.]+)"`)

// TestTimeRoundTripsEveryFixtureDate re-encodes each timestamp found in the
// fixtures and expects exactly the text the server sent.
func TestTimeRoundTripsEveryFixtureDate(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "fixtures", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, match := range fixtureDate.FindAllSubmatch(data, -1) {
			seen++
			var ts Time
			if err := json.Unmarshal(match[0], &ts); err != nil {
				t.Errorf("%s: %s: %v", file, match[1], err)
				continue
			}
			if got := ts.APIString(); got != string(match[1]) {
				t.Errorf("%s: %s re-encoded as %s", file, match[1], got)
			}
		}
	}
	if seen < 10 {
		t.Errorf("found only %d dates in the fixtures", seen)
	}
}
