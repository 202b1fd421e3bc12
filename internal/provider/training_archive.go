package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// Toloka archives a training only once it is closed and every main pool
// that requires it (whose quality_control.training_requirement names it) is
// archived. The plan warns of such pools and the apply's error names them.

// poolsRequiring lists the pools of the project, not archived, that require
// the training, in ID order.
func poolsRequiring(ctx context.Context, c *toloka.Client, projectID, trainingID string) ([]toloka.Pool, error) {
	pools, err := c.ListAllPools(ctx, toloka.PoolListOptions{ProjectID: projectID})
	if err != nil {
		return nil, err
	}
	requiring := make([]toloka.Pool, 0, len(pools))
	for _, p := range pools {
		if p.Status != statusArchived && requiredTraining(p.QualityControl) == trainingID {
			requiring = append(requiring, p)
		}
	}
	return requiring, nil
}

// unarchivedTrainingMembers lists the project's trainings that are not
// archived, in ID order.
func unarchivedTrainingMembers(ctx context.Context, c *toloka.Client, projectID string) ([]projectMember, error) {
	trainings, err := c.ListAllTrainings(ctx, toloka.TrainingListOptions{ProjectID: projectID})
	if err != nil {
		return nil, fmt.Errorf("listing the trainings of project %s: %w", projectID, err)
	}
	members := make([]projectMember, 0, len(trainings))
	for _, t := range trainings {
		if t.Status != statusArchived {
			members = append(members, projectMember{kind: "training", id: t.ID, name: t.PrivateName, status: t.Status})
		}
	}
	return members, nil
}

// poolLines lists pools, one a line: ID, status and name.
func poolLines(pools []toloka.Pool) []string {
	lines := make([]string, len(pools))
	for i, p := range pools {
		lines[i] = fmt.Sprintf("  - pool %s (%s) %q", p.ID, p.Status, p.PrivateName)
	}
	return lines
}

// trainingArchiveConflictError is Toloka's refusal to archive a training
// that main pools not yet archived require, with those pools.
type trainingArchiveConflictError struct {
	trainingID string
	pools      []toloka.Pool
	cause      error
}

func (e *trainingArchiveConflictError) Error() string {
	if len(e.pools) == 0 {
		return fmt.Sprintf("Toloka refuses to archive training %s until every main pool that requires it is "+
			"archived: %s", e.trainingID, e.cause)
	}
	return fmt.Sprintf("Toloka archives a training only once every main pool that requires it is archived. "+
		"Training %s is still required by these pools:\n%s\nArchive them first (set `archived = true` on their "+
		"toloka_pool resources and apply, before archiving the training), archive the project with `archive_pools = "+
		"true`, which archives its pools before its trainings, or remove their `training_requirement`; then apply again.",
		e.trainingID, strings.Join(poolLines(e.pools), "\n"))
}

func (e *trainingArchiveConflictError) Unwrap() error { return e.cause }

func (e *trainingArchiveConflictError) summary() string { return "Pools still require the training" }

// explainTrainingArchiveRefusal names the pools that keep Toloka from
// archiving a training.
func explainTrainingArchiveRefusal(ctx context.Context, c *toloka.Client, id string, err error) error {
	if !toloka.HasCode(err, toloka.CodeTrainingArchiveConflict) {
		return err
	}
	conflict := &trainingArchiveConflictError{trainingID: id, cause: err}
	if t, getErr := c.GetTraining(ctx, id); getErr == nil {
		conflict.pools, _ = poolsRequiring(ctx, c, t.ProjectID, id)
	}
	return conflict
}

// warnOfRequiringPools warns, when a plan archives, replaces or destroys a
// training, of the main pools not archived that require it. Those pools may
// be archived earlier in the same apply, so it is a warning: the apply's
// error, if Toloka still refuses, names them again. It handles destroy
// plans, which are null.
func warnOfRequiringPools(ctx context.Context, c *toloka.Client, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if c == nil || req.State.Raw.IsNull() {
		return
	}
	removing := req.Plan.Raw.IsNull() || len(resp.RequiresReplace) > 0
	if !removing {
		var archived types.Bool
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("archived"), &archived)...)
		if !archived.ValueBool() {
			return
		}
	}
	var trainingID, projectID, status types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &trainingID)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("project_id"), &projectID)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("status"), &status)...)
	if resp.Diagnostics.HasError() || status.ValueString() == statusArchived {
		return
	}
	id := trainingID.ValueString()
	pools, err := poolsRequiring(ctx, c, projectID.ValueString(), id)
	if err != nil {
		resp.Diagnostics.AddWarning("Could not list the pools that require the training",
			fmt.Sprintf("Toloka archives training %s only once every main pool that requires it is archived, "+
				"and the pools of its project could not be listed to check: %s", id, err))
		return
	}
	if len(pools) == 0 {
		return
	}
	next := "Archiving them in this same apply comes too late: Terraform applies this change before the changes of " +
		"the toloka_pool resources that refer to the training. Archive them in an earlier apply, or archive the " +
		"project with `archive_pools = true` (its change comes first, and archives its pools before its trainings), " +
		"or remove their `training_requirement`"
	if removing {
		next = "Terraform destroys the toloka_pool resources that refer to the training before the training, which " +
			"archives them in time. Any other pool must be archived first, or its `training_requirement` removed"
	}
	resp.Diagnostics.AddWarning("Pools still require the training",
		fmt.Sprintf("Toloka archives training %s only once every main pool that requires it is archived, and these "+
			"are not:\n%s\n%s; otherwise the apply fails naming them.", id, strings.Join(poolLines(pools), "\n"), next))
}
