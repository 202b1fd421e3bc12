package toloka

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
)

// WebhookSubscriptionListOptions filters and orders ListWebhookSubscriptions.
// Zero values are not sent.
type WebhookSubscriptionListOptions struct {
	// EventType is one of the Event constants.
	EventType string
	PoolID    string
	ID        IDRange
	Created   TimeRange
	// Sort is a comma-separated list of id and created, each optionally
	// prefixed by "-" for descending order.
	Sort string
	// Limit is the page size, at most 300; zero means 300.
	Limit int
}

func (o WebhookSubscriptionListOptions) query() url.Values {
	q := url.Values{"limit": {webhookSubscriptionCollection.pageLimit(o.Limit)}}
	setIfNotEmpty(q, "event_type", o.EventType)
	setIfNotEmpty(q, "pool_id", o.PoolID)
	o.ID.set(q)
	o.Created.set(q, "created")
	setIfNotEmpty(q, "sort", o.Sort)
	return q
}

// webhookIdentity are the members of a subscription that tell it from the
// others made at about the same time. The secret key is never returned.
var webhookIdentity = []string{"pool_id", "event_type", "webhook_url"}

// UpsertWebhookSubscriptions sends subscriptions in one request (PUT
// /webhook-subscriptions) and returns, in the order sent, each one as
// stored, or nil for those the API refused. When it refused some, the error
// is an *InvalidItemsError naming each one's fields, and the others are made
// all the same; when it refused all, there are no results. The id and
// created date of the subscriptions are not sent.
//
// The request is not repeated once the API may have acted on it: the API
// documents no key for its upsert, so sending again could make duplicates.
// CreateWebhookSubscription makes one subscription safely.
func (c *Client) UpsertWebhookSubscriptions(ctx context.Context, subs []WebhookSubscription) ([]*WebhookSubscription, error) {
	if len(subs) == 0 {
		return nil, errors.New("toloka: UpsertWebhookSubscriptions called without subscriptions")
	}
	forms := make([]WebhookSubscription, len(subs))
	for i, s := range subs {
		forms[i] = s.form()
	}
	var answer batchAnswer[WebhookSubscription]
	if _, err := c.send(ctx, request{method: http.MethodPut, path: webhookSubscriptionCollection.path, body: forms}, &answer); err != nil {
		return nil, refusedItems(err, len(subs))
	}
	return answer.results(len(subs))
}

// CreateWebhookSubscription makes one subscription and returns it as
// stored (without its secret key, which the API never returns). A refusal
// is an *InvalidItemsError naming the fields. When the outcome of the
// request is unknown, a subscription made by it is adopted rather than made
// twice (see Client.createBy): it is recognized by its pool, event type and
// URL.
func (c *Client) CreateWebhookSubscription(ctx context.Context, s *WebhookSubscription) (*WebhookSubscription, error) {
	if s == nil {
		return nil, errors.New("toloka: CreateWebhookSubscription called without a subscription")
	}
	form := s.form()
	cr := creation{
		method:     http.MethodPut,
		collection: webhookSubscriptionCollection.path,
		body:       []WebhookSubscription{form},
		object:     form,
		identity:   webhookIdentity,
		answer: func(found map[string]json.RawMessage) any {
			return map[string]any{"items": map[string]any{"0": found}}
		},
	}
	var answer batchAnswer[WebhookSubscription]
	if err := c.createBy(ctx, cr, &answer); err != nil {
		return nil, refusedItems(err, 1)
	}
	made, err := answer.results(1)
	if err != nil {
		return nil, err
	}
	c.claim(webhookSubscriptionCollection.path, made[0].ID)
	return made[0], nil
}

// GetWebhookSubscription returns a subscription, without its secret key. A
// missing one gives an error for which IsNotFound is true.
func (c *Client) GetWebhookSubscription(ctx context.Context, id string) (*WebhookSubscription, error) {
	return getObject[WebhookSubscription](ctx, c, webhookSubscriptionCollection, id)
}

// DeleteWebhookSubscription deletes a subscription. One already deleted
// gives an error for which IsNotFound is true, also when a first attempt
// whose answer was lost deleted it.
func (c *Client) DeleteWebhookSubscription(ctx context.Context, id string) error {
	return c.deleteObject(ctx, webhookSubscriptionCollection, id)
}

// ListWebhookSubscriptions returns one page of subscriptions.
func (c *Client) ListWebhookSubscriptions(ctx context.Context, opts WebhookSubscriptionListOptions) (*Page[WebhookSubscription], error) {
	return listObjects[WebhookSubscription](ctx, c, webhookSubscriptionCollection, opts.query())
}

// ListAllWebhookSubscriptions returns every subscription matching opts,
// fetching page after page in id order (opts.Sort is ignored; opts.ID.Gt is
// where to start).
func (c *Client) ListAllWebhookSubscriptions(ctx context.Context, opts WebhookSubscriptionListOptions) ([]WebhookSubscription, error) {
	opts.Sort = "id"
	query := func(idGt string) url.Values {
		opts.ID.Gt = idGt
		return opts.query()
	}
	return listEvery(ctx, c, webhookSubscriptionCollection, opts.ID.Gt, query, func(s *WebhookSubscription) string { return s.ID })
}
