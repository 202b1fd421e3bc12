package toloka

import (
	"context"
	"net/http"
	"testing"
)

func TestGetRequester(t *testing.T) {
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || r.URL.Path != "/api/v1/requester" || r.URL.RawQuery != "" {
			t.Errorf("request %s %s?%s", r.Method, r.URL.Path, r.URL.RawQuery)
		}
		writeBody(w, 200, readFixture(t, "requester.json"))
	}))
	r, err := client.GetRequester(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != "566ec2b0ff0deeaae5f9d500629de162" || r.Balance == nil || *r.Balance != 121.3 || r.PublicName["EN"] != "Jack Smith" ||
		len(r.PublicName) != 1 || r.Company == nil || r.Company.ID != "eaf25678e128e14dea651d8c32471f21" ||
		r.Company.SuperintendentID != r.ID || r.Extra != nil || r.Company.Extra != nil {
		t.Errorf("requester = %+v, company %+v", r, r.Company)
	}
}

func TestGetRequesterWithoutCompanyOrBalance(t *testing.T) {
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeBody(w, 200, []byte(`{"id":"r1","public_name":{"EN":"A","RU":"Б"},"rating":5}`))
	}))
	r, err := client.GetRequester(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if r.Balance != nil || r.Company != nil || r.PublicName["RU"] != "Б" || string(r.Extra["rating"]) != "5" {
		t.Errorf("requester = %+v", r)
	}
}

func TestGetRequesterErrors(t *testing.T) {
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeBody(w, 401, []byte(`{"code":"AUTHENTICATION_ERROR","message":"no"}`))
	}))
	r, err := client.GetRequester(context.Background())
	if r != nil || !HasCode(err, "AUTHENTICATION_ERROR") {
		t.Errorf("GetRequester = %v, %v", r, err)
	}
}
