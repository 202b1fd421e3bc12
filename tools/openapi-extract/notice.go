package main

import (
	"fmt"
	"strings"
)

// notice returns the text of NOTICE.md, written beside the extract.
func notice() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Toloka OpenAPI extract — notice\n\n")
	fmt.Fprintf(&b, "`%s` is derived from the official OpenAPI 3.0 description of the Toloka REST API v1:\n\n", extractName)
	fmt.Fprintf(&b, "- repository: %s\n", sourceRepository)
	fmt.Fprintf(&b, "- commit: `%s` (%s)\n", sourceCommit, sourceDate)
	fmt.Fprintf(&b, "- file: `%s` and the files it references (`parts/api/additional.yaml`)\n", sourcePath)
	fmt.Fprintf(&b, "- licence: Apache License 2.0, copyright 2022 YANDEX LLC. `%s` is the source's LICENSE file, ", licenseName)
	fmt.Fprintf(&b, "copied unchanged; the full licence text is at https://www.apache.org/licenses/LICENSE-2.0\n\n")
	fmt.Fprintf(&b, "It is a modified, schema-only extract: it keeps the paths the provider uses (%s) ", strings.Join(quoted(keptPaths), ", "))
	fmt.Fprintf(&b, "with their parameters, request bodies and response schemas, and drops descriptions, examples, ")
	fmt.Fprintf(&b, "code samples and every other path. The changes made to the kept schemas are listed, each with its reason, ")
	fmt.Fprintf(&b, "in the document's `x-corrections` member.\n\n")
	fmt.Fprintf(&b, "The file is generated; do not edit it by hand. To regenerate it, put the source folder ")
	fmt.Fprintf(&b, "(`%s` with its siblings and `LICENSE`) at `../shared/toloka-openapi` next to the repository ", "fullApi.yaml")
	fmt.Fprintf(&b, "and run from the repository root:\n\n")
	fmt.Fprintf(&b, "```sh\n%s\n```\n\n", regenerate)
	fmt.Fprintf(&b, "`go test ./internal/openapitest/` checks that the checked-in files match a fresh extract ")
	fmt.Fprintf(&b, "whenever that folder is present.\n")
	return b.String()
}

// quoted wraps every item in backquotes.
func quoted(items []string) []string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = "`" + s + "`"
	}
	return out
}
