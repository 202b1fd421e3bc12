package provider

import (
	"strings"
	"testing"
	"time"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/e2e"
)

// expectOutput fails unless the command's output matches each pattern,
// across Terraform's line wrapping (see diagnosticPattern).
func expectOutput(t *testing.T, res e2e.Result, phrases ...[]string) {
	t.Helper()
	for _, words := range phrases {
		if !diagnosticPattern(words).MatchString(res.Output()) {
			t.Errorf("terraform %s does not say %q:\n%s", strings.Join(res.Args, " "), words, res.Output())
		}
	}
}

// The warnings of a training's plan, which the test framework cannot see,
// read on the CLI: instructions Tolokers will not see, and pools that still
// require a training the plan archives or destroys (destroy plans reach the
// provider too); then the apply's error, and the destroy's warning.
func TestAccTraining_planWarnings(t *testing.T) {
	e := newTestEmulator(t, 100*time.Millisecond)
	w := e2e.NewWorkdir(t)
	config := func(trainingArchived bool) string {
		archived := "false"
		if trainingArchived {
			archived = "true"
		}
		return e2e.RequiredProviders + projectConfig(e, "Look at the picture", false, "") +
			trainingBlock("Cats, qualification", `public_instructions = "<p>Unseen.</p>"`+"\n  archived = "+archived) +
			qualifiedPoolBlock(80, "")
	}
	w.Write(config(false))
	expectOutput(t, w.Apply(), []string{"Warning: Instructions Tolokers will not see", "inherited_instructions is true"})
	pool := stateID(t, w, requiringPoolAddr)
	training := stateID(t, w, trainingAddr)

	w.Write(config(true))
	expectOutput(t, w.MustRun(nil, "plan", "-input=false", "-no-color"),
		[]string{"Warning: Pools still require the training", "Toloka archives training " + training,
			"pool " + pool + ` (CLOSED) "Cats, main pool"`, "comes too late", "archive_pools = true"})
	failed := w.Run(nil, "apply", "-auto-approve", "-input=false", "-no-color")
	if failed.ExitCode == 0 {
		t.Fatalf("the archive of a training a pool requires succeeded:\n%s", failed)
	}
	expectOutput(t, failed, []string{"Error: Pools still require the training", "Training " + training + " is still required",
		"pool " + pool + ` (CLOSED) "Cats, main pool"`})

	// The project's archive lists the training after the pool it takes first.
	w.Write(strings.Replace(config(true), "archived = false", "archived = true\n  archive_pools = true", 1))
	expectOutput(t, w.MustRun(nil, "plan", "-input=false", "-no-color"),
		[]string{"Archiving project", "closes and archives 1 pool and 1 training", "pool " + pool, "training " + training})

	w.Write(config(false))
	expectOutput(t, w.MustRun(nil, "plan", "-destroy", "-input=false", "-no-color"),
		[]string{"Warning: Pools still require the training", "pool " + pool, "destroys the toloka_pool resources"})
	// Terraform destroys the pool before the training, so both archive.
	expectOutput(t, w.MustRun(nil, "destroy", "-auto-approve", "-input=false", "-no-color"),
		[]string{"Warning: Toloka trainings cannot be deleted", "Training " + training + " is archived in Toloka"})
	if tr := e.trainingIn(t, training); tr.Status != statusArchived {
		t.Errorf("training %s is %s after destroy, want ARCHIVED", training, tr.Status)
	}
}
