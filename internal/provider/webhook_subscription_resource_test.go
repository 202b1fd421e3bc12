package provider

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

const webhookAddr = "toloka_webhook_subscription.closed"

// webhookConfig subscribes a URL to the closing of toloka_pool.batch, with
// this secret key ("" for none).
func webhookConfig(e *testEmulator, url, secret string) string {
	key := ""
	if secret != "" {
		key = fmt.Sprintf("secret_key = %q", secret)
	}
	return poolConfig(e, "Cats", "") + fmt.Sprintf(`
resource "toloka_webhook_subscription" "closed" {
  event_type  = "POOL_CLOSED"
  pool_id     = toloka_pool.batch.id
  webhook_url = %q
  %s
}
`, url, key)
}

// checkWebhookIn checks the subscription Toloka has, secret key included.
func checkWebhookIn(e *testEmulator, url, secret string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		want := map[string]any{"event_type": "POOL_CLOSED", "pool_id": resourceID(s, poolAddr), "webhook_url": url, "secret_key": secret}
		if secret == "" {
			want["secret_key"] = nil
		}
		return checkStored(e.WebhookSubscription, webhookAddr, want)(s)
	}
}

func TestAccWebhookSubscription_lifecycle(t *testing.T) {
	e := newTestEmulator(t, 100*time.Millisecond)
	var ids []string
	remember := func(s *terraform.State) error { ids = append(ids, resourceID(s, webhookAddr)); return nil }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:           webhookConfig(e, "https://example.com/toloka", "first-secret"),
				ConfigPlanChecks: planned(webhookAddr, plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					// Toloka never returns the key: the state keeps the configured one.
					statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("secret_key"), knownvalue.StringExact("first-secret")),
					statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("created"), knownvalue.NotNull()),
				},
				Check: resource.ComposeTestCheckFunc(checkWebhookIn(e, "https://example.com/toloka", "first-secret"), remember),
			},
			{
				// Toloka edits no subscription: a new URL replaces it.
				Config:           webhookConfig(e, "https://example.com/toloka/v2", "first-secret"),
				ConfigPlanChecks: planned(webhookAddr, plancheck.ResourceActionDestroyBeforeCreate),
				Check:            resource.ComposeTestCheckFunc(checkWebhookIn(e, "https://example.com/toloka/v2", "first-secret"), remember),
			},
			{
				// So does a new secret key, which the plan does not show.
				Config: webhookConfig(e, "https://example.com/toloka/v2", "second-secret"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(webhookAddr, plancheck.ResourceActionDestroyBeforeCreate),
						plancheck.ExpectSensitiveValue(webhookAddr, tfjsonpath.New("secret_key")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(checkWebhookIn(e, "https://example.com/toloka/v2", "second-secret"), remember),
			},
			{
				ResourceName:            webhookAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"secret_key"},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			for _, id := range ids {
				if sub, found := e.WebhookSubscription(id); found {
					return fmt.Errorf("subscription %s is still in Toloka: %s", id, sub)
				}
			}
			return nil
		},
	})
}

// An imported subscription has no secret key in the state, since Toloka
// never returns it: the configured one is taken into the state in place,
// without replacing the subscription.
func TestAccWebhookSubscription_importTakesTheKey(t *testing.T) {
	e := newTestEmulator(t, 100*time.Millisecond)
	var id string
	url := "https://example.com/toloka"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: poolConfig(e, "Cats", ""),
				Check: func(s *terraform.State) error {
					sub, err := e.client(t).CreateWebhookSubscription(context.Background(), &toloka.WebhookSubscription{
						EventType: "POOL_CLOSED", PoolID: resourceID(s, poolAddr), WebhookURL: url, SecretKey: "made-outside",
					})
					if err == nil {
						id = sub.ID
					}
					return err
				},
			},
			{
				Config:             webhookConfig(e, url, "made-outside"),
				ResourceName:       webhookAddr,
				ImportState:        true,
				ImportStateIdFunc:  func(*terraform.State) (string, error) { return id, nil },
				ImportStatePersist: true,
			},
			{
				PreConfig:        e.ResetRequests,
				Config:           webhookConfig(e, url, "made-outside"),
				ConfigPlanChecks: planned(webhookAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New("secret_key"), knownvalue.StringExact("made-outside")),
				},
				Check: resource.ComposeTestCheckFunc(
					sameID(webhookAddr, &id),
					expectRequests(e, map[string]int{"PUT /webhook-subscriptions": 0, "DELETE /webhook-subscriptions/{id}": 0}),
				),
			},
		},
	})
}
