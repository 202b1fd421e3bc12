package main

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime/pprof"
)

// profileDirVariable names a directory into which the provider writes
// profiles of its run, for finding where a plan's time goes:
// cpu-<pid>.pprof, its CPU profile, and allocs-<pid>.pprof, what it
// allocated, when Terraform stops it (Terraform starts a provider process
// for each command, and some commands more than one).
const profileDirVariable = "TOLOKA_PROFILE_DIR"

// startProfiles starts the CPU profile; stop ends it and writes the
// allocation profile.
func startProfiles(dir string) (stop func(), err error) {
	name := func(kind string) string { return filepath.Join(dir, fmt.Sprintf("%s-%d.pprof", kind, os.Getpid())) }
	cpu, err := os.Create(name("cpu"))
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		_ = cpu.Close() // nothing was written to it
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		if err := cpu.Close(); err != nil {
			log.Printf("[WARN] writing the CPU profile: %v", err)
		}
		if err := writeAllocationProfile(name("allocs")); err != nil {
			log.Printf("[WARN] writing the allocation profile: %v", err)
		}
	}, nil
}

func writeAllocationProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		_ = f.Close() // the write's error says what went wrong
		return err
	}
	return f.Close()
}
