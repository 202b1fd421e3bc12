package emulator

import (
	"math"
	"slices"
	"strings"
)

// codeTrainingArchiveConflict refuses to archive a training that main pools
// not yet archived are linked to.
const codeTrainingArchiveConflict = "TRAINING_ARCHIVE_CONFLICT"

// quotaTrainings names the creation quota of POST /trainings.
const quotaTrainings = "trainings"

// trainingPools are the training pools of /trainings: a main pool links one
// in quality_control.training_requirement.training_pool_id.
var trainingPools = &poolKind{
	name: "training", opPrefix: "TRAINING", param: "training_id",
	stored:    func(s *Server) map[int64]*pool { return s.trainings },
	normalize: normalizeTraining,
	refuse:    (*Server).refuseArchiveOfLinkedTraining,
}

// trainingReadOnly are the fields the service sets (a PUT sends back the
// whole view, these included).
var trainingReadOnly = []string{"id", "owner", "status", "last_close_reason", "created", "last_started", "last_stopped"}

// trainingOptional are the editable fields that may be left out.
var trainingOptional = []string{
	"public_instructions", "may_contain_adult_content", "assignment_max_duration_seconds",
	"mix_tasks_in_creation_order", "shuffle_tasks_in_task_suite", "task_suites_required_to_pass",
	"retry_training_after_days", "metadata",
}

// normalizeTraining validates a POST or PUT body (TrainingFormV1) and
// returns the fields to store, project_id included, with the service's
// defaults filled in. Unknown fields are kept.
func normalizeTraining(body map[string]any) (map[string]any, fieldErrors) {
	t := editableFields(body, trainingReadOnly, trainingOptional)
	v := &validator{}
	v.check(t, "project_id", "project_id", kString, true)
	v.nonEmpty(t, "private_name", "private_name", true)
	v.check(t, "inherited_instructions", "inherited_instructions", kBool, true)
	v.check(t, "public_instructions", "public_instructions", kString, false)
	v.defaultBool(t, "may_contain_adult_content", "may_contain_adult_content", false)
	v.integer(t, "assignment_max_duration_seconds", "assignment_max_duration_seconds", 5, maxInt32, false)
	v.defaultBool(t, "mix_tasks_in_creation_order", "mix_tasks_in_creation_order", true)
	v.defaultBool(t, "shuffle_tasks_in_task_suite", "shuffle_tasks_in_task_suite", true)
	v.integer(t, "training_tasks_in_task_suite_count", "training_tasks_in_task_suite_count", 0, 500, true)
	v.integer(t, "task_suites_required_to_pass", "task_suites_required_to_pass", 0, 500, false)
	v.integer(t, "retry_training_after_days", "retry_training_after_days", 1, math.MaxInt64, false)
	v.metadata(t)
	return t, v.errs
}

// trainingRequirementPath is where a main pool names its training.
const trainingRequirementPath = "quality_control.training_requirement.training_pool_id"

// linkedTraining returns the training a main pool's fields link, or "".
func linkedTraining(fields map[string]any) string {
	qc, _ := fields["quality_control"].(map[string]any)
	req, _ := qc["training_requirement"].(map[string]any)
	id, _ := req["training_pool_id"].(string)
	return id
}

// checkTrainingRequirement checks that the training a main pool links (in
// normalized fields) exists and belongs to the pool's project.
func (s *Server) checkTrainingRequirement(projectID string, fields map[string]any) fieldErrors {
	id := linkedTraining(fields)
	if id == "" {
		return nil
	}
	training, err := trainingPools.lookup(s, id)
	switch {
	case err != nil:
		return fieldErrors{trainingRequirementPath: {vcDoesNotExist, "Training pool does not exist"}}
	case training.projectID != projectID:
		return fieldErrors{trainingRequirementPath: {vcInvalid, "The training pool belongs to another project"}}
	}
	return nil
}

// refuseArchiveOfLinkedTraining refuses to archive a training while main
// pools that are not archived link it, naming them.
func (s *Server) refuseArchiveOfLinkedTraining(p *pool, a poolAction) *apiError {
	if a.target != poolArchived {
		return nil
	}
	ids := s.unarchivedPoolsLinking(formatID(p.id))
	if len(ids) == 0 {
		return nil
	}
	return errConflict(codeTrainingArchiveConflict,
		"The training pool is linked to main pools that are not archived: "+strings.Join(ids, ", "),
		map[string]any{"pool_ids": ids})
}

// unarchivedPoolsLinking lists, in id order, the main pools not ARCHIVED
// whose training requirement names the training.
func (s *Server) unarchivedPoolsLinking(trainingID string) []string {
	return unarchivedIDs(s.pools, func(p *pool) bool { return linkedTraining(p.fields) == trainingID })
}

// unarchivedIDs lists, in id order, the objects not ARCHIVED that keep
// selects.
func unarchivedIDs(objects map[int64]*pool, keep func(*pool) bool) []string {
	var ids []int64
	for _, p := range objects {
		if p.status != poolArchived && keep(p) {
			ids = append(ids, p.id)
		}
	}
	slices.Sort(ids)
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = formatID(id)
	}
	return out
}

// SetTrainingHasTasks says whether a training has tasks: like a pool, a
// training without tasks cannot be opened (409 EMPTY_POOL), and trainings
// start without.
func (s *Server) SetTrainingHasTasks(id string, has bool) error {
	return s.setHasTasksOf(trainingPools, id, has)
}

// SetTrainingStatus moves a training to another status, as if the requester
// or the service had done it behind the client's back.
func (s *Server) SetTrainingStatus(id, status string) error {
	return s.setStatusOf(trainingPools, id, status)
}

// AutoArchiveTraining archives a CLOSED training as the service does by
// itself after a training has been idle for 30 days.
func (s *Server) AutoArchiveTraining(id string) error {
	return s.autoArchiveOf(trainingPools, id)
}

// FailTrainingOperations arms a failure: the next operation submitted for
// the training ends in FAIL with these details (nil means {}), and the
// training stays as it was. It fires once.
func (s *Server) FailTrainingOperations(id string, details map[string]any) error {
	return s.failOperationsOf(trainingPools, id, details)
}

// DeleteTraining makes a training vanish (the API itself has no delete):
// later requests for it answer 404.
func (s *Server) DeleteTraining(id string) error {
	return s.deleteOf(trainingPools, id)
}
