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
//	POST /pools/{id}/open        202 POOL.OPEN; 204 if open; 409 EMPTY_POOL without tasks
//	POST /pools/{id}/close       202 POOL.CLOSE (reason MANUAL); 204 if closed
//	POST /pools/{id}/close-for-update  202 POOL.CLOSE (reason FOR_UPDATE); 204 if closed
//	POST /pools/{id}/archive     202 POOL.ARCHIVE; 204 if archived; only a CLOSED pool
//	GET  /operations             list: type, status, id_*, submitted_*, finished_*, sort, limit ≤ 500
//	GET  /operations/{id}        200
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
// effect (the project turning ARCHIVED, the pool opening, closing or turning
// ARCHIVED) is applied at SUCCESS only, dated at the operation's end. A pool
// closed for update opens again by itself 15 minutes (by the server's clock)
// after it closed, unless it was opened or archived meanwhile.
//
// # Test controls
//
// The Go methods of *Server (AddPool, SetPoolStatus, DeletePool,
// SetPoolHasTasks, AutoClosePool, AutoArchivePool, FailPoolOperations, DeleteProject,
// DenyProjectAccess, FailOperations, SetOperationDelay,
// InjectTooManyRequests, Requests, ResetRequests, RequestLog,
// ClearRequestLog, Project) are also served
// over HTTP for other processes, without credentials, JSON in and out:
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
//	PUT    /_emulator/operation-delay                {"delay": "250ms"} → 204
//	POST   /_emulator/too-many-requests              {"count": 2, "retry_after": "3s"} → 204
//	GET    /_emulator/requests                       → 200 {"GET /projects/{id}": 3, ...}
//	DELETE /_emulator/requests                       → 204, counts reset
//	GET    /_emulator/request-log                    → 200 {"requests": [{"seq": 1, "method": "POST", "path": "/projects", ...}]}
//	DELETE /_emulator/request-log                    → 204, the log emptied
//	PUT    /_emulator/faults                         {"seed": 7, "rates": {"drop_after": 0.02}, "retry_after": "1s", "slow_delay": "2s"} → 204
//	GET    /_emulator/faults                         → 200 {"requests": 120, "injected": {"drop_after": 3}}
//	DELETE /_emulator/faults                         → 204, no more faults
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
//     {"pool_ids": [...]}, the project's pools not ARCHIVED, in id order.
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
//     filled in: may_contain_adult_content and auto_accept_solutions false,
//     auto_accept_period_day 21, auto_close_after_complete_delay_seconds and
//     priority 0; will_expire is written back in the wire format.
//   - PUT /pools/{id} naming another project_id is a 400 (INVALID_VALUE); on
//     a pool that is not CLOSED, a 409 INAPPROPRIATE_STATUS with
//     payload.appropriate_statuses ["CLOSED"].
//   - While an operation runs on a pool, its actions and PUT answer 409
//     POOL_LOCKED_BY_ANOTHER_OPERATION with payload {"operation_id": "..."};
//     this is checked before the 204 of a pool already in the target status.
//   - Close and close-for-update start from OPEN or LOCKED, archive and open
//     from CLOSED; another status is a 409 INAPPROPRIATE_STATUS.
package emulator
