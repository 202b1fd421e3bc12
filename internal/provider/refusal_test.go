package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/emulator"
	"github.com/toloka-terraform/terraform-provider-toloka/internal/openapitest"
)

// refusals puts one object, given as the JSON members of a configuration,
// both to the provider's plan-time validation and to the emulator, and
// reports where each refuses it. Member names are the attributes of the
// resource and the fields of the API object alike; a JSON document
// attribute (filter, quality_control, …) is a JSON object member, which
// the configuration holds as text.
type refusals struct {
	provider tfprotov6.ProviderServer
	schemas  map[string]*tfprotov6.Schema
	server   *emulator.Server
	spec     *openapitest.Spec
	project  string // a project of the emulator, for pools
	training string // a training of that project, for training requirements
}

// trainingPlaceholder, in a member's JSON text, stands for the ID of the
// training that refusals makes: Toloka refuses a training requirement
// naming a training that does not exist.
const trainingPlaceholder = "$training"

func newRefusals(t *testing.T) *refusals {
	t.Helper()
	r := &refusals{
		provider: providerserver.NewProtocol6(New("test")())(),
		server:   emulator.New(emulator.Options{APIKeys: []string{testAPIKey}, CreateQuota: &emulator.Quota{}}),
		spec:     openapitest.MustLoad(t),
	}
	schemas, err := r.provider.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || diagnosticsError(schemas.Diagnostics) != "" {
		t.Fatalf("GetProviderSchema: %v %s", err, diagnosticsError(schemas.Diagnostics))
	}
	r.schemas = schemas.ResourceSchemas
	status, body := r.post(t, "toloka_project", r.object(t, "toloka_project", nil), true)
	if status != http.StatusCreated {
		t.Fatalf("creating the pools' project: %d %s", status, body)
	}
	var created struct{ ID string }
	if err := json.Unmarshal(body, &created); err != nil {
		t.Fatal(err)
	}
	r.project = created.ID
	training := map[string]any{"project_id": r.project, "private_name": "Refusals", "inherited_instructions": true,
		"training_tasks_in_task_suite_count": json.Number("3")}
	if status, body = r.postTo(t, "/api/v1/trainings", training, true); status != http.StatusCreated {
		t.Fatalf("creating the pools' training: %d %s", status, body)
	}
	if err := json.Unmarshal(body, &created); err != nil {
		t.Fatal(err)
	}
	r.training = created.ID
	return r
}

// baseMembers are the members of a valid object of the resource, as JSON.
func baseMembers(resource, project string) map[string]string {
	if resource == "toloka_training" {
		return map[string]string{
			"project_id":                         fmt.Sprintf("%q", project),
			"private_name":                       `"Refusals"`,
			"inherited_instructions":             "true",
			"training_tasks_in_task_suite_count": "3",
		}
	}
	if resource == "toloka_pool" {
		return map[string]string{
			"project_id":                      fmt.Sprintf("%q", project),
			"private_name":                    `"Refusals"`,
			"reward_per_assignment":           "0.05",
			"assignment_max_duration_seconds": "600",
			"will_expire":                     `"2030-01-02T03:04:05"`,
			"defaults":                        `{"default_overlap_for_new_task_suites":3}`,
		}
	}
	return map[string]string{
		"public_name":              `"Refusals"`,
		"public_description":       `"Checked by plan-time validation and the emulator"`,
		"assignments_issuing_type": `"AUTOMATED"`,
		"task_spec": `{"input_spec":{"image":{"type":"url"}},"output_spec":{"result":{"type":"string"}},
			"view_spec":{"type":"classic","markup":"{{img src=image}}","settings":{}}}`,
	}
}

// object is the valid object of the resource with members replaced.
func (r *refusals) object(t *testing.T, resource string, members map[string]string) map[string]any {
	t.Helper()
	obj := map[string]any{}
	for name, text := range baseMembers(resource, r.project) {
		obj[name] = decodeMember(t, text)
	}
	for name, text := range members {
		obj[name] = decodeMember(t, strings.ReplaceAll(text, trainingPlaceholder, r.training))
	}
	return obj
}

func decodeMember(t *testing.T, text string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("member %s: %v", text, err)
	}
	return v
}

