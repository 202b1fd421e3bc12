package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// keptPaths are the API paths the provider calls now or soon. Every operation
// of these paths is kept.
var keptPaths = []string{
	"/operations",
	"/operations/{id}",
	"/pools",
	"/pools/{id}",
	"/pools/{id}/archive",
	"/pools/{id}/close",
	"/pools/{id}/close-for-update",
	"/pools/{id}/open",
	"/projects",
	"/projects/{id}",
	"/projects/{id}/archive",
	"/requester",
	"/skills",
	"/skills/{id}",
	"/trainings",
	"/trainings/{id}",
	"/trainings/{id}/archive",
	"/trainings/{id}/close",
	"/trainings/{id}/close-for-update",
	"/trainings/{id}/open",
	"/user-restrictions",
	"/user-restrictions/{id}",
	"/user-skills",
	"/user-skills/{id}",
	"/webhook-subscriptions",
	"/webhook-subscriptions/{id}",
}

// Provenance of the source description, written into the extract and NOTICE.md.
const (
	sourceRepository = "https://github.com/Toloka/docs"
	sourceCommit     = "c28c2aca9612a8b86fc3140a025f97ba1525e427"
	sourceDate       = "2023-09-20"
	sourcePath       = "en/api/reference/fullApi.yaml"
	sourceLicense    = "Apache-2.0"
	regenerate       = "go run ./tools/openapi-extract -in ../shared/toloka-openapi/fullApi.yaml"
)

// httpMethods are the Path Item members that hold operations.
var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// extract reads the description rooted at the file in and returns the
// corrected, schema-only extract.
func extract(in string) (object, error) {
	src := files{}
	root, err := src.get(in)
	if err != nil {
		return nil, err
	}
	e := newExtractor(src)
	paths, err := e.paths(in, root)
	if err != nil {
		return nil, err
	}
	security, err := securitySchemes(root)
	if err != nil {
		return nil, err
	}
	doc := object{
		"openapi":  root["openapi"],
		"info":     info(root),
		"servers":  root["servers"],
		"security": root["security"],
		"paths":    paths,
		"components": object{
			"schemas":         e.schemas,
			"securitySchemes": security,
		},
	}
	applied, err := applyCorrections(doc)
	if err != nil {
		return nil, err
	}
	doc["x-corrections"] = applied
	return doc, nil
}

// encode writes doc as indented JSON. Object members come out sorted, so the
// output depends only on the content.
func encode(doc object) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// info returns the Info Object of the extract, with its provenance.
func info(root object) object {
	src, _ := root["info"].(object)
	return object{
		"title":   "Toloka API (schema-only extract)",
		"version": src["version"],
		"license": object{"name": sourceLicense, "url": "https://www.apache.org/licenses/LICENSE-2.0"},
		"x-notice": "Modified by the provider's authors: a schema-only extract of the source below, " +
			"changed as listed in x-corrections; see NOTICE.md.",
		"x-source": object{
			"repository": sourceRepository,
			"commit":     sourceCommit,
			"path":       sourcePath,
			"regenerate": regenerate,
		},
	}
}

// securitySchemes copies the security schemes of the source without their
// descriptions.
func securitySchemes(root object) (object, error) {
	comps, _ := root["components"].(object)
	schemes, ok := comps["securitySchemes"].(object)
	if !ok {
		return nil, fmt.Errorf("source has no components.securitySchemes")
	}
	out := object{}
	for _, name := range sortedKeys(schemes) {
		s, _ := schemes[name].(object)
		c := object{}
		for _, k := range sortedKeys(s) {
			if k != "description" {
				c[k] = s[k]
			}
		}
		out[name] = c
	}
	return out, nil
}

// paths returns the cleaned Path Items of keptPaths.
func (e *extractor) paths(path string, root object) (object, error) {
	all, _ := root["paths"].(object)
	out := object{}
	for _, p := range keptPaths {
		item, ok := all[p].(object)
		if !ok {
			return nil, fmt.Errorf("source has no path %s", p)
		}
		cleaned, err := e.pathItem(path, item)
		if err != nil {
			return nil, fmt.Errorf("path %s: %w", p, err)
		}
		out[p] = cleaned
	}
	return out, nil
}

