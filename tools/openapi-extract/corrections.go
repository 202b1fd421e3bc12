package main

import (
	"fmt"
	"slices"
	"strings"
)

// A correction is one deliberate difference between the extract and the
// source description, made where the observed API (the fixtures in
// internal/openapitest/testdata/fixtures and the SDKs) disagrees with it.
// Every correction is written into the extract's x-corrections list.
type correction struct {
	id     string
	change string
	reason string
	// apply edits the extract and returns the JSON pointers it changed. It
	// fails when the source no longer has the expected shape, so a changed
	// upstream description cannot slip through silently.
	apply func(doc object) ([]string, error)
}

// dateTimePattern accepts Toloka's UTC times, which usually have no zone
// suffix, e.g. "2022-04-07T16:06:15.902" or "2016-10-21T15:37:00".
const dateTimePattern = `^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:?[0-9]{2})?$`

// maxJSONLength is the extension keyword bounding the length of a JSON
// object's compact text (see the pool-filter-length correction).
const maxJSONLength = "x-max-json-length"

// Names of the components added by the corrections.
const (
	errorSchema        = "ErrorResult"
	errorResponse      = "Error"
	webhookBatchSchema = "WebhookSubscriptionBatchResultV1"
)

// corrections is the ordered list applied to every extract.
var corrections = []correction{
	{
		id:     "relative-server",
		change: "servers is the single relative URL /api/v1 instead of the sandbox and production hosts",
		reason: "requests are matched by path alone, so that a fake or an emulator on any host validates when it serves the API under /api/v1, the base path of both official servers",
		apply:  relativeServer,
	},
	{
		id:     "authorization-prefixes",
		change: "security scheme api_key1 gains x-authorization-prefixes [ApiKey, OAuth]",
		reason: "the API takes \"Authorization: ApiKey <key>\" and the legacy \"OAuth <token>\" that toloka-kit and toloka-java-sdk still send; the scheme alone only says that the header exists",
		apply:  authorizationPrefixes,
	},
	{
		id:     "error-responses",
		change: "adds schema " + errorSchema + " {code and message required, request_id, payload: nullable object} and response " + errorResponse + ", used as 4XX and 5XX by every operation",
		reason: "the description documents no error response, yet the API answers errors with the JSON body {request_id, code, message, payload} (fixtures error_*.json; the HTTP status codes section of the API reference), payload being null (error_empty_pool_409.json) or absent when there are no details",
		apply:  errorResponses,
	},
	{
		id:     "pool-action-204",
		change: "POST /pools/{id}/open, /close, /close-for-update and /archive document 204 with no body",
		reason: "the operations' own descriptions say that an empty 204 answers a pool already in the target state (toloka-kit then returns None), but their responses list only 202",
		apply: noContent("204", "No Content",
			"/pools/{id}/open", "/pools/{id}/close", "/pools/{id}/close-for-update", "/pools/{id}/archive"),
	},
	{
		id:     "training-action-204",
		change: "POST /trainings/{id}/open, /close, /close-for-update and /archive document 204 with no body",
		reason: "the open, close and archive descriptions say that an empty 204 answers a training already in the target state, as for pools (close-for-update being the close of the pool-action-204 correction), but their responses list only 202",
		apply: noContent("204", "No Content",
			"/trainings/{id}/open", "/trainings/{id}/close", "/trainings/{id}/close-for-update", "/trainings/{id}/archive"),
	},
	{
		id:     "project-archive-204",
		change: "POST /projects/{id}/archive documents 204 with no body",
		reason: "undocumented: pools and trainings answer an empty 204 when already archived, and toloka-java-sdk treats 204 from any action, project archive included, as already done, so a fake may answer it",
		apply:  noContent("204", "No Content", "/projects/{id}/archive"),
	},
	{
		id:     "pool-patch-409-empty",
		change: "PATCH /pools/{id} documents 409 with no body",
		reason: "its description says that an archived pool is answered with an empty 409, which the JSON body of error-responses would reject",
		apply:  noContentFor("patch", "409", "Conflict", "/pools/{id}"),
	},
	{
		id:     "date-time-without-zone",
		change: "format date-time is replaced by a pattern whose zone suffix is optional",
		reason: "Toloka writes UTC times without a zone suffix (\"2022-04-07T16:06:15.902\" in the operation and pool fixtures; toloka-kit reads them as naive UTC), which RFC 3339 date-time rejects",
		apply:  dateTimeWithoutZone,
	},
	{
		id:     "field-spec-map",
		change: "InputSpecNode and OutputSpecNode map any field name to a field spec (additionalProperties) instead of requiring a property literally named <ID>",
		reason: "<ID> is a documentation placeholder for the field names, e.g. input_spec {image: {...}} in project.json",
		apply:  fieldSpecMap,
	},
	{
		id:     "field-spec-type",
		change: "a field spec type is one of boolean, string, integer, float, url, file, coordinates, json or their array_ forms, in lower or upper case",
		reason: "the values are listed only in prose and without the array_ forms used by project.json (array_string) and toloka-kit's FieldType; the API and SDKs use lower case, while the API reference's own example (project_docs_example.json) writes URL",
		apply:  fieldSpecType,
	},
	{
		id:     "field-spec-members",
		change: "SpecNodeID gains min_size and max_size (integers), current_location becomes a boolean and allowed_values an array of strings, numbers or booleans",
		reason: "array field specs carry min_size and max_size (project.json) and current_location is a boolean in toloka-kit's field_spec.py; allowed_values may list booleans there, and the source's oneOf of string[], integer[] and number[] rejects every integer list because it matches two branches",
		apply:  fieldSpecMembers,
	},
	{
		id:     "view-spec-tb-config",
		change: "ViewSpecNode.config is a string (JSON text) instead of an array of objects",
		reason: "toloka-kit's TemplateBuilderViewSpec sends json.dumps(config) and reads it back with json.loads, and the source's own example of config is a string",
		apply:  setProperty("ViewSpecNode", "config", object{"type": "string"}),
	},
	{
		id:     "project-public-description-required",
		change: "ProjectFormV1 requires public_description",
		reason: "the API rejects a project without it with VALUE_REQUIRED (error_validation_400.json) and toloka-kit requires it",
		apply:  addRequired("ProjectFormV1", "public_description"),
	},
	{
		id:     "collector-config-optional-members",
		change: "CollectorConfigDtoV1 requires only type",
		reason: "uuid and parameters are optional: the API reference's own project (project_docs_example.json) has a SKIPPED_IN_ROW_ASSIGNMENTS collector with neither",
		apply:  setRequired("/components/schemas/CollectorConfigDtoV1", "type"),
	},
	{
		id:     "action-scope-optional",
		change: "ActionConfigDtoV1.parameters no longer requires scope",
		reason: "scope belongs to the restriction actions; REJECT_ALL_ASSIGNMENTS has parameters {public_comment} only in project_docs_example.json",
		apply:  setRequired("/components/schemas/ActionConfigDtoV1/properties/parameters"),
	},
	{
		id:     "action-parameters-optional",
		change: "ActionConfigDtoV1 requires only type",
		reason: "an action that takes no parameters is sent without them: toloka-kit's ApproveAllAssignments has no parameters and is sent as {\"type\": \"APPROVE_ALL_ASSIGNMENTS\"}",
		apply:  setRequired("/components/schemas/ActionConfigDtoV1", "type"),
	},
	{
		id:     "condition-value-any",
		change: "OneFieldConditionDtoV1.value takes any JSON value",
		reason: "condition values are numbers in the fixtures (skipped_in_row_count GTE 10, fast_submitted_count GTE 2), not objects",
		apply:  setProperty("OneFieldConditionDtoV1", "value", object{}),
	},
	{
		id:     "pool-filter-object",
		change: "PoolViewV1.filter and PoolFormV1.filter are objects",
		reason: "a pool filter is the JSON object {and: [{or: [...]}]} (pool.json), not a string",
		apply: chain(
			setProperty("PoolViewV1", "filter", object{"type": "object"}),
			setProperty("PoolFormV1", "filter", object{"type": "object"})),
	},
	{
		id:     "operation-details-free-form",
		change: "OperationViewV1.details is a free-form object",
		reason: "details depend on the operation type (pool_id for POOL.CLONE, training_id for TRAINING.CLONE, counters for batch operations) and may be {} (operation_project_archive_success.json) or absent",
		apply:  setProperty("OperationViewV1", "details", object{"type": "object"}),
	},
	{
		id:     "operation-type-known-solutions",
		change: "OperationViewV1.type also allows KNOWN_SOLUTIONS.GENERATE",
		reason: "toloka-kit's OperationType and toloka-java-sdk know this operation type, which the enum omits",
		apply:  addEnum("/components/schemas/OperationViewV1/properties/type", "KNOWN_SOLUTIONS.GENERATE"),
	},
	{
		id:     "webhook-list-sort-parameter",
		change: "the sort parameter of GET /webhook-subscriptions is a query parameter of type string",
		reason: "the source gives it neither an in nor a schema, which OpenAPI requires; it is the sort query parameter of every other list (comma-separated fields, - for descending)",
		apply:  queryStringParameter("/paths/~1webhook-subscriptions/get", "sort"),
	},
	{
		id: "webhook-upsert-batch",
		change: "PUT /webhook-subscriptions takes an array of WebhookSubscriptionFormV1 and answers 200 with the new schema " +
			webhookBatchSchema + " {items: index → WebhookSubscriptionViewV1, validation_errors: index → field → {code, message}}",
		reason: "the operation creates \"one or more subscriptions\" and the API reference's own code samples (put-webhook-subscriptions.yaml) send a JSON array; " +
			"toloka-kit's upsert_webhook_subscriptions and toloka-java-sdk's upsertWebhookSubscriptions send a list and read a batch result " +
			"whose items and validation_errors are keyed by the index in the request (toloka-kit tests/test_webhook_subscription.py)",
		apply: webhookUpsertBatch,
	},
	{
		id:     "reward-minimum",
		change: "PoolViewV1.reward_per_assignment and PoolFormV1.reward_per_assignment are 0 or at least 0.005 (anyOf)",
		reason: "the property's own description says that the minimum payment is $0.005 and that zero-price pools take only training and control tasks, as toloka-kit's Pool does; the schema states only minimum 0",
		apply: chain(
			extendSchema(schemaPrefix+"PoolViewV1/properties/reward_per_assignment", rewardMinimum()),
			extendSchema(schemaPrefix+"PoolFormV1/properties/reward_per_assignment", rewardMinimum())),
	},
	{
		id:     "quality-balance-percent-step",
		change: "AbstractUsersCherryPickingConfig.percent gains multipleOf 10",
		reason: "its description says that the possible values are 10, 20, 30, 40...100",
		apply:  extendSchema(schemaPrefix+"AbstractUsersCherryPickingConfig/properties/percent", object{"multipleOf": 10}),
	},
	{
		id:     "pool-filter-length",
		change: "PoolViewV1.filter and PoolFormV1.filter gain " + maxJSONLength + " 10000: the length of their compact JSON text in characters",
		reason: "the filters page of the API reference (en/api/concepts/filters.md) says that the JSON filter description must not exceed 10,000 characters, which no schema keyword can state",
		apply: chain(
			extendSchema(schemaPrefix+"PoolViewV1/properties/filter", object{maxJSONLength: 10000}),
			extendSchema(schemaPrefix+"PoolFormV1/properties/filter", object{maxJSONLength: 10000})),
	},
}