// planErrors are the paths, dotted as the API names fields, of the errors
// that plan-time validation reports for the object.
func (r *refusals) planErrors(t *testing.T, resource string, members map[string]string) []string {
	t.Helper()
	schema := r.schemas[resource]
	config := tfValue(t, schema.ValueType(), r.object(t, resource, members))
	resp, err := r.provider.ValidateResourceConfig(context.Background(), &tfprotov6.ValidateResourceConfigRequest{
		TypeName: resource,
		Config:   dynamicValue(t, schema, config),
	})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			paths = append(paths, diagnosticPath(d))
		}
	}
	return paths
}

// memberIndex turns and[0].or[1] into and.0.or.1.
var memberIndex = regexp.MustCompile(`\[(\d+)\]`)

// diagnosticPath is the attribute of d, followed, for a JSON document
// attribute, by the member its detail names ("filter: and[0].value: …").
func diagnosticPath(d *tfprotov6.Diagnostic) string {
	if d.Attribute == nil {
		return "(none) " + d.Summary
	}
	var dotted []string
	var written strings.Builder // as the framework writes the path
	for _, step := range d.Attribute.Steps() {
		switch s := step.(type) {
		case tftypes.AttributeName:
			dotted = append(dotted, string(s))
			if written.Len() > 0 {
				written.WriteString(".")
			}
			written.WriteString(string(s))
		case tftypes.ElementKeyString:
			dotted = append(dotted, string(s))
			fmt.Fprintf(&written, "[%q]", string(s))
		case tftypes.ElementKeyInt:
			dotted = append(dotted, fmt.Sprint(int64(s)))
			fmt.Fprintf(&written, "[%d]", int64(s))
		}
	}
	name := strings.Join(dotted, ".")
	rest, ok := strings.CutPrefix(d.Detail, written.String()+": ")
	if !ok {
		return name
	}
	if member, _, found := strings.Cut(rest, ": "); found && !strings.Contains(member, " ") {
		return name + "." + memberIndex.ReplaceAllString(member, ".$1")
	}
	return name
}

// serverErrors are the fields of the emulator's VALIDATION_ERROR for the
// object, or nil when it creates it. Accepted objects must also match the
// OpenAPI extract.
func (r *refusals) serverErrors(t *testing.T, resource string, members map[string]string, wantAccepted bool) []string {
	t.Helper()
	status, body := r.post(t, resource, r.object(t, resource, members), wantAccepted)
	if status == http.StatusCreated {
		return nil
	}
	var answer struct {
		Code    string
		Payload map[string]any
	}
	if err := json.Unmarshal(body, &answer); err != nil || status != http.StatusBadRequest || answer.Code != "VALIDATION_ERROR" {
		t.Fatalf("the emulator answered %d %s", status, body)
	}
	return slices.Sorted(maps.Keys(answer.Payload))
}

// post creates the object in the emulator; checked, the exchange must
// match the OpenAPI extract.
func (r *refusals) post(t *testing.T, resource string, obj map[string]any, checked bool) (int, []byte) {
	t.Helper()
	return r.postTo(t, map[string]string{"toloka_project": "/api/v1/projects", "toloka_pool": "/api/v1/pools",
		"toloka_training": "/api/v1/trainings"}[resource], obj, checked)
}

func (r *refusals) postTo(t *testing.T, path string, obj map[string]any, checked bool) (int, []byte) {
	t.Helper()
	var h http.Handler = r.server
	if checked {
		h = r.spec.Middleware(r.server, openapitest.Check(t))
	}
	body, err := json.Marshal(obj)
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "ApiKey "+testAPIKey)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w.Code, w.Body.Bytes()
}

