package config

import (
	"fmt"
	"slices"
	"strings"

	"github.com/greenlighthq/greenlight/engine/didyoumean"
	"github.com/hashicorp/hcl/v2"
)

// Platforms are the channels Greenlight knows the limits of.
func Platforms() []string {
	return []string{"x", "bluesky", "mastodon", "threads", "linkedin", "instagram", "facebook"}
}

// KnownChannel reports whether name is a platform Greenlight knows.
func KnownChannel(name string) bool { return slices.Contains(Platforms(), name) }

// channelAliases are other names people give the platforms.
var channelAliases = map[string]string{
	"twitter": "x", "tweet": "x", "bsky": "bluesky", "fb": "facebook", "ig": "instagram", "insta": "instagram",
	"toot": "mastodon", "fediverse": "mastodon",
}

// ChannelSuggestion is the channel an unknown channel name most likely
// means, among the platforms and others (the config's own channels): a
// platform's other name ("twitter" is x), a near spelling of one of the
// channels, or a near spelling of a platform's other name ("twiter" is x
// too); "" when none.
func ChannelSuggestion(name string, others []string) string {
	name = strings.TrimSpace(name)
	if p, ok := channelAliases[strings.ToLower(name)]; ok {
		return p
	}
	if m := didyoumean.NameSuggestion(name, append(Platforms(), others...)); m != "" {
		return m
	}
	return channelAliases[didyoumean.NameSuggestion(name, spellableAliases())]
}

// spellableAliases are the other names whose near spellings mean their
// platform: those of four letters or more, since one letter off a
// two-letter name ("fb", "ig") is as likely a name of its own.
func spellableAliases() []string {
	var out []string
	for a := range channelAliases {
		if len([]rune(a)) >= 4 {
			out = append(out, a)
		}
	}
	// Map order is random; ties in NameSuggestion go to the first.
	slices.Sort(out)
	return out
}

// ChannelHint is " Did you mean \"x\"?" for a suggestion (see
// ChannelSuggestion), "" for none.
func ChannelHint(suggestion string) string {
	if suggestion == "" {
		return ""
	}
	return fmt.Sprintf(" Did you mean %q?", suggestion)
}

// resolve links references to the blocks they name and checks what needs
// the whole file: undefined names, cycles in `after`, `when` conditions.
func resolve(cfg *Config, refs unresolved) hcl.Diagnostics {
	var diags hcl.Diagnostics
	undefined := func(kind string, ref reference, have []string) {
		detail := fmt.Sprintf("No %s %q is declared.", kind, ref.Name)
		if len(have) > 0 {
			detail += fmt.Sprintf(" Declared: %s.", strings.Join(have, ", "))
		}
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unknown " + kind,
			Detail: detail, Subject: ref.Range.Ptr()})
	}
	roleNames, stageNames := names(cfg.Roles, func(r *Role) string { return r.Name }), names(cfg.Stages, func(s *Stage) string { return s.Name })
	for _, s := range cfg.Stages {
		for _, ref := range refs.approvers[s] {
			if r := cfg.Role(ref.Name); r != nil {
				s.Approvers = append(s.Approvers, r)
			} else {
				undefined("role", ref, roleNames)
			}
		}
		for _, ref := range refs.after[s] {
			if t := cfg.Stage(ref.Name); t != nil {
				s.After = append(s.After, t)
			} else {
				undefined("stage", ref, stageNames)
			}
		}
	}
	for _, c := range cfg.Compliance {
		for _, ref := range refs.requires[c] {
			if t := cfg.Stage(ref.Name); t != nil {
				c.Requires = append(c.Requires, t)
			} else {
				undefined("stage", ref, stageNames)
			}
		}
	}
	for _, s := range cfg.Stages {
		if d := checkWhen(cfg, s); d != nil && !sharedTrigger(cfg, s) {
			diags = append(diags, d)
		}
	}
	for _, c := range cfg.Compliance {
		if d := checkComplianceWhen(c); d != nil {
			diags = append(diags, d)
		}
	}
	ordered, cycles := topoSort(cfg.Stages)
	for _, cycle := range cycles {
		var path []string
		for _, s := range cycle {
			path = append(path, s.Name)
		}
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cycle in stage order",
			Detail:  fmt.Sprintf("The stages wait for each other in a circle: %s. Remove one of the after references.", strings.Join(path, " → ")),
			Subject: cycle[0].DeclRange.Ptr()})
	}
	if len(cycles) == 0 {
		cfg.Stages = ordered
	}
	return diags
}

