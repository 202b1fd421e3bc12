package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// The pieces every Toloka resource's create, read, update and delete share.

// defaultTimeout bounds each create, update or delete that sets no timeout.
const defaultTimeout = 10 * time.Minute

// withTimeout bounds ctx by the configured timeout of one kind (create,
// update or delete), or by defaultTimeout when none is configured.
func withTimeout(ctx context.Context, configured func(context.Context, time.Duration) (time.Duration, diag.Diagnostics), diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	timeout, d := configured(ctx, defaultTimeout)
	diags.Append(d...)
	return context.WithTimeout(ctx, timeout)
}

// clientFrom takes the API client the provider configured.
func clientFrom(providerData any, diags *diag.Diagnostics) *toloka.Client {
	if providerData == nil {
		return nil
	}
	client, ok := providerData.(*toloka.Client)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("Expected *toloka.Client, got %T.", providerData))
	}
	return client
}

// stateSetter is where a resource writes its state: a response's State.
type stateSetter interface {
	Set(ctx context.Context, val any) diag.Diagnostics
}

// readOrForget gets the object of the given kind ("project", "pool"). An
// object that no longer exists is removed from the state with a warning, so
// the next apply creates it again; it then reports found = false, as it does
// after an error.
func readOrForget[T any](ctx context.Context, kind, id string, get func(context.Context, string) (*T, error), resp *resource.ReadResponse) (obj *T, found bool) {
	obj, err := get(ctx, id)
	if toloka.IsNotFound(err) {
		resp.Diagnostics.AddWarning("Toloka "+kind+" no longer exists",
			fmt.Sprintf("%s %s was not found in Toloka, so it is removed from the state; the next apply creates it again.",
				capitalized(kind), id))
		resp.State.RemoveResource(ctx)
		return nil, false
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not read the Toloka "+kind, err.Error())
		return nil, false
	}
	return obj, true
}

// addTaintedCreateError explains a create that made the object but could not
// archive it: Terraform taints every create that fails.
func addTaintedCreateError(kind, id string, diags *diag.Diagnostics) {
	diags.AddError("The "+kind+" was created but not archived",
		fmt.Sprintf("%s %s exists in Toloka and is in the state, but Terraform marks it tainted, so the next apply "+
			"would archive it and create another one. To keep it, run `terraform untaint` on it and apply again: "+
			"the apply waits on the same archive operation.", capitalized(kind), id))
}

func capitalized(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// cloneViaJSON deep-copies an API object through its JSON form, in which
// nothing is lost.
func cloneViaJSON[T any](v *T) (*T, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var out T
	return &out, json.Unmarshal(raw, &out)
}

// sameJSON reports whether two values encode to the same JSON document.
func sameJSON(a, b any) (bool, error) {
	ra, err := json.Marshal(a)
	if err != nil {
		return false, err
	}
	rb, err := json.Marshal(b)
	if err != nil {
		return false, err
	}
	var va, vb any
	if err := json.Unmarshal(ra, &va); err != nil {
		return false, err
	}
	if err := json.Unmarshal(rb, &vb); err != nil {
		return false, err
	}
	return reflect.DeepEqual(va, vb), nil
}
