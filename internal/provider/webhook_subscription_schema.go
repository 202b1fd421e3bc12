package provider

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// webhookEventTypes are the events a subscription can be made for.
var webhookEventTypes = []string{
	toloka.EventAssignmentApproved, toloka.EventAssignmentCreated, toloka.EventAssignmentExpired,
	toloka.EventAssignmentRejected, toloka.EventAssignmentSkipped, toloka.EventAssignmentSubmitted,
	toloka.EventDynamicOverlapCompleted, toloka.EventPoolClosed,
}

// absoluteHTTPURL matches an absolute http or https URL.
var absoluteHTTPURL = regexp.MustCompile(`^https?://[^/?#\s]+[^\s]*$`)

func webhookSubscriptionSchema(context.Context) schema.Schema {
	return schema.Schema{
		Description: "A subscription that makes Toloka send a notification to a URL each time an event of one " +
			"type happens in one pool. Toloka edits no subscription, so any change replaces it; destroying the " +
			"resource deletes it.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Description:   "The subscription ID assigned by Toloka.",
				Computed:      true,
				PlanModifiers: keepStateString,
			},
			"event_type": schema.StringAttribute{
				Description:   "The event that is notified: `" + joinQuoted(webhookEventTypes) + "`.",
				Required:      true,
				Validators:    []validator.String{stringvalidator.OneOf(webhookEventTypes...)},
				PlanModifiers: replaceOnChange,
			},
			"pool_id": schema.StringAttribute{
				Description:   "The pool whose events are notified.",
				Required:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: replaceOnChange,
			},
			"webhook_url": schema.StringAttribute{
				Description: "The URL notifications are sent to: an absolute `http://` or `https://` URL.",
				Required:    true,
				Validators: []validator.String{stringvalidator.RegexMatches(absoluteHTTPURL,
					"must be an absolute http:// or https:// URL")},
				PlanModifiers: replaceOnChange,
			},
			"secret_key": schema.StringAttribute{
				Description: "A secret that Toloka signs its notifications with, so the receiver can check they " +
					"come from Toloka. Sensitive: never shown in plans or logs. Toloka never returns it, so the " +
					"state keeps the configured value: changing it replaces the subscription. After an import the " +
					"state has none, and the next apply takes the configured key into the state without sending it.",
				Optional:      true,
				Sensitive:     true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{replaceKnownSecret},
			},
			"created": schema.StringAttribute{
				Description:   "When the subscription was created, in UTC (`YYYY-MM-DDThh:mm:ss.sss`).",
				Computed:      true,
				PlanModifiers: keepStateString,
			},
		},
	}
}

// replaceKnownSecret replaces the subscription when its secret key changes
// from one the state holds; an imported subscription has none to compare.
var replaceKnownSecret = stringplanmodifier.RequiresReplaceIf(
	func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = !req.StateValue.IsNull()
	},
	"Changing the secret key replaces the subscription, unless the state has none (after an import).",
	"Changing the secret key replaces the subscription, unless the state has none (after an import).",
)
