package provider

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// mapPrivateState is a resource's private state in memory.
type mapPrivateState map[string][]byte

func (m mapPrivateState) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	return m[key], nil
}

func (m mapPrivateState) SetKey(_ context.Context, key string, value []byte) diag.Diagnostics {
	m[key] = value
	return nil
}

// An operation the wait gave up on while it may still run, after a timeout
// or failed polls, is kept for the next apply; one that ended is forgotten.
func TestRunnerRemembersWhatMayStillRun(t *testing.T) {
	op := &toloka.Operation{ID: "op-7", Type: "POOL.ARCHIVE", Status: toloka.OperationRunning}
	for _, tc := range []struct {
		name string
		err  error
		want string // the pending operation's id; "" for none
	}{
		{"timed out", &toloka.OperationTimeoutError{Operation: op}, "op-7"},
		{"polls failed", &toloka.OperationPollError{Operation: op, FailedPolls: 6, Err: errors.New("HTTP 503")}, "op-7"},
		{"failed", &toloka.OperationFailedError{Operation: op}, ""},
		{"succeeded", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			private := mapPrivateState{pendingOperationKey: []byte(`{"id":"op-earlier"}`)}
			operationRunner{private: private}.remember(t.Context(), tc.err)
			if got := pendingOperationID(t.Context(), private); got != tc.want {
				t.Errorf("pending operation %q, want %q", got, tc.want)
			}
		})
	}
}

func TestLostOperationIsExplained(t *testing.T) {
	op := &toloka.Operation{ID: "op-7", Type: "POOL.ARCHIVE", Status: toloka.OperationRunning}
	err := &toloka.OperationPollError{Operation: op, FailedPolls: 6, Err: errors.New("toloka: HTTP 503")}
	diags := operationDiagnostics("pool", "Archiving pool 5", err)
	if len(diags) != 1 || diags[0].Summary() != "Lost track of a Toloka operation" {
		t.Fatalf("diagnostics %v", diags)
	}
	for _, want := range []string{"op-7", "Archiving pool 5", "the last 6 polls failed", "the next apply waits on this same operation"} {
		if !strings.Contains(diags[0].Detail(), want) {
			t.Errorf("detail %q does not say %q", diags[0].Detail(), want)
		}
	}
}
