package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"text/template"

	"github.com/hashicorp/hcl/v2/hclwrite"
)

//go:embed templates
var templates embed.FS

// ExamplePrefix starts every placeholder login, so that the command can
// point at each line to edit and a reader sees at once they are not real.
const ExamplePrefix = "example-"

// Options are a team's answers: every field has a default (see Defaults).
type Options struct {
	// PublishBranch is the branch posts are published to and the gate
	// protects; the required check is named after it.
	PublishBranch string
	// Timezone is the IANA time zone publish times are read in.
	Timezone string
	// Channels are where posts go: platform names such as x or linkedin.
	Channels []string
	// Stages are the sign-off steps in order; each gets a role of its name.
	Stages []Stage
	// Owners are the logins of the admins role, which signs off changes to
	// how posts are judged (the owners stage).
	Owners []string
}

// Stage is one sign-off step and the logins of its role.
type Stage struct {
	Name  string
	Users []string
}

// Defaults are the answers when the team gives none: three stages whose
// roles hold example logins to replace.
func Defaults() Options {
	o := Options{PublishBranch: "main", Timezone: "UTC", Channels: []string{"x", "linkedin"}}
	for _, s := range []string{"copy", "brand", "legal"} {
		o.Stages = append(o.Stages, Stage{Name: s, Users: []string{ExampleLogin(s)}})
	}
	o.Owners = []string{ExamplePrefix + "admin"}
	return o
}

// ExampleLogin is the placeholder login of a stage's role: a valid GitHub
// login, so that the config validates before it is edited.
func ExampleLogin(stage string) string {
	l := ExamplePrefix + strings.ToLower(stage)
	if len(l) > 39 || strings.Contains(l, "_") || strings.Contains(l, "--") || strings.HasSuffix(l, "-") {
		return ExamplePrefix + "reviewer"
	}
	return l
}

// File is a file to write, its path relative to the repository's root in
// slash form.
type File struct {
	Path string
	Data []byte
}

// names of stages and channels end up as HCL identifiers (stage.copy), so
// they are kept to what an identifier and a label both take.
var name = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)

// The templates' delimiters are [[ ]], since the workflows are full of
// GitHub's own ${{ }}.
const (
	leftDelim  = "[["
	rightDelim = "]]"
)

// outputs maps each template to the file it writes.
var outputs = []struct{ template, path string }{
	{"greenlight.hcl.tmpl", "greenlight.hcl"},
	{"welcome.md.tmpl", "posts/welcome.md"},
	{"greenlight.yml.tmpl", ".github/workflows/greenlight.yml"},
	{"greenlight-publish.yml.tmpl", ".github/workflows/greenlight-publish.yml"},
	{"greenlight-review.yml.tmpl", ".github/workflows/greenlight-review.yml"},
	{"gitignore.tmpl", ".gitignore"},
}

// Render renders every file for o. It checks only what would break the
// templates' syntax; the command validates the config as a whole.
func Render(o Options) ([]File, error) {
	if err := check(o); err != nil {
		return nil, err
	}
	t, err := template.New("").Delims(leftDelim, rightDelim).Funcs(template.FuncMap{
		"list": hclList,
		"str":  strconv.Quote,
		"flow": yamlFlow,
		"strs": func(s ...string) []string { return s },
	}).ParseFS(templates, "templates/*.tmpl")
	if err != nil {
		return nil, fmt.Errorf("scaffold: parse templates: %w", err)
	}
	v := view(o)
	var files []File
	for _, out := range outputs {
		var b bytes.Buffer
		if err := t.ExecuteTemplate(&b, out.template, v); err != nil {
			return nil, fmt.Errorf("scaffold: render %s: %w", out.path, err)
		}
		data := b.Bytes()
		if strings.HasSuffix(out.path, ".hcl") {
			// Aligned as greenlight fmt would, whatever the names'
			// lengths, so a new repository passes fmt --check.
			data = hclwrite.Format(data)
		}
		files = append(files, File{Path: out.path, Data: data})
	}
	return files, nil
}

