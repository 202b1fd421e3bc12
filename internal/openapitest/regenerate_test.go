package openapitest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// sourceDir is where the source description lives when it is available: the
// folder ../shared/toloka-openapi beside the repository.
var sourceDir = filepath.Join("..", "..", "..", "shared", "toloka-openapi")

// TestExtractIsUpToDate regenerates the extract from the source description
// and requires the checked-in files to be byte-identical, so that they cannot
// go stale. It is skipped when the source folder is absent.
func TestExtractIsUpToDate(t *testing.T) {
	src, err := filepath.Abs(filepath.Join(sourceDir, "fullApi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(src); err != nil {
		t.Skipf("source description not available (%v)", err)
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("go command not found: %v", err)
	}
	out := t.TempDir()
	cmd := exec.Command(goTool, "run", "./tools/openapi-extract", "-in", src, "-out", out)
	cmd.Dir = filepath.Join("..", "..")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("regenerating the extract: %v\n%s", err, msg)
	}
	for _, name := range []string{"toloka-openapi.json", "NOTICE.md", "LICENSE-toloka-openapi"} {
		fresh, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		kept, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(fresh, kept) {
			t.Errorf("testdata/%s is stale: run `go run ./tools/openapi-extract` from the repository root", name)
		}
	}
}
