package provider

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/e2e"
	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// The labeling pipeline guide's example: TestExamples runs it through the
// steps every example takes, the archive apply included, and
// TestAccLabelingPipeline checks what each apply does in Toloka.
const (
	labelingPipelineExample = "guides/labeling-pipeline"
	labelingPipelineSecret  = "example-signing-key"
	// labelingDone is the variable of the archive apply.
	labelingDone = "TF_VAR_labeling_done=true"
)

// pipelineOperationDelay is how long each of the emulator's operations runs.
const pipelineOperationDelay = 300 * time.Millisecond

// pipelineAddresses are the resources of the example that Toloka keeps.
const (
	pipelineProject  = "toloka_project.cats"
	pipelineSkill    = "toloka_skill.team"
	pipelineTraining = "toloka_training.qualification"
	pipelinePool     = "toloka_pool.main"
	pipelineWebhook  = "toloka_webhook_subscription.pool_closed"
)

// pipelineAnnotators are the example's default var.team_annotators.
var pipelineAnnotators = []string{"3f4a9c0e8b1d2e7f6a5b4c3d2e1f0a9b", "8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f"}

// pipeline holds the IDs of the objects the example made.
type pipeline struct {
	project, skill, training, pool, webhook string
	userSkills                              []string
}

// TestAccLabelingPipeline runs the labeling pipeline guide on the CLI of the
// acceptance tests. A low balance stops the first plan before anything is
// made; the first apply makes the project, the skill and its values for the
// team, the training, the pool and the webhook subscription; with
// labeling_done, one apply archives the pool, the training and the project
// in Toloka's order, each operation seen through to SUCCESS before the next
// starts, even on a balance run low by then; the plans after both applies
// are empty. It runs on the pipeline as Terraform made it (its pool and
// training closed) and after the team opened the training and the pool.
func TestAccLabelingPipeline(t *testing.T) {
	e2e.Terraform(t)
	t.Run("as made", func(t *testing.T) {
		t.Parallel()
		testLabelingPipeline(t, false)
	})
	t.Run("opened outside Terraform", func(t *testing.T) {
		t.Parallel()
		testLabelingPipeline(t, true)
	})
}

func testLabelingPipeline(t *testing.T, opened bool) {
	e := newTestEmulator(t, pipelineOperationDelay)
	w := e2e.NewWorkdir(t, EnvBaseURL+"="+e.apiURL, EnvAPIKey+"="+testAPIKey,
		"TF_VAR_webhook_secret="+labelingPipelineSecret)
	copyExample(t, labelingPipelineExample, w.Dir)

	setBalance(t, e, 5)
	if res := w.Run(nil, "plan", "-input=false", "-no-color"); res.ExitCode == 0 ||
		!strings.Contains(strings.Join(strings.Fields(res.Output()), " "), "holds less than 10 US dollars") {
		t.Fatalf("a balance of 5 did not stop the plan:\n%s", res)
	}
	wantNothingWritten(t, e)
	setBalance(t, e, 100)

	w.Apply()
	p := pipelineIn(t, w)
	checkPipelineMade(t, e, p)
	expectCleanPlan(t, w)

	var want []string
	if opened {
		e.openTraining(t, p.training)
		e.openPool(t, p.pool)
		expectCleanPlan(t, w)
		want = append(want, "POOL.CLOSE "+p.pool)
	}
	want = append(want, "POOL.ARCHIVE "+p.pool)
	if opened {
		want = append(want, "TRAINING.CLOSE "+p.training)
	}
	want = append(want, "TRAINING.ARCHIVE "+p.training, "PROJECT.ARCHIVE "+p.project)

	// The labeling has spent the balance: archiving must not be stopped.
	setBalance(t, e, 5)
	before := len(operationsIn(t, e))
	e.ResetRequests()
	res := w.Apply(labelingDone)
	ran := operationsIn(t, e)[before:]
	checkRanInOrder(t, ran, want)
	polls := e.Requests()["GET /operations/{id}"]
	if polls < len(want) {
		t.Errorf("the archive apply polled operations %d times for %d operations", polls, len(want))
	}
	logOperations(t, ran, res.Took, polls)
	checkPipelineArchived(t, e, p)
	expectCleanPlan(t, w, labelingDone)

	w.MustRun([]string{labelingDone}, "destroy", "-auto-approve", "-input=false", "-no-color")
	checkPipelineDestroyed(t, e, p)
}

