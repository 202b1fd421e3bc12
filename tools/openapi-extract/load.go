package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"sigs.k8s.io/yaml"
)

// object is a decoded JSON/YAML mapping.
type object = map[string]any

// files loads YAML documents on demand and keeps them by cleaned path.
type files map[string]object

// get returns the decoded document stored at path, loading it on first use.
// Numbers are kept as json.Number so that they are written back verbatim.
func (f files) get(path string) (object, error) {
	path = filepath.Clean(path)
	if doc, ok := f[path]; ok {
		return doc, nil
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	js, err := yaml.YAMLToJSON(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.UseNumber()
	var doc object
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	f[path] = doc
	return doc, nil
}

// lookup returns the value that the JSON pointer ptr designates in the
// document stored at path.
func (f files) lookup(path, ptr string) (any, error) {
	doc, err := f.get(path)
	if err != nil {
		return nil, err
	}
	var cur any = doc
	for _, tok := range pointerTokens(ptr) {
		m, ok := cur.(object)
		if !ok {
			return nil, fmt.Errorf("%s#%s: %q is not inside an object", filepath.Base(path), ptr, tok)
		}
		if cur, ok = m[tok]; !ok {
			return nil, fmt.Errorf("%s#%s: no member %q", filepath.Base(path), ptr, tok)
		}
	}
	return cur, nil
}

// pointerTokens splits a JSON pointer ("/a/b~1c") into unescaped tokens.
func pointerTokens(ptr string) []string {
	if ptr == "" || ptr == "/" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for i, p := range parts {
		parts[i] = strings.ReplaceAll(strings.ReplaceAll(p, "~1", "/"), "~0", "~")
	}
	return parts
}

// resolveRef turns a $ref found in the file at path into the file it points
// to and the JSON pointer inside that file.
func resolveRef(path, ref string) (target, ptr string) {
	file, frag, _ := strings.Cut(ref, "#")
	target = path
	if file != "" {
		target = filepath.Join(filepath.Dir(path), filepath.FromSlash(file))
	}
	return filepath.Clean(target), frag
}
