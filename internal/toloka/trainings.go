package toloka

import (
	"context"
	"net/url"
)

// Operation types of the training actions. Closing for update is a
// TRAINING.CLOSE.
const (
	OperationTrainingOpen    = "TRAINING.OPEN"
	OperationTrainingClose   = "TRAINING.CLOSE"
	OperationTrainingArchive = "TRAINING.ARCHIVE"
)

// CodeTrainingArchiveConflict refuses to archive a training that main pools
// not yet archived are linked to. While an operation runs on a training, its
// actions are refused with CodePoolLocked, as a pool's are.
const CodeTrainingArchiveConflict = "TRAINING_ARCHIVE_CONFLICT"

// TrainingPage is one page of trainings.
type TrainingPage = Page[Training]

// TrainingListOptions filters and orders ListTrainings. Zero values are not
// sent.
type TrainingListOptions struct {
	ProjectID string
	// Status is one of the PoolStatus constants.
	Status string
	// Sort is a comma-separated list of id, created and last_started, each
	// optionally prefixed by "-" for descending order.
	Sort string
	// Limit is the page size, at most 300; zero means 300.
	Limit int

	ID          IDRange
	Created     TimeRange
	LastStarted TimeRange
}

func (o TrainingListOptions) query() url.Values {
	q := url.Values{"limit": {trainingCollection.pageLimit(o.Limit)}}
	setIfNotEmpty(q, "project_id", o.ProjectID)
	setIfNotEmpty(q, "status", o.Status)
	setIfNotEmpty(q, "sort", o.Sort)
	o.ID.set(q)
	o.Created.set(q, "created")
	o.LastStarted.set(q, "last_started")
	return q
}

// trainingIdentity are the members of a training that tell it from the
// others made at about the same time: the required ones, which the API
// stores as sent.
var trainingIdentity = []string{"project_id", "private_name", "inherited_instructions", "training_tasks_in_task_suite_count"}

// CreateTraining creates a training and returns it as stored. Toloka creates
// trainings closed. When the outcome of the request is unknown, a training
// made by it is adopted rather than made twice (see Client.create): it is
// recognized by its project_id, private_name, inherited_instructions and
// training_tasks_in_task_suite_count.
func (c *Client) CreateTraining(ctx context.Context, t *Training) (*Training, error) {
	return createObject(ctx, c, trainingCollection, t)
}

// GetTraining returns a training, archived ones included. A missing training
// gives an error for which IsNotFound is true.
func (c *Client) GetTraining(ctx context.Context, id string) (*Training, error) {
	return getObject[Training](ctx, c, trainingCollection, id)
}

// UpdateTraining replaces a training with t, which must hold every field (the
// API treats missing ones as removed): start from GetTraining's result, whose
// unknown fields are sent back as they came. Toloka refuses to edit an open
// training: close it for update first (CloseTrainingForUpdate).
func (c *Client) UpdateTraining(ctx context.Context, id string, t *Training) (*Training, error) {
	return replaceObject(ctx, c, trainingCollection, id, t)
}

// OpenTraining starts opening a training and returns the TRAINING.OPEN
// operation to wait for, or (nil, nil) when the API answers 204: the training
// is already open.
func (c *Client) OpenTraining(ctx context.Context, id string) (*Operation, error) {
	return c.startAction(ctx, trainingCollection, id, "/open")
}

// CloseTraining starts closing a training and returns the TRAINING.CLOSE
// operation to wait for, or (nil, nil) when the API answers 204: the training
// is already closed.
func (c *Client) CloseTraining(ctx context.Context, id string) (*Operation, error) {
	return c.startAction(ctx, trainingCollection, id, "/close")
}

// CloseTrainingForUpdate closes a training so that it can be edited and
// returns the TRAINING.CLOSE operation to wait for, or (nil, nil) when the
// API answers 204: the training is already closed.
func (c *Client) CloseTrainingForUpdate(ctx context.Context, id string) (*Operation, error) {
	return c.startAction(ctx, trainingCollection, id, "/close-for-update")
}

// ArchiveTraining starts archiving a closed training and returns the
// TRAINING.ARCHIVE operation to wait for, or (nil, nil) when the API answers
// 204: the training is already archived. Every main pool linked to the
// training must be archived first, else the error has code
// TRAINING_ARCHIVE_CONFLICT.
func (c *Client) ArchiveTraining(ctx context.Context, id string) (*Operation, error) {
	return c.startAction(ctx, trainingCollection, id, "/archive")
}

// ListTrainings returns one page of trainings, archived ones included.
func (c *Client) ListTrainings(ctx context.Context, opts TrainingListOptions) (*TrainingPage, error) {
	return listObjects[Training](ctx, c, trainingCollection, opts.query())
}

// ListAllTrainings returns every training matching opts, fetching page after
// page in id order (opts.Sort is ignored; opts.ID.Gt is where to start).
func (c *Client) ListAllTrainings(ctx context.Context, opts TrainingListOptions) ([]Training, error) {
	opts.Sort = "id"
	fetch := func(ctx context.Context, idGt string) (*TrainingPage, error) {
		opts.ID.Gt = idGt
		return c.ListTrainings(ctx, opts)
	}
	return listAll(ctx, opts.ID.Gt, fetch, func(t *Training) string { return t.ID })
}