// tfValue is the configuration value of type typ holding v, a decoded JSON
// value: objects fill the attributes they lack with null, and a string
// attribute given a JSON object or array holds its text.
func tfValue(t *testing.T, typ tftypes.Type, v any) tftypes.Value {
	t.Helper()
	if v == nil {
		return tftypes.NewValue(typ, nil)
	}
	switch {
	case typ.Is(tftypes.String):
		if s, ok := v.(string); ok {
			return tftypes.NewValue(typ, s)
		}
		text, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return tftypes.NewValue(typ, string(text))
	case typ.Is(tftypes.Number):
		f, _, err := big.ParseFloat(v.(json.Number).String(), 10, 512, big.ToNearestEven)
		if err != nil {
			t.Fatal(err)
		}
		return tftypes.NewValue(typ, f)
	case typ.Is(tftypes.Bool):
		return tftypes.NewValue(typ, v)
	case typ.Is(tftypes.Object{}):
		members := v.(map[string]any)
		attrs := map[string]tftypes.Value{}
		for name, attrType := range typ.(tftypes.Object).AttributeTypes {
			attrs[name] = tfValue(t, attrType, members[name])
		}
		return tftypes.NewValue(typ, attrs)
	case typ.Is(tftypes.Map{}):
		elems := map[string]tftypes.Value{}
		for k, e := range v.(map[string]any) {
			elems[k] = tfValue(t, typ.(tftypes.Map).ElementType, e)
		}
		return tftypes.NewValue(typ, elems)
	case typ.Is(tftypes.List{}):
		var elems []tftypes.Value
		for _, e := range v.([]any) {
			elems = append(elems, tfValue(t, typ.(tftypes.List).ElementType, e))
		}
		return tftypes.NewValue(typ, elems)
	}
	t.Fatalf("no configuration value of type %s for %v", typ, v)
	return tftypes.Value{}
}

// refusalCase is one object: its members beyond the valid base, and the
// field both plan-time validation and Toloka refuse ("" when both accept
// it).
type refusalCase struct {
	name     string
	resource string
	members  map[string]string
	refused  string
}

// check puts the case to both sides: refused, each must name its field;
// accepted, neither may refuse anything.
func (r *refusals) check(t *testing.T, c refusalCase) {
	t.Helper()
	plan := r.planErrors(t, c.resource, c.members)
	server := r.serverErrors(t, c.resource, c.members, c.refused == "")
	if c.refused == "" {
		if len(plan) > 0 || len(server) > 0 {
			t.Errorf("refused: at plan time %v, by the emulator %v; want accepted", plan, server)
		}
		return
	}
	if !slices.Contains(plan, c.refused) {
		t.Errorf("plan-time validation refuses %v, want %s", plan, c.refused)
	}
	if !slices.Contains(server, c.refused) {
		t.Errorf("the emulator refuses %v, want %s", server, c.refused)
	}
}

