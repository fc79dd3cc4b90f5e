package config

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/greenlighthq/greenlight/engine/channel"
	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/style"
	"github.com/hashicorp/hcl/v2"
)

// SharedBlock is a block a source's config fragment provides.
type SharedBlock struct {
	// Address is the block's ("compliance.financial-claims"), Source the
	// name of the source block that provides it, File its fragment's
	// path inside the rulebook and Range where it is in the cache.
	Address string
	Source  string
	File    string
	Range   hcl.Range
	// Own is where the repository's block of the same address is, which
	// replaces the shared one; nil when the shared block applies as
	// written.
	Own *hcl.Range
	// Waiver names the waiver that lets the repository's block loosen
	// the shared one; "" when it only tightens it.
	Waiver string
}

// String says where the block comes from, for people: "acme-rules,
// config/compliance.hcl:3".
func (b *SharedBlock) String() string {
	return fmt.Sprintf("%s, %s:%d", b.Source, b.File, b.Range.Start.Line)
}

// WithShared is the config with the fragments' blocks merged in, in the
// order of the fragments: a block the repository does not declare is
// added; one it declares too is replaced by the repository's, which may
// only tighten it (see the loosen functions) unless a waiver naming its
// address, applying to every post and unexpired at now, lets it loosen
// it. Two fragments declaring one address is an error naming both. A
// shared compliance block's requires are resolved against the
// repository's stages. c itself is unchanged: the merged config is a
// copy, so loading it twice merges nothing twice.
func (c *Config) WithShared(frags []*Fragment, now time.Time) (*Config, hcl.Diagnostics) {
	if len(frags) == 0 {
		return c, nil
	}
	out := *c
	out.Channels, out.Rules = slices.Clone(c.Channels), slices.Clone(c.Rules)
	out.Compliance, out.Embargoes = slices.Clone(c.Compliance), slices.Clone(c.Embargoes)
	out.Shared = map[string]*SharedBlock{}
	var diags hcl.Diagnostics
	// claim records the block as the fragment's, or reports the source
	// that already provides it.
	claim := func(f *Fragment, addr string) *SharedBlock {
		b := &SharedBlock{Address: addr, Source: f.Source.Name, File: f.File, Range: f.ranges[addr]}
		if first, ok := out.Shared[addr]; ok {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Two sources declare one block",
				Detail: fmt.Sprintf("%s is declared by source %q (%s) and by source %q (%s); a block comes from one rulebook: drop it from one of the source's config, or ask one rulebook's owners to rename it.",
					addr, first.Source, first.Range, b.Source, b.Range),
				Subject: b.Range.Ptr()})
			return nil
		}
		out.Shared[addr] = b
		return b
	}
	// allowed reports whether what loosens a block may stand: nothing
	// does, or a waiver names the block's address (recorded on b);
	// otherwise refused says why, as an error.
	allowed := func(b *SharedBlock, looser []string, refused func() *hcl.Diagnostic) bool {
		if len(looser) == 0 {
			return true
		}
		if w := c.overrideWaiver(b.Address, now); w != nil {
			b.Waiver = w.Name
			return true
		}
		diags = append(diags, refused())
		return false
	}
	// override checks the repository's block at own against the shared
	// block it replaces.
	override := func(b *SharedBlock, own hcl.Range, looser []string) {
		b.Own = own.Ptr()
		allowed(b, looser, func() *hcl.Diagnostic {
			return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Loosens a shared " + strings.SplitN(b.Address, ".", 2)[0],
				Detail: fmt.Sprintf("This block replaces %s of source %q (%s), and loosens it: %s. The repository may tighten a shared block, never loosen it; "+
					"to loosen it anyway, add a waiver whose rules name %q, for every post, with its reason.",
					b.Address, b.Source, b.Range, strings.Join(looser, "; "), b.Address),
				Subject: own.Ptr()}
		})
	}
	for _, f := range frags {
		for _, sc := range f.Compliance {
			b := claim(f, Address("compliance", sc.Name))
			if b == nil {
				continue
			}
			diags = append(diags, f.resolveRequires(sc, c)...)
			if own := c.compliance(sc.Name); own != nil {
				override(b, own.DeclRange, looserCompliance(sc, own))
			} else {
				out.Compliance = append(out.Compliance, sc)
			}
		}
		for _, se := range f.Embargoes {
			b := claim(f, Address("embargo", se.Name))
			if b == nil {
				continue
			}
			if own := c.embargo(se.Name); own != nil {
				override(b, own.DeclRange, looserEmbargo(se, own))
			} else {
				out.Embargoes = append(out.Embargoes, se)
			}
		}
		for _, sc := range f.Channels {
			b := claim(f, Address("channel", sc.Name))
			if b == nil {
				continue
			}
			if own := c.Channel(sc.Name); own != nil {
				override(b, own.DeclRange, looserChannel(sc, own, baseline{"the shared", "the shared block"}))
				continue
			}
			// Added, it replaces the platform's own limits, which a
			// rulebook may tighten, never loosen, without the
			// repository's waiver.
			looser := looserChannel(&Channel{Name: sc.Name}, sc, baseline{"the platform's", "the platform"})
			if allowed(b, looser, func() *hcl.Diagnostic {
				return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "A shared channel loosens the platform",
					Detail: fmt.Sprintf("Source %q's %s loosens the platform's own limits: %s. A rulebook may tighten a platform's limits, never loosen them; "+
						"to accept it anyway, add a waiver to greenlight.hcl whose rules name %q, for every post, with its reason.",
						b.Source, b.Address, strings.Join(looser, "; "), b.Address),
					Subject: b.Range.Ptr()}
			}) {
				out.Channels = append(out.Channels, sc)
			}
		}
		for _, sr := range f.Rules {
			b := claim(f, Address("rule", sr.ID))
			if b == nil {
				continue
			}
			sr.Source = "source " + b.String()
			if i := slices.IndexFunc(c.Rules, func(r style.Spec) bool { return r.ID == sr.ID }); i >= 0 {
				override(b, c.ruleRanges[sr.ID], looserRule(sr, c.Rules[i]))
			} else {
				out.Rules = append(out.Rules, sr)
			}
		}
		if f.Voice != nil {
			b := claim(f, "voice")
			if b == nil {
				continue
			}
			if c.Voice != nil {
				override(b, c.Voice.DeclRange, looserVoice(f.Voice, c.Voice))
			} else {
				out.Voice = f.Voice
			}
		}
	}
	// A stage's when may name a trigger a fragment declares; one no
	// fragment declared either is an error now (see sharedTrigger).
	for _, s := range out.Stages {
		if sharedTrigger(c, s) {
			if d := checkWhen(&out, s); d != nil {
				diags = append(diags, d)
			}
		}
	}
	return &out, diags
}