// applyCorrections applies every correction to doc and returns the
// x-corrections list that records them.
func applyCorrections(doc object) ([]any, error) {
	var out []any
	for _, c := range corrections {
		targets, err := c.apply(doc)
		if err != nil {
			return nil, fmt.Errorf("correction %s: %w", c.id, err)
		}
		out = append(out, object{
			"id":      c.id,
			"change":  c.change,
			"reason":  c.reason,
			"targets": toAny(targets),
		})
	}
	return out, nil
}

func relativeServer(doc object) ([]string, error) {
	doc["servers"] = []any{object{"url": "/api/v1"}}
	return []string{"/servers"}, nil
}

func authorizationPrefixes(doc object) ([]string, error) {
	const ptr = "/components/securitySchemes/api_key1"
	s, err := objectAt(doc, ptr)
	if err != nil {
		return nil, err
	}
	if s["type"] != "apiKey" || s["in"] != "header" || s["name"] != "Authorization" {
		return nil, fmt.Errorf("%s is not the Authorization header", ptr)
	}
	s["x-authorization-prefixes"] = []any{"ApiKey", "OAuth"}
	return []string{ptr}, nil
}

func errorResponses(doc object) ([]string, error) {
	comps, err := objectAt(doc, "/components")
	if err != nil {
		return nil, err
	}
	schemas, _ := comps["schemas"].(object)
	schemas[errorSchema] = object{
		"type":     "object",
		"required": []any{"code", "message"},
		"properties": object{
			"request_id": object{"type": "string"},
			"code":       object{"type": "string"},
			"message":    object{"type": "string"},
			"payload":    object{"type": "object", "nullable": true},
		},
	}
	comps["responses"] = object{errorResponse: object{
		"description": "Error",
		"content": object{"application/json": object{
			"schema": object{"$ref": "#" + schemaPrefix + errorSchema},
		}},
	}}
	targets := []string{schemaPrefix + errorSchema, "/components/responses/" + errorResponse}
	err = eachOperation(doc, func(ptr string, op object) error {
		responses, ok := op["responses"].(object)
		if !ok {
			return fmt.Errorf("%s has no responses", ptr)
		}
		for _, r := range []string{"4XX", "5XX"} {
			responses[r] = object{"$ref": "#/components/responses/" + errorResponse}
			targets = append(targets, ptr+"/responses/"+r)
		}
		return nil
	})
	return targets, err
}

