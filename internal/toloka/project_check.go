package toloka

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"strings"
)

// The verdicts of CheckProject: how an edit of a project differs from it.
const (
	// DifferenceEqual: the edit changes nothing.
	DifferenceEqual = "EQUAL"
	// DifferenceNonBreaking: the edit changes the project, and its existing
	// pools get the change.
	DifferenceNonBreaking = "NON_BREAKING_CHANGE"
	// DifferenceBreaking: the edit makes a new version of the project; the
	// existing pools keep the version they have, and only new pools get it.
	DifferenceBreaking = "BREAKING_CHANGE"
)

// projectCheck is the answer of the check endpoint.
type projectCheck struct {
	DifferenceLevel string `json:"differenceLevel"`
}

// CheckProject asks Toloka how replacing project id with p, a full project
// as UpdateProject takes it, would differ from the project as it is:
// DifferenceEqual, DifferenceNonBreaking or DifferenceBreaking (another
// verdict is returned as Toloka spells it). Nothing is changed.
//
// The endpoint, POST /projects/{id}/check, lives under Toloka's staging API
// root, beside the v1 root (…/api/staging for …/api/v1), which the client
// derives from its base URL; a base URL whose path does not end in /v1 gives
// an error before anything is sent.
func (c *Client) CheckProject(ctx context.Context, id string, p *Project) (string, error) {
	if p == nil {
		return "", errors.New("toloka: CheckProject called without a project")
	}
	root, err := stagingRoot(c.baseURL)
	if err != nil {
		return "", err
	}
	path, err := projectCollection.objectPath(id, "/check")
	if err != nil {
		return "", err
	}
	var answer projectCheck
	// The check changes nothing, so it is repeated like a read.
	req := request{method: http.MethodPost, root: root, path: path, body: p, repeatable: true}
	if _, err := c.send(ctx, req, &answer); err != nil {
		return "", err
	}
	if answer.DifferenceLevel == "" {
		return "", fmt.Errorf("toloka: POST %s: the answer has no differenceLevel", path)
	}
	return answer.DifferenceLevel, nil
}

// stagingRoot is the staging API root beside the v1 root baseURL.
func stagingRoot(baseURL string) (string, error) {
	u, err := url.Parse(baseURL)
	if err != nil {
		return "", fmt.Errorf("toloka: base URL is not a valid URL: %w", err)
	}
	if path.Base(u.Path) != "v1" {
		return "", fmt.Errorf("toloka: the staging API root cannot be derived from base URL %s: its path does not end in /v1",
			u.Redacted())
	}
	u.Path = strings.TrimSuffix(u.Path, "v1") + "staging"
	u.RawPath = ""
	return u.String(), nil
}
