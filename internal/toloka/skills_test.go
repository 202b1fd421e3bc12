package toloka

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"
)

func TestGetSkill(t *testing.T) {
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || r.URL.Path != "/api/v1/skills/37825" {
			t.Errorf("request %s %s", r.Method, r.URL.Path)
		}
		writeBody(w, 200, readFixture(t, "skill.json"))
	}))
	skill, err := client.GetSkill(context.Background(), "37825")
	if err != nil {
		t.Fatal(err)
	}
	if skill.ID != "37825" || skill.Name != "product search relevance" || skill.PublicName["EN"] != "product search relevance" ||
		skill.PrivateComment == nil || *skill.PrivateComment != "" || !*skill.Hidden || *skill.Deprecated || *skill.Global ||
		skill.Owner.ID != "6c6e20dc86cca2ae787afcb2629de162" || !*skill.Owner.Myself ||
		skill.Created.APIString() != "2022-01-25T09:19:16.455" || skill.SkillTTLHours != nil || skill.Training != nil ||
		len(skill.Extra) != 0 {
		t.Errorf("skill = %+v", skill)
	}
}

func TestCreateSkillSendsOnlyWhatIsSet(t *testing.T) {
	var sent []byte
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/api/v1/skills" {
			t.Errorf("request %s %s", r.Method, r.URL.Path)
		}
		sent, _ = io.ReadAll(r.Body)
		writeBody(w, http.StatusCreated, readFixture(t, "skill.json"))
	}))
	hidden, ttl := false, int64(0)
	created, err := client.CreateSkill(context.Background(), &Skill{
		Name:                       "Programmer",
		PublicRequesterDescription: map[string]string{"EN": "You know C++"},
		Hidden:                     &hidden,
		SkillTTLHours:              &ttl,
	})
	if err != nil {
		t.Fatal(err)
	}
	if created.ID != "37825" {
		t.Errorf("created = %+v", created)
	}
	// hidden false and a zero TTL are values, sent as such.
	assertSameJSON(t, []byte(`{"name":"Programmer","public_requester_description":{"EN":"You know C++"},
		"hidden":false,"skill_ttl_hours":0}`), sent)
}

func TestCreateSkillNeverMakesTwo(t *testing.T) {
	for _, tc := range createFaultCases {
		t.Run(string(tc.fault)+" ", func(t *testing.T) {
			store := &collectionStore{path: "/skills", method: http.MethodPost, script: []postFault{tc.fault}}
			client, adopted := newCollectionClient(t, store)
			created, err := client.CreateSkill(context.Background(), &Skill{Name: "Programmer"})
			if err != nil {
				t.Fatal(err)
			}
			checkOneCreated(t, store, adopted, created.ID, tc.creates, tc.adopted)
			if created.Name != "Programmer" {
				t.Errorf("created = %+v", created)
			}
		})
	}
}

// TestGetThenUpdateSkillSendsEverythingBack checks that the GET → PUT round
// trip of a skill loses nothing.
func TestGetThenUpdateSkillSendsEverythingBack(t *testing.T) {
	stored := readFixture(t, "skill.json")
	var putBody []byte
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/skills/37825", func(w http.ResponseWriter, r *http.Request) {
		writeBody(w, 200, stored)
	})
	mux.HandleFunc("PUT /api/v1/skills/37825", func(w http.ResponseWriter, r *http.Request) {
		putBody, _ = io.ReadAll(r.Body)
		writeBody(w, 200, putBody)
	})
	client := newTestClient(t, mux)
	ctx := context.Background()
	skill, err := client.GetSkill(ctx, "37825")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.UpdateSkill(ctx, skill.ID, skill); err != nil {
		t.Fatal(err)
	}
	assertSameJSON(t, stored, putBody)
}

func TestListSkillsQuery(t *testing.T) {
	var query url.Values
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		query = r.URL.Query()
		writeBody(w, 200, readFixture(t, "skill_list_page.json"))
	}))
	global := false
	since := NewTime(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	page, err := client.ListSkills(context.Background(), SkillListOptions{
		Name: "search relevance", Global: &global, ID: IDRange{Gte: "10", Lt: "99"},
		Created: TimeRange{Lt: since}, Modified: TimeRange{Gt: since}, Sort: "-created", Limit: 500,
	})
	if err != nil {
		t.Fatal(err)
	}
	want := url.Values{
		"name": {"search relevance"}, "global": {"false"}, "id_gte": {"10"}, "id_lt": {"99"},
		"created_lt": {"2024-01-02T03:04:05"}, "modified_gt": {"2024-01-02T03:04:05"}, "sort": {"-created"},
		"limit": {"100"}, // at most 100 skills a page
	}
	if query.Encode() != want.Encode() {
		t.Errorf("query %s, want %s", query.Encode(), want.Encode())
	}
	if len(page.Items) != 1 || page.Items[0].ID != "37825" || !page.HasMore {
		t.Errorf("page = %+v", page)
	}
}

func TestListAllSkillsPagesInIDOrder(t *testing.T) {
	var queries []string
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		queries = append(queries, q.Encode())
		after, _ := strconv.Atoi(q.Get("id_gt"))
		page := Page[Skill]{HasMore: after < 2}
		if after < 3 {
			page.Items = []Skill{{ID: strconv.Itoa(after + 1), Name: "s"}}
		}
		writeJSON(t, w, page)
	}))
	skills, err := client.ListAllSkills(context.Background(), SkillListOptions{Name: "s", Sort: "-id"})
	if err != nil {
		t.Fatal(err)
	}
	if len(skills) != 3 || skills[0].ID != "1" || skills[2].ID != "3" {
		t.Errorf("skills = %+v", skills)
	}
	want := []string{"limit=100&name=s&sort=id", "id_gt=1&limit=100&name=s&sort=id", "id_gt=2&limit=100&name=s&sort=id"}
	if len(queries) != len(want) {
		t.Fatalf("queries %q, want %q", queries, want)
	}
	for i := range want {
		if queries[i] != want[i] {
			t.Errorf("query %d = %s, want %s", i, queries[i], want[i])
		}
	}
}