// pipelineIn reads the IDs of the pipeline's objects from the state.
func pipelineIn(t *testing.T, w *e2e.Workdir) pipeline {
	t.Helper()
	p := pipeline{
		project:  stateID(t, w, pipelineProject),
		skill:    stateID(t, w, pipelineSkill),
		training: stateID(t, w, pipelineTraining),
		pool:     stateID(t, w, pipelinePool),
		webhook:  stateID(t, w, pipelineWebhook),
	}
	for _, user := range pipelineAnnotators {
		p.userSkills = append(p.userSkills, stateID(t, w, `toloka_user_skill.team["`+user+`"]`))
	}
	slices.Sort(p.userSkills)
	return p
}

// getAs reads one object of the API into out.
func getAs(t *testing.T, e *testEmulator, path string, out any) {
	t.Helper()
	if err := json.Unmarshal([]byte(mustMarshal(t, e.call(t, http.MethodGet, path, nil))), out); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

// lifecycleObject is what a project, a training or a pool says of its place.
type lifecycleObject struct {
	ProjectID string `json:"project_id"`
	Status    string `json:"status"`
}

// checkPipelineMade checks, in Toloka, what the first apply made.
func checkPipelineMade(t *testing.T, e *testEmulator, p pipeline) {
	t.Helper()
	var project, training lifecycleObject
	getAs(t, e, "/projects/"+p.project, &project)
	getAs(t, e, "/trainings/"+p.training, &training)
	if project.Status != "ACTIVE" || training.Status != statusClosed || training.ProjectID != p.project {
		t.Errorf("project %s is %s; training %s is %s in project %s", p.project, project.Status, p.training,
			training.Status, training.ProjectID)
	}
	var pool struct {
		lifecycleObject
		Filter         json.RawMessage `json:"filter"`
		QualityControl struct {
			TrainingRequirement struct {
				TrainingPoolID            string `json:"training_pool_id"`
				TrainingPassingSkillValue int    `json:"training_passing_skill_value"`
			} `json:"training_requirement"`
		} `json:"quality_control"`
	}
	getAs(t, e, "/pools/"+p.pool, &pool)
	req := pool.QualityControl.TrainingRequirement
	if pool.Status != statusClosed || pool.ProjectID != p.project || req.TrainingPoolID != p.training ||
		req.TrainingPassingSkillValue != 80 {
		t.Errorf("pool %s is %s in project %s, requiring training %q at %d", p.pool, pool.Status, pool.ProjectID,
			req.TrainingPoolID, req.TrainingPassingSkillValue)
	}
	wantFilter := `{"and":[{"or":[{"category":"skill","key":"` + p.skill + `","operator":"GTE","value":100}]}]}`
	if !jsonEqual(json.RawMessage(wantFilter), pool.Filter) {
		t.Errorf("pool %s filters on %s, want %s", p.pool, pool.Filter, wantFilter)
	}
	checkSkillOf(t, e, p)
	checkWebhookOf(t, e, p)
}

// checkSkillOf checks the team's skill and that it holds the values of the
// team's annotators, and no other.
func checkSkillOf(t *testing.T, e *testEmulator, p pipeline) {
	t.Helper()
	var skill struct {
		Name     string `json:"name"`
		Training bool   `json:"training"`
	}
	getAs(t, e, "/skills/"+p.skill, &skill)
	if skill.Name != "Cats or dogs, in-house annotators" || skill.Training {
		t.Errorf("skill %s is %+v", p.skill, skill)
	}
	var values []string
	for _, raw := range e.UserSkills() {
		var us struct {
			ID      string  `json:"id"`
			SkillID string  `json:"skill_id"`
			UserID  string  `json:"user_id"`
			Value   float64 `json:"value"`
		}
		if err := json.Unmarshal(raw, &us); err != nil {
			t.Fatal(err)
		}
		if us.SkillID != p.skill || us.Value != 100 || !slices.Contains(pipelineAnnotators, us.UserID) {
			t.Errorf("Toloka holds skill value %s", raw)
		}
		values = append(values, us.ID)
	}
	slices.Sort(values)
	if !slices.Equal(values, p.userSkills) {
		t.Errorf("Toloka holds skill values %q, the state %q", values, p.userSkills)
	}
}

// checkWebhookOf checks the subscription to the pool's closing, with the
// configured secret key.
func checkWebhookOf(t *testing.T, e *testEmulator, p pipeline) {
	t.Helper()
	raw, ok := e.WebhookSubscription(p.webhook)
	if !ok {
		t.Fatalf("webhook subscription %s is not in Toloka", p.webhook)
	}
	var sub struct {
		EventType  string `json:"event_type"`
		PoolID     string `json:"pool_id"`
		WebhookURL string `json:"webhook_url"`
		SecretKey  string `json:"secret_key"`
	}
	if err := json.Unmarshal(raw, &sub); err != nil {
		t.Fatal(err)
	}
	if sub.EventType != "POOL_CLOSED" || sub.PoolID != p.pool || sub.SecretKey != labelingPipelineSecret ||
		sub.WebhookURL != "https://labeling.example.com/toloka/events" {
		t.Errorf("webhook subscription %s is %s", p.webhook, raw)
	}
}

// checkPipelineArchived checks that the archive apply archived the project,
// the training and the pool, and left the skill values and the subscription.
func checkPipelineArchived(t *testing.T, e *testEmulator, p pipeline) {
	t.Helper()
	for _, path := range []string{"/projects/" + p.project, "/trainings/" + p.training, "/pools/" + p.pool} {
		var o lifecycleObject
		if getAs(t, e, path, &o); o.Status != statusArchived {
			t.Errorf("%s is %s after the archive apply", path, o.Status)
		}
	}
	checkSkillOf(t, e, p)
	checkWebhookOf(t, e, p)
}

// checkPipelineDestroyed checks that destroy removed the skill values and
// the subscription, and left the skill, which Toloka cannot delete.
func checkPipelineDestroyed(t *testing.T, e *testEmulator, p pipeline) {
	t.Helper()
	if values := e.UserSkills(); len(values) != 0 {
		t.Errorf("destroy left %d skill values", len(values))
	}
	if _, ok := e.WebhookSubscription(p.webhook); ok {
		t.Errorf("destroy left webhook subscription %s", p.webhook)
	}
	if _, ok := e.Skill(p.skill); !ok {
		t.Errorf("skill %s is gone from Toloka", p.skill)
	}
}

// operationsIn lists the operations Toloka ran, in submission order.
func operationsIn(t *testing.T, e *testEmulator) []toloka.Operation {
	t.Helper()
	var page struct {
		Items   []toloka.Operation `json:"items"`
		HasMore bool               `json:"has_more"`
	}
	if getAs(t, e, "/operations?limit=500", &page); page.HasMore {
		t.Fatal("more than one page of operations")
	}
	return page.Items
}

// operationName is an operation's type and the ID of the object it ran on.
func operationName(op toloka.Operation) string {
	var ids []string
	for _, raw := range op.Parameters {
		var id string
		if json.Unmarshal(raw, &id) == nil {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return op.Type + " " + strings.Join(ids, ",")
}

// checkRanInOrder checks that the operations are the wanted ones in order,
// each successful, and each submitted no earlier than the one before it
// finished: Toloka runs an operation until its end, so one started earlier
// was not waited on.
func checkRanInOrder(t *testing.T, ran []toloka.Operation, want []string) {
	t.Helper()
	var got []string
	for _, op := range ran {
		got = append(got, operationName(op))
	}
	if !slices.Equal(got, want) {
		t.Fatalf("the archive apply ran %q, want %q", got, want)
	}
	for i, op := range ran {
		if op.Status != toloka.OperationSuccess || op.Submitted == nil || op.Finished == nil {
			t.Fatalf("%s is %s (submitted %v, finished %v)", got[i], op.Status, op.Submitted, op.Finished)
		}
		if i > 0 && op.Submitted.Before(ran[i-1].Finished.Time) {
			t.Errorf("%s was submitted at %s, before %s finished at %s", got[i], op.Submitted.APIString(), got[i-1],
				ran[i-1].Finished.APIString())
		}
	}
}

// logOperations logs how long each operation ran and how soon after the one
// before it was submitted, with the apply's duration and its polls.
func logOperations(t *testing.T, ran []toloka.Operation, took time.Duration, polls int) {
	t.Helper()
	var lines []string
	for i, op := range ran {
		line := operationName(op) + ": ran " + op.Finished.Sub(op.Submitted.Time).String()
		if i > 0 {
			line += ", submitted " + op.Submitted.Sub(ran[i-1].Finished.Time).String() + " after the previous finished"
		}
		lines = append(lines, line)
	}
	t.Logf("the archive apply took %s, polled operations %d times, and waited on:\n  %s", took.Round(time.Millisecond),
		polls, strings.Join(lines, "\n  "))
}
