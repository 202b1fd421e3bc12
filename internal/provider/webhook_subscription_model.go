package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// webhookSubscriptionModel is the Terraform side of a
// toloka_webhook_subscription.
type webhookSubscriptionModel struct {
	ID         types.String `tfsdk:"id"`
	EventType  types.String `tfsdk:"event_type"`
	PoolID     types.String `tfsdk:"pool_id"`
	WebhookURL types.String `tfsdk:"webhook_url"`
	SecretKey  types.String `tfsdk:"secret_key"`
	Created    types.String `tfsdk:"created"`
}

// applyTo writes the configured subscription, and the secret key sent along
// with it.
func (m webhookSubscriptionModel) applyTo(_ context.Context, s *sentAlong[toloka.WebhookSubscription]) diag.Diagnostics {
	s.Object.EventType = m.EventType.ValueString()
	s.Object.PoolID = m.PoolID.ValueString()
	s.Object.WebhookURL = m.WebhookURL.ValueString()
	s.value = m.SecretKey.ValueString()
	return nil
}

// webhookSubscriptionStateFrom describes the subscription as Toloka has it,
// with the secret key of the plan or the prior state, which Toloka never
// returns.
func webhookSubscriptionStateFrom(_ context.Context, s *sentAlong[toloka.WebhookSubscription], from webhookSubscriptionModel) (webhookSubscriptionModel, diag.Diagnostics) {
	return webhookSubscriptionModel{
		ID:         types.StringValue(s.Object.ID),
		EventType:  types.StringValue(s.Object.EventType),
		PoolID:     types.StringValue(s.Object.PoolID),
		WebhookURL: types.StringValue(s.Object.WebhookURL),
		SecretKey:  from.SecretKey,
		Created:    newTimestamp(s.Object.Created).StringValue,
	}, nil
}

// createWebhookSubscription sends the subscription with its secret key.
func createWebhookSubscription(c *toloka.Client, ctx context.Context, s *sentAlong[toloka.WebhookSubscription]) (*sentAlong[toloka.WebhookSubscription], error) {
	sub := s.Object
	sub.SecretKey = toloka.Secret(s.value)
	return along(c.CreateWebhookSubscription(ctx, &sub))
}
