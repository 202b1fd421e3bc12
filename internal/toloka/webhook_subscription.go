package toloka

import "encoding/json"

// Event types of webhook subscriptions.
const (
	EventPoolClosed              = "POOL_CLOSED"
	EventDynamicOverlapCompleted = "DYNAMIC_OVERLAP_COMPLETED"
	EventAssignmentCreated       = "ASSIGNMENT_CREATED"
	EventAssignmentSubmitted     = "ASSIGNMENT_SUBMITTED"
	EventAssignmentSkipped       = "ASSIGNMENT_SKIPPED"
	EventAssignmentExpired       = "ASSIGNMENT_EXPIRED"
	EventAssignmentApproved      = "ASSIGNMENT_APPROVED"
	EventAssignmentRejected      = "ASSIGNMENT_REJECTED"
)

// WebhookSubscription sends notifications of one event type of one pool to
// a URL (WebhookSubscriptionFormV1 and WebhookSubscriptionViewV1). Extra
// keeps every field this type does not model.
type WebhookSubscription struct {
	ID         string `json:"id,omitempty"`
	EventType  string `json:"event_type"`
	WebhookURL string `json:"webhook_url"`
	PoolID     string `json:"pool_id"`
	// SecretKey, when set, makes Toloka sign its notifications (the
	// Toloka-Signature header). The API never returns it.
	SecretKey Secret `json:"secret_key,omitempty"`
	Created   *Time  `json:"created,omitempty"`

	Extra map[string]json.RawMessage `json:"-"`
}

// Secret is a string that the fmt package prints redacted, so that a value
// holding it can be logged; encoding/json writes it as it is.
type Secret string

// String hides the secret.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return "(redacted)"
}

// GoString is String, so that %#v does not reveal the secret either.
func (s Secret) GoString() string {
	return s.String()
}

// form returns the members of the subscription that a request sends.
func (s WebhookSubscription) form() WebhookSubscription {
	s.ID, s.Created = "", nil
	return s
}

// MarshalJSON encodes the subscription, including the members kept in Extra.
func (s WebhookSubscription) MarshalJSON() ([]byte, error) {
	type plain WebhookSubscription
	return marshalKeepingExtra(plain(s), s.Extra)
}

// UnmarshalJSON decodes the subscription, keeping unknown members in Extra.
func (s *WebhookSubscription) UnmarshalJSON(data []byte) error {
	type plain WebhookSubscription
	return unmarshalKeepingExtra(data, (*plain)(s), &s.Extra)
}
