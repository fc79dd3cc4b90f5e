package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
)

// Loaded is the result of loading: the config (nil when it has errors), the
// diagnostics, and the parsed files, which the command line needs to print
// diagnostics with source snippets.
type Loaded struct {
	Config *Config
	Diags  hcl.Diagnostics
	Files  map[string]*hcl.File
}

var rootSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "greenlight"},
		{Type: "role", LabelNames: []string{"name"}},
		{Type: "stage", LabelNames: []string{"name"}},
		{Type: "channel", LabelNames: []string{"name"}},
		{Type: "voice"},
		{Type: "spelling"},
		{Type: "rule", LabelNames: []string{"id"}},
		{Type: "compliance", LabelNames: []string{"name"}},
		{Type: "embargo", LabelNames: []string{"name"}},
		{Type: "waiver", LabelNames: []string{"name"}},
		{Type: "schedule"},
		{Type: "deadlines"},
		{Type: "notify", LabelNames: []string{"name"}},
		{Type: "source", LabelNames: []string{"name"}},
	},
}

// Load reads and validates the config file at path.
func Load(path string) Loaded {
	src, err := os.ReadFile(path)
	if err != nil {
		return Loaded{Diags: hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Cannot read config",
			Detail:   err.Error(),
		}}}
	}
	return Parse(path, src)
}

// Parse validates config source as if read from path.
func Parse(path string, src []byte) Loaded {
	p := hclparse.NewParser()
	f, diags := p.ParseHCL(src, path)
	out := Loaded{Diags: diags, Files: p.Files()}
	if diags.HasErrors() {
		return out
	}
	cfg, more := decode(f.Body)
	out.Diags = append(out.Diags, more...)
	if out.Diags.HasErrors() {
		return out
	}
	cfg.File = path
	cfg.Dir = filepath.Dir(path)
	for _, s := range cfg.Sources {
		s.setDir(cfg)
	}
	out.Config = cfg
	return out
}

// Default is the configuration used when a checkout has no greenlight.hcl:
// every Markdown file is a post, no stages, no team rules.
func Default(dir string) *Config {
	cfg, diags := decode(hcl.EmptyBody())
	if diags.HasErrors() {
		panic(fmt.Sprintf("built-in defaults are invalid: %s", diags)) // a bug, not a user mistake
	}
	cfg.Dir = dir
	return cfg
}

// Find looks for greenlight.hcl in dir and its parents, the way git finds
// .git, and returns its path; ok is false when there is none.
func Find(dir string) (path string, ok bool, err error) {
	dir, err = filepath.Abs(dir)
	if err != nil {
		return "", false, fmt.Errorf("find config: %w", err)
	}
	for {
		p := filepath.Join(dir, FileName)
		if _, err := os.Stat(p); err == nil {
			return p, true, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", false, fmt.Errorf("find config: %w", err)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false, nil
		}
		dir = parent
	}
}