// noContent documents an empty response with the given status for the POST
// operation of each path.
func noContent(status, description string, paths ...string) func(object) ([]string, error) {
	return noContentFor("post", status, description, paths...)
}

// noContentFor documents an empty response with the given status for the
// method of each path.
func noContentFor(method, status, description string, paths ...string) func(object) ([]string, error) {
	return func(doc object) ([]string, error) {
		var targets []string
		for _, p := range paths {
			ptr := "/paths/" + escape(p) + "/" + method + "/responses"
			responses, err := objectAt(doc, ptr)
			if err != nil {
				return nil, err
			}
			if _, ok := responses[status]; ok {
				return nil, fmt.Errorf("%s already documents %s", ptr, status)
			}
			responses[status] = object{"description": description}
			targets = append(targets, ptr+"/"+status)
		}
		return targets, nil
	}
}

func dateTimeWithoutZone(doc object) ([]string, error) {
	var targets []string
	walk(doc, "", func(ptr string, o object) {
		if o["format"] == "date-time" {
			delete(o, "format")
			o["pattern"] = dateTimePattern
			targets = append(targets, ptr)
		}
	})
	if len(targets) == 0 {
		return nil, fmt.Errorf("no date-time schema found")
	}
	return targets, nil
}

func fieldSpecMap(doc object) ([]string, error) {
	var targets []string
	for _, name := range []string{"InputSpecNode", "OutputSpecNode"} {
		ptr := schemaPrefix + name
		s, err := objectAt(doc, ptr)
		if err != nil {
			return nil, err
		}
		props, _ := s["properties"].(object)
		item, ok := props["<ID>"]
		if !ok || len(props) != 1 {
			return nil, fmt.Errorf("%s does not have the single placeholder property <ID>", ptr)
		}
		delete(s, "properties")
		delete(s, "required")
		s["additionalProperties"] = item
		targets = append(targets, ptr)
	}
	return targets, nil
}

