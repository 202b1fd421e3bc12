// Package emulator is an in-memory server of the Toloka API v1, for tests and
// demos of clients such as this provider. It speaks the wire format on its
// own (it shares no code with the client) and is strict where the service is
// strict, so that it checks a client rather than echoing it.
//
// # API
//
// Under /api/v1, with "Authorization: ApiKey <key>" or "OAuth <token>":
//
//	GET  /projects               list: status, owner, id_*, created_*, sort, limit ≤ 300
//	POST /projects               201, the stored project (creation quota)
//	GET  /projects/{id}          200
//	PUT  /projects/{id}          200, full replace of the editable fields
//	POST /projects/{id}/archive  202 operation; 204 if already archived
//	GET  /pools                  list: project_id, status, id_*, created_*, last_started_*, sort, limit ≤ 300
//	POST /pools                  201, the stored pool, CLOSED (creation quota, apart from projects')
//	GET  /pools/{id}             200
//	PUT  /pools/{id}             200, full replace of the editable fields; only a CLOSED pool
//	PATCH /pools/{id}            200, {"priority": 0..100} on an OPEN or CLOSED pool; an empty 409 if ARCHIVED
//	POST /pools/{id}/open        202 POOL.OPEN; 204 if open; 409 EMPTY_POOL without tasks
//	POST /pools/{id}/close       202 POOL.CLOSE (reason MANUAL); 204 if closed
//	POST /pools/{id}/close-for-update  202 POOL.CLOSE (reason FOR_UPDATE); 204 if closed
//	POST /pools/{id}/archive     202 POOL.ARCHIVE; 204 if archived; only a CLOSED pool
//	GET  /operations             list: type, status, id_*, submitted_*, finished_*, sort, limit ≤ 500
//	GET  /operations/{id}        200
//	GET  /trainings              list: the filters of GET /pools
//	POST /trainings              201, the stored training, CLOSED (creation quota, apart from the others)
//	GET  /trainings/{id}         200
//	PUT  /trainings/{id}         200, full replace of the editable fields; only a CLOSED training
//	POST /trainings/{id}/open    202 TRAINING.OPEN; 204 if open; 409 EMPTY_POOL without tasks
//	POST /trainings/{id}/close   202 TRAINING.CLOSE (reason MANUAL); 204 if closed
//	POST /trainings/{id}/close-for-update  202 TRAINING.CLOSE (reason FOR_UPDATE); 204 if closed
//	POST /trainings/{id}/archive 202 TRAINING.ARCHIVE; 204 if archived; only a CLOSED training
//	                             that no unarchived main pool links, else 409 TRAINING_ARCHIVE_CONFLICT
//	GET  /requester              200, the account: id, balance, public_name, company
//	GET  /skills                 list: name, global, id_*, created_*, modified_*, sort, limit ≤ 100
//	POST /skills                 201, the stored skill (skill creation quota, 10/min and 100/day)
//	GET  /skills/{id}            200
//	PUT  /skills/{id}            200, full replace of the editable fields; no DELETE (405)
//	GET  /user-skills            list: user_id, skill_id, id_*, created_*, modified_*, sort, limit ≤ 1000
//	PUT  /user-skills            200, the value of a skill for a Toloker, upserted by skill and Toloker
//	GET  /user-skills/{id}       200
//	DELETE /user-skills/{id}     204
//	GET  /user-restrictions      list: scope (POOL needs pool_id, PROJECT project_id), user_id, pool_id, project_id, id_*, created_*, sort, limit ≤ 500
//	PUT  /user-restrictions      200, a ban, upserted by scope, Toloker and project or pool
//	GET  /user-restrictions/{id} 200; 404 once lifted (deleted, or will_expire come)
//	DELETE /user-restrictions/{id}  204
//	GET  /webhook-subscriptions  list: event_type, pool_id, id_*, created_*, sort, limit ≤ 300
//	PUT  /webhook-subscriptions  200 {items, validation_errors} keyed by index of the list sent; 400 if none is made
//	GET  /webhook-subscriptions/{id}  200, without secret_key
//	DELETE /webhook-subscriptions/{id}  204
//
// Under /api/staging, Toloka's staging API beside v1, with the same checks:
//
//	POST /projects/{id}/check    200 {"differenceLevel": EQUAL | NON_BREAKING_CHANGE | BREAKING_CHANGE}; nothing stored
//
// Requests are checked in this order: credentials (401 AUTHENTICATION_ERROR),
// injected 429, path (404 DOES_NOT_EXIST), method (405 METHOD_NOT_ALLOWED,
// with Allow), Content-Type of a request with a body (415
// UNSUPPORTED_MEDIA_TYPE), body size (413 ENTITY_TOO_LARGE), creation quota
// (429 with Retry-After and payload.interval MIN or DAY), then the handler:
// object (404, or 403 ACCESS_DENIED), body (400 VALIDATION_ERROR, payload
// field path → {code, message}), state (409). Every error body is
// {"request_id", "code", "message", "payload"}, payload null when empty.
// Dates are written UTC without zone, with milliseconds
// ("2022-01-22T07:50:14.210"); filters also take plain dates.
//
// Operations are not run by goroutines: their status is computed from the
// clock on each read. An operation is PENDING for the first fifth of its
// delay, then RUNNING (started set, progress growing up to 99), then SUCCESS
// (finished, progress 100, details {}) or FAIL (details as armed). The
// effect (the project turning ARCHIVED, the pool or training opening,
// closing or turning ARCHIVED) is applied at SUCCESS only, dated at the
// operation's end. A pool closed for update opens again by itself 15 minutes
// (by the server's clock) after it closed, unless it was opened or archived
// meanwhile.
//
// # The project check
//
// POST /api/staging/projects/{id}/check takes the body a PUT of the project
// would take, validates it as the PUT does (404, 400, then 409 on an archived
// project) and answers how it differs from the stored project, storing
// nothing. Toloka documents the endpoint only through its SDK (toloka-kit's
// check_update_project_for_major_version_change), so the verdict follows
// Toloka's guide on which edits make a new version of a project (the
// Toloka/docs repository at c28c2aca9612a8b86fc3140a025f97ba1525e427:
// en/guide/concepts/edit-project.md, en/guide/concepts/incoming.md,
// Recommendations, and the troubleshooting entry
// en/guide/_includes/troubleshooting/adding-tasks-to-the-pool/syntax-error.md).
// "If you edit a required field, the changes apply only to new pools. Existing
// pools will continue using the previous version of the project." And a pool
// "created before you changed the input field type" is on "an outdated
// project version".
// So, both bodies normalized as stored (defaults filled in):
//
//   - EQUAL when nothing differs;
//   - BREAKING_CHANGE when, in task_spec.input_spec or task_spec.output_spec,
//     a field that is required before or after the edit is added, removed or
//     changed in any way (required flipped included), or any field changes
//     type (compared case-insensitively, as types are matched);
//   - NON_BREAKING_CHANGE otherwise: texts, the view, quality control, and
//     optional fields added, removed or changed without a new type.
//
// # Test controls
//
// The Go methods of *Server (AddPool, SetPoolStatus, DeletePool,
// SetPoolHasTasks, AutoClosePool, AutoArchivePool, FailPoolOperations, DeleteProject,
// DenyProjectAccess, FailOperations, FailProjectChecks, SetOperationDelay, SetFillIn,
// InjectTooManyRequests, Requests, ResetRequests, Project, SetTrainingStatus,
// DeleteTraining, SetTrainingHasTasks, AutoArchiveTraining,
// FailTrainingOperations, SetRequesterBalance, RequestLog, ClearRequestLog, Skill, UserSkills,
// SetUserSkillValue, UserRestriction, ExpireUserRestriction,
// WebhookSubscription) are also served over HTTP for other processes,
// without credentials, JSON in and out:
//
//	POST   /_emulator/pools                          {"project_id": "100001", "status": "OPEN"} → 201 {"id": "30000001"}
//	PUT    /_emulator/pools/{id}/status              {"status": "ARCHIVED"} → 204
//	DELETE /_emulator/pools/{id}                     → 204, the pool vanishes
//	PUT    /_emulator/pools/{id}/tasks               {"has_tasks": true} → 204, the pool may be opened
//	POST   /_emulator/pools/{id}/auto-close          {"reason": "COMPLETED"} → 204, an OPEN pool closes by itself
//	POST   /_emulator/pools/{id}/auto-archive        → 204, a CLOSED pool archives by itself (idle 30 days)
//	POST   /_emulator/pools/{id}/fail-operations     {"details": {...}} → 204, the pool's next operation fails
//	GET    /_emulator/projects/{id}                  → 200, the stored project
//	DELETE /_emulator/projects/{id}                  → 204, the project vanishes
//	POST   /_emulator/projects/{id}/deny-access      → 204, the project becomes another account's
//	POST   /_emulator/projects/{id}/fail-operations  {"details": {...}} → 204
//	PUT    /_emulator/fill-in/pools                  {...a pool...} → 204, pools created or updated get its members the request leaves out
//	DELETE /_emulator/fill-in/pools                  → 204, no more fill-in (also /fill-in/projects)
//	PUT    /_emulator/project-check                  {"status": 503} → 204, every project check answers 503 (403, 404, 500; 0 ends it)
//	PUT    /_emulator/operation-delay                {"delay": "250ms"} → 204
//	POST   /_emulator/too-many-requests              {"count": 2, "retry_after": "3s"} → 204
//	GET    /_emulator/requests                       → 200 {"GET /projects/{id}": 3, ...}
//	DELETE /_emulator/requests                       → 204, counts reset
//	GET    /_emulator/request-log                    → 200 {"requests": [{"seq": 1, "method": "POST", "path": "/projects", ...}]}
//	DELETE /_emulator/request-log                    → 204, the log emptied
//	PUT    /_emulator/faults                         {"seed": 7, "rates": {"drop_after": 0.02}, "retry_after": "1s", "slow_delay": "2s"} → 204
//	GET    /_emulator/faults                         → 200 {"requests": 120, "injected": {"drop_after": 3}}
//	DELETE /_emulator/faults                         → 204, no more faults
//	PUT    /_emulator/trainings/{id}/status          {"status": "OPEN"} → 204
//	DELETE /_emulator/trainings/{id}                 → 204, the training vanishes
//	PUT    /_emulator/trainings/{id}/tasks           {"has_tasks": true} → 204, the training may be opened
//	POST   /_emulator/trainings/{id}/auto-archive    → 204, a CLOSED training archives by itself (idle 30 days)
//	POST   /_emulator/trainings/{id}/fail-operations {"details": {...}} → 204, the training's next operation fails
//	PUT    /_emulator/requester/balance              {"balance": 12.5} → 204
//	GET    /_emulator/skills/{id}                    → 200, the stored skill
//	GET    /_emulator/user-skills                    → 200 [...], every skill value, in id order
//	PUT    /_emulator/user-skills/{id}/value         {"value": 42.5} → 204, as a quality control rule would
//	GET    /_emulator/user-restrictions/{id}         → 200, the ban; 404 once lifted
//	POST   /_emulator/user-restrictions/{id}/expire  → 204, the ban's will_expire comes now: it is lifted
//	GET    /_emulator/webhook-subscriptions/{id}     → 200, the subscription with its secret_key
//
// Unknown members of a control body are rejected with 400; a missing object
// is 404.
//
// # Faults
//
// Options.Faults or SetFaults (PUT /_emulator/faults) make API requests fail
// as the network and Toloka's gateways do, each kind at its own rate, drawn
// reproducibly from a seed (see Fault for the kinds). Faults that strike
// before processing leave no trace in Requests; FaultStats counts every API
// request that met the injector and each fault injected.
//
// # Choices where the documentation is silent
//
//   - 401 AUTHENTICATION_ERROR for a missing, malformed or unknown
//     credential; the scheme word is matched case-insensitively, the key
//     exactly, and a key is only accepted with the scheme it was given for.
//   - A request counts against a creation quota whether or not it then passes
//     validation; windows slide (any 60 s, any 24 h).
//   - UNARCHIVED_POOLS_CONFLICT is a 409 whose payload is
//     {"pool_ids": [...], "training_ids": [...]}, the project's pools and
//     training pools not ARCHIVED, in id order: the service archives a
//     project only when all its pools are, and trainings are training pools.
//   - OPERATION_ALREADY_EXISTS is a 409 whose payload is
//     {"operation_id": "..."}; it is checked before the pools.
//   - PUT on an ARCHIVED project is 409 INAPPROPRIATE_STATUS with
//     payload.appropriate_statuses ["ACTIVE"], checked after validation.
//   - POST /projects/{id}/archive takes no body, so needs no Content-Type.
//   - A missing required object (task_spec, input_spec, output_spec) is
//     OBJECT_EXPECTED, as the service answers for task_spec; another missing
//     required value is VALUE_REQUIRED; a wrong JSON type is
//     STRING_EXPECTED, BOOLEAN_EXPECTED, INTEGER_EXPECTED, FLOAT_EXPECTED,
//     OBJECT_EXPECTED or ARRAY_EXPECTED; a bad enum is UNKNOWN_ENUM_VALUE.
//     A malformed or non-object body is VALIDATION_ERROR with a null payload.
//   - Field data types are matched case-insensitively (the reference itself
//     writes "URL") and kept as written; file types are for output fields
//     only. Null optional fields are dropped.
//   - Lists ignore unknown parameters, sort ties (and no sort) by id, and
//     answer 400 for a bad limit (below 1 or above the maximum), sort key,
//     enum value, id or date.
//   - Ids: projects count from 100001, pools from 30000001, operations are
//     24 hex digits increasing in submission order.
//   - POST /pools in a project that does not exist is a 400 whose payload
//     names project_id (DOES_NOT_EXIST); in an archived project, a 409
//     PROJECT_INAPPROPRIATE_STATUS; in another account's, a 403.
//   - A pool is created CLOSED without tasks. The service's defaults are
//     filled in, each where the API reference documents or shows it:
//     auto_accept_solutions true, auto_accept_period_day 21,
//     auto_close_after_complete_delay_seconds and priority 0,
//     assignments_issuing_config.issue_task_suites_in_creation_order false,
//     metadata {}, the mixer_config defaults, a uuid on every quality-control
//     collector that has none; may_contain_adult_content false (undocumented);
//     will_expire is written back in the wire format.
//   - PUT /pools/{id} naming another project_id is a 400 (INVALID_VALUE); on
//     a pool that is not CLOSED, a 409 INAPPROPRIATE_STATUS with
//     payload.appropriate_statuses ["CLOSED"].
//   - While an operation runs on a pool, its actions and PUT answer 409
//     POOL_LOCKED_BY_ANOTHER_OPERATION with payload {"operation_id": "..."};
//     this is checked before the 204 of a pool already in the target status.
//   - Close and close-for-update start from OPEN or LOCKED, archive and open
//     from CLOSED; another status is a 409 INAPPROPRIATE_STATUS.
//   - Trainings follow every rule of pools above (they are training pools:
//     their ids come from the pools' counter, their lock is
//     POOL_LOCKED_BY_ANOTHER_OPERATION, a training without tasks cannot be
//     opened), with these differences: their operations are TRAINING.* with
//     parameters {"training_id": "..."}; a training closed for update stays
//     closed (the service documents the reopening for main pools only); its
//     view has no "type"; the defaults filled in are
//     may_contain_adult_content false, mix_tasks_in_creation_order and
//     shuffle_tasks_in_task_suite true, and a uuid on every quality-control
//     collector that has none, as for pools.
//   - TRAINING_ARCHIVE_CONFLICT is a 409 whose payload is {"pool_ids": [...]},
//     the main pools not ARCHIVED whose
//     quality_control.training_requirement.training_pool_id names the
//     training, in id order; it is checked after the CLOSED status.
//   - A pool's training_requirement.training_pool_id must name a training of
//     the pool's project: a 400 whose payload names the field, with
//     DOES_NOT_EXIST for no such training, INVALID_VALUE for another
//     project's.
//   - GET /requester answers the owner's id, a balance of 100 (see
//     SetRequesterBalance), the public name {"EN": "Emulated requester"} and
//     the company {"id": owner.company_id, "superintendent_id": owner.id}.
//   - Ids: skills count from 60001, skill values from 1800000001, bans from
//     7000001; webhook subscriptions are 24 hex digits increasing in
//     creation order, listed and paged as strings.
//   - A skill is filled in as responses/api/skill-id.yaml shows: hidden
//     true and deprecated false unless sent, global false, owner {id,
//     myself}; private_comment is not filled in. skill_ttl_hours is 1 or
//     more. A value not set again for skill_ttl_hours hours vanishes
//     (its modified date counts; every PUT of the pair renews it).
//   - PUT /user-skills upserts by skill and Toloker (the pair has one id);
//     a skill that does not exist is a 400 whose payload names skill_id
//     (DOES_NOT_EXIST). value is exact_value rounded half away from zero;
//     reason is not returned.
//   - PUT /user-restrictions answers 200 whether it makes or replaces a
//     ban (toloka-java-sdk also reads a 201 as made); it upserts by scope,
//     user_id and project_id or pool_id, replacing private_comment and
//     will_expire. project_id is required with scope PROJECT and refused
//     otherwise, pool_id likewise with POOL (INVALID_VALUE); a project or
//     pool that does not exist is a 400 naming it (DOES_NOT_EXIST), a
//     project of another account a 403. private_comment is at most 499
//     characters (STRING_LENGTH_GREATER_THAN_MAX). A will_expire not in
//     the future is INVALID_VALUE. A SYSTEM ban can be neither set nor
//     lifted: 409 SYSTEM_SCOPE_MODIFICATION. A ban whose will_expire has
//     come (by the server's clock) is gone: 404, left out of lists.
//   - PUT /webhook-subscriptions takes a non-empty JSON array of objects
//     (else a 400 with a null payload) and checks each item on its own:
//     event_type among the eight documented values (TEST_EVENT is refused),
//     webhook_url an absolute http or https URL (INVALID_URL_SYNTAX),
//     pool_id a pool that exists (DOES_NOT_EXIST). It upserts by pool,
//     event type and URL, replacing secret_key. When no item is made the
//     answer is a 400 VALIDATION_ERROR whose payload is keyed by index like
//     validation_errors, which is left out when empty. secret_key is kept
//     but never returned.
package emulator
