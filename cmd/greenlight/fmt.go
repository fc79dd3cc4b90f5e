package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	udiff "github.com/aymanbagabas/go-udiff"
	"github.com/greenlighthq/greenlight/cmd/greenlight/canonical"
	"github.com/greenlighthq/greenlight/engine/diagnostic"
	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"
)

func newFmt() *cobra.Command {
	var check, diff bool
	cmd := &cobra.Command{
		Use:   "fmt [PATH...]",
		Short: "Lay out greenlight.hcl and Rego policies canonically",
		Long: "Fmt rewrites greenlight.hcl and other .hcl files as terraform fmt does, and .rego files as opa fmt\n" +
			"does (Rego v1). A file named is formatted; a folder (default .) is walked for .hcl and .rego files,\n" +
			"skipping .git and node_modules. Files are rewritten in place and their names printed.\n\n" +
			"--check writes nothing, lists the files that would change and exits 1 when there are any;\n" +
			"--diff writes nothing and prints what would change as a unified diff.\n" +
			"A file that does not parse is reported with its file, line and column, nothing is written, exit 2.",
		Example: "  greenlight fmt\n  greenlight fmt --check --diff examples/ policies/",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = []string{"."}
			}
			files, err := formatTargets(args)
			if err != nil {
				cmd.PrintErrln("greenlight:", err)
				return exitInput
			}
			changes, diags, sources, err := formatAll(files)
			if err != nil {
				cmd.PrintErrln("greenlight:", err)
				return exitInput
			}
			if diags.HasErrors() {
				// All or nothing: a run that stops on a broken file leaves
				// every file as it was, so a retry starts from the same place.
				diagnostic.Write(cmd.ErrOrStderr(), diags, sources)
				return exitInput
			}
			for _, c := range changes {
				switch {
				case diff:
					cmd.Print(udiff.Unified(c.path, c.path, string(c.old), string(c.new)))
				case check:
					cmd.Println(c.path)
				default:
					if err := writeAtomic(c.path, c.new); err != nil {
						return fmt.Errorf("write %s: %w", c.path, err)
					}
					cmd.Println(c.path)
				}
			}
			if check && len(changes) > 0 {
				cmd.PrintErrf("greenlight: %s not formatted; run greenlight fmt\n", plural(len(changes), "file is", "files are"))
				return exitFindings
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&check, "check", false, "write nothing; list the files that would change and exit 1 if any")
	cmd.Flags().BoolVar(&diff, "diff", false, "write nothing; print the changes as a unified diff")
	return cmd
}

// formatTargets lists the files to format under paths: a file named is
// always one (when it is HCL or Rego); a folder is walked.
func formatTargets(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		info, err := os.Lstat(p)
		if err != nil {
			return nil, fmt.Errorf("fmt: %w", err)
		}
		if !info.IsDir() {
			if canonical.KindOf(p) == canonical.None {
				return nil, fmt.Errorf("fmt: %s is neither HCL (.hcl) nor Rego (.rego)", p)
			}
			if !info.Mode().IsRegular() {
				return nil, fmt.Errorf("fmt: %s is not a regular file", p)
			}
			files = append(files, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != p && (d.Name() == ".git" || d.Name() == "node_modules") {
					return filepath.SkipDir
				}
				return nil
			}
			// Links are left alone: the file they reach is formatted
			// where it lives, if it is under a path given.
			if d.Type().IsRegular() && canonical.KindOf(path) != canonical.None {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("fmt: walk %s: %w", p, err)
		}
	}
	sort.Strings(files)
	return dedupe(files), nil
}

func dedupe(sorted []string) []string {
	out := sorted[:0]
	for i, s := range sorted {
		if i == 0 || s != sorted[i-1] {
			out = append(out, s)
		}
	}
	return out
}

// change is a file whose canonical layout differs from its text.
type change struct {
	path     string
	old, new []byte
}

// formatAll lays out every file and returns those that would change, and
// the problems of those that do not parse with their sources for snippets.
func formatAll(files []string) ([]change, hcl.Diagnostics, map[string][]byte, error) {
	var changes []change
	var diags hcl.Diagnostics
	sources := map[string][]byte{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("fmt: %w", err)
		}
		out, d := canonical.Source(f, src)
		if d.HasErrors() {
			diags = append(diags, d...)
			sources[f] = src
			continue
		}
		if string(out) != string(src) {
			changes = append(changes, change{path: f, old: src, new: out})
		}
	}
	return changes, diags, sources, nil
}

// writeAtomic replaces path with data through a temporary file beside it,
// keeping its mode, so that a reader never sees half a file and a failed
// write leaves the old one.
func writeAtomic(path string, data []byte) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing to remove
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(info.Mode().Perm()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
