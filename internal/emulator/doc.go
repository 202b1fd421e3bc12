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
//	GET  /pools/{id}             200
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
// effect (the project turning ARCHIVED) is applied at SUCCESS only.
//
// # Test controls
//
// The Go methods of *Server (AddPool, SetPoolStatus, DeleteProject,
// DenyProjectAccess, FailOperations, SetOperationDelay,
// InjectTooManyRequests, Requests, ResetRequests, Project) are also served
// over HTTP for other processes, without credentials, JSON in and out:
//
//	POST   /_emulator/pools                          {"project_id": "100001", "status": "OPEN"} → 201 {"id": "30000001"}
//	PUT    /_emulator/pools/{id}/status              {"status": "ARCHIVED"} → 204
//	GET    /_emulator/projects/{id}                  → 200, the stored project
//	DELETE /_emulator/projects/{id}                  → 204, the project vanishes
//	POST   /_emulator/projects/{id}/deny-access      → 204, the project becomes another account's
//	POST   /_emulator/projects/{id}/fail-operations  {"details": {...}} → 204
//	PUT    /_emulator/operation-delay                {"delay": "250ms"} → 204
//	POST   /_emulator/too-many-requests              {"count": 2, "retry_after": "3s"} → 204
//	GET    /_emulator/requests                       → 200 {"GET /projects/{id}": 3, ...}
//	DELETE /_emulator/requests                       → 204, counts reset
//
// Unknown members of a control body are rejected with 400; a missing object
// is 404.
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
package emulator
