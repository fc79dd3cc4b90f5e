// Package audit is the record of who signed off what: every merge the
// scheduled run makes carries, in its commit message, one trailer per
// sign-off that counted (post, stage, person, the commit they approved),
// because regulated teams must keep that evidence and the history is the
// one place nobody rewrites casually. The run also appends the same
// records to a JSON Lines file; `greenlight audit` reads them back out
// of the history.
package audit

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/greenlighthq/greenlight/action/gitrepo"
)

// Trailer keys in merge commit messages.
const (
	TrailerPullRequest = "Greenlight-Pull-Request"
	TrailerSignoff     = "Greenlight-Signoff"
)

// subjectPrefix starts the subject of every merge Greenlight makes.
const subjectPrefix = "Publish: "

// Message is the title and message of a merge Greenlight makes for pull
// request number: the titles of its posts in the subject, the intro, and
// one trailer per record, which Parse reads back.
func Message(titles []string, number int, intro string, records []Record) (title, message string) {
	one := make([]string, len(titles))
	for i, t := range titles {
		one[i] = oneLine(t)
	}
	title = fmt.Sprintf("%s%s (#%d)", subjectPrefix, strings.Join(one, "; "), number)
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n%s: %d\n", intro, TrailerPullRequest, number)
	for _, r := range records {
		fmt.Fprintf(&b, "%s: %s\n", TrailerSignoff, r.Trailer())
	}
	return title, b.String()
}

// oneLine is a post's title fit for a subject: a title is the author's,
// and a line break in it (YAML's "\n" shows none in the file) would end
// the subject Parse reads the pull request's number from, with a number
// the author chose. White space and controls become one space.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
}

// Record is one sign-off that counted for one post of one merge.
type Record struct {
	MergeSHA    string    `json:"merge_sha"`
	MergedAt    time.Time `json:"merged_at"`
	PullRequest int       `json:"pull_request"`
	Post        string    `json:"post"`
	Stage       string    `json:"stage"`
	User        string    `json:"user"`
	// Commit is the commit the user approved.
	Commit string `json:"commit"`
}

// Trailer is the record as a trailer value: "POST STAGE USER COMMIT".
// Paths with spaces are quoted.
func (r Record) Trailer() string {
	return fmt.Sprintf("%s %s %s %s", strconv.Quote(r.Post), r.Stage, r.User, r.Commit)
}

// History reads every record in the first-parent history of rev (the
// publish branch), newest merge first.
func History(ctx context.Context, repo *gitrepo.Repo, rev string) ([]Record, error) {
	commits, err := repo.Log(ctx, rev)
	if err != nil {
		return nil, err
	}
	var out []Record
	for _, c := range commits {
		rs, err := Parse(c)
		if err != nil {
			return nil, err
		}
		out = append(out, rs...)
	}
	return out, nil
}

// Parse reads the records a merge commit's trailers hold. A commit that
// Greenlight did not make has none: the records count only in a commit
// whose subject is the one Greenlight gives its merges ("Publish: ...
// (#N)"), from the trailer block that ends its message, whose
// Greenlight-Pull-Request is that same N. Trailer lines anywhere else
// (a squash merge made by hand carries its commits' messages in its body)
// are text, not evidence.
func Parse(c gitrepo.Commit) ([]Record, error) {
	number, ok := publishSubject(c.Message)
	if !ok {
		return nil, nil
	}
	block := trailerBlock(c.Message)
	pr := 0
	for _, l := range block {
		if v, ok := strings.CutPrefix(l, TrailerPullRequest+": "); ok {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				return nil, fmt.Errorf("commit %s: %s %q is not a number", c.SHA, TrailerPullRequest, v)
			}
			pr = n
		}
	}
	if pr != number {
		return nil, nil
	}
	var out []Record
	for _, l := range block {
		v, ok := strings.CutPrefix(l, TrailerSignoff+": ")
		if !ok {
			continue
		}
		r, err := parseSignoff(strings.TrimSpace(v))
		if err != nil {
			return nil, fmt.Errorf("commit %s: %w", c.SHA, err)
		}
		r.MergeSHA, r.MergedAt, r.PullRequest = c.SHA, c.Time, pr
		out = append(out, r)
	}
	return out, nil
}

// publishSubject reads the pull request number of a subject Greenlight
// gives its merges: "Publish: TITLES (#N)".
func publishSubject(msg string) (int, bool) {
	subject, _, _ := strings.Cut(msg, "\n")
	subject = strings.TrimSpace(subject)
	if !strings.HasPrefix(subject, subjectPrefix) || !strings.HasSuffix(subject, ")") {
		return 0, false
	}
	i := strings.LastIndex(subject, "(#")
	if i < 0 {
		return 0, false
	}
	n, err := strconv.Atoi(subject[i+2 : len(subject)-1])
	return n, err == nil && n > 0
}

// trailerBlock is the last paragraph of a message that is not its
// subject: where git and GitHub keep trailers.
func trailerBlock(msg string) []string {
	paragraphs := strings.Split(strings.TrimSpace(strings.ReplaceAll(msg, "\r\n", "\n")), "\n\n")
	if len(paragraphs) < 2 {
		return nil
	}
	return strings.Split(paragraphs[len(paragraphs)-1], "\n")
}

func parseSignoff(v string) (Record, error) {
	post, rest := "", v
	if strings.HasPrefix(v, `"`) {
		q, err := strconv.QuotedPrefix(v)
		if err != nil {
			return Record{}, fmt.Errorf("%s %q: the post's path is not quoted properly", TrailerSignoff, v)
		}
		post, _ = strconv.Unquote(q)
		rest = v[len(q):]
	} else {
		post, rest, _ = strings.Cut(v, " ")
	}
	f := strings.Fields(rest)
	if post == "" || len(f) != 3 {
		return Record{}, fmt.Errorf("%s %q: want \"POST\" STAGE USER COMMIT", TrailerSignoff, v)
	}
	return Record{Post: post, Stage: f[0], User: f[1], Commit: f[2]}, nil
}

// Formats are the ways Write prints records.
func Formats() []string { return []string{"jsonl", "text"} }

// Write prints records as JSON Lines ("jsonl": one Record object per line,
// for programs) or as one aligned line per sign-off ("text": for people,
// times in UTC).
func Write(w io.Writer, records []Record, format string) error {
	switch format {
	case "jsonl":
		enc := json.NewEncoder(w)
		for _, r := range records {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return nil
	case "text":
		for _, r := range records {
			if _, err := fmt.Fprintf(w, "%s  #%-5d %-40s %-12s @%-16s approved %.7s  (merge %.7s)\n",
				r.MergedAt.UTC().Format("2006-01-02 15:04 UTC"), r.PullRequest, r.Post, r.Stage, r.User, r.Commit, r.MergeSHA); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("unknown format %q: want %s", format, strings.Join(Formats(), " or "))
}

// Append adds records to a JSON Lines file.
func Append(file string, records []Record) error {
	f, err := os.OpenFile(file, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for _, r := range records {
		if err := enc.Encode(r); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
