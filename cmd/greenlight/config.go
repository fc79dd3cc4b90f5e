package main

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/greenlighthq/greenlight/engine"
	"github.com/spf13/cobra"
)

func newConfig() *cobra.Command {
	var configPath, format string
	cmd := &cobra.Command{
		Use:   "config [PATH]",
		Short: "Print the effective config: defaults, stage order, merged channel limits, every rule",
		Long: "Config prints greenlight.hcl (found in PATH or its parents, or given with --config) as Greenlight\n" +
			"applies it: the settings with their defaults, roles with their users and teams, stages in order with\n" +
			"their conditions and deadlines, each channel's limits after the team's overrides, every style rule\n" +
			"with where it is declared, compliance triggers, embargoes, waivers and deadlines.\n\n" +
			"--format json is a contract for scripts: its fields are only ever added, never renamed or removed\n" +
			"(\"version\": \"1\").",
		Example: "  greenlight config\n  greenlight config examples/ --format json | jq '.channels[] | select(.name == \"x\")'",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				cmd.PrintErrf("greenlight: --format %q: want text or json\n", format)
				return exitInput
			}
			cfg, err := loadConfig(cmd, configPath, append(args, ".")[:1])
			if err != nil {
				return err
			}
			eng, err := buildEngine(cmd, cfg, engine.Options{})
			if err != nil {
				return err
			}
			eff := eng.Effective()
			if format == "json" {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				if err := enc.Encode(eff); err != nil {
					return fmt.Errorf("write config: %w", err)
				}
				return nil
			}
			writeEffective(cmd.OutOrStdout(), eff)
			return nil
		},
	}
	cmd.Flags().StringVar(&configPath, "config", "", "path to greenlight.hcl (default: found in PATH or its parents)")
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text or json")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// writeEffective prints the effective config for people, a section per
// kind of block, in the order the README documents them.
func writeEffective(w io.Writer, c engine.EffectiveConfig) {
	file := c.File
	if file == "" {
		file = "(built-in defaults)"
	}
	fmt.Fprintf(w, "%s\n", file)
	s := c.Settings
	section(w, "settings")
	for _, kv := range [][2]string{
		{"publish_branch", s.PublishBranch}, {"content", strings.Join(s.Content, ", ")}, {"ignore", strings.Join(s.Ignore, ", ")},
		{"timezone", s.Timezone}, {"styles", strings.Join(s.Styles, ", ")}, {"policies", strings.Join(s.Policies, ", ")},
		{"vocabularies", strings.Join(s.Vocabularies, ", ")}, {"fail_on", s.FailOn.String()}, {"allow_builtins", strings.Join(s.AllowBuiltins, ", ")}, {"config_stage", s.ConfigStage},
		{"comment_commands", strconv.FormatBool(s.CommentCommands)}, {"author_switches", s.AuthorSwitches}, {"front_matter_keys", strings.Join(s.FrontMatterKeys, ", ")},
		{"max_post_size", strconv.Itoa(s.MaxPostSize)}, {"vale_rules", valeRulesText(s.ValeRules)},
	} {
		fmt.Fprintf(w, "  %-18s %s\n", kv[0], orNone(kv[1]))
	}
	section(w, "roles")
	for _, r := range c.Roles {
		var who []string
		if r.Team != "" {
			who = append(who, "team "+r.Team)
		}
		if len(r.Users) > 0 {
			who = append(who, "users "+strings.Join(r.Users, ", "))
		}
		fmt.Fprintf(w, "  %-12s %s\n", r.Name, strings.Join(who, "; "))
	}
	section(w, "stages, in order")
	for i, st := range c.Stages {
		parts := []string{"approvers " + strings.Join(st.Approvers, ", ")}
		if len(st.After) > 0 {
			parts = append(parts, "after "+strings.Join(st.After, ", "))
		}
		parts = append(parts, "when "+st.When, fmt.Sprintf("min approvals %d", st.MinApprovals))
		if st.Due != "" {
			due := "due " + st.Due
			if st.DueFrom == "default" {
				due += " (deadlines default)"
			}
			parts = append(parts, due)
		}
		fmt.Fprintf(w, "  %d. %-12s %s\n", i+1, st.Name, strings.Join(parts, "; "))
	}
	section(w, "channels (0 is no limit)")
	for _, ch := range c.Channels {
		parts := []string{fmt.Sprintf("%d %s", ch.MaxLength, ch.Unit)}
		for _, n := range []struct {
			v    int
			what string
		}{{ch.MaxBytes, "bytes"}, {ch.MaxHashtags, "hashtags"}, {ch.MaxLinks, "links"}} {
			if n.v > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n.v, n.what))
			}
		}
		if ch.URLLength > 0 {
			parts = append(parts, fmt.Sprintf("every URL counts %d", ch.URLLength))
		}
		if !ch.RequireAltText {
			parts = append(parts, "alt text not required")
		}
		for _, l := range []struct {
			what string
			v    []string
		}{{"allowed domains", ch.AllowedDomains}, {"forbidden domains", ch.ForbiddenDomains}, {"utm", ch.UTM}} {
			if len(l.v) > 0 {
				parts = append(parts, l.what+" "+strings.Join(l.v, ", "))
			}
		}
		if ch.Voice != nil {
			parts = append(parts, "voice "+voiceText(*ch.Voice))
		}
		line := strings.Join(parts, ", ")
		switch {
		case ch.Team:
			line += " (the team's own channel)"
		case len(ch.Overrides) > 0:
			line += " (team sets " + strings.Join(ch.Overrides, ", ") + ")"
		}
		fmt.Fprintf(w, "  %-10s %s\n", ch.Name, line)
	}
	section(w, "voice")
	if c.Voice != nil {
		fmt.Fprintf(w, "  %s\n", voiceText(*c.Voice))
	}
	section(w, "rules")
	for _, r := range c.Rules {
		fmt.Fprintf(w, "  %-22s %-15s %-8s %s\n", r.ID, r.Type, r.Level, r.Source)
	}
	section(w, "compliance")
	for _, t := range c.Compliance {
		var parts []string
		if t.Preset != "" {
			parts = append(parts, "preset "+t.Preset)
		}
		if len(t.Tokens) > 0 {
			parts = append(parts, "tokens "+quoted(t.Tokens))
		}
		if len(t.Patterns) > 0 {
			parts = append(parts, "patterns "+quoted(t.Patterns))
		}
		if t.When != "" {
			parts = append(parts, "when "+t.When)
		}
		if len(t.Requires) > 0 {
			parts = append(parts, "requires "+strings.Join(t.Requires, ", "))
		}
		if len(t.MustInclude) > 0 {
			parts = append(parts, "must include "+quoted(t.MustInclude))
		}
		parts = append(parts, "level "+t.Level)
		fmt.Fprintf(w, "  %-18s %s\n", t.Name, strings.Join(parts, "; "))
	}
	section(w, "embargoes")
	for _, e := range c.Embargoes {
		parts := []string{"until " + e.Until}
		if len(e.Tokens) > 0 {
			parts = append(parts, "tokens "+quoted(e.Tokens))
		}
		if len(e.Patterns) > 0 {
			parts = append(parts, "patterns "+quoted(e.Patterns))
		}
		fmt.Fprintf(w, "  %-18s %s\n", e.Name, strings.Join(parts, "; "))
	}
	section(w, "waivers")
	for _, wv := range c.Waivers {
		posts := "every post"
		if len(wv.Posts) > 0 {
			posts = strings.Join(wv.Posts, ", ")
		}
		parts := []string{"rules " + strings.Join(wv.Rules, ", "), "posts " + posts}
		if wv.Until != "" {
			parts = append(parts, "until "+wv.Until)
		}
		parts = append(parts, "reason "+strconv.Quote(wv.Reason))
		fmt.Fprintf(w, "  %-18s %s\n", wv.Name, strings.Join(parts, "; "))
	}
	section(w, "deadlines")
	d := c.Deadlines
	fmt.Fprintf(w, "  default %s; business hours %s on %s; remind %s before\n", orNone(d.Default), d.BusinessHours,
		strings.Join(d.BusinessDays, ", "), d.RemindBefore)
	// Only a config with sources has shared blocks: the section is left
	// out otherwise, so the output of every other config is as it was.
	if len(c.Shared) > 0 {
		section(w, "shared")
	}
	for _, b := range c.Shared {
		how := "added"
		switch {
		case b.Waiver != "":
			how = fmt.Sprintf("loosened by %s, as waiver %q allows", b.Own, b.Waiver)
		case b.Own != "":
			how = "tightened by " + b.Own
		}
		fmt.Fprintf(w, "  %-30s from source %s, %s:%d; %s\n", b.Address, b.Source, b.File, b.Line, how)
	}
}

func section(w io.Writer, name string) { fmt.Fprintf(w, "\n%s:\n", name) }

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func quoted(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = strconv.Quote(x)
	}
	return strings.Join(q, ", ")
}

func voiceText(v engine.EffectiveVoice) string {
	var parts []string
	num := func(name string, f *float64) {
		if f != nil {
			parts = append(parts, name+" "+strconv.FormatFloat(*f, 'g', -1, 64))
		}
	}
	integer := func(name string, i *int) {
		if i != nil {
			parts = append(parts, fmt.Sprintf("%s %d", name, *i))
		}
	}
	num("max_grade", v.MaxGrade)
	integer("max_exclamations", v.MaxExclamations)
	num("min_sentiment", v.MinSentiment)
	integer("max_caps", v.MaxCaps)
	integer("max_emoji", v.MaxEmoji)
	parts = append(parts, "level "+v.Level)
	return strings.Join(parts, ", ")
}

func valeRulesText(m map[string]string) string {
	ids := slices.Sorted(maps.Keys(m))
	for i, id := range ids {
		ids[i] = id + " = " + m[id]
	}
	return strings.Join(ids, ", ")
}
