package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/toloka-terraform/terraform-provider-toloka/internal/toloka"
)

// NewPoolResource returns the toloka_pool resource.
func NewPoolResource() resource.Resource {
	return &objectResource[toloka.Pool, poolModel]{kind: &poolKind}
}

// poolActions are the operations that open, close and archive a pool.
var poolActions = openableActions{
	kind:           "pool",
	param:          "pool_id",
	open:           (*toloka.Client).OpenPool,
	close:          (*toloka.Client).ClosePool,
	closeForUpdate: (*toloka.Client).ClosePoolForUpdate,
	archive:        (*toloka.Client).ArchivePool,
	operationTypes: []string{toloka.OperationPoolClose, toloka.OperationPoolArchive, toloka.OperationPoolOpen},
	busyCode:       toloka.CodePoolLocked,
}

// poolKind: Toloka creates pools closed and edits only closed ones, so an
// open pool is closed for update, edited and reopened; it cannot delete
// pools, so destroying one closes and archives it.
var poolKind = objectKind[toloka.Pool, poolModel]{
	name:      "pool",
	schema:    poolSchema,
	create:    (*toloka.Client).CreatePool,
	get:       (*toloka.Client).GetPool,
	put:       (*toloka.Client).UpdatePool,
	id:        func(p *toloka.Pool) string { return p.ID },
	toAPI:     poolModel.applyTo,
	stateFrom: poolStateFrom,
	archive:   openableArchiving[toloka.Pool, poolModel](poolActions, func(p *toloka.Pool) (string, string) { return p.ID, p.Status }),
	validate:  validatePoolConfig,
}

// poolStateFrom describes the pool as Toloka has it, keeping the
// configuration's place of the training requirement, its spelling of
// equivalent values and its timeouts, which are not Toloka's.
func poolStateFrom(ctx context.Context, p *toloka.Pool, from poolModel) (poolModel, diag.Diagnostics) {
	m, diags := poolModelFrom(ctx, p)
	m.keepRequirementSpelling(ctx, from)
	m.keepEquivalentSpelling(ctx, from)
	m.Timeouts = from.Timeouts
	return m, diags
}
