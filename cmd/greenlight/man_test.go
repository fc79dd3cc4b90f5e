package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestManWritesAPagePerCommand: greenlight man DIR writes a page for the
// root and every command a user can run, each with its NAME and
// SYNOPSIS, and none for itself (it is hidden).
func TestManWritesAPagePerCommand(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("SOURCE_DATE_EPOCH", "1796083200") // 2026-12-01: the pages do not depend on today
	if _, stderr, code := run(t, "man", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var want []string
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		want = append(want, strings.ReplaceAll(c.CommandPath(), " ", "-")+".1")
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() {
				walk(sub)
			}
		}
	}
	root := newRoot(nil, nil)
	root.InitDefaultCompletionCmd()
	walk(root)
	for _, name := range want {
		t.Run(name+" has a NAME and a SYNOPSIS", func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			page := string(b)
			cmd := strings.TrimSuffix(name, ".1")
			if !strings.Contains(page, ".SH NAME\n"+cmd+" - ") || !strings.Contains(page, ".SH SYNOPSIS\n") {
				t.Errorf("no NAME or SYNOPSIS section:\n%s", page)
			}
			if !strings.Contains(page, `.TH "GREENLIGHT" "1" "Dec 2026"`) {
				t.Errorf("the header is not dated by SOURCE_DATE_EPOCH:\n%s", page[:min(len(page), 200)])
			}
		})
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "*.1"))
	if len(pages) != len(want) || len(want) < 15 {
		t.Errorf("%d pages, want %d (one per command):\n%v", len(pages), len(want), pages)
	}
	if _, err := os.Stat(filepath.Join(dir, "greenlight-man.1")); err == nil {
		t.Error("the hidden man command has a page")
	}
}
