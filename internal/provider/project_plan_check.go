package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// Values of a project's breaking_changes: what a plan does with an update
// that Toloka's check calls a breaking change.
const (
	breakingChangesWarn  = "warn"
	breakingChangesDeny  = "deny"
	breakingChangesAllow = "allow"
)

var breakingChangesPolicies = []string{breakingChangesWarn, breakingChangesDeny, breakingChangesAllow}

// checkBreakingChange asks Toloka's check, when the plan updates an active
// project, whether the update makes a new version of the project that the
// project's pools do not get, and shows the verdict as breaking_changes
// says. The planned project is built as the apply builds it (Toloka's
// project with the planned attributes applied onto it); nothing is sent
// but reads and the check.
func checkBreakingChange(ctx context.Context, c *toloka.Client, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || len(resp.RequiresReplace) > 0 {
		return // a create, a destroy or a replacement: no update to check
	}
	changed := changedRawAttributes(resp.Plan.Raw, req.State.Raw, projectNotConfiguration, &resp.Diagnostics)
	if len(changed) == 0 || resp.Diagnostics.HasError() {
		return
	}
	var plan, state projectModel
	resp.Diagnostics.Append(resp.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	policy := breakingChangesPolicy(plan.BreakingChanges)
	// An archived project gets no new pools, so a new version of it would
	// reach none: an update that archives the project is not checked.
	if policy == breakingChangesAllow || state.Archived.ValueBool() || !plan.Archived.IsUnknown() && plan.Archived.ValueBool() {
		return
	}
	id := state.ID.ValueString()
	unknown := unknownRawAttributes(resp.Plan.Raw, projectNotConfiguration, &resp.Diagnostics)
	if len(unknown) > 0 || c == nil {
		if policy == breakingChangesDeny {
			resp.Diagnostics.AddWarning("Breaking-change check of project "+id+" left for later",
				checkNotMadeDetail(id, unknown))
		}
		return
	}
	verdict, err := projectVerdict(ctx, c, id, plan)
	switch {
	case err != nil:
		addVerdictUnknown(&resp.Diagnostics, policy, id, err.Error())
	case verdict == toloka.DifferenceEqual || verdict == toloka.DifferenceNonBreaking:
	case verdict == toloka.DifferenceBreaking:
		addBreakingChange(ctx, &resp.Diagnostics, c, policy, id)
	default:
		addVerdictUnknown(&resp.Diagnostics, policy, id, fmt.Sprintf("Toloka answered %q, which is none of EQUAL, "+
			"NON_BREAKING_CHANGE and BREAKING_CHANGE", verdict))
	}
}

// breakingChangesPolicy is the configured policy; left out (or known only
// after apply), it is warn.
func breakingChangesPolicy(v types.String) string {
	if !isSet(v) {
		return breakingChangesWarn
	}
	return v.ValueString()
}

// projectVerdict is Toloka's verdict on the planned update of the project:
// EQUAL, without asking, when the update would send nothing.
func projectVerdict(ctx context.Context, c *toloka.Client, id string, plan projectModel) (string, error) {
	current, err := c.GetProject(ctx, id)
	if err != nil {
		return "", fmt.Errorf("reading the project: %w", err)
	}
	planned, err := cloneViaJSON(current)
	if err != nil {
		return "", err
	}
	if diags := plan.applyTo(ctx, planned); diags.HasError() {
		return "", fmt.Errorf("building the planned project: %s", diagnosticsText(diags))
	}
	if same, err := sameJSON(current, planned); err != nil || same {
		return toloka.DifferenceEqual, err
	}
	return c.CheckProject(ctx, id, planned)
}

// addBreakingChange reports a breaking change, naming the objects of the
// project that keep its old version: a warning, or an error with deny.
func addBreakingChange(ctx context.Context, diags *diag.Diagnostics, c *toloka.Client, policy, id string) {
	detail := fmt.Sprintf("Toloka's check of this update of project %s answers BREAKING_CHANGE: applying it makes a "+
		"new version of the project. Toloka's existing pools of the project keep the version they were made with, "+
		"and only pools created after the apply get the new one. ", id)
	members, err := unarchivedProjectMembers(ctx, c, id)
	switch {
	case err != nil:
		detail += "The pools that keep the old version could not be listed: " + err.Error()
	case len(members) == 0:
		detail += "The project has no pool that is not archived, so none keeps the old version."
	default:
		lines := make([]string, len(members))
		for i, m := range members {
			lines[i] = "  - " + m.String()
		}
		detail += "These keep the old version:\n" + strings.Join(lines, "\n") +
			"\nTo label with the new version, create new pools (or clone these) after the apply."
	}
	if policy == breakingChangesDeny {
		diags.AddError("Breaking change to project "+id+" refused", detail+"\n\nbreaking_changes = \"deny\" "+
			"refuses it: the plan stops here and nothing is sent to Toloka. Make the change in a new project, or set "+
			"breaking_changes = \"warn\" to apply it.")
		return
	}
	diags.AddWarning("Breaking change to project "+id, detail+"\n\nSet breaking_changes = \"deny\" to refuse such "+
		"plans, or \"allow\" to plan them without this check.")
}

// addVerdictUnknown reports a check that could not be made: a warning, or
// an error with deny.
func addVerdictUnknown(diags *diag.Diagnostics, policy, id, reason string) {
	detail := fmt.Sprintf("The provider could not learn from Toloka whether this update of project %s makes a new "+
		"version of it (POST /api/staging/projects/%s/check): %s.\n\nThe verdict is unknown: an update that changes "+
		"required input or output fields, or field types, makes a new version, which the project's existing pools do "+
		"not get.", id, id, strings.TrimSuffix(reason, "."))
	if policy == breakingChangesDeny {
		diags.AddError("Breaking-change check of project "+id+" failed", detail+" breaking_changes = \"deny\" "+
			"refuses a plan it cannot check: nothing is sent to Toloka. Plan again later, or set breaking_changes = "+
			"\"warn\" to go on without the verdict.")
		return
	}
	diags.AddWarning("Breaking-change check of project "+id+" failed", detail+" The plan goes on without it.")
}

// checkNotMadeDetail says why the check waits for the apply: values known
// only then, or a provider configured only then.
func checkNotMadeDetail(id string, unknown []string) string {
	why := "the provider's own settings are known only after apply"
	if len(unknown) > 0 {
		why = "the update sets " + strings.Join(unknown, ", ") + " from values known only after apply"
	}
	return fmt.Sprintf("breaking_changes = \"deny\", but this plan cannot ask Toloka whether the update of project %s "+
		"is a breaking change: %s. The apply asks when it comes to the project, once those values are known, and "+
		"refuses a breaking change then, before the project is sent; what the apply has done before that stays "+
		"done.", id, why)
}

// unknownRawAttributes lists, in order, the top-level attributes apart from
// skip whose planned value is not wholly known.
func unknownRawAttributes(plan tftypes.Value, skip map[string]bool, diags *diag.Diagnostics) []string {
	var planned map[string]tftypes.Value
	if err := plan.As(&planned); err != nil {
		diags.AddError("Could not read the plan", err.Error())
		return nil
	}
	var unknown []string
	for name, value := range planned {
		if !skip[name] && !value.IsFullyKnown() {
			unknown = append(unknown, name)
		}
	}
	sort.Strings(unknown)
	return unknown
}

// diagnosticsText joins the summaries and details of diagnostics.
func diagnosticsText(diags diag.Diagnostics) string {
	parts := make([]string, len(diags))
	for i, d := range diags {
		parts[i] = d.Summary() + ": " + d.Detail()
	}
	return strings.Join(parts, "; ")
}
