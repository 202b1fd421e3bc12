package toloka_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/emulator"
	"github.com/toloka-terraform/terraform-provider-toloka/internal/openapitest"
	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

const emulatorKey = "client-test-key-000001.emulator.key"

// newEmulatorClient returns an emulator, whose traffic is checked against
// the OpenAPI description unless faults are to be injected, and a client of
// it with quick retries.
func newEmulatorClient(t *testing.T, retries int, faulty bool, logger func(context.Context, string, map[string]any)) (*emulator.Server, *toloka.Client) {
	t.Helper()
	srv := emulator.New(emulator.Options{APIKeys: []string{emulatorKey}, CreateQuota: &emulator.Quota{}, SkillCreateQuota: &emulator.Quota{}})
	var handler http.Handler = srv
	if !faulty {
		handler = openapitest.MustLoad(t).Middleware(srv, openapitest.Check(t))
	}
	hs := httptest.NewServer(handler)
	t.Cleanup(hs.Close)
	client, err := toloka.New(toloka.Config{
		BaseURL: hs.URL + "/api/v1", Credentials: toloka.APIKey(emulatorKey),
		Retry:  &toloka.RetryPolicy{MaxRetries: retries, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond, MaxRetryAfter: time.Minute},
		Logger: logger,
	})
	if err != nil {
		t.Fatal(err)
	}
	return srv, client
}

