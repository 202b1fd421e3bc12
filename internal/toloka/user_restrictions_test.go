package toloka

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestCreateUserRestrictionSendsTheForm(t *testing.T) {
	var sent []byte
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPut || r.URL.Path != "/api/v1/user-restrictions" {
			t.Errorf("request %s %s", r.Method, r.URL.Path)
		}
		sent, _ = io.ReadAll(r.Body)
		writeBody(w, 200, readFixture(t, "user_restriction.json"))
	}))
	comment := "Many mistakes"
	expire := NewTime(time.Date(2030, 3, 28, 18, 8, 7, 0, time.UTC))
	old := NewTime(time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC))
	ban, err := client.CreateUserRestriction(context.Background(), &UserRestriction{
		ID: "54", Created: &old, // read-only: not sent
		Scope: RestrictionScopeProject, UserID: "f25a5f41-94e8-49bf-977f-3611087a16b3", ProjectID: "10",
		PrivateComment: &comment, WillExpire: &expire,
	})
	if err != nil {
		t.Fatal(err)
	}
	assertSameJSON(t, []byte(`{"scope":"PROJECT","user_id":"f25a5f41-94e8-49bf-977f-3611087a16b3","project_id":"10",
		"private_comment":"Many mistakes","will_expire":"2030-03-28T18:08:07"}`), sent)
	if ban.ID != "54" || ban.Scope != RestrictionScopeProject || ban.ProjectID != "10" || ban.PoolID != "" ||
		ban.WillExpire.APIString() != "2016-04-10T18:08:07" || ban.Created.APIString() != "2016-03-28T18:08:07" {
		t.Errorf("ban = %+v", ban)
	}
}

// A ban whose outcome is unknown is never made twice: the PUT is an upsert
// whose key the API does not document, so the client looks for the ban
// rather than sending it again.
func TestCreateUserRestrictionNeverBansTwice(t *testing.T) {
	for _, tc := range createFaultCases {
		t.Run(string(tc.fault)+" ", func(t *testing.T) {
			store := &collectionStore{path: "/user-restrictions", method: http.MethodPut, script: []postFault{tc.fault}}
			client, adopted := newCollectionClient(t, store)
			ban, err := client.CreateUserRestriction(context.Background(), &UserRestriction{
				Scope: RestrictionScopePool, UserID: "u1", PoolID: "30000001",
			})
			if err != nil {
				t.Fatal(err)
			}
			checkOneCreated(t, store, adopted, ban.ID, tc.creates, tc.adopted)
			if ban.PoolID != "30000001" || ban.UserID != "u1" {
				t.Errorf("ban = %+v", ban)
			}
		})
	}
}

// The search for a lost ban tells it from bans of the same Toloker made at
// the same time elsewhere.
func TestCreateUserRestrictionAdoptsOnlyItsOwnBan(t *testing.T) {
	store := &collectionStore{path: "/user-restrictions", method: http.MethodPut, script: []postFault{postDropAfter}}
	client, adopted := newCollectionClient(t, store)
	store.add(map[string]any{"scope": "POOL", "user_id": "u1", "pool_id": "30000002"}, 0)
	store.add(map[string]any{"scope": "ALL_PROJECTS", "user_id": "u1"}, 0)
	ban, err := client.CreateUserRestriction(context.Background(), &UserRestriction{
		Scope: RestrictionScopePool, UserID: "u1", PoolID: "30000001",
	})
	if err != nil || ban.ID != "3" || adopted.Load() != 1 || store.count() != 3 {
		t.Errorf("CreateUserRestriction = %+v, %v; %d adopted, %d stored", ban, err, adopted.Load(), store.count())
	}
}

func TestUserRestrictionNotFoundOnceLifted(t *testing.T) {
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method + " " + r.URL.Path {
		case "GET /api/v1/user-restrictions/54", "DELETE /api/v1/user-restrictions/54":
			writeBody(w, 404, []byte(`{"code":"DOES_NOT_EXIST","message":"Object does not exist"}`))
		case "DELETE /api/v1/user-restrictions/55":
			w.WriteHeader(http.StatusNoContent)
		default:
			t.Errorf("request %s %s", r.Method, r.URL.Path)
		}
	}))
	ctx := context.Background()
	if _, err := client.GetUserRestriction(ctx, "54"); !IsNotFound(err) {
		t.Errorf("GetUserRestriction: %v", err)
	}
	if err := client.DeleteUserRestriction(ctx, "54"); !IsNotFound(err) {
		t.Errorf("DeleteUserRestriction of a lifted ban: %v", err)
	}
	if err := client.DeleteUserRestriction(ctx, "55"); err != nil {
		t.Errorf("DeleteUserRestriction: %v", err)
	}
}

func TestListUserRestrictionsQuery(t *testing.T) {
	var query url.Values
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		query = r.URL.Query()
		writeBody(w, 200, []byte(`{"items":[`+string(readFixture(t, "user_restriction.json"))+`],"has_more":false}`))
	}))
	since := NewTime(time.Date(2024, 5, 6, 7, 8, 9, 10_000_000, time.UTC))
	page, err := client.ListUserRestrictions(context.Background(), UserRestrictionListOptions{
		Scope: RestrictionScopeProject, ProjectID: "10", UserID: "u", Created: TimeRange{Gte: since}, Limit: 20,
	})
	if err != nil {
		t.Fatal(err)
	}
	want := url.Values{"scope": {"PROJECT"}, "project_id": {"10"}, "user_id": {"u"}, "created_gte": {"2024-05-06T07:08:09.010"}, "limit": {"20"}}
	if query.Encode() != want.Encode() {
		t.Errorf("query %s, want %s", query.Encode(), want.Encode())
	}
	if len(page.Items) != 1 || !strings.HasPrefix(*page.Items[0].PrivateComment, "Many") {
		t.Errorf("page = %+v", page)
	}
}
