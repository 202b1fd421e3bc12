package provider

import (
	"bytes"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/e2e"
)

// examplesRoot holds the configurations users copy from the docs; tests run in
// the package directory.
const examplesRoot = "../../examples"

// providerExample supplies the required_providers block and the provider
// configuration to examples that have none of their own (the resource pages
// show the resource alone).
const providerExample = "provider/provider.tf"

// applyless lists the example directories that are only validated, with the
// reason an apply against an empty emulator cannot work. Every other
// directory is applied.
var applyless = map[string]string{
	"guides/both-environments": "its two API keys are input variables without a default",
}

// secondApply gives, for the examples that show a change, the input
// variables (as environment variables) of a second apply that makes it. The
// plan after it must be empty too.
var secondApply = map[string][]string{
	"guides/archive-a-project-with-its-pools": {"TF_VAR_labeling_done=true"},
	"demo":                  {"TF_VAR_labeling_done=true"},
	labelingPipelineExample: {labelingDone},
}

// exampleVariables gives, for the examples with input variables that have no
// default, their values (as environment variables) for every command.
var exampleVariables = map[string][]string{
	"resources/toloka_webhook_subscription": {"TF_VAR_webhook_secret=example-signing-key"},
	labelingPipelineExample:                 {"TF_VAR_webhook_secret=" + labelingPipelineSecret},
}

// ownTest gives, for the example directories that start from objects made
// outside Terraform, the test that runs them instead.
var ownTest = map[string]string{
	adoptInventoryExample: "TestAccAdoptingExistingProjects",
	adoptByNameExample:    "TestAccAdoptingExistingProjects",
}

// TestExamples runs every example directory through the Terraform CLI of the
// acceptance tests, with the provider built as users install it: each is
// formatted and valid, then applies against the Toloka emulator, plans nothing
// more, imports again as its import.sh says, and destroys. A module with
// tests (tests/*.tftest.hcl) runs them instead, with terraform test, where
// the CLI has it.
func TestExamples(t *testing.T) {
	e2e.Terraform(t)
	dirs := exampleDirs(t)
	if len(dirs) == 0 {
		t.Fatalf("no example configurations under %s", examplesRoot)
	}
	named := slices.Concat(slices.Collect(maps.Keys(applyless)), slices.Collect(maps.Keys(secondApply)),
		slices.Collect(maps.Keys(exampleVariables)), slices.Collect(maps.Keys(ownTest)))
	for _, dir := range named {
		if !slices.Contains(dirs, dir) {
			t.Errorf("%s is named in examples_test.go but is not an example directory", dir)
		}
	}
	for _, dir := range dirs {
		t.Run(dir, func(t *testing.T) {
			if test, ok := ownTest[dir]; ok {
				t.Skipf("run by %s", test)
			}
			t.Parallel()
			e := newTestEmulator(t, 100*time.Millisecond)
			w := e2e.NewWorkdir(t, append([]string{EnvBaseURL + "=" + e.apiURL, EnvAPIKey + "=" + testAPIKey, EnvEnvironment + "=sandbox"}, exampleVariables[dir]...)...)
			copyExample(t, dir, w.Dir)
			w.MustRun(nil, "fmt", "-check", "-diff", "-recursive")
			w.MustRun(nil, "validate", "-no-color")
			if tests := moduleTests(t, w.Dir); len(tests) > 0 {
				runModuleTests(t, w, e, tests)
				return
			}
			if reason, ok := applyless[dir]; ok {
				t.Logf("validated only: %s", reason)
				return
			}
			w.Apply()
			expectCleanPlan(t, w)
			if vars, ok := secondApply[dir]; ok {
				w.Apply(vars...)
				expectCleanPlan(t, w, vars...)
			}
			for _, imp := range importCommands(t, filepath.Join(examplesRoot, dir)) {
				reimport(t, w, imp)
			}
			w.MustRun(nil, "destroy", "-auto-approve", "-input=false", "-no-color")
			if left := strings.TrimSpace(w.MustRun(nil, "state", "list").Stdout); left != "" {
				t.Errorf("destroy left resources in the state:\n%s", left)
			}
		})
	}
}

// exampleDirs lists the directories under examplesRoot that hold .tf files,
// relative to it, with forward slashes.
func exampleDirs(t *testing.T) []string {
	t.Helper()
	var dirs []string
	err := filepath.WalkDir(examplesRoot, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".tf" {
			return err
		}
		rel, err := filepath.Rel(examplesRoot, filepath.Dir(path))
		if rel = filepath.ToSlash(rel); err == nil && !slices.Contains(dirs, rel) {
			dirs = append(dirs, rel)
		}
		return err
	})
	if err != nil {
		t.Fatalf("listing the examples: %v", err)
	}
	return dirs
}

// copyExample copies an example's .tf files and its tests into work, with
// the provider example beside them when they do not declare the provider.
func copyExample(t *testing.T, dir, work string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(examplesRoot, dir, "*.tf"))
	if err != nil {
		t.Fatal(err)
	}
	declared := false
	for _, f := range files {
		declared = copyFile(t, f, filepath.Join(work, filepath.Base(f))) || declared
	}
	if !declared {
		copyFile(t, filepath.Join(examplesRoot, providerExample), filepath.Join(work, "provider_example.tf"))
	}
	tests, err := filepath.Glob(filepath.Join(examplesRoot, dir, testsDir, "*.tftest.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(tests) == 0 {
		return
	}
	if err := os.Mkdir(filepath.Join(work, testsDir), 0o700); err != nil {
		t.Fatal(err)
	}
	for _, f := range tests {
		copyFile(t, f, filepath.Join(work, testsDir, filepath.Base(f)))
	}
}

