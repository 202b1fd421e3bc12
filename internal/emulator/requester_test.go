package emulator

import (
	"encoding/json"
	"math"
	"net/http"
	"reflect"
	"slices"
	"testing"
)

func (e *testEnv) requester() map[string]any {
	e.t.Helper()
	return e.do(http.MethodGet, "/api/v1/requester", nil).want(e.t, http.StatusOK).object(e.t)
}

func TestGetRequester(t *testing.T) {
	e := newCheckedEnv(t, Options{RequesterID: "r-1", CompanyID: "c-1"})
	want := map[string]any{
		"id":          "r-1",
		"balance":     json.Number("100"),
		"public_name": map[string]any{"EN": "Emulated requester"},
		"company":     map[string]any{"id": "c-1", "superintendent_id": "r-1"},
	}
	if got := e.requester(); !reflect.DeepEqual(got, want) {
		t.Errorf("requester\n got %v\nwant %v", got, want)
	}
}

func TestRequesterMatchesFixtureShape(t *testing.T) {
	e := newEnv(t, Options{})
	got, reference := e.requester(), fixture(t, "requester.json")
	gotKeys, wantKeys := keysOf(got), keysOf(reference)
	slices.Sort(gotKeys)
	slices.Sort(wantKeys)
	if !slices.Equal(gotKeys, wantKeys) {
		t.Errorf("members %v, want %v", gotKeys, wantKeys)
	}
	for _, path := range [][]string{{"id"}, {"balance"}, {"public_name", "EN"}, {"company", "id"}, {"company", "superintendent_id"}} {
		if jsonType(at(got, path...)) != jsonType(at(reference, path...)) {
			t.Errorf("%v = %v, want a %s like %v", path, at(got, path...), jsonType(at(reference, path...)), at(reference, path...))
		}
	}
}

func TestSetRequesterBalance(t *testing.T) {
	e := newCheckedEnv(t, Options{})
	for _, balance := range []float64{0.35, 0, -2.5} {
		if err := e.s.SetRequesterBalance(balance); err != nil {
			t.Fatal(err)
		}
		got, _ := e.requester()["balance"].(json.Number).Float64()
		if got != balance {
			t.Errorf("balance %v after setting %v", got, balance)
		}
	}
	for _, bad := range []float64{math.NaN(), math.Inf(1)} {
		if err := e.s.SetRequesterBalance(bad); err == nil {
			t.Errorf("SetRequesterBalance(%v) succeeded", bad)
		}
	}
	if got := e.requester()["balance"]; got != json.Number("-2.5") {
		t.Errorf("balance %v after refused settings", got)
	}
}

func TestRequesterBalanceControl(t *testing.T) {
	e := newEnv(t, Options{})
	e.control(http.MethodPut, "/requester/balance", map[string]any{"balance": 12.75}).want(t, http.StatusNoContent)
	if got := e.requester()["balance"]; got != json.Number("12.75") {
		t.Errorf("balance %v", got)
	}
	for _, body := range []any{map[string]any{}, map[string]any{"balance": "12"}, map[string]any{"amount": 1}} {
		wantError(t, e.control(http.MethodPut, "/requester/balance", body), http.StatusBadRequest, "VALIDATION_ERROR")
	}
	wantError(t, e.control(http.MethodGet, "/requester/balance", nil), http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED")
	if got := e.requester()["balance"]; got != json.Number("12.75") {
		t.Errorf("balance %v after refused controls", got)
	}
}
