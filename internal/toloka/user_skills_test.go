package toloka

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"sync/atomic"
	"testing"
)

func TestSetUserSkillIsSafeToRepeat(t *testing.T) {
	var puts atomic.Int32
	var sent []byte
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPut || r.URL.Path != "/api/v1/user-skills" || r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("request %s %s (%s)", r.Method, r.URL.Path, r.Header.Get("Content-Type"))
		}
		sent, _ = io.ReadAll(r.Body)
		if puts.Add(1) == 1 { // processed, but the answer is lost
			dropConnection(w)
			return
		}
		writeBody(w, 200, readFixture(t, "user_skill.json"))
	}))
	set, err := client.SetUserSkill(context.Background(), SetUserSkillRequest{
		SkillID: "37825", UserID: "23c3835c9bbe4ec5418f7ef28c7ff5fb", Value: 0, Reason: "private crowd",
	})
	if err != nil {
		t.Fatal(err)
	}
	if puts.Load() != 2 {
		t.Errorf("%d PUTs, want the lost one sent again", puts.Load())
	}
	// A zero value is a value: it is sent.
	assertSameJSON(t, []byte(`{"skill_id":"37825","user_id":"23c3835c9bbe4ec5418f7ef28c7ff5fb","value":0,"reason":"private crowd"}`), sent)
	if set.ID != "1813606616" || set.SkillID != "37825" || *set.Value != 100 || *set.ExactValue != 100 ||
		set.Created.APIString() != "2022-01-25T09:21:58.854" || set.Modified.APIString() != "2022-01-25T09:21:58.854" {
		t.Errorf("set = %+v", set)
	}
}

func TestGetAndDeleteUserSkill(t *testing.T) {
	var deleted atomic.Bool
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/user-skills/1813606616", func(w http.ResponseWriter, r *http.Request) {
		if deleted.Load() {
			writeBody(w, 404, []byte(`{"code":"DOES_NOT_EXIST","message":"gone"}`))
			return
		}
		writeBody(w, 200, readFixture(t, "user_skill.json"))
	})
	mux.HandleFunc("DELETE /api/v1/user-skills/1813606616", func(w http.ResponseWriter, r *http.Request) {
		if deleted.Swap(true) {
			writeBody(w, 404, []byte(`{"code":"DOES_NOT_EXIST","message":"gone"}`))
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	client := newTestClient(t, mux)
	ctx := context.Background()
	got, err := client.GetUserSkill(ctx, "1813606616")
	if err != nil || got.UserID != "23c3835c9bbe4ec5418f7ef28c7ff5fb" {
		t.Fatalf("GetUserSkill = %+v, %v", got, err)
	}
	if err := client.DeleteUserSkill(ctx, "1813606616"); err != nil {
		t.Fatal(err)
	}
	if _, err := client.GetUserSkill(ctx, "1813606616"); !IsNotFound(err) {
		t.Errorf("GetUserSkill after delete: %v", err)
	}
	if err := client.DeleteUserSkill(ctx, "1813606616"); !IsNotFound(err) {
		t.Errorf("second delete: %v", err)
	}
	if err := client.DeleteUserSkill(ctx, ".."); err == nil {
		t.Error("DeleteUserSkill accepted the id ..")
	}
}

func TestListUserSkillsQuery(t *testing.T) {
	var query url.Values
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		query = r.URL.Query()
		writeJSON(t, w, Page[UserSkill]{})
	}))
	if _, err := client.ListUserSkills(context.Background(), UserSkillListOptions{
		UserID: "u1", SkillID: "37825", ID: IDRange{Lte: "9"}, Sort: "-modified",
	}); err != nil {
		t.Fatal(err)
	}
	want := url.Values{"user_id": {"u1"}, "skill_id": {"37825"}, "id_lte": {"9"}, "sort": {"-modified"}, "limit": {"1000"}}
	if query.Encode() != want.Encode() {
		t.Errorf("query %s, want %s", query.Encode(), want.Encode())
	}
}