// fieldTypes are the field spec types of toloka-kit's FieldType.
var fieldTypes = []string{"boolean", "string", "integer", "float", "url", "file", "coordinates", "json"}

func fieldSpecType(doc object) ([]string, error) {
	var enum []any
	for _, upper := range []bool{false, true} {
		for _, prefix := range []string{"", "array_"} {
			for _, t := range fieldTypes {
				v := prefix + t
				if upper {
					v = strings.ToUpper(v)
				}
				enum = append(enum, v)
			}
		}
	}
	var targets []string
	for _, name := range []string{"InputSpecNodeID", "OutputSpecNodeID"} {
		ptr := schemaPrefix + name + "/allOf/1/properties/type"
		t, err := objectAt(doc, ptr)
		if err != nil {
			return nil, err
		}
		if t["type"] != "string" {
			return nil, fmt.Errorf("%s is not a string", ptr)
		}
		t["enum"] = enum
		targets = append(targets, ptr)
	}
	return targets, nil
}

func fieldSpecMembers(doc object) ([]string, error) {
	const ptr = schemaPrefix + "SpecNodeID/properties"
	props, err := objectAt(doc, ptr)
	if err != nil {
		return nil, err
	}
	for _, k := range []string{"allowed_values", "max_length"} {
		if _, ok := props[k]; !ok {
			return nil, fmt.Errorf("%s has no %s", ptr, k)
		}
	}
	props["min_size"] = object{"type": "integer"}
	props["max_size"] = object{"type": "integer"}
	props["allowed_values"] = object{"type": "array", "items": object{"anyOf": []any{
		object{"type": "string"}, object{"type": "number"}, object{"type": "boolean"},
	}}}
	const cl = schemaPrefix + "OutputSpecNodeID/allOf/1/properties/current_location"
	c, err := objectAt(doc, cl)
	if err != nil {
		return nil, err
	}
	c["type"] = "boolean"
	return []string{ptr + "/min_size", ptr + "/max_size", ptr + "/allowed_values", cl}, nil
}

