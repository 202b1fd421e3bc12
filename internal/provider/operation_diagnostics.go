package provider

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// operationDiagnostics explains why a change to an object of a kind did not
// finish: an operation that failed or is still running, a refusal Toloka
// explains, or another error. summary says what was being done.
func operationDiagnostics(kind, summary string, err error) diag.Diagnostics {
	var diags diag.Diagnostics
	var failed *toloka.OperationFailedError
	var timeout *toloka.OperationTimeoutError
	var polling *toloka.OperationPollError
	var explained interface {
		error
		summary() string
	}
	switch {
	case errors.As(err, &explained):
		diags.AddError(explained.summary(), explained.Error())
	case errors.As(err, &timeout):
		diags.AddError("Timed out waiting for a Toloka operation",
			fmt.Sprintf("%s\n\n%s: %s. The state shows the %s as Toloka has it; the next apply waits on this same "+
				"operation before going on. Raise `timeouts` to wait longer.", operationHeadline(timeout.Operation), summary, err, kind))
	case errors.As(err, &polling):
		diags.AddError("Lost track of a Toloka operation",
			fmt.Sprintf("%s\n\n%s: %s. The operation may still be running; the next apply waits on this same "+
				"operation before going on.", operationHeadline(polling.Operation), summary, err))
	case errors.As(err, &failed):
		diags.AddError("A Toloka operation failed", fmt.Sprintf("%s\n\n%s: %s. The %s stays as Toloka has it, in "+
			"Toloka and in the state.", operationHeadline(failed.Operation), summary, err, kind))
	case toloka.HasCode(err, toloka.CodeEmptyPool):
		diags.AddError("Toloka refuses to open an empty "+kind, fmt.Sprintf("%s: %s. Upload tasks to the %s, "+
			"then apply again.", summary, err, kind))
	default:
		diags.AddError(summary, err.Error())
	}
	return diags
}

// operationHeadline names an operation and its status first, where no line
// break can come between the word and the ID.
func operationHeadline(op *toloka.Operation) string {
	if op == nil {
		return "Toloka's operation did not finish."
	}
	return fmt.Sprintf("Toloka's operation %s (%s) is %s.", op.ID, op.Type, op.Status)
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
