package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// projectMember is an object of a project that opens, closes and is
// archived (a pool, a training), as a plan names it.
type projectMember struct {
	kind, id, name, status string
}

// open reports whether the object is collecting answers now.
func (m projectMember) open() bool { return isOpen(m.status) }

func (m projectMember) String() string {
	return fmt.Sprintf("%s %s %q (%s)", m.kind, m.id, m.name, m.status)
}

// projectMemberLists list, one kind each and in the order the project's
// archive takes them, the objects of a project that are not archived yet:
// what an archive with archive_pools closes and archives first, and what
// keeps the old version of the project after a breaking change. Another
// kind of a project's objects is one more entry.
var projectMemberLists = []func(context.Context, *toloka.Client, string) ([]projectMember, error){
	unarchivedPoolMembers,
	unarchivedTrainingMembers,
}

// unarchivedProjectMembers lists the objects of the project that are not
// archived, of every kind, each kind in ID order.
func unarchivedProjectMembers(ctx context.Context, c *toloka.Client, projectID string) ([]projectMember, error) {
	var all []projectMember
	for _, list := range projectMemberLists {
		members, err := list(ctx, c, projectID)
		if err != nil {
			return nil, err
		}
		all = append(all, members...)
	}
	return all, nil
}

// unarchivedPoolMembers lists the project's pools that are not archived.
func unarchivedPoolMembers(ctx context.Context, c *toloka.Client, projectID string) ([]projectMember, error) {
	pools, err := c.ListAllPools(ctx, toloka.PoolListOptions{ProjectID: projectID})
	if err != nil {
		return nil, fmt.Errorf("listing the pools of project %s: %w", projectID, err)
	}
	members := make([]projectMember, 0, len(pools))
	for _, p := range pools {
		if p.Status != toloka.PoolStatusArchived {
			members = append(members, projectMember{kind: "pool", id: p.ID, name: p.PrivateName, status: p.Status})
		}
	}
	sort.SliceStable(members, func(i, j int) bool { return compareIDs(members[i].id, members[j].id) < 0 })
	return members, nil
}

// listArchiveTakes warns, when the plan archives a project with
// archive_pools (an update that sets archived, or a destroy), of every
// object the apply will close and archive first, marking those open now.
func listArchiveTakes(ctx context.Context, c *toloka.Client, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	id, destroy, ok := plannedArchiveWithPools(ctx, req, resp)
	if !ok || resp.Diagnostics.HasError() {
		return
	}
	if c == nil {
		resp.Diagnostics.AddWarning("Could not list what archiving project "+id+" takes",
			"The provider is not configured yet in this plan (its settings are known only after apply), so it "+
				"cannot read the pools and trainings that archive_pools = true will close and archive before the project.")
		return
	}
	members, err := unarchivedProjectMembers(ctx, c, id)
	if err != nil {
		resp.Diagnostics.AddWarning("Could not list what archiving project "+id+" takes",
			fmt.Sprintf("archive_pools = true: the apply closes and archives every pool, then every training, of "+
				"project %s that is not archived before the project, but this plan could not read them: %s", id, err))
		return
	}
	if len(members) > 0 {
		resp.Diagnostics.AddWarning(archiveTakesSummary(id, destroy, members), archiveTakesDetail(id, members))
	}
}

// plannedArchiveWithPools reports whether the plan archives an active
// project with archive_pools: an update that sets archived (the planned
// archive_pools counts), or a destroy (the state's does, as for the apply).
func plannedArchiveWithPools(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) (id string, destroy, ok bool) {
	if req.State.Raw.IsNull() {
		return "", false, false // a new project has no pools yet
	}
	var wasArchived, archivePools types.Bool
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("archived"), &wasArchived)...)
	id = idAttribute(ctx, req.State.GetAttribute, &resp.Diagnostics)
	destroy = req.Plan.Raw.IsNull()
	if destroy {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("archive_pools"), &archivePools)...)
		return id, true, !wasArchived.ValueBool() && archivePools.ValueBool()
	}
	var archived types.Bool
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("archived"), &archived)...)
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("archive_pools"), &archivePools)...)
	return id, false, !wasArchived.ValueBool() && archived.ValueBool() && archivePools.ValueBool()
}

func archiveTakesSummary(id string, destroy bool, members []projectMember) string {
	verb := "Archiving"
	if destroy {
		verb = "Destroying"
	}
	summary := fmt.Sprintf("%s project %s closes and archives %s", verb, id, countMembers(members))
	if open := countOpen(members); open > 0 {
		summary += fmt.Sprintf(", %d open now", open)
	}
	return summary
}

func archiveTakesDetail(id string, members []projectMember) string {
	lines := make([]string, len(members))
	for i, m := range members {
		lines[i] = "  - " + m.String()
		if m.open() {
			lines[i] += ": open now, collecting answers; the apply closes it"
		}
	}
	return fmt.Sprintf("archive_pools = true: before archiving project %s, the apply closes and archives each of "+
		"its pools, then each of its trainings, that is not archived yet. Toloka holds these now:\n%s\n\n"+
		"The list is read from Toloka and holds every pool and training of the project, whoever made it. The "+
		"provider cannot tell which of them are resources of this configuration: while it plans one resource, "+
		"Terraform shows it no other. A pool or training of this configuration whose archived turns true in this "+
		"change shows in the plan as that change; any other listed here is archived by this apply although no "+
		"change of the plan says so: made outside Terraform, managed by another configuration, or a resource here "+
		"whose archived stays false (set it to true in this change, or the next plan replaces it).", id, strings.Join(lines, "\n"))
}

// countMembers says how many objects of each kind there are ("2 pools").
func countMembers(members []projectMember) string {
	counts := map[string]int{}
	var kinds []string
	for _, m := range members {
		if counts[m.kind] == 0 {
			kinds = append(kinds, m.kind)
		}
		counts[m.kind]++
	}
	parts := make([]string, len(kinds))
	for i, kind := range kinds {
		parts[i] = fmt.Sprintf("%d %s", counts[kind], plural(kind, counts[kind]))
	}
	return strings.Join(parts, " and ")
}

func countOpen(members []projectMember) int {
	n := 0
	for _, m := range members {
		if m.open() {
			n++
		}
	}
	return n
}

func plural(word string, n int) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
