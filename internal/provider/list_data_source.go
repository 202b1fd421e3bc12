package provider

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// listDataSource lists the Toloka objects of one kind that match its
// filters, however many there are: it follows Toloka's pages to the end.
// The data source is toloka_<kind>s, and its list attribute <kind>s.
type listDataSource[T any] struct {
	client *toloka.Client
	kind   string
	// view and describe show each object as the single-object data source
	// of the kind does.
	view     func(context.Context) objectView
	describe func(context.Context, objectView, *T) (types.Object, diag.Diagnostics)
	// filters are the optional string attributes that narrow the list.
	filters map[string]dschema.StringAttribute
	// sorts are the keys the list can be ordered by, as the API names them;
	// without any, the list is in ID order and has no sort attribute.
	sorts map[string]func(a, b *T) int
	// list returns, in ID order, every object that matches the filters that
	// are set, keyed by attribute name.
	list func(c *toloka.Client, ctx context.Context, filters map[string]string) ([]T, error)
}

func (d *listDataSource[T]) plural() string { return d.kind + "s" }

func (d *listDataSource[T]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.plural()
}

func (d *listDataSource[T]) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := map[string]dschema.Attribute{
		d.plural(): dschema.ListNestedAttribute{
			Description:  fmt.Sprintf("The matching %s, with the attributes of the `toloka_%s` data source.", d.plural(), d.kind),
			Computed:     true,
			NestedObject: dschema.NestedAttributeObject{Attributes: d.view(ctx).attributes()},
		},
	}
	for name, a := range d.filters {
		attrs[name] = a
	}
	order := "in ID order"
	if len(d.sorts) > 0 {
		attrs["sort"] = d.sortAttribute()
		order = "in the order `sort` asks"
	}
	resp.Schema = dschema.Schema{
		Description: fmt.Sprintf("Lists the Toloka %s that match the filters, %s, however many there are: the "+
			"provider follows Toloka's pages to the end.", d.plural(), order),
		Attributes: attrs,
	}
}

// sortAttribute is the attribute that orders the list.
func (d *listDataSource[T]) sortAttribute() dschema.StringAttribute {
	keys := sortKeys(d.sorts)
	return dschema.StringAttribute{
		Description: fmt.Sprintf("The order of `%s`: a comma-separated list of `%s`, each prefixed by `-` for "+
			"descending order, e.g. `-%s,id`. Ties, and no sort at all, go by ID.", d.plural(), strings.Join(keys, "`, `"), keys[len(keys)-1]),
		Optional: true,
		Validators: []validator.String{stringvalidator.RegexMatches(sortSyntax(d.sorts),
			"must be a comma-separated list of "+strings.Join(keys, ", ")+", each optionally prefixed by -")},
	}
}

// sortKeys are the names of sort keys, id first.
func sortKeys[T any](sorts map[string]func(a, b *T) int) []string {
	keys := slices.Sorted(maps.Keys(sorts))
	slices.SortStableFunc(keys, func(a, b string) int { return cmp.Compare(boolInt(a != "id"), boolInt(b != "id")) })
	return keys
}

// sortSyntax matches a sort specification of these keys: a comma-separated
// list, each key optionally prefixed by "-".
func sortSyntax[T any](sorts map[string]func(a, b *T) int) *regexp.Regexp {
	alternatives := strings.Join(sortKeys(sorts), "|")
	return regexp.MustCompile(`^\s*-?(` + alternatives + `)\s*(,\s*-?(` + alternatives + `)\s*)*$`)
}

func (d *listDataSource[T]) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *listDataSource[T]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	config, err := knownStrings(req.Config.Raw)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the data source's configuration", err.Error())
		return
	}
	filters := map[string]string{}
	for name := range d.filters {
		if v, ok := config[name]; ok {
			filters[name] = v
		}
	}
	items, err := d.list(d.client, ctx, filters)
	if err != nil {
		resp.Diagnostics.AddError("Could not list the Toloka "+d.plural(), err.Error())
		return
	}
	sortBy(items, config["sort"], d.sorts)
	list, diags := viewList(ctx, d.view(ctx), items, d.describe)
	resp.Diagnostics.Append(diags...)
	if !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(d.plural()), list)...)
	}
}

// knownStrings returns the top-level string attributes of a configuration
// that are set.
func knownStrings(config tftypes.Value) (map[string]string, error) {
	var attrs map[string]tftypes.Value
	if err := config.As(&attrs); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for name, v := range attrs {
		if !v.Type().Is(tftypes.String) || !v.IsKnown() || v.IsNull() {
			continue
		}
		var s string
		if err := v.As(&s); err != nil {
			return nil, err
		}
		out[name] = s
	}
	return out, nil
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
	if len(terms) == 0 {
		return
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

// timeFilter parses a timestamp filter that the schema has validated; an
// absent one is the zero time, which is not sent.
func timeFilter(filters map[string]string, name string) (toloka.Time, error) {
	raw, ok := filters[name]
	if !ok {
		return toloka.Time{}, nil
	}
	t, err := toloka.ParseTime(raw)
	if err != nil {
		return toloka.Time{}, fmt.Errorf("%s: %w", name, err)
	}
	return t, nil
}