// The client's calls for skills, skill values, bans and webhook
// subscriptions are what the emulator, and the OpenAPI description, accept.
func TestObjectsAgainstTheEmulator(t *testing.T) {
	srv, client := newEmulatorClient(t, 0, false, nil)
	ctx := context.Background()
	pool := srv.AddPool("100001", "OPEN")

	hidden := false
	skill, err := client.CreateSkill(ctx, &toloka.Skill{Name: "Programmer", Hidden: &hidden, PublicName: map[string]string{"EN": "Programmer"}})
	if err != nil {
		t.Fatal(err)
	}
	deprecated := true
	skill.Deprecated = &deprecated
	if updated, err := client.UpdateSkill(ctx, skill.ID, skill); err != nil || !*updated.Deprecated || *updated.Hidden || *updated.Global {
		t.Fatalf("UpdateSkill = %+v, %v", updated, err)
	}
	if found, err := client.ListAllSkills(ctx, toloka.SkillListOptions{Name: "Programmer"}); err != nil || len(found) != 1 || found[0].ID != skill.ID {
		t.Fatalf("ListAllSkills = %+v, %v", found, err)
	}

	first, err := client.SetUserSkill(ctx, toloka.SetUserSkillRequest{SkillID: skill.ID, UserID: "u1", Value: 72.5, Reason: "private crowd"})
	if err != nil || *first.Value != 73 || *first.ExactValue != 72.5 {
		t.Fatalf("SetUserSkill = %+v, %v", first, err)
	}
	again, err := client.SetUserSkill(ctx, toloka.SetUserSkillRequest{SkillID: skill.ID, UserID: "u1", Value: 10})
	if err != nil || again.ID != first.ID {
		t.Fatalf("SetUserSkill again = %+v, %v; want id %s", again, err, first.ID)
	}
	if values, err := client.ListAllUserSkills(ctx, toloka.UserSkillListOptions{SkillID: skill.ID}); err != nil || len(values) != 1 {
		t.Fatalf("ListAllUserSkills = %+v, %v", values, err)
	}
	if err := client.DeleteUserSkill(ctx, first.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := client.GetUserSkill(ctx, first.ID); !toloka.IsNotFound(err) {
		t.Fatalf("GetUserSkill after delete: %v", err)
	}

	expire := toloka.NewTime(time.Now().Add(time.Hour))
	ban, err := client.CreateUserRestriction(ctx, &toloka.UserRestriction{Scope: toloka.RestrictionScopePool, UserID: "u1", PoolID: pool, WillExpire: &expire})
	if err != nil || ban.WillExpire == nil || !ban.WillExpire.Truncate(time.Millisecond).Equal(expire.Truncate(time.Millisecond)) {
		t.Fatalf("CreateUserRestriction = %+v, %v", ban, err)
	}
	if bans, err := client.ListAllUserRestrictions(ctx, toloka.UserRestrictionListOptions{Scope: toloka.RestrictionScopePool, PoolID: pool}); err != nil || len(bans) != 1 {
		t.Fatalf("ListAllUserRestrictions = %+v, %v", bans, err)
	}
	if err := srv.ExpireUserRestriction(ban.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := client.GetUserRestriction(ctx, ban.ID); !toloka.IsNotFound(err) {
		t.Fatalf("GetUserRestriction of a lifted ban: %v", err)
	}

	sub, err := client.CreateWebhookSubscription(ctx, &toloka.WebhookSubscription{
		EventType: toloka.EventPoolClosed, PoolID: pool, WebhookURL: "https://example.com/hook", SecretKey: "k3y",
	})
	if err != nil || sub.SecretKey != "" {
		t.Fatalf("CreateWebhookSubscription = %+v, %v", sub, err)
	}
	var stored struct {
		SecretKey string `json:"secret_key"`
	}
	raw, _ := srv.WebhookSubscription(sub.ID)
	if err := json.Unmarshal(raw, &stored); err != nil || stored.SecretKey != "k3y" {
		t.Fatalf("stored %s, %v", raw, err)
	}
	made, err := client.UpsertWebhookSubscriptions(ctx, []toloka.WebhookSubscription{
		{EventType: toloka.EventAssignmentApproved, PoolID: pool, WebhookURL: "https://example.com/hook"},
		{EventType: toloka.EventAssignmentRejected, PoolID: pool, WebhookURL: "example.com/hook"},
	})
	var invalid *toloka.InvalidItemsError
	if !errors.As(err, &invalid) || invalid.Items[1]["webhook_url"].Code != "INVALID_URL_SYNTAX" || made[0] == nil || made[1] != nil {
		t.Fatalf("UpsertWebhookSubscriptions = %v, %v", made, err)
	}
	if subs, err := client.ListAllWebhookSubscriptions(ctx, toloka.WebhookSubscriptionListOptions{PoolID: pool}); err != nil || len(subs) != 2 {
		t.Fatalf("ListAllWebhookSubscriptions = %+v, %v", subs, err)
	}
	if err := client.DeleteWebhookSubscription(ctx, sub.ID); err != nil {
		t.Fatal(err)
	}
}

// Against an emulator that drops and garbles answers, every create of a ban
// or a subscription ends with the object made, found again when its answer
// was lost. (The emulator's upserts would absorb a resent request; the
// client's refusal to resend is tested against a store that does not.)
func TestCreatesSurviveFaults(t *testing.T) {
	var adopted atomic.Int32
	srv, client := newEmulatorClient(t, 8, true, func(_ context.Context, msg string, _ map[string]any) {
		if strings.HasPrefix(msg, "toloka: adopted") {
			adopted.Add(1)
		}
	})
	ctx := context.Background()
	pool := srv.AddPool("100001", "OPEN")
	if err := srv.SetFaults(emulator.Faults{Seed: 11, Rates: map[emulator.Fault]float64{
		emulator.FaultDropAfter: 0.15, emulator.FaultBadGateway: 0.1, emulator.FaultTruncatedJSON: 0.1,
		emulator.FaultDropBefore: 0.05, emulator.FaultInternalError: 0.05,
	}}); err != nil {
		t.Fatal(err)
	}
	const n = 30
	returned := map[string]string{} // id → what it was made for
	for i := range n {
		user := fmt.Sprintf("u%02d", i)
		ban, err := client.CreateUserRestriction(ctx, &toloka.UserRestriction{Scope: toloka.RestrictionScopePool, UserID: user, PoolID: pool})
		if err != nil {
			t.Fatalf("ban of %s: %v", user, err)
		}
		returned["ban "+ban.ID] = user
		url := fmt.Sprintf("https://example.com/hook/%d", i)
		sub, err := client.CreateWebhookSubscription(ctx, &toloka.WebhookSubscription{EventType: toloka.EventPoolClosed, PoolID: pool, WebhookURL: url})
		if err != nil {
			t.Fatalf("subscription to %s: %v", url, err)
		}
		returned["subscription "+sub.ID] = url
	}
	stats := srv.FaultStats()
	if err := srv.SetFaults(emulator.Faults{}); err != nil {
		t.Fatal(err)
	}
	bans, err := client.ListAllUserRestrictions(ctx, toloka.UserRestrictionListOptions{PoolID: pool})
	if err != nil {
		t.Fatal(err)
	}
	subs, err := client.ListAllWebhookSubscriptions(ctx, toloka.WebhookSubscriptionListOptions{PoolID: pool})
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string]string{}
	for _, b := range bans {
		stored["ban "+b.ID] = b.UserID
	}
	for _, s := range subs {
		stored["subscription "+s.ID] = s.WebhookURL
	}
	if len(returned) != 2*n || !maps.Equal(returned, stored) {
		t.Errorf("the creates returned %v\nthe emulator stores %v", returned, stored)
	}
	if stats.Total() < 10 || adopted.Load() < 3 {
		t.Errorf("%d faults injected and %d creates adopted: the test proves little", stats.Total(), adopted.Load())
	}
}