// sharedTrigger is whether a stage's when names a compliance block the
// config does not declare but a source's config fragment may: the name is
// checked when the fragments are merged (Config.WithShared), where the
// rulebooks are read.
func sharedTrigger(cfg *Config, s *Stage) bool {
	kind, name, _ := strings.Cut(s.When, ".")
	return kind == "compliance" && name != "" &&
		slices.ContainsFunc(cfg.Sources, func(src *Source) bool { return len(src.Config) > 0 })
}

// checkComplianceWhen refuses a compliance trigger's when that is no
// post field.
func checkComplianceWhen(c *Compliance) *hcl.Diagnostic {
	if c.When == "" || strings.HasPrefix(c.When, "post.") {
		return nil
	}
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid when",
		Detail:  fmt.Sprintf("A compliance trigger's when is a post field, like \"post.sponsored\"; %q is not.", c.When),
		Subject: c.DeclRange.Ptr()}
}

// checkWhen validates a stage's condition.
func checkWhen(cfg *Config, s *Stage) *hcl.Diagnostic {
	when := s.When
	kind, name, _ := strings.Cut(when, ".")
	ok := false
	switch kind {
	case "always", "compliance":
		ok = name == "" || (kind == "compliance" && slices.ContainsFunc(cfg.Compliance, func(c *Compliance) bool { return c.Name == name }))
	case "channel":
		ok = KnownChannel(name) || cfg.Channel(name) != nil
	case "post":
		ok = name != ""
	case "config":
		// Only a pull request that changes the config, policies or
		// workflows needs the stage (greenlight.config_stage); no post does.
		ok = name == ""
	}
	if ok {
		return nil
	}
	at := s.DeclRange.Ptr()
	if s.whenRange != nil {
		at = s.whenRange
	}
	if kind == "compliance" {
		var names []string
		for _, c := range cfg.Compliance {
			names = append(names, c.Name)
		}
		detail := fmt.Sprintf("Stage %q has when = %q, but no compliance block %q is declared.", s.Name, when, name)
		if len(names) == 0 {
			detail += " The config declares no compliance block; use \"always\", or declare one."
		} else {
			if m := didyoumean.NameSuggestion(name, names); m != "" {
				detail += fmt.Sprintf(" Did you mean \"compliance.%s\"?", m)
			}
			detail += " Declared: " + strings.Join(names, ", ") + "."
		}
		return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unknown compliance block", Detail: detail, Subject: at}
	}
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid when",
		Detail:  fmt.Sprintf("Stage %q has when = %q. Use \"always\", \"compliance\", \"compliance.NAME\" (a declared compliance block), \"channel.NAME\", \"post.FIELD\" or \"config\".", s.Name, when),
		Subject: at}
}

// topoSort orders stages so each follows the stages it comes after, keeping
// declaration order otherwise. On cycles it returns the stages in each.
func topoSort(stages []*Stage) ([]*Stage, [][]*Stage) {
	const (
		unvisited = iota
		visiting
		done
	)
	state := map[*Stage]int{}
	var out, stack []*Stage
	var cycles [][]*Stage
	var visit func(s *Stage) bool
	visit = func(s *Stage) bool {
		switch state[s] {
		case done:
			return true
		case visiting:
			i := slices.Index(stack, s)
			cycles = append(cycles, append(append([]*Stage{}, stack[i:]...), s))
			return false
		}
		state[s] = visiting
		stack = append(stack, s)
		ok := true
		for _, a := range s.After {
			// Go on after a cycle, to find every other one too.
			ok = visit(a) && ok
		}
		stack = stack[:len(stack)-1]
		state[s] = done
		out = append(out, s)
		return ok
	}
	for _, s := range stages {
		visit(s)
	}
	if len(cycles) > 0 {
		return nil, cycles
	}
	return out, nil
}

func names[T any](items []T, name func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = name(it)
	}
	return out
}
