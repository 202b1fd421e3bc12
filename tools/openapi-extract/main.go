// Command openapi-extract builds the schema-only OpenAPI extract that the
// openapitest package embeds.
//
// It reads Toloka's official OpenAPI description (fullApi.yaml and the files
// it references), keeps the operations the provider calls together with their
// parameters, request bodies and response schemas, drops everything that does
// not take part in validation (descriptions, examples, code samples, ...),
// applies the corrections listed in corrections.go and writes a deterministic,
// self-contained JSON document plus its NOTICE.md and a copy of the source
// licence.
//
// Run it from the repository root:
//
//	go run ./tools/openapi-extract -in ../shared/toloka-openapi/fullApi.yaml
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

// Output file names, written into the -out directory.
const (
	extractName = "toloka-openapi.json"
	noticeName  = "NOTICE.md"
	licenseName = "LICENSE-toloka-openapi"
)

func main() {
	in := flag.String("in", filepath.FromSlash("../shared/toloka-openapi/fullApi.yaml"),
		"path of the source fullApi.yaml (its sibling files must be next to it)")
	out := flag.String("out", filepath.FromSlash("internal/openapitest/testdata"),
		"directory that receives "+extractName+", "+noticeName+" and "+licenseName)
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "openapi-extract:", err)
		os.Exit(1)
	}
}

// run extracts the document found at in and writes the three output files
// into the directory out.
func run(in, out string) error {
	doc, err := extract(in)
	if err != nil {
		return err
	}
	data, err := encode(doc)
	if err != nil {
		return err
	}
	license, err := os.ReadFile(filepath.Join(filepath.Dir(in), "LICENSE"))
	if err != nil {
		return fmt.Errorf("reading the source licence: %w", err)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	files := map[string][]byte{
		extractName: data,
		noticeName:  []byte(notice()),
		licenseName: license,
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(out, name), content, 0o644); err != nil {
			return err
		}
	}
	return nil
}
