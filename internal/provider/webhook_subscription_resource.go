package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// NewWebhookSubscriptionResource returns the toloka_webhook_subscription
// resource.
func NewWebhookSubscriptionResource() resource.Resource {
	return &objectResource[sentAlong[toloka.WebhookSubscription], webhookSubscriptionModel]{kind: &webhookSubscriptionKind}
}

// webhookSubscriptionKind: Toloka documents no edit of a subscription (its
// PUT upserts a list), so a change replaces it; destroying it deletes it.
var webhookSubscriptionKind = objectKind[sentAlong[toloka.WebhookSubscription], webhookSubscriptionModel]{
	name:      "webhook subscription",
	schema:    webhookSubscriptionSchema,
	create:    createWebhookSubscription,
	get:       gotAlone((*toloka.Client).GetWebhookSubscription),
	id:        func(s *sentAlong[toloka.WebhookSubscription]) string { return s.Object.ID },
	toAPI:     webhookSubscriptionModel.applyTo,
	stateFrom: webhookSubscriptionStateFrom,
	destroy:   destroyRule{remove: (*toloka.Client).DeleteWebhookSubscription},
}