// setProperty replaces the schema of one existing property of a component.
func setProperty(schema, property string, value object) func(object) ([]string, error) {
	return func(doc object) ([]string, error) {
		ptr := schemaPrefix + schema + "/properties"
		props, err := objectAt(doc, ptr)
		if err != nil {
			return nil, err
		}
		if _, ok := props[property]; !ok {
			return nil, fmt.Errorf("%s has no %s", ptr, property)
		}
		props[property] = value
		return []string{ptr + "/" + escape(property)}, nil
	}
}

// rewardMinimum is the anyOf of the reward-minimum correction: a zero
// price, or at least the paid minimum.
func rewardMinimum() object {
	return object{"anyOf": []any{object{"enum": []any{0}}, object{"minimum": 0.005}}}
}

// extendSchema adds members to the schema at ptr; none may be there already.
func extendSchema(ptr string, members object) func(object) ([]string, error) {
	return func(doc object) ([]string, error) {
		s, err := objectAt(doc, ptr)
		if err != nil {
			return nil, err
		}
		var targets []string
		for name, value := range members {
			if _, has := s[name]; has {
				return nil, fmt.Errorf("%s already has %s", ptr, name)
			}
			s[name] = value
			targets = append(targets, ptr+"/"+escape(name))
		}
		slices.Sort(targets)
		return targets, nil
	}
}

// addRequired adds names to the required list of a component.
func addRequired(schema string, names ...string) func(object) ([]string, error) {
	return func(doc object) ([]string, error) {
		ptr := schemaPrefix + schema
		s, err := objectAt(doc, ptr)
		if err != nil {
			return nil, err
		}
		req, _ := s["required"].([]any)
		for _, n := range names {
			if slices.Contains(req, any(n)) {
				return nil, fmt.Errorf("%s already requires %s", ptr, n)
			}
			req = append(req, n)
		}
		s["required"] = req
		return []string{ptr + "/required"}, nil
	}
}

// setRequired replaces the required list of the schema at ptr; with no names
// the list is removed.
func setRequired(ptr string, names ...string) func(object) ([]string, error) {
	return func(doc object) ([]string, error) {
		s, err := objectAt(doc, ptr)
		if err != nil {
			return nil, err
		}
		if _, ok := s["required"]; !ok {
			return nil, fmt.Errorf("%s has no required list", ptr)
		}
		if len(names) == 0 {
			delete(s, "required")
			return []string{ptr}, nil
		}
		s["required"] = toAny(names)
		return []string{ptr + "/required"}, nil
	}
}

// addEnum adds values to the enum of the schema at ptr.
func addEnum(ptr string, values ...string) func(object) ([]string, error) {
	return func(doc object) ([]string, error) {
		s, err := objectAt(doc, ptr)
		if err != nil {
			return nil, err
		}
		enum, ok := s["enum"].([]any)
		if !ok {
			return nil, fmt.Errorf("%s has no enum", ptr)
		}
		for _, v := range values {
			if slices.Contains(enum, any(v)) {
				return nil, fmt.Errorf("%s already allows %s", ptr, v)
			}
			enum = append(enum, v)
		}
		s["enum"] = enum
		return []string{ptr + "/enum"}, nil
	}
}

// chain applies several edits as one correction.
func chain(fns ...func(object) ([]string, error)) func(object) ([]string, error) {
	return func(doc object) ([]string, error) {
		var targets []string
		for _, fn := range fns {
			t, err := fn(doc)
			if err != nil {
				return nil, err
			}
			targets = append(targets, t...)
		}
		return targets, nil
	}
}

