package toloka

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// testToken is the API key the test clients send; tests check it never leaks.
const testToken = "Tk3yForTests-0123456789.abcdefghijkl.mnopqrstuv"

// newTestClient starts a server for handler and returns a client of it with
// tiny poll intervals.
func newTestClient(t testing.TB, handler http.Handler, configure ...func(*Config)) *Client {
	t.Helper()
	server := httptest.NewServer(handler)
	t.Cleanup(server.Close)
	cfg := Config{BaseURL: server.URL + "/api/v1", Credentials: APIKey(testToken)}
	for _, f := range configure {
		f(&cfg)
	}
	client, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	client.poll = pollSettings{first: time.Millisecond, floor: time.Millisecond, cap: 5 * time.Millisecond, growth: 0.5}
	client.retry = fastRetries
	return client
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "fixtures", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// assertSameJSON fails unless want and got encode the same JSON value.
func assertSameJSON(t *testing.T, want, got []byte) {
	t.Helper()
	wantValue, err := decodeJSONValue(want)
	if err != nil {
		t.Fatalf("want is not JSON: %v\n%s", err, want)
	}
	gotValue, err := decodeJSONValue(got)
	if err != nil {
		t.Fatalf("got is not JSON: %v\n%s", err, got)
	}
	if !reflect.DeepEqual(wantValue, gotValue) {
		t.Errorf("JSON differs\nwant: %s\n got: %s", compact(want), compact(got))
	}
}

func compact(data []byte) string {
	var b bytes.Buffer
	if json.Compact(&b, data) != nil {
		return string(data)
	}
	return b.String()
}

func writeBody(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// writeJSON answers 200 with v as JSON.
func writeJSON(t *testing.T, w http.ResponseWriter, v any) {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Errorf("encoding response: %v", err)
	}
	writeBody(w, http.StatusOK, data)
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal %T: %v", v, err)
	}
	return data
}
