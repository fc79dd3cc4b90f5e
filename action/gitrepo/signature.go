package gitrepo

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
)

// TagCommit is the commit the tag refs/tags/<tag> names, peeled.
func (r *Repo) TagCommit(ctx context.Context, tag string) (string, error) {
	if err := checkRev(tag); err != nil {
		return "", err
	}
	out, err := r.git(ctx, "rev-parse", "--verify", "--end-of-options", "refs/tags/"+tag+"^{commit}")
	if err != nil {
		return "", fmt.Errorf("tag %s: %w", tag, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// VerifySigned checks, with git's own verify-tag (or verify-commit when
// tag is ""), that the tag refs/tags/<tag> (or the commit) carries an
// SSH signature by a key that allowedSigners lists, in git's
// gpg.ssh.allowedSignersFile format. Git runs ssh-keygen to check it; an
// unsigned or GPG-signed object, or another key's, is an error.
func (r *Repo) VerifySigned(ctx context.Context, tag, commit, allowedSigners string) error {
	abs, err := filepath.Abs(allowedSigners)
	if err != nil {
		return err
	}
	verify, rev, what := "verify-tag", "refs/tags/"+tag, "tag "+tag
	if tag == "" {
		verify, rev, what = "verify-commit", commit, "commit "+commit
	}
	if err := checkRev(rev); err != nil {
		return err
	}
	// The options come before anything in the user's git config: only
	// SSH signatures, checked against this file alone.
	_, err = r.git(ctx, "-c", "gpg.format=ssh", "-c", "gpg.ssh.allowedSignersFile="+abs, "-c", "gpg.ssh.program=ssh-keygen",
		"-c", "gpg.program=/nonexistent/gpg", "-c", "gpg.x509.program=/nonexistent/gpgsm", verify, rev)
	if err != nil {
		return fmt.Errorf("%s is not signed by a key in %s: %w", what, filepath.Base(allowedSigners), err)
	}
	return nil
}