// pathItem cleans a Path Item Object.
func (e *extractor) pathItem(path string, in object) (object, error) {
	out := object{}
	for _, k := range sortedKeys(in) {
		var err error
		switch {
		case slices.Contains(httpMethods, k):
			out[k], err = e.operation(path, in[k])
		case k == "parameters":
			out[k], err = e.parameters(path, in[k])
		case k == "summary", k == "description", strings.HasPrefix(k, "x-"):
		default:
			err = fmt.Errorf("unexpected path item member")
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
	}
	return out, nil
}

// operation cleans an Operation Object.
func (e *extractor) operation(path string, v any) (object, error) {
	in, ok := v.(object)
	if !ok {
		return nil, fmt.Errorf("expected an object, got %T", v)
	}
	out := object{}
	for _, k := range sortedKeys(in) {
		var err error
		switch k {
		case "operationId", "security":
			out[k] = in[k]
		case "parameters":
			out[k], err = e.parameters(path, in[k])
		case "requestBody":
			out[k], err = e.requestBody(path, in[k])
		case "responses":
			out[k], err = e.responses(path, in[k])
		case "tags", "summary", "description", "externalDocs", "deprecated":
		default:
			if !strings.HasPrefix(k, "x-") {
				err = fmt.Errorf("unexpected operation member")
			}
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
	}
	return out, nil
}

// parameters cleans a list of Parameter Objects.
func (e *extractor) parameters(path string, v any) ([]any, error) {
	in, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("expected a list, got %T", v)
	}
	out := make([]any, len(in))
	for i, item := range in {
		p, err := e.parameter(path, item)
		if err != nil {
			return nil, fmt.Errorf("[%d]: %w", i, err)
		}
		out[i] = p
	}
	return out, nil
}

// parameter cleans a Parameter Object.
func (e *extractor) parameter(path string, v any) (object, error) {
	in, ok := v.(object)
	if !ok {
		return nil, fmt.Errorf("expected an object, got %T", v)
	}
	out := object{}
	for _, k := range sortedKeys(in) {
		var err error
		switch k {
		case "name", "in", "required", "style", "explode", "allowEmptyValue", "allowReserved":
			out[k] = in[k]
		case "schema":
			out[k], err = e.schema(path, in[k])
		case "description", "example", "examples", "deprecated":
		default:
			err = fmt.Errorf("unexpected parameter member %q", k)
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// requestBody cleans a Request Body Object.
func (e *extractor) requestBody(path string, v any) (object, error) {
	in, ok := v.(object)
	if !ok {
		return nil, fmt.Errorf("expected an object, got %T", v)
	}
	content, err := e.content(path, in["content"])
	if err != nil {
		return nil, err
	}
	out := object{"content": content}
	if r, ok := in["required"]; ok {
		out["required"] = r
	}
	return out, nil
}

// responses cleans a Responses Object. The short description of each response
// is kept because OpenAPI requires it.
func (e *extractor) responses(path string, v any) (object, error) {
	in, ok := v.(object)
	if !ok {
		return nil, fmt.Errorf("expected an object, got %T", v)
	}
	out := object{}
	for _, code := range sortedKeys(in) {
		r, ok := in[code].(object)
		if !ok {
			return nil, fmt.Errorf("%s: expected an object", code)
		}
		if _, ok := r["headers"]; ok {
			return nil, fmt.Errorf("%s: response headers are not supported", code)
		}
		c := object{"description": r["description"]}
		if raw, ok := r["content"]; ok {
			content, err := e.content(path, raw)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", code, err)
			}
			c["content"] = content
		}
		out[code] = c
	}
	return out, nil
}

// content cleans a media type -> Media Type Object mapping, keeping schemas only.
func (e *extractor) content(path string, v any) (object, error) {
	in, ok := v.(object)
	if !ok {
		return nil, fmt.Errorf("content: expected an object, got %T", v)
	}
	out := object{}
	for _, mt := range sortedKeys(in) {
		m, _ := in[mt].(object)
		c := object{}
		if s, ok := m["schema"]; ok {
			schema, err := e.schema(path, s)
			if err != nil {
				return nil, fmt.Errorf("content %s: %w", mt, err)
			}
			c["schema"] = schema
		}
		out[mt] = c
	}
	return out, nil
}