// eachOperation calls fn for every operation of doc, in path then method order.
func eachOperation(doc object, fn func(ptr string, op object) error) error {
	paths, err := objectAt(doc, "/paths")
	if err != nil {
		return err
	}
	for _, p := range sortedKeys(paths) {
		item, _ := paths[p].(object)
		for _, m := range httpMethods {
			if op, ok := item[m].(object); ok {
				if err := fn("/paths/"+escape(p)+"/"+m, op); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// walk calls fn for every object below v (v included), in key order, with
// the JSON pointer of the object.
func walk(v any, ptr string, fn func(ptr string, o object)) {
	switch t := v.(type) {
	case object:
		fn(ptr, t)
		for _, k := range sortedKeys(t) {
			walk(t[k], ptr+"/"+escape(k), fn)
		}
	case []any:
		for i, item := range t {
			walk(item, fmt.Sprintf("%s/%d", ptr, i), fn)
		}
	}
}

// objectAt returns the object that the JSON pointer ptr designates in doc.
func objectAt(doc object, ptr string) (object, error) {
	var cur any = doc
	for _, tok := range pointerTokens(ptr) {
		switch t := cur.(type) {
		case object:
			cur = t[tok]
		case []any:
			var i int
			if _, err := fmt.Sscanf(tok, "%d", &i); err != nil || i < 0 || i >= len(t) {
				return nil, fmt.Errorf("%s: bad index %q", ptr, tok)
			}
			cur = t[i]
		default:
			cur = nil
		}
		if cur == nil {
			return nil, fmt.Errorf("%s: not found", ptr)
		}
	}
	o, ok := cur.(object)
	if !ok {
		return nil, fmt.Errorf("%s: not an object", ptr)
	}
	return o, nil
}

// escape escapes one JSON pointer token.
func escape(tok string) string {
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1")
}

// toAny converts a string slice for JSON encoding.
func toAny(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// queryStringParameter makes the parameter name of the operation at ptr a
// query parameter of type string.
func queryStringParameter(ptr, name string) func(object) ([]string, error) {
	return func(doc object) ([]string, error) {
		op, err := objectAt(doc, ptr)
		if err != nil {
			return nil, err
		}
		params, _ := op["parameters"].([]any)
		for i, p := range params {
			param, ok := p.(object)
			if !ok || param["name"] != name {
				continue
			}
			if _, has := param["in"]; has {
				return nil, fmt.Errorf("%s parameter %s already has an in", ptr, name)
			}
			param["in"] = "query"
			param["schema"] = object{"type": "string"}
			return []string{fmt.Sprintf("%s/parameters/%d", ptr, i)}, nil
		}
		return nil, fmt.Errorf("%s has no parameter %s", ptr, name)
	}
}

// webhookUpsertBatch makes PUT /webhook-subscriptions take a list of forms
// and answer a batch result; see the webhook-upsert-batch correction.
func webhookUpsertBatch(doc object) ([]string, error) {
	const op = "/paths/~1webhook-subscriptions/put"
	const body = op + "/requestBody/content/application~1json/schema"
	const answer = op + "/responses/200/content/application~1json/schema"
	form := "#" + schemaPrefix + "WebhookSubscriptionFormV1"
	view := "#" + schemaPrefix + "WebhookSubscriptionViewV1"
	for ptr, ref := range map[string]string{body: form, answer: view} {
		s, err := objectAt(doc, ptr)
		if err != nil {
			return nil, err
		}
		if s["$ref"] != ref || len(s) != 1 {
			return nil, fmt.Errorf("%s is not the single %s", ptr, ref)
		}
		delete(s, "$ref")
		if ptr == body {
			s["type"] = "array"
			s["items"] = object{"$ref": form}
		} else {
			s["$ref"] = "#" + schemaPrefix + webhookBatchSchema
		}
	}
	schemas, err := objectAt(doc, "/components/schemas")
	if err != nil {
		return nil, err
	}
	fieldError := object{
		"type":       "object",
		"required":   []any{"code"},
		"properties": object{"code": object{"type": "string"}, "message": object{"type": "string"}},
	}
	schemas[webhookBatchSchema] = object{
		"type":     "object",
		"required": []any{"items"},
		"properties": object{
			"items": object{"type": "object", "additionalProperties": object{"$ref": view}},
			"validation_errors": object{"type": "object", "additionalProperties": object{
				"type": "object", "additionalProperties": fieldError,
			}},
		},
	}
	return []string{body, answer, schemaPrefix + webhookBatchSchema}, nil
}