// resolveRequires links the stages a shared compliance block requires to
// the repository's: a stage it does not declare is an error at the
// fragment's reference.
func (f *Fragment) resolveRequires(sc *Compliance, c *Config) hcl.Diagnostics {
	var diags hcl.Diagnostics
	sc.Requires = nil
	for _, ref := range f.requires[sc] {
		if st := c.Stage(ref.Name); st != nil {
			sc.Requires = append(sc.Requires, st)
			continue
		}
		have := names(c.Stages, func(s *Stage) string { return s.Name })
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unknown stage",
			Detail: fmt.Sprintf("compliance %q of source %q requires stage %q, which %s does not declare (it declares %s): add the stage, with the people who sign it off.",
				sc.Name, f.Source.Name, ref.Name, c.File, orNothing(have)),
			Subject: ref.Range.Ptr()})
	}
	return diags
}

func orNothing(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

// overrideWaiver is the waiver that lets the repository loosen the shared
// block at addr: one naming the address, for every post (the block
// replaces the shared one for every post), not expired at now.
func (c *Config) overrideWaiver(addr string, now time.Time) *Waiver {
	for _, w := range c.Waivers {
		if slices.Contains(w.Rules, addr) && len(w.Posts) == 0 && (w.Until.IsZero() || now.Before(w.Until)) {
			return w
		}
	}
	return nil
}

func (c *Config) compliance(name string) *Compliance {
	for _, x := range c.Compliance {
		if x.Name == name {
			return x
		}
	}
	return nil
}

func (c *Config) embargo(name string) *Embargo {
	for _, x := range c.Embargoes {
		if x.Name == name {
			return x
		}
	}
	return nil
}

// The loosen functions compare the repository's block (own) with the
// shared one it replaces and say, one phrase each, how own is looser;
// nothing when it is at least as strict everywhere. What they cannot
// order (another when, another rule type) counts as looser: the merge
// fails closed.

func looserCompliance(shared, own *Compliance) []string {
	var out []string
	out = append(out, lowerLevel(shared.Level, own.Level)...)
	out = append(out, missing("tokens", shared.Tokens, own.Tokens)...)
	out = append(out, missing("patterns", shared.Patterns, own.Patterns)...)
	out = append(out, missing("must_include", shared.MustInclude, own.MustInclude)...)
	stageNames := func(ss []*Stage) []string { return names(ss, func(s *Stage) string { return s.Name }) }
	out = append(out, missing("requires", stageNames(shared.Requires), stageNames(own.Requires))...)
	if shared.IgnoreCase && !own.IgnoreCase {
		out = append(out, "ignorecase = false matches fewer posts")
	}
	if shared.When != own.When {
		out = append(out, fmt.Sprintf("when %q is not the shared %q", own.When, shared.When))
	}
	return out
}

func looserEmbargo(shared, own *Embargo) []string {
	out := append(missing("tokens", shared.Tokens, own.Tokens), missing("patterns", shared.Patterns, own.Patterns)...)
	if own.Until.Before(shared.Until) {
		out = append(out, fmt.Sprintf("until %s ends before the shared %s", own.Until.Format(time.RFC3339), shared.Until.Format(time.RFC3339)))
	}
	return out
}

// baseline names what a block is compared with, in messages: the shared
// block it replaces, or the platform's own limits.
type baseline struct{ adj, noun string }

// looserChannel says how own loosens shared, which is than in messages.
func looserChannel(shared, own *Channel, than baseline) []string {
	var platform channel.Limit
	_, limits := channel.Limits()
	if i := slices.IndexFunc(limits, func(l channel.Limit) bool { return l.Channel == shared.Name }); i >= 0 {
		platform = limits[i]
	}
	var out []string
	out = append(out, higherLimit("max_length", shared.MaxLength, own.MaxLength, platform.MaxLength, than)...)
	out = append(out, higherLimit("max_hashtags", shared.MaxHashtags, own.MaxHashtags, platform.MaxHashtags, than)...)
	out = append(out, higherLimit("max_links", shared.MaxLinks, own.MaxLinks, platform.MaxLinks, than)...)
	// Unset, alt text is required (the platform default).
	if required := func(b *bool) bool { return b == nil || *b }; required(shared.RequireAltText) && !required(own.RequireAltText) {
		out = append(out, "require_alt_text = false, where "+than.noun+" requires alt text")
	}
	if len(shared.AllowedDomains) > 0 {
		if len(own.AllowedDomains) == 0 {
			out = append(out, "no allowed_domains allows every domain")
		}
		for _, d := range own.AllowedDomains {
			if !slices.Contains(shared.AllowedDomains, d) {
				out = append(out, fmt.Sprintf("allowed_domains adds %q", d))
			}
		}
	}
	out = append(out, missing("forbidden_domains", shared.ForbiddenDomains, own.ForbiddenDomains)...)
	out = append(out, missing("utm", shared.UTM, own.UTM)...)
	if shared.Voice != nil {
		if own.Voice == nil {
			out = append(out, "it has no voice block")
		} else {
			out = append(out, looserVoice(shared.Voice, own.Voice)...)
		}
	}
	return out
}

// higherLimit compares a channel's limits, where 0 is the platform's own
// (platform; 0 there too is no limit at all).
func higherLimit(name string, shared, own, platform int, than baseline) []string {
	if shared == 0 {
		shared = platform
	}
	if own == 0 {
		own = platform
	}
	switch {
	case shared == 0:
		return nil
	case own == 0:
		return []string{fmt.Sprintf("%s is unlimited, where %s has %d", name, than.noun, shared)}
	case own > shared:
		return []string{fmt.Sprintf("%s %d is above %s %d", name, own, than.adj, shared)}
	}
	return nil
}

func looserVoice(shared, own *Voice) []string {
	var out []string
	out = append(out, lowerLevel(shared.Level, own.Level)...)
	out = append(out, higherMax("max_grade", shared.MaxGrade, own.MaxGrade)...)
	out = append(out, higherMax("max_exclamations", shared.MaxExclamations, own.MaxExclamations)...)
	out = append(out, higherMax("max_caps", shared.MaxCaps, own.MaxCaps)...)
	out = append(out, higherMax("max_emoji", shared.MaxEmoji, own.MaxEmoji)...)
	if shared.MinSentiment != nil && (own.MinSentiment == nil || *own.MinSentiment < *shared.MinSentiment) {
		out = append(out, fmt.Sprintf("min_sentiment is below the shared %g", *shared.MinSentiment))
	}
	return out
}

func higherMax[T int | float64](name string, shared, own *T) []string {
	if shared != nil && (own == nil || *own > *shared) {
		return []string{fmt.Sprintf("%s is above the shared %v", name, *shared)}
	}
	return nil
}

// looserRule allows a rule a higher level, more tokens and patterns, and
// its own message and link; anything else that differs (its type, scope,
// exceptions, swaps, limits) counts as looser.
func looserRule(shared, own style.Spec) []string {
	var out []string
	if own.Level < shared.Level {
		out = append(out, fmt.Sprintf("level %s is below the shared %s", own.Level, shared.Level))
	}
	out = append(out, missing("tokens", shared.Tokens, own.Tokens)...)
	out = append(out, missing("patterns", shared.Patterns, own.Patterns)...)
	rest := func(s style.Spec) style.Spec {
		s.ID, s.Source, s.Message, s.Link, s.Level, s.Tokens, s.Patterns = "", "", "", "", 0, nil, nil
		return s
	}
	if !reflect.DeepEqual(rest(shared), rest(own)) {
		out = append(out, "it differs in more than its level, tokens, patterns, message and link")
	}
	return out
}

func lowerLevel(shared, own string) []string {
	s, err1 := finding.ParseLevel(shared)
	o, err2 := finding.ParseLevel(own)
	if err1 != nil || err2 != nil || o < s {
		return []string{fmt.Sprintf("level %q is below the shared %q", own, shared)}
	}
	return nil
}

// missing says which of the shared block's entries own leaves out.
func missing(attr string, shared, own []string) []string {
	var out []string
	for _, s := range shared {
		if !slices.Contains(own, s) {
			out = append(out, fmt.Sprintf("%q is missing from %s", s, attr))
		}
	}
	return out
}
