package emulator

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
)

// The values the service fills into a pool that the request left out, each
// with the documentation that shows it. (The read-only members, type, owner,
// status and created among them, are the views' own: see poolView and
// projectView. Project defaults are filled in by normalizeProject.)

// mixerDefaults are MixerConfig's documented defaults (API reference,
// components.schemas.MixerConfig: force_last_assignment true,
// mix_tasks_in_creation_order false, shuffle_tasks_in_task_suite true).
var mixerDefaults = map[string]bool{
	"force_last_assignment":       true,
	"mix_tasks_in_creation_order": false,
	"shuffle_tasks_in_task_suite": true,
}

// mixerMinimums map each min_…_tasks_count to the count it defaults to
// ("By default, the value is the same as in mixer_config.…_tasks_count").
var mixerMinimums = map[string]string{
	"min_real_tasks_count":     "real_tasks_count",
	"min_golden_tasks_count":   "golden_tasks_count",
	"min_training_tasks_count": "training_tasks_count",
}

// fillPoolDefaults fills in a validated pool's nested defaults.
func fillPoolDefaults(p map[string]any) {
	// responses/api/pool-id.yaml answers issue_task_suites_in_creation_order
	// false for a pool that has no reason to set it.
	cfg, _ := p["assignments_issuing_config"].(map[string]any)
	if cfg == nil {
		cfg = map[string]any{}
		p["assignments_issuing_config"] = cfg
	}
	if _, set := cfg["issue_task_suites_in_creation_order"]; !set {
		cfg["issue_task_suites_in_creation_order"] = false
	}
	// responses/api/pool-id.yaml answers metadata {} for a pool without any.
	if _, set := p["metadata"]; !set {
		p["metadata"] = map[string]any{}
	}
	if mc, ok := p["mixer_config"].(map[string]any); ok {
		for k, def := range mixerDefaults {
			if _, set := mc[k]; !set {
				mc[k] = def
			}
		}
		for k, count := range mixerMinimums {
			if _, set := mc[k]; !set && mc[count] != nil {
				mc[k] = mc[count]
			}
		}
	}
}

// assignCollectorUUIDs gives every quality-control collector of a pool that
// has no uuid a new one: responses/api/pool-id.yaml answers a uuid on each
// collector_config, and components.schemas.CollectorConfigDtoV1 requires it
// in the view. A uuid the request carries is kept, so a collector keeps its
// identity across updates.
func (s *Server) assignCollectorUUIDs(p map[string]any) {
	qc, _ := p["quality_control"].(map[string]any)
	configs, _ := qc["configs"].([]any)
	for _, c := range configs {
		cfg, _ := c.(map[string]any)
		collector, _ := cfg["collector_config"].(map[string]any)
		if collector == nil {
			continue
		}
		if _, set := collector["uuid"]; !set {
			s.lastCollector++
			collector["uuid"] = fmt.Sprintf("00000000-0000-4000-8000-%012x", s.lastCollector)
		}
	}
}

// Kinds of object SetFillIn applies to.
const (
	FillInProjects = "projects"
	FillInPools    = "pools"
)

// SetFillIn makes the service fill in, on every project (kind
// FillInProjects) or pool (FillInPools) created or updated from now on, the
// members of doc that the request leaves out, at any depth: objects member by
// member, arrays of the same length element by element. It stands for the
// values real Toloka fills in beyond those documented (tests serve a genuine
// answer this way). Read-only members of doc are ignored, as in a request.
// A nil or empty doc stops it.
func (s *Server) SetFillIn(kind string, doc json.RawMessage) error {
	if kind != FillInProjects && kind != FillInPools {
		return fmt.Errorf("%w: fill-in kind %q is neither %q nor %q", ErrNotFound, kind, FillInProjects, FillInPools)
	}
	var fields map[string]any
	if len(doc) > 0 {
		var err *apiError
		if fields, err = decodeObject(doc); err != nil {
			return fmt.Errorf("emulator: fill-in document: %s", err.message)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(fields) == 0 {
		delete(s.fillIn, kind)
		return nil
	}
	s.fillIn[kind] = fields
	return nil
}

// withFillIn returns the request body with the fill-in of kind merged in.
func (s *Server) withFillIn(kind string, body map[string]any) map[string]any {
	fields := s.fillIn[kind]
	if fields == nil {
		return body
	}
	out := maps.Clone(body)
	for k, v := range out {
		out[k] = deepCopy(v)
	}
	mergeAbsent(out, fields)
	return out
}

// mergeAbsent copies into dst the members of src that dst lacks, recursing
// into objects and into arrays of the same length.
func mergeAbsent(dst, src map[string]any) {
	for k, sv := range src {
		dv, present := dst[k]
		if !present {
			dst[k] = deepCopy(sv)
			continue
		}
		mergeAbsentValue(dv, sv)
	}
}

func mergeAbsentValue(dst, src any) {
	switch d := dst.(type) {
	case map[string]any:
		if s, ok := src.(map[string]any); ok {
			mergeAbsent(d, s)
		}
	case []any:
		if s, ok := src.([]any); ok && len(s) == len(d) {
			for i := range d {
				mergeAbsentValue(d[i], s[i])
			}
		}
	}
}

// deepCopy copies a decoded JSON value.
func deepCopy(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := maps.Clone(v)
		for k, x := range out {
			out[k] = deepCopy(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = deepCopy(x)
		}
		return out
	}
	return v
}

func (s *Server) controlSetFillIn(c *call) answer {
	if _, err := decodeObject(c.body); err != nil {
		return errorAnswer(err)
	}
	if err := s.SetFillIn(c.id, c.body); err != nil {
		return controlError(err)
	}
	return noContent()
}

func (s *Server) controlStopFillIn(c *call) answer {
	if err := s.SetFillIn(c.id, nil); err != nil {
		return controlError(err)
	}
	return noContent()
}

// fillInRoute serves SetFillIn: PUT a document, DELETE to stop.
func (s *Server) fillInRoute() route {
	return newRoute("/fill-in/{id}", map[string]endpoint{
		http.MethodPut:    {handle: s.controlSetFillIn},
		http.MethodDelete: {handle: s.controlStopFillIn},
	})
}
