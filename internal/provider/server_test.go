package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// keepingServer keeps the context of each request, as the framework keeps a
// context derived from it.
type keepingServer struct {
	tfprotov6.ProviderServer
	kept []context.Context
	// during is what the request's context held while it was served.
	during []any
}

type requestKey struct{}

func (s *keepingServer) ReadResource(ctx context.Context, _ *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	kept, cancel := context.WithCancel(ctx)
	_ = cancel // kept, as the framework keeps it, until the provider stops
	s.kept = append(s.kept, kept)
	s.during = append(s.during, kept.Value(requestKey{}))
	return &tfprotov6.ReadResourceResponse{}, nil
}

func TestReleasingServerLetsGoOfAnsweredRequests(t *testing.T) {
	downstream := &keepingServer{}
	server := releasingServer{downstream}
	request, cancel := context.WithCancel(context.WithValue(context.Background(), requestKey{}, "request 1"))
	if _, err := server.ReadResource(request, &tfprotov6.ReadResourceRequest{}); err != nil {
		t.Fatal(err)
	}
	cancel() // gRPC ends the request's context once it is answered
	if got := downstream.during[0]; got != "request 1" {
		t.Errorf("while served, the request's context held %v, want its value", got)
	}
	kept := downstream.kept[0]
	if got := kept.Value(requestKey{}); got != nil {
		t.Errorf("once answered, the kept context still reaches the request's values: %v", got)
	}
	if kept.Err() == nil {
		t.Error("once answered, the kept context has not ended")
	}
}

func TestReleasingContextFollowsItsParentUntilReleased(t *testing.T) {
	parent, cancel := context.WithCancel(context.WithValue(context.Background(), requestKey{}, "v"))
	rc := newReleasingContext(parent)
	child, cancelChild := context.WithCancel(rc)
	defer cancelChild()
	if rc.Value(requestKey{}) != "v" || rc.Err() != nil {
		t.Fatalf("before release: value %v, err %v", rc.Value(requestKey{}), rc.Err())
	}
	cancel()
	<-child.Done() // the parent's cancellation reaches contexts derived from it
	if rc.Err() == nil {
		t.Error("the parent ended, the releasing context did not")
	}
	rc.release()
	if rc.Value(requestKey{}) != nil || rc.Err() == nil {
		t.Errorf("after release: value %v, err %v", rc.Value(requestKey{}), rc.Err())
	}
}
