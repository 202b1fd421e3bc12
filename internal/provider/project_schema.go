package provider

import (
	"strings"

	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// fieldTypes are the data types of Toloka input and output fields.
var fieldTypes = []string{
	"boolean", "string", "integer", "float", "url", "file", "coordinates", "json",
	"array_boolean", "array_string", "array_integer", "array_float", "array_url", "array_file", "array_coordinates", "array_json",
}

// keepStateString, keepStateBool etc. keep what Toloka has for an attribute
// the configuration leaves out, so an update never wipes it.
var (
	keepStateString = []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	keepStateBool   = []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()}
	keepStateInt64  = []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}
	keepStateMap    = []planmodifier.Map{mapplanmodifier.UseStateForUnknown()}
	keepStateObject = []planmodifier.Object{objectplanmodifier.UseStateForUnknown()}
)

func projectSchema(ctx context.Context) schema.Schema {
	return schema.Schema{
		Description: "A Toloka project: the task interface, the input and output data specification and the " +
			"instructions shared by the project's pools. Toloka cannot delete projects: destroying this resource " +
			"archives the project, and archiving cannot be undone, so setting `archived` back to false replaces " +
			"the project with a new one.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Description:   "The project ID assigned by Toloka.",
				Computed:      true,
				PlanModifiers: keepStateString,
			},
			"public_name": schema.StringAttribute{
				Description: "The project name Tolokers see.",
				Required:    true,
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"public_description": schema.StringAttribute{
				Description: "The project description Tolokers see.",
				Required:    true,
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"public_instructions": schema.StringAttribute{
				Description: "Instructions for Tolokers, in HTML. Left out, Toloka's current value is kept.",
				Optional:    true, Computed: true,
				PlanModifiers: keepStateString,
			},
			"private_comment": schema.StringAttribute{
				Description: "A comment only the requester sees. Left out, Toloka's current value is kept.",
				Optional:    true, Computed: true,
				PlanModifiers: keepStateString,
			},
			"task_spec":                       taskSpecAttribute(),
			"assignments_issuing_type":        assignmentsIssuingTypeAttribute(),
			"assignments_issuing_view_config": assignmentsIssuingViewConfigAttribute(),
			"assignments_automerge_enabled": schema.BoolAttribute{
				Description: "Whether identical tasks from different pools of the project are merged. " +
					"Left out, Toloka's current value is kept (false for a new project).",
				Optional: true, Computed: true,
				PlanModifiers: keepStateBool,
			},
			"max_active_assignments_count": schema.Int64Attribute{
				Description: "The maximum number of task suites a Toloker can have in progress at once in the project. " +
					"Left out, Toloka's current value is kept.",
				Optional: true, Computed: true,
				Validators:    []validator.Int64{int64validator.Between(1, 2147483647)},
				PlanModifiers: keepStateInt64,
			},
			"quality_control": schema.StringAttribute{
				CustomType: jsonObjectType{},
				Description: "The project's quality control rules as a JSON object (`{\"configs\": [...]}`), " +
					"usually written with `jsonencode`. Checked at plan time against Toloka's rules: collector types and " +
					"their parameters, the condition keys each collector allows, operators, action types and their " +
					"parameters. Compared semantically: key order, spacing and the spelling of numbers make no diff. " +
					"Left out, Toloka's current value is kept.",
				Optional: true, Computed: true,
				Validators:    []validator.String{projectQualityControlShape},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), keepEquivalentJSON{noJSONDefaults}},
			},
			"metadata": schema.MapAttribute{
				Description: "Requester metadata: a map from key to a list of strings. Left out, Toloka's current value is kept.",
				ElementType: types.ListType{ElemType: types.StringType},
				Optional:    true, Computed: true,
				Validators:    []validator.Map{mapvalidator.SizeAtLeast(1)},
				PlanModifiers: keepStateMap,
			},
			"localization_config": localizationConfigAttribute(),
			"archived": schema.BoolAttribute{
				Description: "Whether the project is archived. Setting it to true archives the project after any other " +
					"change is applied and waits for Toloka's archive operation to finish. Toloka cannot unarchive: " +
					"changing it from true to false, or changing anything else on an archived project, replaces the " +
					"project with a new one.",
				Optional: true, Computed: true,
				Default:       booldefault.StaticBool(false),
				PlanModifiers: []planmodifier.Bool{unarchiveRequiresReplace("project")},
			},
			"archive_pools": schema.BoolAttribute{
				Description: "Whether archiving the project (`archived = true`, or destroying it) first closes and " +
					"archives each of its pools that is not archived yet, then each of its trainings, waiting on every " +
					"operation, pools and trainings managed outside Terraform included. Toloka archives a project only " +
					"once all its pools and trainings are archived (and a training only once the pools that require it " +
					"are), and Terraform changes a project before the pools and trainings that refer to it, so this " +
					"lets one apply archive a project together with them; set `archived = true` on its toloka_pool and " +
					"toloka_training resources in the same change. Left out or false, archiving a project that still " +
					"has unarchived pools or trainings fails with the list of them.",
				Optional: true,
			},
			"breaking_changes": schema.StringAttribute{
				Description: "What a plan does when Toloka's check says that an update of the project is a breaking " +
					"change: one that makes a new version of the project, which the project's existing pools do not " +
					"get (they keep the version they were made with; only new pools get it). `warn` (the default) " +
					"shows a warning naming those pools, `deny` makes it an error, so that nothing is sent, and " +
					"`allow` does not ask. When the check is unavailable, the plan warns that the verdict is " +
					"unknown, and `deny` makes that an error too. An update that sets values known only after " +
					"apply is checked when the apply comes to the project.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(breakingChangesPolicies...)},
			},
			"status": schema.StringAttribute{
				Description: "The project status in Toloka: `ACTIVE` or `ARCHIVED`.",
				Computed:    true,
			},
			"created": schema.StringAttribute{
				Description:   "When the project was created, in UTC (`YYYY-MM-DDThh:mm:ss.sss`).",
				Computed:      true,
				PlanModifiers: keepStateString,
			},
			"timeouts": projectTimeoutsAttribute(ctx),
		},
	}
}

func taskSpecAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Description: "The specification of the project's input data, output data and task interface.",
		Required:    true,
		Attributes: map[string]schema.Attribute{
			"input_spec": schema.MapNestedAttribute{
				Description:  "The input fields of a task, by field name.",
				Required:     true,
				NestedObject: fieldSpecObject(),
				Validators:   []validator.Map{mapvalidator.SizeAtLeast(1)},
			},
			"output_spec": schema.MapNestedAttribute{
				Description:  "The output fields of a task, by field name.",
				Required:     true,
				NestedObject: fieldSpecObject(),
				Validators:   []validator.Map{mapvalidator.SizeAtLeast(1)},
			},
			"view_spec": schema.StringAttribute{
				CustomType: jsonObjectType{defaults: viewSpecDefaults},
				Description: "The task interface as a JSON object, usually written with `jsonencode`: " +
					"`{type = \"classic\", markup, script, styles, assets, settings}` or " +
					"`{type = \"tb\", config, lock, settings}`. Compared semantically: key order, spacing, the " +
					"`settings` Toloka fills in by default and a `type` left out of a classic view make no diff.",
				Required:      true,
				PlanModifiers: []planmodifier.String{keepEquivalentJSON{viewSpecDefaults}},
			},
		},
	}
}

func fieldSpecObject() schema.NestedAttributeObject {
	return schema.NestedAttributeObject{
		Attributes: map[string]schema.Attribute{
			"type": schema.StringAttribute{
				Description: "The field's data type: one of `" + joinQuoted(fieldTypes) + "`.",
				Required:    true,
				Validators:  []validator.String{stringvalidator.OneOfCaseInsensitive(fieldTypes...)},
			},
			"required": schema.BoolAttribute{
				Description: "Whether the field must be present. Defaults to true.",
				Optional:    true, Computed: true,
				Default: booldefault.StaticBool(true),
			},
			"hidden": schema.BoolAttribute{
				Description: "Whether the field is hidden from Tolokers (input fields only). Defaults to false.",
				Optional:    true, Computed: true,
				Default: booldefault.StaticBool(false),
			},
			"min_length": schema.Int64Attribute{
				Description: "The minimum length of a string field.",
				Optional:    true,
				Validators:  []validator.Int64{int64validator.AtLeast(0)},
			},
			"max_length": schema.Int64Attribute{
				Description: "The maximum length of a string field.",
				Optional:    true,
				Validators:  []validator.Int64{int64validator.AtLeast(0)},
			},
			"min_value": schema.Float64Attribute{
				Description:   "The minimum value of a number field.",
				Optional:      true,
				PlanModifiers: []planmodifier.Float64{keepSameNumber{}},
			},
			"max_value": schema.Float64Attribute{
				Description:   "The maximum value of a number field.",
				Optional:      true,
				PlanModifiers: []planmodifier.Float64{keepSameNumber{}},
			},
			"allowed_values": schema.ListAttribute{
				Description: "The values the field may take. Numbers are written as strings and sent as numbers for " +
					"integer and float fields, where \"1.0\" and \"1\" make no diff.",
				ElementType:   types.StringType,
				Optional:      true,
				PlanModifiers: []planmodifier.List{keepSameAllowedNumbers{}},
				Validators:    []validator.List{listvalidator.SizeAtLeast(1)},
			},
			"min_size": schema.Int64Attribute{
				Description: "The minimum number of elements of an array field.",
				Optional:    true,
				Validators:  []validator.Int64{int64validator.AtLeast(0)},
			},
			"max_size": schema.Int64Attribute{
				Description: "The maximum number of elements of an array field.",
				Optional:    true,
				Validators:  []validator.Int64{int64validator.AtLeast(0)},
			},
			"current_location": schema.BoolAttribute{
				Description: "For a coordinates field: whether to collect the Toloker's current location.",
				Optional:    true,
			},
		},
	}
}

func assignmentsIssuingTypeAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		Description: "How task suites are issued: `AUTOMATED` (from the pool, in order) or `MAP_SELECTOR` " +
			"(the Toloker picks one on a map). Defaults to `AUTOMATED`.",
		Optional: true, Computed: true,
		Default:    stringdefault.StaticString("AUTOMATED"),
		Validators: []validator.String{stringvalidator.OneOf("AUTOMATED", "MAP_SELECTOR")},
	}
}

// assignmentsIssuingViewConfigAttribute is required by MAP_SELECTOR projects
// and refused for the others (validateIssuingView), so its description says
// that rather than what keptObject says of an attribute left out.
func assignmentsIssuingViewConfigAttribute() schema.SingleNestedAttribute {
	a := keptObject(schema.SingleNestedAttribute{
		Attributes: map[string]schema.Attribute{
			"title_template": schema.StringAttribute{
				Description: "The task title shown on the map, with placeholders for input fields.",
				Optional:    true,
			},
			"description_template": schema.StringAttribute{
				Description: "The task description shown on the map, with placeholders for input fields.",
				Optional:    true,
			},
			"map_provider": schema.StringAttribute{
				Description: "The map provider: `GOOGLE` or `YANDEX`.",
				Optional:    true,
				Validators:  []validator.String{stringvalidator.OneOf("GOOGLE", "YANDEX")},
			},
		},
	})
	a.Description = "How tasks are shown on the map, for `MAP_SELECTOR` projects. Required, with `title_template` and " +
		"`description_template`, when `assignments_issuing_type` is `MAP_SELECTOR`, and refused otherwise."
	return a
}

func localizationConfigAttribute() schema.SingleNestedAttribute {
	text := func(what string) schema.SingleNestedAttribute {
		return schema.SingleNestedAttribute{
			Description: "The translated " + what + ".",
			Optional:    true,
			Attributes: map[string]schema.Attribute{
				"value": schema.StringAttribute{
					Description: "The translated text.",
					Required:    true,
				},
				"source": schema.StringAttribute{
					Description: "Who made the translation. `REQUESTER`, the default, is the only value.",
					Optional:    true, Computed: true,
					Default:    stringdefault.StaticString(localizationSource),
					Validators: []validator.String{stringvalidator.OneOf(localizationSource)},
				},
			},
		}
	}
	return keptObject(schema.SingleNestedAttribute{
		Description: "The project's languages and translations.",
		Attributes: map[string]schema.Attribute{
			"default_language": schema.StringAttribute{
				Description: "The language the project is written in, as an ISO 639-1 code in upper case (e.g. `EN`, " +
					"`PT-BR` or `ZH-HANS`).",
				Required:   true,
				Validators: []validator.String{languageCodeValidator{}},
			},
			"additional_languages": schema.ListNestedAttribute{
				Description: "Translations of the project's public texts.",
				Optional:    true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"language": schema.StringAttribute{
							Description: "The language of the translation, as an ISO 639-1 code in upper case.",
							Required:    true,
							Validators:  []validator.String{languageCodeValidator{}},
						},
						"public_name":         text("project name"),
						"public_description":  text("project description"),
						"public_instructions": text("instructions"),
					},
				},
			},
		},
	})
}

func joinQuoted(values []string) string {
	return strings.Join(values, "`, `")
}

func projectTimeoutsAttribute(ctx context.Context) schema.Attribute {
	a, _ := timeouts.Attributes(ctx, timeouts.Opts{
		Create: true, Update: true, Delete: true,
		CreateDescription: "How long to wait for a new project, including its archive operation when `archived` is true " +
			"(a duration such as `30s` or `1h`). Defaults to 10m.",
		UpdateDescription: "How long to wait for an update, including the archive operation when `archived` turns true " +
			"(a duration such as `30s` or `1h`). Defaults to 10m.",
		DeleteDescription: "How long destroy waits for the archive operation (a duration such as `30s` or `1h`). Defaults to 10m.",
	}).(schema.SingleNestedAttribute)
	a.Description = "How long to wait for Toloka's operations. A wait that runs out is an error naming the still-running " +
		"operation; the next apply waits on that same operation."
	return a
}
