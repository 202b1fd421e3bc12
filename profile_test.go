package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestProfilesAreWrittenWhenStopped(t *testing.T) {
	dir := t.TempDir()
	stop, err := startProfiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	stop()
	for _, kind := range []string{"cpu", "allocs"} {
		matches, err := filepath.Glob(filepath.Join(dir, kind+"-*.pprof"))
		if err != nil || len(matches) != 1 {
			t.Fatalf("%s profiles: %v %v, want one", kind, matches, err)
		}
		info, err := os.Stat(matches[0])
		if err != nil {
			t.Fatal(err)
		}
		if info.Size() == 0 {
			t.Errorf("%s profile %s is empty", kind, matches[0])
		}
	}
}

func TestProfilesRefuseADirectoryThatIsNot(t *testing.T) {
	if _, err := startProfiles(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("started profiles into a directory that does not exist")
	}
}
