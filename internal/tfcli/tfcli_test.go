package tfcli

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestCleanEnvironment(t *testing.T) {
	got := CleanEnvironment([]string{"PATH=/bin", "TF_LOG=TRACE", "TF_CLI_CONFIG_FILE=x", "TF_VAR_name=v", "TOLOKA_API_KEY=k", "CHECKPOINT_DISABLE=", "HOME=/h"})
	if want := []string{"PATH=/bin", "HOME=/h"}; !slices.Equal(got, want) {
		t.Errorf("CleanEnvironment = %v, want %v", got, want)
	}
}

// fakeCLI writes a shell script that stands in for the CLI: it prints its
// arguments and environment, and exits with 3.
func fakeCLI(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "terraform")
	script := `#!/bin/sh
echo "args: $*"
echo "config: $TF_CLI_CONFIG_FILE"
echo "extra: $EXTRA $PER_RUN"
echo "log: ${TF_LOG:-none}"
echo "to stderr" >&2
exit 3
`
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestWorkdirRunsTheCLIWithTheProviderOverridden(t *testing.T) {
	t.Setenv("TF_LOG", "TRACE")
	configDir, providerDir := t.TempDir(), t.TempDir()
	cli, err := New(fakeCLI(t), providerDir, configDir)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "work")
	w, err := cli.Workdir(dir, "EXTRA=workdir")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(`# config`); err != nil {
		t.Fatal(err)
	}
	if body, err := os.ReadFile(filepath.Join(dir, "main.tf")); err != nil || string(body) != "# config" {
		t.Errorf("main.tf = %q, %v", body, err)
	}

	observed := 0
	res, err := w.RunObserved(context.Background(), func(pid int) func() {
		if pid <= 0 {
			t.Errorf("observed pid %d", pid)
		}
		return func() { observed++ }
	}, []string{"PER_RUN=run"}, "plan", "-no-color")
	if err != nil {
		t.Fatal(err)
	}
	config := filepath.Join(configDir, "terraformrc")
	wantOut := "args: -chdir=" + dir + " plan -no-color\nconfig: " + config + "\nextra: workdir run\nlog: none\n"
	if res.Stdout != wantOut || res.Stderr != "to stderr\n" || res.ExitCode != 3 || observed != 1 {
		t.Errorf("ran %+v, observed %d times; want stdout %q", res, observed, wantOut)
	}
	if !slices.Equal(res.Args, []string{"plan", "-no-color"}) || res.Took <= 0 || res.Ended.IsZero() {
		t.Errorf("result %+v", res)
	}

	rc, err := os.ReadFile(config)
	if err != nil {
		t.Fatal(err)
	}
	for _, address := range []string{terraformAddress, openTofuAddress} {
		if !strings.Contains(string(rc), `"`+address+`" = "`+providerDir+`"`) {
			t.Errorf("the CLI configuration does not override %s with %s:\n%s", address, providerDir, rc)
		}
	}
}

func TestRunReportsACLIThatCannotStart(t *testing.T) {
	cli, err := New(filepath.Join(t.TempDir(), "missing"), t.TempDir(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	w, err := cli.Workdir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Run(context.Background(), nil, "version"); err == nil {
		t.Error("running a CLI that does not exist did not fail")
	}
}
