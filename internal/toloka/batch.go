package toloka

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// batchAnswer is the answer of a batch request (PUT /webhook-subscriptions):
// the objects made and, for the items refused, each field's error, both
// keyed by the item's index in the request ("0", "1", ...).
type batchAnswer[T any] struct {
	Items            map[string]T               `json:"items"`
	ValidationErrors map[string]json.RawMessage `json:"validation_errors,omitempty"`
}

// InvalidItemsError reports the items of a batch request that the API
// refused, with the reason for each field.
type InvalidItemsError struct {
	// Items maps the index of each refused item in the request to its
	// field errors, keyed by field path (e.g. "webhook_url").
	Items map[int]map[string]FieldError
	// Total is the number of items the request sent.
	Total int
	// Answer is the API's error answer when it refused the whole request;
	// nil when it made the other items.
	Answer *APIError
}

// Error names each refused item and its fields.
func (e *InvalidItemsError) Error() string {
	var b strings.Builder
	if e.Total == 1 && len(e.Items) == 1 {
		b.WriteString("toloka: the item was refused: ")
	} else {
		fmt.Fprintf(&b, "toloka: %d of %d items refused: ", len(e.Items), e.Total)
	}
	for i, index := range slices.Sorted(maps.Keys(e.Items)) {
		if i > 0 {
			b.WriteString("; ")
		}
		if e.Total != 1 {
			fmt.Fprintf(&b, "item %d: ", index)
		}
		b.WriteString(describeFieldErrors(e.Items[index]))
	}
	if e.Answer != nil && e.Answer.RequestID != "" {
		b.WriteString("; request id " + e.Answer.RequestID)
	}
	return b.String()
}

// Unwrap returns the API's error answer, if any.
func (e *InvalidItemsError) Unwrap() error {
	if e.Answer == nil {
		return nil
	}
	return e.Answer
}

func describeFieldErrors(fields map[string]FieldError) string {
	if len(fields) == 0 {
		return "no reason given"
	}
	return formatFieldErrors(fields)
}

// results orders the items of the answer to a request of total items: the
// item made for each index, nil for the refused ones. It returns an
// *InvalidItemsError when some were refused.
func (a *batchAnswer[T]) results(total int) ([]*T, error) {
	out := make([]*T, total)
	for key, item := range a.Items {
		index, err := itemIndex(key, total)
		if err != nil {
			return nil, err
		}
		out[index] = &item
	}
	invalid := &InvalidItemsError{Items: map[int]map[string]FieldError{}, Total: total}
	for key, raw := range a.ValidationErrors {
		index, err := itemIndex(key, total)
		if err != nil {
			return nil, err
		}
		invalid.Items[index] = parseFieldErrors(raw)
	}
	for i, item := range out {
		if _, refused := invalid.Items[i]; item == nil && !refused {
			return nil, fmt.Errorf("toloka: the answer neither made nor refused item %d", i)
		}
	}
	if len(invalid.Items) > 0 {
		return out, invalid
	}
	return out, nil
}

// itemIndex reads the key of an item in a batch answer.
func itemIndex(key string, total int) (int, error) {
	index, err := strconv.Atoi(key)
	if err != nil || index < 0 || index >= total || strconv.Itoa(index) != key {
		return 0, fmt.Errorf("toloka: the answer names item %q of a request of %d", key, total)
	}
	return index, nil
}

// refusedItems turns the error answer to a batch request of total items
// whose payload is keyed by item index into an *InvalidItemsError; it
// returns any other error unchanged.
func refusedItems(err error, total int) error {
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Code != CodeValidationError || len(apiErr.Payload) == 0 {
		return err
	}
	var members map[string]json.RawMessage
	if json.Unmarshal(apiErr.Payload, &members) != nil || len(members) == 0 {
		return err
	}
	invalid := &InvalidItemsError{Items: map[int]map[string]FieldError{}, Total: total, Answer: apiErr}
	for key, raw := range members {
		index, indexErr := itemIndex(key, total)
		if indexErr != nil {
			return err
		}
		invalid.Items[index] = parseFieldErrors(raw)
	}
	return invalid
}
