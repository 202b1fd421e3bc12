package provider

import (
	"cmp"
	"context"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

var _ datasource.DataSourceWithConfigure = &projectsDataSource{}

// NewProjectsDataSource returns the toloka_projects data source.
func NewProjectsDataSource() datasource.DataSource {
	return &projectsDataSource{}
}

type projectsDataSource struct {
	client *toloka.Client
}

type projectsDataSourceModel struct {
	Status     types.String   `tfsdk:"status"`
	CreatedGte timestampValue `tfsdk:"created_gte"`
	CreatedLt  timestampValue `tfsdk:"created_lt"`
	Sort       types.String   `tfsdk:"sort"`
	Projects   types.List     `tfsdk:"projects"`
}

// projectOrder are the keys toloka_projects sorts by, as the API names them.
var projectOrder = map[string]func(a, b *toloka.Project) int{
	"id":          func(a, b *toloka.Project) int { return compareIDs(a.ID, b.ID) },
	"created":     func(a, b *toloka.Project) int { return compareTimes(a.Created, b.Created) },
	"public_name": func(a, b *toloka.Project) int { return strings.Compare(a.PublicName, b.PublicName) },
	"private_comment": func(a, b *toloka.Project) int {
		return strings.Compare(deref(a.PrivateComment), deref(b.PrivateComment))
	},
}

var projectSortSyntax = regexp.MustCompile(`^\s*-?(id|created|public_name|private_comment)\s*(,\s*-?(id|created|public_name|private_comment)\s*)*$`)

func (d *projectsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_projects"
}

func (d *projectsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{
		Description: "Lists the Toloka projects that match the filters, however many there are: the provider " +
			"follows Toloka's pages to the end.",
		Attributes: map[string]dschema.Attribute{
			"status": dschema.StringAttribute{
				Description: "Only projects with this status: `ACTIVE` or `ARCHIVED`. Left out, both.",
				Optional:    true,
				Validators:  []validator.String{stringvalidator.OneOf(toloka.ProjectStatusActive, toloka.ProjectStatusArchived)},
			},
			"created_gte": dschema.StringAttribute{
				CustomType:  timestampType{},
				Description: "Only projects created at or after this time, in UTC (`YYYY-MM-DDThh:mm:ss`).",
				Optional:    true,
			},
			"created_lt": dschema.StringAttribute{
				CustomType:  timestampType{},
				Description: "Only projects created before this time, in UTC (`YYYY-MM-DDThh:mm:ss`).",
				Optional:    true,
			},
			"sort": dschema.StringAttribute{
				Description: "The order of `projects`: a comma-separated list of `id`, `created`, `public_name` and " +
					"`private_comment`, each prefixed by `-` for descending order, e.g. `-created,id`. Ties, and " +
					"no sort at all, go by ID.",
				Optional: true,
				Validators: []validator.String{stringvalidator.RegexMatches(projectSortSyntax,
					"must be a comma-separated list of id, created, public_name and private_comment, each optionally prefixed by -")},
			},
			"projects": dschema.ListNestedAttribute{
				Description:  "The matching projects, with the attributes of the `toloka_project` data source.",
				Computed:     true,
				NestedObject: dschema.NestedAttributeObject{Attributes: projectView(ctx).attributes()},
			},
		},
	}
}

func (d *projectsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *projectsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg projectsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	opts := toloka.ProjectListOptions{Status: cfg.Status.ValueString(), Limit: listPageLimit}
	for _, bound := range []struct {
		value timestampValue
		into  *toloka.Time
		name  string
	}{{cfg.CreatedGte, &opts.CreatedGte, "created_gte"}, {cfg.CreatedLt, &opts.CreatedLt, "created_lt"}} {
		if !isSet(bound.value) {
			continue
		}
		t, err := bound.value.time()
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root(bound.name), "Invalid timestamp", err.Error())
			return
		}
		*bound.into = t
	}
	projects, err := d.client.ListAllProjects(ctx, opts)
	if err != nil {
		resp.Diagnostics.AddError("Could not list the Toloka projects", err.Error())
		return
	}
	sortBy(projects, cfg.Sort.ValueString(), projectOrder)
	list, diags := viewList(ctx, projectView(ctx), projects, projectViewObject)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg.Projects = list
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}

// sortBy orders items by a sort specification ("-created,id"), stably, ties
// going by id (the order the API pages them in).
func sortBy[T any](items []T, spec string, keys map[string]func(a, b *T) int) {
	var terms []func(a, b *T) int
	for _, term := range strings.Split(spec, ",") {
		key, desc := strings.CutPrefix(strings.TrimSpace(term), "-")
		compare, ok := keys[key]
		switch {
		case !ok:
			continue
		case desc:
			terms = append(terms, func(a, b *T) int { return compare(b, a) })
		default:
			terms = append(terms, compare)
		}
	}
	slices.SortStableFunc(items, func(a, b T) int {
		for _, t := range terms {
			if c := t(&a, &b); c != 0 {
				return c
			}
		}
		return 0
	})
}

// compareIDs orders numeric ids by value: a shorter one is smaller.
func compareIDs(a, b string) int {
	return cmp.Or(cmp.Compare(len(a), len(b)), strings.Compare(a, b))
}

// compareTimes orders timestamps, a missing one first.
func compareTimes(a, b *toloka.Time) int {
	switch {
	case a == nil || b == nil:
		return cmp.Compare(boolInt(a != nil), boolInt(b != nil))
	}
	return a.Compare(b.Time)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