// copyFile copies a configuration file and reports whether it declares
// required_providers.
func copyFile(t *testing.T, from, to string) bool {
	t.Helper()
	body, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, body, 0o600); err != nil {
		t.Fatal(err)
	}
	return bytes.Contains(body, []byte("required_providers"))
}

// expectCleanPlan fails unless a plan, with these extra environment
// variables, finds nothing to change.
func expectCleanPlan(t *testing.T, w *e2e.Workdir, env ...string) {
	t.Helper()
	if empty, res := w.PlanIsEmpty(env...); !empty {
		t.Fatalf("the plan after apply is not empty:\n%s", res)
	}
}

// reimport forgets the object the import command names and imports it again
// by its ID, as the example's import.sh shows, then checks that the imported
// object is the one the configuration describes: the plan may update it in
// place (attributes Toloka does not store, such as timeouts) but never
// creates, replaces or destroys anything.
func reimport(t *testing.T, w *e2e.Workdir, imp importCommand) {
	t.Helper()
	id := stateID(t, w, imp.address)
	if idShape(id) != idShape(imp.id) {
		t.Errorf("import.sh imports %s by %q, but its IDs look like %q", imp.address, imp.id, id)
	}
	w.MustRun(nil, "state", "rm", imp.address)
	w.MustRun(nil, "import", "-input=false", "-no-color", imp.address, id)
	w.MustRun(nil, "plan", "-input=false", "-no-color", "-out=reimport.tfplan")
	var plan struct {
		ResourceChanges []struct {
			Address string `json:"address"`
			Change  struct {
				Actions []string `json:"actions"`
			} `json:"change"`
		} `json:"resource_changes"`
	}
	decodeJSON(t, w.MustRun(nil, "show", "-json", "reimport.tfplan").Stdout, &plan)
	for _, rc := range plan.ResourceChanges {
		if slices.Contains(rc.Change.Actions, "create") || slices.Contains(rc.Change.Actions, "delete") {
			t.Errorf("after importing %s, the plan would %v %s", imp.address, rc.Change.Actions, rc.Address)
		}
	}
}

// stateID is the id attribute of a managed resource in the state.
func stateID(t *testing.T, w *e2e.Workdir, address string) string {
	t.Helper()
	var state struct {
		Values struct {
			RootModule struct {
				Resources []struct {
					Address string         `json:"address"`
					Values  map[string]any `json:"values"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	decodeJSON(t, w.MustRun(nil, "show", "-json").Stdout, &state)
	for _, r := range state.Values.RootModule.Resources {
		if r.Address == address {
			if id, ok := r.Values["id"].(string); ok && id != "" {
				return id
			}
			t.Fatalf("%s has no id in the state", address)
		}
	}
	t.Fatalf("import.sh names %s, which the example does not create", address)
	return ""
}

// idShape folds long runs of hex digits, runs of digits and runs of
// letters, so that IDs of one kind ("123456", "7"; "62ee14ada451956b21388859",
// "6a1b2c3d0000000000000001") compare equal and IDs of another ("1/2", "abc")
// do not.
func idShape(id string) string {
	return idLetters.ReplaceAllString(idDigits.ReplaceAllString(idHex.ReplaceAllString(id, "#"), "9"), "a")
}

var (
	idHex     = regexp.MustCompile(`[0-9a-f]{16,}`)
	idDigits  = regexp.MustCompile(`[0-9]+`)
	idLetters = regexp.MustCompile(`[A-Za-z]+`)
)

func decodeJSON(t *testing.T, out string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("decoding the CLI's JSON output: %v\n%s", err, out)
	}
}

// importCommand is one `terraform import ADDRESS ID` line of an import.sh.
type importCommand struct {
	address string
	id      string
}

var importLine = regexp.MustCompile(`^terraform\s+import\s+(\S+)\s+(\S+)\s*$`)

// importCommands reads the import commands of the example directory's
// import.sh; a line that is neither one, a comment nor blank is an error, so
// that the documented command stays runnable.
func importCommands(t *testing.T, dir string) []importCommand {
	t.Helper()
	script, err := os.ReadFile(filepath.Join(dir, "import.sh"))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var cmds []importCommand
	for _, line := range strings.Split(string(script), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		m := importLine.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("%s/import.sh: %q is not `terraform import ADDRESS ID`", dir, line)
		}
		cmds = append(cmds, importCommand{address: m[1], id: m[2]})
	}
	if len(cmds) == 0 {
		t.Fatalf("%s/import.sh has no terraform import command", dir)
	}
	return cmds
}

func TestIDShape(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"123456", "7", true},
		{"123456", "12/34", false},
		{"123456", "abc", false},
		{"ab12", "x9", true},
		{"62ee14ada451956b21388859", "6a1b2c3d0000000000000001", true},
		{"62ee14ada451956b21388859", "123456", false},
	} {
		if got := idShape(tc.a) == idShape(tc.b); got != tc.same {
			t.Errorf("idShape(%q) == idShape(%q) is %t, want %t", tc.a, tc.b, got, tc.same)
		}
	}
}
