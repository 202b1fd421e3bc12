package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// NewProjectsDataSource returns the toloka_projects data source.
func NewProjectsDataSource() datasource.DataSource {
	return &listDataSource[toloka.Project]{
		kind:     "project",
		view:     projectView,
		describe: projectViewObject,
		filters: map[string]dschema.StringAttribute{
			"status": {
				Description: "Only projects with this status: `ACTIVE` or `ARCHIVED`. Left out, both.",
				Optional:    true,
				Validators:  []validator.String{stringvalidator.OneOf(toloka.ProjectStatusActive, toloka.ProjectStatusArchived)},
			},
			"created_gte": {
				CustomType:  timestampType{},
				Description: "Only projects created at or after this time, in UTC (`YYYY-MM-DDThh:mm:ss`).",
				Optional:    true,
			},
			"created_lt": {
				CustomType:  timestampType{},
				Description: "Only projects created before this time, in UTC (`YYYY-MM-DDThh:mm:ss`).",
				Optional:    true,
			},
		},
		sorts: projectOrder,
		list:  listProjects,
	}
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

// projectSortSyntax matches the sort attribute of toloka_projects.
var projectSortSyntax = sortSyntax(projectOrder)

func listProjects(c *toloka.Client, ctx context.Context, filters map[string]string) ([]toloka.Project, error) {
	opts := toloka.ProjectListOptions{Status: filters["status"], Limit: listPageLimit}
	var err error
	if opts.CreatedGte, err = timeFilter(filters, "created_gte"); err != nil {
		return nil, err
	}
	if opts.CreatedLt, err = timeFilter(filters, "created_lt"); err != nil {
		return nil, err
	}
	return c.ListAllProjects(ctx, opts)
}
