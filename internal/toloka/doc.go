// Package toloka is a small client of the Toloka REST API v1 (projects,
// pools, operations, skills, user skills, user restrictions and webhook
// subscriptions) for the Terraform provider. It uses only the standard
// library.
//
// Objects keep the JSON members this package does not model in their Extra
// field and send them back unchanged, so reading an object and writing it
// back loses nothing. Errors from the API are *APIError values; waits for
// asynchronous operations end in *OperationFailedError,
// *OperationTimeoutError or *OperationPollError when they do not succeed.
// One failure policy (RetryPolicy) says what is repeated, for requests and
// for the polls of a wait alike.
package toloka
