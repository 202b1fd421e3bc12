package provider

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// archivedProject is checkedProject with archive_pools = true, archived or not.
func archivedProject(archived bool) string {
	return checkedProject(imageInput, fmt.Sprintf("archive_pools = true\n  archived      = %t", archived))
}

func TestAccProjectPlan_archiveTakes(t *testing.T) {
	e := newTestEmulator(t, 100*time.Millisecond)
	w := planWorkdir(t, e)
	w.Write(archivedProject(false))
	w.Apply()
	projectID := stateID(t, w, "toloka_project.cats")
	managed := stateID(t, w, poolAddr)
	unmanagedOpen := e.AddPool(projectID, "OPEN")
	unmanagedClosed := e.AddPool(projectID, "CLOSED")
	alreadyArchived := e.AddPool(projectID, "ARCHIVED")
	otherProject := e.AddPool("999999", "OPEN")

	// wantListed checks that the warning names each pool the archive takes,
	// open ones marked, and no other.
	wantListed := func(t *testing.T, warning cliDiagnostic) {
		t.Helper()
		wantAll(t, "the warning", warning.Detail,
			fmt.Sprintf(`pool %s "Managed batch" (CLOSED)`+"\n", managed),
			fmt.Sprintf(`pool %s "Pool %s" (OPEN): open now, collecting answers`, unmanagedOpen, unmanagedOpen),
			fmt.Sprintf(`pool %s "Pool %s" (CLOSED)`+"\n", unmanagedClosed, unmanagedClosed),
			"whoever made it", "cannot tell which")
		for _, id := range []string{alreadyArchived, otherProject} {
			if strings.Contains(warning.Detail, id) {
				t.Errorf("the warning names pool %s, which the archive does not take:\n%s", id, warning.Detail)
			}
		}
	}

	t.Run("an archive lists the pools it takes", func(t *testing.T) {
		e.ResetRequests()
		w.Write(archivedProject(true))
		plan := planJSON(t, w, 0)
		wantListed(t, plan.find(t, "warning", "Archiving project "+projectID+" closes and archives 3 pools, 1 open now"))
		wantNothingSent(t, e)
	})
	t.Run("a destroy lists them too", func(t *testing.T) {
		e.ResetRequests()
		w.Write(archivedProject(false))
		plan := planJSON(t, w, 0, "-destroy")
		wantListed(t, plan.find(t, "warning", "Destroying project "+projectID+" closes and archives 3 pools, 1 open now"))
		wantNothingSent(t, e)
	})
	t.Run("without archive_pools, nothing is listed", func(t *testing.T) {
		w.Write(checkedProject(imageInput, "archived = true"))
		for _, d := range planJSON(t, w, 0).providerDiagnostics() {
			if strings.Contains(d.Summary, "closes and archives") {
				t.Errorf("unexpected listing: %s", d)
			}
		}
	})
	t.Run("the apply takes what the plan listed", func(t *testing.T) {
		w.Write(archivedProject(true))
		w.Apply()
		for _, id := range []string{managed, unmanagedOpen, unmanagedClosed} {
			if status := e.poolIn(t, id).Status; status != "ARCHIVED" {
				t.Errorf("pool %s is %s after the archive, want ARCHIVED", id, status)
			}
		}
		if status := e.poolIn(t, otherProject).Status; status != "OPEN" {
			t.Errorf("pool %s of another project is %s, want OPEN", otherProject, status)
		}
	})
}