// Plan-time validation refuses what Toloka refuses, as the emulator plays
// it, naming the same field, and both accept the documented examples.
func TestPlanTimeRefusalsMatchTheServer(t *testing.T) {
	r := newRefusals(t)
	pool := func(name, member, value, refused string) refusalCase {
		return refusalCase{name, "toloka_pool", map[string]string{member: value}, refused}
	}
	project := func(name string, members map[string]string, refused string) refusalCase {
		return refusalCase{name, "toloka_project", members, refused}
	}
	cond := func(category, key, operator, value string) string {
		return fmt.Sprintf(`{"category":%q,"key":%q,"operator":%q,"value":%s}`, category, key, operator, value)
	}
	tdf := `{"scope":"PROJECT","distribution":"UNIFORM","window_days":7,"intervals":[{"from":1,"to":100,"frequency":5}]}`
	overlap := `{"type":"BASIC","max_overlap":5,"min_confidence":0.9,"answer_weight_skill_id":"1289","fields":[{"name":"result"}]}`
	mapView := `{"title_template":"t","description_template":"d"}`
	cases := []refusalCase{
		// Accepted: genuine payloads and the API reference's examples.
		pool("genuine filter", "filter", fixtureMember(t, "pool.json", "filter"), ""),
		pool("genuine quality control", "quality_control", fixtureMember(t, "pool.json", "quality_control"), ""),
		pool("skill filter", "filter", `{"and":[{"category":"skill","key":1124,"operator":"GT","value":59.7}]}`, ""),
		pool("no skill", "filter", `{"and":[{"category":"skill","key":"55","operator":"EQ"}]}`, ""),
		pool("documented quality control", "quality_control", poolLongBodyQualityControl, ""),
		pool("documented mixer", "mixer_config", poolLongBodyMixerConfig, ""),
		pool("documented dynamic overlap", "dynamic_overlap_config", overlap, ""),
		pool("dynamic pricing", "dynamic_pricing_config", `{"type":"SKILL","skill_id":"1","intervals":[{"from":1,"to":60,"reward_per_assignment":0.03},{"from":61,"to":100,"reward_per_assignment":0.04}]}`, ""),
		pool("approval without parameters, as toloka-kit sends it", "quality_control", qualityConfig(skippedCollector, skippedCondition, `{"type":"APPROVE_ALL_ASSIGNMENTS"}`), ""),
		project("documented project quality control", map[string]string{"quality_control": fixtureMember(t, "project_docs_example.json", "quality_control")}, ""),
		project("map selector", map[string]string{"assignments_issuing_type": `"MAP_SELECTOR"`, "assignments_issuing_view_config": mapView}, ""),
		project("long language codes", map[string]string{"localization_config": `{"default_language":"PT-BR","additional_languages":[{"language":"ZH-HANS","public_name":{"value":"x","source":"REQUESTER"}}]}`}, ""),

		// Refused: the filter.
		pool("and with or", "filter", `{"and":[],"or":[]}`, "filter"),
		pool("operator of another key", "filter", `{"and":[{"or":[`+cond("profile", "languages", "IN", `"EN"`)+`,`+cond("profile", "languages", "GTE", `"EN"`)+`]}]}`, "filter.and.0.or.1.operator"),
		pool("unknown category", "filter", `{"and":[`+cond("group", "x", "EQ", "1")+`]}`, "filter.and.0.category"),
		pool("unknown key", "filter", `{"or":[`+cond("computed", "speed", "EQ", "1")+`]}`, "filter.or.0.key"),
		pool("value of the wrong kind", "filter", `{"and":[`+cond("profile", "city", "IN", `"Moscow"`)+`]}`, "filter.and.0.value"),
		pool("unknown gender", "filter", `{"and":[`+cond("profile", "gender", "EQ", `"OTHER"`)+`]}`, "filter.and.0.value"),
		pool("no value", "filter", `{"and":[{"category":"profile","key":"country","operator":"EQ"}]}`, "filter.and.0.value"),
		pool("skill above 100", "filter", `{"and":[`+cond("skill", "7", "GTE", "100.5")+`]}`, "filter.and.0.value"),
		pool("skill with IN", "filter", `{"and":[`+cond("skill", "7", "IN", "5")+`]}`, "filter.and.0.operator"),
		pool("node not an object", "filter", `{"and":[[]]}`, "filter.and.0"),
		// Refused: quality control.
		pool("captcha collector", "quality_control", qualityConfig(`{"type":"CAPTCHA"}`, skippedCondition, banAction), "quality_control.configs.0.collector_config.type"),
		pool("collector uuid", "quality_control", qualityConfig(`{"type":"SKIPPED_IN_ROW_ASSIGNMENTS","uuid":"1"}`, skippedCondition, banAction), "quality_control.configs.0.collector_config.uuid"),
		pool("collector parameter", "quality_control", qualityConfig(`{"type":"ANSWER_COUNT","parameters":{"history_size":3}}`, `{"key":"assignments_accepted_count","operator":"GTE","value":1}`, banAction), "quality_control.configs.0.collector_config.parameters.history_size"),
		pool("condition of another collector", "quality_control", qualityConfig(skippedCollector, `{"key":"fast_submitted_count","operator":"GT","value":1}`, banAction), "quality_control.configs.0.rules.0.conditions.0.key"),
		pool("unknown condition key", "quality_control", qualityConfig(skippedCollector, `{"key":"speed","operator":"GT","value":1}`, banAction), "quality_control.configs.0.rules.0.conditions.0.key"),
		pool("identity operator", "quality_control", qualityConfig(`{"type":"USERS_ASSESSMENT"}`, `{"key":"pool_access_revoked_reason","operator":"LT","value":"RESTRICTION"}`, `{"type":"CHANGE_OVERLAP","parameters":{"delta":1}}`), "quality_control.configs.0.rules.0.conditions.0.operator"),
		pool("rate above 100", "quality_control", qualityConfig(`{"type":"MAJORITY_VOTE","parameters":{"answer_threshold":3}}`, `{"key":"correct_answers_rate","operator":"LT","value":120}`, banAction), "quality_control.configs.0.rules.0.conditions.0.value"),
		pool("unknown action", "quality_control", qualityConfig(skippedCollector, skippedCondition, `{"type":"BAN","parameters":{}}`), "quality_control.configs.0.rules.0.action.type"),
		pool("overlap change without parameters", "quality_control", qualityConfig(skippedCollector, skippedCondition, `{"type":"CHANGE_OVERLAP"}`), "quality_control.configs.0.rules.0.action.parameters"),
		pool("action parameter", "quality_control", qualityConfig(skippedCollector, skippedCondition, `{"type":"CHANGE_OVERLAP","parameters":{"delta":1,"scope":"POOL"}}`), "quality_control.configs.0.rules.0.action.parameters.scope"),
		pool("restriction without duration", "quality_control", qualityConfig(skippedCollector, skippedCondition, `{"type":"RESTRICTION_V2","parameters":{"scope":"POOL","duration_unit":"MINUTES"}}`), "quality_control.configs.0.rules.0.action.parameters.duration"),
		pool("restriction scope", "quality_control", qualityConfig(skippedCollector, skippedCondition, `{"type":"RESTRICTION","parameters":{"scope":"SYSTEM"}}`), "quality_control.configs.0.rules.0.action.parameters.scope"),
		pool("no rules", "quality_control", `{"configs":[{"collector_config":`+skippedCollector+`}]}`, "quality_control.configs.0.rules"),
		pool("training pool", "quality_control", `{"training_requirement":{"training_passing_skill_value":50}}`, "quality_control.training_requirement.training_pool_id"),
		pool("checkpoint overlap", "quality_control", `{"checkpoints_config":{"real_settings":{"target_overlap":0,"task_distribution_function":`+tdf+`}}}`, "quality_control.checkpoints_config.real_settings.target_overlap"),
		// Refused: the mixer and the dynamic configurations.
		pool("mixer minimum above its count", "mixer_config", `{"real_tasks_count":6,"golden_tasks_count":0,"training_tasks_count":0,"min_real_tasks_count":7}`, "mixer_config.min_real_tasks_count"),
		pool("mixer without a count", "mixer_config", `{"real_tasks_count":6,"training_tasks_count":0}`, "mixer_config.golden_tasks_count"),
		pool("max overlap at the default", "dynamic_overlap_config", strings.Replace(overlap, `"max_overlap":5`, `"max_overlap":3`, 1), "dynamic_overlap_config.max_overlap"),
		pool("overlap without fields", "dynamic_overlap_config", `{"type":"BASIC","max_overlap":5,"min_confidence":0.9,"answer_weight_skill_id":"1"}`, "dynamic_overlap_config.fields"),
		pool("overlapping prices", "dynamic_pricing_config", `{"type":"SKILL","skill_id":"1","intervals":[{"from":1,"to":60,"reward_per_assignment":0.03},{"from":60,"reward_per_assignment":0.04}]}`, "dynamic_pricing_config.intervals.1"),
		pool("prices out of order", "dynamic_pricing_config", `{"type":"SKILL","skill_id":"1","intervals":[{"from":30,"to":40,"reward_per_assignment":1},{"from":1,"to":100,"reward_per_assignment":1}]}`, "dynamic_pricing_config.intervals.0"),
		pool("pricing without a skill", "dynamic_pricing_config", `{"type":"SKILL","intervals":[{"from":1,"to":60,"reward_per_assignment":0.03}]}`, "dynamic_pricing_config.skill_id"),
		// Refused: projects.
		project("rejection without a comment", map[string]string{"quality_control": qualityConfig(skippedCollector, skippedCondition, `{"type":"REJECT_ALL_ASSIGNMENTS","parameters":{}}`)}, "quality_control.configs.0.rules.0.action.parameters.public_comment"),
		project("map selector without a view", map[string]string{"assignments_issuing_type": `"MAP_SELECTOR"`}, "assignments_issuing_view_config"),
		project("map view without a description", map[string]string{"assignments_issuing_type": `"MAP_SELECTOR"`, "assignments_issuing_view_config": `{"title_template":"t"}`}, "assignments_issuing_view_config.description_template"),
		project("unknown language", map[string]string{"localization_config": `{"default_language":"ENGLISH"}`}, "localization_config.default_language"),
		project("unknown translation language", map[string]string{"localization_config": `{"default_language":"EN","additional_languages":[{"language":"XX"}]}`}, "localization_config.additional_languages.0.language"),
		project("machine translation", map[string]string{"localization_config": `{"default_language":"EN","additional_languages":[{"language":"RU","public_name":{"value":"x","source":"MACHINE"}}]}`}, "localization_config.additional_languages.0.public_name.source"),
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { r.check(t, c) })
	}
}
