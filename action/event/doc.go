// Package event reads what GitHub Actions hands a step: the environment
// (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_API_URL, ...) and the
// webhook payload of the event that started the workflow. It only
// extracts which pull request to judge; everything else about the pull
// request is read fresh from the API, because a payload is a snapshot
// taken when the event fired and can be stale by the time the job runs.
package event
