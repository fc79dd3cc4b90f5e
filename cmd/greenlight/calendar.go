package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/greenlighthq/greenlight/engine"
	"github.com/greenlighthq/greenlight/engine/calendar"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/content"
	"github.com/greenlighthq/greenlight/engine/diagnostic"
	"github.com/spf13/cobra"
)

func newCalendar() *cobra.Command {
	var configPath, icsPath, markdownPath, nowText, uidDomain string
	cmd := &cobra.Command{
		Use:   "calendar [PATH...]",
		Short: "Write the content calendar: an iCalendar file and a Markdown calendar, week by week",
		Long: "Calendar reads every post under each PATH (default \".\") that the config's content globs select and\n" +
			"writes when each one goes out, on which channels: an iCalendar file (--ics, one event per post and\n" +
			"channel, with UIDs that stay the same when a post moves) and a Markdown calendar (--markdown, week by\n" +
			"week in the config's time zone). Without either it prints the Markdown. In a local checkout a post is\n" +
			"published once its publish_at has passed, approved before, and a draft when its front matter says\n" +
			"draft: true. Posts without publish_at are left out. Files are replaced whole or not at all.\n\n" +
			"Exit status: 0 written, 2 a usage, config or input error (then nothing is written).",
		Example: "  greenlight calendar examples/\n  greenlight calendar --ics calendar.ics --markdown CALENDAR.md",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = []string{"."}
			}
			cfg, err := loadConfig(cmd, configPath, args)
			if err != nil {
				return err
			}
			now := time.Now()
			if nowText != "" {
				if now, err = content.ParseTime(nowText, cfg.Settings.Location); err != nil {
					cmd.PrintErrln("greenlight: --now:", err)
					return exitInput
				}
			}
			files, err := engine.Discover(cfg, args)
			if err != nil {
				cmd.PrintErrln("greenlight:", err)
				return exitInput
			}
			posts, unscheduled, ok := readSchedule(cmd, cfg, content.NewParser(cfg.Settings.Location, cfg.Settings.FrontMatterKeys...), files, now)
			if !ok {
				cmd.PrintErrln("greenlight: some posts cannot be read; no calendar written")
				return exitInput
			}
			if unscheduled > 0 {
				cmd.PrintErrf("greenlight: left out %s without publish_at\n", nPosts(unscheduled))
			}

			name := calendarName(cfg.Dir)
			o := calendar.Options{Location: cfg.Settings.Location, Now: now,
				Calendar: name + ": " + cfg.Settings.PublishBranch, UIDDomain: uidDomain}
			if o.UIDDomain == "" {
				o.UIDDomain = name + ".greenlight"
			}
			if icsPath == "" && markdownPath == "" {
				return calendar.WriteMarkdown(cmd.OutOrStdout(), calendarEntries(posts, ""), o)
			}
			var outs []calendarFile
			if icsPath != "" {
				var b bytes.Buffer
				if err := calendar.WriteICS(&b, calendarEntries(posts, ""), o); err != nil {
					return err
				}
				outs = append(outs, calendarFile{icsPath, b.Bytes()})
			}
			if markdownPath != "" {
				var b bytes.Buffer
				if err := calendar.WriteMarkdown(&b, calendarEntries(posts, linkFolder(absPath(cfg.Dir), markdownPath)), o); err != nil {
					return err
				}
				outs = append(outs, calendarFile{markdownPath, b.Bytes()})
			}
			if err := writeAtomically(outs); err != nil {
				cmd.PrintErrln("greenlight:", err)
				return exitInput
			}
			for _, out := range outs {
				fmt.Fprintf(cmd.OutOrStdout(), "Wrote %s: %s.\n", out.path, nPosts(len(posts)))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&configPath, "config", "", "path to greenlight.hcl (default: found in PATH or its parents)")
	f.StringVar(&icsPath, "ics", "", "write the iCalendar file to `FILE`")
	f.StringVar(&markdownPath, "markdown", "", "write the Markdown calendar to `FILE`")
	f.StringVar(&nowText, "now", "", "the time to judge posts at, such as 2026-11-23T12:00:00Z (default: the current time)")
	f.StringVar(&uidDomain, "uid-domain", "", "the domain of the events' UIDs; keep it the same from run to run (default: NAME.greenlight, NAME the config's folder)")
	return cmd
}

// scheduledPost is a post on the calendar and where its file is.
type scheduledPost struct {
	calendar.Entry
	abs string
}

