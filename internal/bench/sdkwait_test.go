package bench

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// scriptedOperation serves GET /api/v1/operations/op-1: RUNNING until the
// poll numbered finishAt, SUCCESS from then on.
func scriptedOperation(t *testing.T, finishAt int32) (*toloka.Client, *atomic.Int32) {
	t.Helper()
	var polls atomic.Int32
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/v1/operations/op-1" {
			t.Errorf("unexpected request %s %s", r.Method, r.URL.Path)
		}
		status := "RUNNING"
		if polls.Add(1) >= finishAt {
			status = "SUCCESS"
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = fmt.Fprintf(w, `{"id":"op-1","type":"PROJECT.ARCHIVE","status":%q,"submitted":"2025-03-01T12:00:00"}`, status)
	}))
	t.Cleanup(server.Close)
	client, err := toloka.New(toloka.Config{BaseURL: server.URL + "/api/v1", Credentials: toloka.APIKey(apiKey)})
	if err != nil {
		t.Fatal(err)
	}
	return client, &polls
}

type pauseRecorder struct{ pauses []time.Duration }

func (p *pauseRecorder) sleep(_ context.Context, d time.Duration) error {
	p.pauses = append(p.pauses, d)
	return nil
}

func TestSDKWaitSleepsHalfASecondThenPollsEverySecond(t *testing.T) {
	client, polls := scriptedOperation(t, 3)
	rec := &pauseRecorder{}
	op, err := sdkWait(context.Background(), client, &toloka.Operation{ID: "op-1", Status: toloka.OperationPending}, rec.sleep)
	if err != nil || op.Status != toloka.OperationSuccess {
		t.Fatalf("sdkWait = %+v, %v", op, err)
	}
	want := []time.Duration{500 * time.Millisecond, time.Second, time.Second}
	if polls.Load() != 3 || !slices.Equal(rec.pauses, want) {
		t.Errorf("%d polls after pauses %v, want 3 after %v", polls.Load(), rec.pauses, want)
	}
}

func TestSDKWaitPollsAtOnceAnOperationStartedLongAgo(t *testing.T) {
	client, polls := scriptedOperation(t, 1)
	rec := &pauseRecorder{}
	started := &toloka.Time{Time: time.Now().Add(-time.Minute)}
	op, err := sdkWait(context.Background(), client, &toloka.Operation{ID: "op-1", Status: toloka.OperationRunning, Started: started}, rec.sleep)
	if err != nil || op.Status != toloka.OperationSuccess || polls.Load() != 1 || len(rec.pauses) != 0 {
		t.Errorf("sdkWait = %+v, %v after %d polls and pauses %v; want one poll at once", op, err, polls.Load(), rec.pauses)
	}
	done := &toloka.Operation{ID: "op-1", Status: toloka.OperationSuccess}
	if op, err := sdkWait(context.Background(), client, done, rec.sleep); op != done || err != nil || polls.Load() != 1 {
		t.Errorf("a finished operation was polled: %v, %v", op, err)
	}
}
