package provider

import (
	"fmt"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/e2e"
)

// richProject is a project with every kind of setting spelled out, view
// settings that differ from Toloka's defaults and non-integer numbers.
func richProject() map[string]any {
	return map[string]any{
		"public_name":         "Rich project",
		"public_description":  "Every setting spelled out",
		"public_instructions": "<p>Look closely.</p>",
		"private_comment":     "made outside Terraform",
		"task_spec": map[string]any{
			"input_spec": map[string]any{
				"image": map[string]any{"type": "url", "required": true, "hidden": false},
				"score": map[string]any{"type": "float", "min_value": 0.5, "max_value": 12.34},
			},
			"output_spec": map[string]any{
				"result": map[string]any{"type": "string", "allowed_values": []any{"cat", "dog"}},
				"level":  map[string]any{"type": "integer", "allowed_values": []any{1, 2, 3}},
			},
			"view_spec": map[string]any{
				"type": "classic", "markup": "{{img src=image}} ${not a template}", "script": "exports.Task = extend(TolokaHandlebarsTask, {});",
				"styles": ".task { width: 100%; }",
				"settings": map[string]any{
					"showSkip": false, "showTimer": true, "showTitle": true, "showSubmit": true, "showFullscreen": false,
					"showInstructions": true, "showFinish": true, "showMessage": true, "showReward": true,
				},
			},
		},
		"assignments_issuing_type":     "AUTOMATED",
		"max_active_assignments_count": 15,
		"quality_control": map[string]any{"configs": []any{map[string]any{
			"collector_config": map[string]any{"type": "SKIPPED_IN_ROW_ASSIGNMENTS"},
			"rules": []any{map[string]any{
				"conditions": []any{map[string]any{"key": "skipped_in_row_count", "operator": "GTE", "value": 10}},
				"action":     map[string]any{"type": "REJECT_ALL_ASSIGNMENTS", "parameters": map[string]any{"public_comment": "Skipped 10 in a row"}},
			}},
		}}},
		"metadata": map[string]any{"team": []any{"vision", "pets"}},
		"localization_config": map[string]any{
			"default_language": "EN",
			"additional_languages": []any{map[string]any{
				"language":           "FR",
				"public_name":        map[string]any{"value": "Projet riche", "source": "REQUESTER"},
				"public_description": map[string]any{"value": "Tout est écrit", "source": "REQUESTER"},
			}},
		},
	}
}

// richPool is a pool of the project with every kind of setting spelled out.
func richPool(projectID string, reward float64) map[string]any {
	return map[string]any{
		"project_id": projectID, "private_name": "Rich pool", "private_comment": "made outside Terraform",
		"public_description": "Pick the animal", "may_contain_adult_content": false,
		"will_expire": "2030-01-02T03:04:05.500", "reward_per_assignment": reward, "assignment_max_duration_seconds": 600,
		"defaults":              map[string]any{"default_overlap_for_new_task_suites": 3, "default_overlap_for_new_tasks": 2},
		"auto_accept_solutions": false, "auto_accept_period_day": 7, "auto_close_after_complete_delay_seconds": 600,
		"assignments_issuing_config": map[string]any{"issue_task_suites_in_creation_order": true},
		"priority":                   10,
		"filter": map[string]any{"and": []any{
			map[string]any{"or": []any{map[string]any{"category": "profile", "key": "languages", "operator": "IN", "value": "EN"}}},
			map[string]any{"or": []any{map[string]any{"category": "skill", "key": "1124", "operator": "GT", "value": 59.7}}},
		}},
		"quality_control": map[string]any{"configs": []any{map[string]any{
			"collector_config": map[string]any{"type": "ASSIGNMENT_SUBMIT_TIME", "parameters": map[string]any{"fast_submit_threshold_seconds": 15}},
			"rules": []any{map[string]any{
				"conditions": []any{map[string]any{"key": "fast_submitted_count", "operator": "GTE", "value": 2}},
				"action":     map[string]any{"type": "RESTRICTION_V2", "parameters": map[string]any{"scope": "PROJECT", "duration_unit": "PERMANENT"}},
			}},
		}}},
		"mixer_config": map[string]any{"real_tasks_count": 5, "golden_tasks_count": 1, "training_tasks_count": 0,
			"min_golden_tasks_count": 0, "shuffle_tasks_in_task_suite": false},
		"dynamic_overlap_config": map[string]any{"type": "BASIC", "max_overlap": 5, "min_confidence": 0.95,
			"answer_weight_skill_id": "42", "fields": []any{map[string]any{"name": "result"}}},
		"dynamic_pricing_config": map[string]any{"type": "SKILL", "skill_id": "42",
			"intervals": []any{map[string]any{"from": 1, "to": 60, "reward_per_assignment": 0.05}}},
		"speed_quality_balance": map[string]any{"type": "TOP_PERCENTAGE_BY_QUALITY", "percent": 80},
		"training_config":       map[string]any{"training_skill_ttl_days": 7},
		"metadata":              map[string]any{"team": []any{"vision"}},
	}
}