// readSchedule parses the posts and turns those with a publish_at into
// calendar entries, with their paths relative to the config's folder
// (root), so that the events' UIDs do not depend on where the command
// runs. Problems are printed with their positions; ok is false when a post
// cannot be read.
func readSchedule(cmd *cobra.Command, cfg *config.Config, parser *content.Parser, files []engine.File, now time.Time) (posts []scheduledPost, unscheduled int, ok bool) {
	ok = true
	root := absPath(cfg.Dir)
	for _, f := range files {
		src, diags := engine.ReadPost(cfg, f)
		if diags.HasErrors() {
			diagnostic.Write(cmd.ErrOrStderr(), diags, nil)
			ok = false
			continue
		}
		p, diags := parser.Parse(f.Path, src)
		diagnostic.Write(cmd.ErrOrStderr(), diags, map[string][]byte{f.Path: src})
		if diags.HasErrors() {
			ok = false
			continue
		}
		if p.Front.PublishAt == nil {
			unscheduled++
			continue
		}
		e := calendar.Entry{Path: f.Path, Title: p.Front.Title, Channels: p.Front.Channels, PublishAt: *p.Front.PublishAt}
		if insideFolder(root, f.Abs) {
			rel, _ := filepath.Rel(root, f.Abs)
			e.Path = filepath.ToSlash(rel)
		}
		switch {
		case p.Front.Extra["draft"] == true:
			e.Status = calendar.Draft
		case !e.PublishAt.After(now):
			e.Status = calendar.Published // on the branch, and its time has come
		default:
			e.Status = calendar.Approved // on the branch already: it goes out at its time
		}
		posts = append(posts, scheduledPost{e, f.Abs})
	}
	return posts, unscheduled, ok
}

// calendarEntries are the posts' calendar entries; with linkFrom, each links to its
// file relative to that folder (where the Markdown calendar is written).
func calendarEntries(posts []scheduledPost, linkFrom string) []calendar.Entry {
	out := make([]calendar.Entry, 0, len(posts))
	for _, p := range posts {
		e := p.Entry
		if linkFrom != "" {
			if rel, err := filepath.Rel(linkFrom, p.abs); err == nil {
				e.URL = filepath.ToSlash(rel)
			}
		}
		out = append(out, e)
	}
	return out
}

// linkFolder is the folder the Markdown calendar at path links to the
// posts from: its own, when it is inside the config's folder (root), the
// repository, so that the links work where the repository is browsed;
// otherwise "", no links.
func linkFolder(root, path string) string {
	dir := filepath.Dir(absPath(path))
	if insideFolder(root, dir) {
		return dir
	}
	return ""
}

// insideFolder reports whether path is root or under it.
func insideFolder(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// calendarName names the calendar after the config's folder, in a form
// that also fits in a UID's domain: "acme-posts".
func calendarName(dir string) string {
	base := strings.ToLower(filepath.Base(absPath(dir)))
	name := strings.Trim(strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '.' {
			return r
		}
		return '-'
	}, base), "-.")
	if name == "" {
		return "posts"
	}
	return name
}

// calendarFile is a file to write and its contents.
type calendarFile struct {
	path string
	data []byte
}

// writeAtomically writes each file whole or not at all: the data goes to a
// temporary file in the same folder, which is then renamed over the
// target, so a failure (a full disk, a missing folder, an interrupted run)
// never leaves a half-written calendar. Every file is written out before
// any is renamed.
func writeAtomically(outs []calendarFile) error {
	temps := make([]string, 0, len(outs))
	defer func() {
		for _, tmp := range temps {
			_ = os.Remove(tmp) // whatever was not renamed
		}
	}()
	for _, out := range outs {
		tmp, err := writeTemp(out)
		if err != nil {
			return fmt.Errorf("cannot write %s: %w", out.path, withoutTempName(err))
		}
		temps = append(temps, tmp)
	}
	for len(temps) > 0 {
		if err := os.Rename(temps[0], outs[0].path); err != nil {
			return fmt.Errorf("cannot write %s: %w", outs[0].path, withoutTempName(err))
		}
		temps, outs = temps[1:], outs[1:]
	}
	return nil
}

// writeTemp writes out's data to a new file beside out.path, with the
// target's permissions when it exists, and returns the file's name.
func writeTemp(out calendarFile) (string, error) {
	perm := fs.FileMode(0o644)
	if info, err := os.Stat(out.path); err == nil {
		if !info.Mode().IsRegular() {
			return "", errors.New("not a regular file") // found before anything is renamed
		}
		perm = info.Mode().Perm()
	}
	f, err := os.CreateTemp(filepath.Dir(out.path), "."+filepath.Base(out.path)+".*.tmp")
	if err != nil {
		return "", err
	}
	_, err = f.Write(out.data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), perm)
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// withoutTempName drops the temporary file's name from a file system error, so the
// message names only the file the user asked for.
func withoutTempName(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// nPosts is "1 post" or "n posts".
func nPosts(n int) string { return plural(n, "post", "posts") }
