package provider

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/e2e"
)

// testsDir is where a module keeps its terraform test files.
const testsDir = "tests"

// moduleTests lists the test files of the module in dir, relative to it.
func moduleTests(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, testsDir, "*.tftest.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range files {
		files[i] = testsDir + "/" + filepath.Base(f)
	}
	return files
}

// cliFeatures is what a CLI's terraform test can do.
type cliFeatures struct {
	version string // e.g. "Terraform v1.11.4"
	// test: the test command (Terraform and OpenTofu 1.6); mocks: mock
	// providers in test files (Terraform 1.7, OpenTofu 1.8).
	test, mocks bool
}

var cliVersion = regexp.MustCompile(`^(Terraform|OpenTofu) v(\d+)\.(\d+)\.`)

func featuresOf(t *testing.T, w *e2e.Workdir) cliFeatures {
	t.Helper()
	first, _, _ := strings.Cut(w.MustRun(nil, "version").Stdout, "\n")
	m := cliVersion.FindStringSubmatch(first)
	if m == nil {
		t.Fatalf("cannot read the CLI's version from %q", first)
	}
	major, _ := strconv.Atoi(m[2])
	minor, _ := strconv.Atoi(m[3])
	atLeast := func(want int) bool { return major > 1 || major == 1 && minor >= want }
	mocksSince := map[string]int{"Terraform": 7, "OpenTofu": 8}[m[1]]
	return cliFeatures{version: strings.TrimSpace(first), test: atLeast(6), mocks: atLeast(mocksSince)}
}

// runModuleTests runs each test file of the module with terraform test,
// against the emulator e, where the CLI can: a file with mock_provider
// needs mock providers and sends nothing; the others must reach the
// emulator.
func runModuleTests(t *testing.T, w *e2e.Workdir, e *testEmulator, files []string) {
	features := featuresOf(t, w)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join(w.Dir, file))
			if err != nil {
				t.Fatal(err)
			}
			mocked := strings.Contains(string(body), "mock_provider")
			switch {
			case !features.test:
				t.Skipf("%s has no terraform test command (Terraform or OpenTofu 1.6 and later)", features.version)
			case mocked && !features.mocks:
				t.Skipf("%s has no mock providers (Terraform 1.7, OpenTofu 1.8 and later)", features.version)
			}
			before := e.Requests()["POST /projects"]
			res := w.MustRun(nil, "test", "-no-color", "-filter="+file)
			wantRuns := len(runBlock.FindAllString(string(body), -1))
			if !strings.Contains(res.Stdout, "Success! "+strconv.Itoa(wantRuns)+" passed, 0 failed") {
				t.Errorf("terraform test should pass the %d runs of %s:\n%s", wantRuns, file, res)
			}
			created := e.Requests()["POST /projects"] - before
			if mocked && created != 0 || !mocked && created == 0 {
				t.Errorf("%s created %d projects in the emulator (mocked: %t)", file, created, mocked)
			}
		})
	}
}

var runBlock = regexp.MustCompile(`(?m)^run\s+"`)