// `terraform plan -generate-config-out` for a project and pools made outside
// Terraform writes a configuration that validates, keeps every decimal as
// Toloka wrote it, and then plans nothing but the imports; after them, the
// plan is empty.
func TestGeneratedConfigurationPlansNothing(t *testing.T) {
	e2e.Terraform(t)
	e := newTestEmulator(t, 100*time.Millisecond)
	project := e.call(t, http.MethodPost, "/projects", richProject())["id"].(string)
	pools := map[string]float64{"rich": 0.03, "half_cent": 0.005, "large": 12.34}
	imports := importBlock("toloka_project.rich", project)
	for _, name := range slices.Sorted(maps.Keys(pools)) {
		pool := richPool(project, pools[name])
		if name != "rich" {
			pool = minimalPoolBody(project, pools[name])
		}
		imports += importBlock("toloka_pool."+name, e.call(t, http.MethodPost, "/pools", pool)["id"].(string))
	}

	w := e2e.NewWorkdir(t, EnvBaseURL+"="+e.apiURL, EnvAPIKey+"="+testAPIKey)
	w.Write(e2e.RequiredProviders + "provider \"toloka\" {\n  environment = \"sandbox\"\n}\n" + imports)
	w.MustRun(nil, "plan", "-input=false", "-no-color", "-generate-config-out=generated.tf")
	generated, err := os.ReadFile(filepath.Join(w.Dir, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		"reward_per_assignment                   = 0.03",
		"reward_per_assignment                   = 0.005",
		"reward_per_assignment                   = 12.34",
		"min_value = 0.5",
		"max_value = 12.34",
	} {
		if !containsSpaced(string(generated), line) {
			t.Errorf("the generated configuration lacks %q:\n%s", line, generated)
		}
	}
	if strings.Contains(string(generated), "uuid") {
		t.Errorf("the generated configuration carries the uuid Toloka made up:\n%s", generated)
	}
	w.MustRun(nil, "validate", "-no-color")
	w.MustRun(nil, "plan", "-input=false", "-no-color", "-out=import.tfplan")
	expectOnlyImports(t, w, "import.tfplan", 4)
	w.MustRun(nil, "apply", "-input=false", "-no-color", "import.tfplan")
	expectCleanPlan(t, w)
}

func importBlock(address, id string) string {
	return "import {\n  to = " + address + "\n  id = \"" + id + "\"\n}\n"
}

func minimalPoolBody(projectID string, reward float64) map[string]any {
	return map[string]any{
		"project_id": projectID, "private_name": fmt.Sprintf("Pool paying %v", reward),
		"reward_per_assignment": reward, "assignment_max_duration_seconds": 300,
		"will_expire": "2030-01-01T00:00:00", "defaults": map[string]any{"default_overlap_for_new_task_suites": 1},
	}
}

// containsSpaced reports whether text has a line equal to line once runs of
// spaces are one space, as terraform fmt aligns them differently.
func containsSpaced(text, line string) bool {
	want := strings.Join(strings.Fields(line), " ")
	for _, l := range strings.Split(text, "\n") {
		if strings.Join(strings.Fields(l), " ") == want {
			return true
		}
	}
	return false
}

// expectOnlyImports fails unless the saved plan imports n resources and
// changes nothing.
func expectOnlyImports(t *testing.T, w *e2e.Workdir, planFile string, n int) {
	t.Helper()
	var plan struct {
		ResourceChanges []struct {
			Address string `json:"address"`
			Change  struct {
				Actions   []string       `json:"actions"`
				Importing map[string]any `json:"importing"`
			} `json:"change"`
		} `json:"resource_changes"`
	}
	decodeJSON(t, w.MustRun(nil, "show", "-json", planFile).Stdout, &plan)
	imported := 0
	for _, rc := range plan.ResourceChanges {
		if rc.Change.Importing != nil {
			imported++
		}
		if !slices.Equal(rc.Change.Actions, []string{"no-op"}) {
			t.Errorf("the plan would %v %s:\n%s", rc.Change.Actions, rc.Address,
				w.MustRun(nil, "show", "-no-color", planFile).Stdout)
		}
	}
	if imported != n {
		t.Errorf("the plan imports %d resources, want %d", imported, n)
	}
}