func check(o Options) error {
	var errs []error
	if len(o.Stages) == 0 {
		errs = append(errs, errors.New("at least one stage is needed"))
	}
	if len(o.Channels) == 0 {
		errs = append(errs, errors.New("at least one channel is needed"))
	}
	seen := map[string]bool{"owners": true}
	for _, s := range o.Stages {
		switch {
		case !name.MatchString(s.Name):
			errs = append(errs, fmt.Errorf("stage %q: a stage's name is lowercase letters, digits, - and _, starting with a letter", s.Name))
		case seen[s.Name]:
			errs = append(errs, fmt.Errorf("stage %q: named twice, or the owners stage init adds itself", s.Name))
		case s.Name == "admins":
			errs = append(errs, fmt.Errorf("stage %q: its role would clash with the admins role of the owners stage", s.Name))
		}
		seen[s.Name] = true
		if len(s.Users) == 0 {
			errs = append(errs, fmt.Errorf("stage %q: its role needs at least one login", s.Name))
		}
	}
	for _, c := range o.Channels {
		if !name.MatchString(c) {
			errs = append(errs, fmt.Errorf("channel %q: a channel's name is lowercase letters, digits, - and _", c))
		}
	}
	if len(o.Owners) == 0 {
		errs = append(errs, errors.New("the admins role needs at least one login"))
	}
	if !regexp.MustCompile(`^[A-Za-z0-9._/-]+$`).MatchString(o.PublishBranch) {
		errs = append(errs, fmt.Errorf("publish branch %q: not a branch name", o.PublishBranch))
	}
	return errors.Join(errs...)
}

// stageView is a stage as the config template writes it.
type stageView struct {
	Name, After string
	Users       []string
	// Compliance: the stage signs off only posts a compliance trigger
	// fires on (a stage named legal).
	Compliance bool
}

type configView struct {
	Options
	StageViews []stageView
	Legal      bool
	// Platforms are the channels the engine knows; Own are the team's
	// own, which must set max_length.
	Platforms, Own []string
}

func view(o Options) configView {
	v := configView{Options: o}
	for i, s := range o.Stages {
		sv := stageView{Name: s.Name, Users: s.Users, Compliance: s.Name == "legal"}
		if i > 0 {
			sv.After = o.Stages[i-1].Name
		}
		v.Legal = v.Legal || sv.Compliance
		v.StageViews = append(v.StageViews, sv)
	}
	for _, c := range o.Channels {
		if platform(c) {
			v.Platforms = append(v.Platforms, c)
		} else {
			v.Own = append(v.Own, c)
		}
	}
	return v
}

// platform says whether Greenlight knows the channel's limits. Kept here
// rather than asked of the engine: the templates need only the names.
func platform(c string) bool {
	switch c {
	case "x", "bluesky", "mastodon", "threads", "linkedin", "instagram", "facebook":
		return true
	}
	return false
}

// hclList writes strings as an HCL list: ["a", "b"].
func hclList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = strconv.Quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// yamlFlow writes names as a YAML flow sequence: [x, linkedin]. The names
// are checked to need no quotes.
func yamlFlow(items []string) string {
	return "[" + strings.Join(items, ", ") + "]"
}

// Outcome is what Write did with one file.
type Outcome int

const (
	// Written: the file did not exist and was created.
	Written Outcome = iota
	// Kept: the file existed and was left as it is.
	Kept
)

func (o Outcome) String() string {
	if o == Kept {
		return "kept"
	}
	return "wrote"
}

// Result is one file's outcome.
type Result struct {
	Path    string
	Outcome Outcome
}

// Write creates each file under dir unless it exists, which it keeps
// untouched: O_EXCL makes "exists" and "create" one step, so a file that
// appears meanwhile is kept too.
func Write(dir string, files []File) ([]Result, error) {
	var results []Result
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return results, fmt.Errorf("scaffold: %w", err)
		}
		out, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			results = append(results, Result{Path: f.Path, Outcome: Kept})
			continue
		}
		if err != nil {
			return results, fmt.Errorf("scaffold: %w", err)
		}
		if _, err := out.Write(f.Data); err != nil {
			out.Close()
			return results, fmt.Errorf("scaffold: write %s: %w", f.Path, err)
		}
		if err := out.Close(); err != nil {
			return results, fmt.Errorf("scaffold: write %s: %w", f.Path, err)
		}
		results = append(results, Result{Path: path.Clean(f.Path), Outcome: Written})
	}
	return results, nil
}
