package facts

import (
	"net/url"
	"strings"
	"time"

	"github.com/greenlighthq/greenlight/engine/channel"
	"github.com/greenlighthq/greenlight/engine/channel/twittertext"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/content"
	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/review"
)

// Version is the contract version of the input document.
const Version = "1"

// Match is a compliance or embargo match in a post.
type Match struct {
	// Name is the compliance trigger or embargo.
	Name string
	Text string
	Span finding.Span
	// Normalized is set when the text as written differs from the term
	// (look-alike or invisible characters, character references): a
	// likely evasion.
	Normalized bool
}

// Post is everything measured about one post.
type Post struct {
	Post       *content.Post
	Style      []finding.Finding
	Compliance []Match
	Embargo    []Match
	// Tone is the tone document (see package tone), as it goes into the input.
	Tone map[string]any
	// ChannelTone is the tone of each copy ("" the common one) of a post
	// with per-channel sections; nil when it has none.
	ChannelTone map[string]map[string]any
	Review      *review.Facts
}

// Options are run-wide inputs.
type Options struct {
	Now             time.Time
	RequireSignoffs bool
}

// Builder builds input documents for one config. It precomputes the
// config's part of the document once; it is safe for concurrent use.
type Builder struct {
	cfg       *config.Config
	configDoc map[string]any
	// voices are the effective voices of the channels the config knows
	// (channels[ch].voice), computed once.
	voices map[string]map[string]any
}

// NewBuilder prepares a builder for cfg.
func NewBuilder(cfg *config.Config) *Builder {
	b := &Builder{cfg: cfg, configDoc: configDoc(cfg), voices: map[string]map[string]any{}}
	for _, name := range config.Platforms() {
		b.voices[name] = channelVoiceDoc(cfg, name)
	}
	for _, c := range cfg.Channels {
		b.voices[c.Name] = channelVoiceDoc(cfg, c.Name)
	}
	return b
}

// Config is the config's part of every input document (input.config).
func (b *Builder) Config() map[string]any { return b.configDoc }

// Shared are the maps that many input documents hold, the same map each
// time (the config and each channel's effective voice), for a consumer
// that converts them once.
func (b *Builder) Shared() []map[string]any {
	out := make([]map[string]any, 0, 1+len(b.voices))
	out = append(out, b.configDoc)
	for _, v := range b.voices {
		out = append(out, v)
	}
	return out
}

// Input is the document for one post. Its maps are fresh except the
// config part and each channel's voice, which are shared and must not be
// modified.
func (b *Builder) Input(p Post, opts Options) map[string]any {
	post := p.Post
	style := styleMatches(p.Style)
	in := map[string]any{
		"version":  Version,
		"path":     post.Path,
		"now":      opts.Now.UTC().Format(time.RFC3339),
		"options":  map[string]any{"require_signoffs": opts.RequireSignoffs},
		"post":     b.postDoc(post),
		"channels": b.channels(post, p.Tone, p.ChannelTone),
		"matches": map[string]any{
			"compliance":     matches(p.Compliance, "trigger"),
			"embargo":        matches(p.Embargo, "embargo"),
			"style":          style,
			"style_by_level": styleByLevel(style),
		},
		"tone":            p.Tone,
		"review":          reviewDoc(p.Review),
		"required_stages": []any{},
		"config":          b.configDoc,
	}
	if p.Tone == nil {
		in["tone"] = map[string]any{}
	}
	return in
}

// Position is a span as policies see it.
func Position(s finding.Span) map[string]any {
	return map[string]any{"line": s.Start.Line, "col": s.Start.Col, "end_line": s.End.Line, "end_col": s.End.Col}
}

func (b *Builder) postDoc(p *content.Post) map[string]any {
	f := p.Front
	var publishAt any
	if f.PublishAt != nil {
		publishAt = f.PublishAt.UTC().Format(time.RFC3339)
	}
	front := map[string]any{}
	for k, v := range f.Extra {
		front[k] = jsonValue(v)
	}
	channels := make([]any, len(f.Channels))
	for i, c := range f.Channels {
		channels[i] = c
	}
	positions := map[string]any{}
	for _, key := range []string{"title", "channels", "publish_at", "campaign", "sponsored", "media"} {
		if r, ok := f.Range(key); ok {
			positions[key] = Position(p.FileSpan(r.Start.Byte, max(r.End.Byte, r.Start.Byte+1)))
		}
	}
	positions["body"] = Position(p.FileSpan(bodyStart(p), bodyStart(p)))
	return map[string]any{
		"title":      f.Title,
		"channels":   channels,
		"publish_at": publishAt,
		"campaign":   f.Campaign,
		"sponsored":  f.Sponsored,
		"draft":      p.Draft,
		"front":      front,
		"text":       p.Copy("").Text,
		"hashtags":   entities(p.Hashtags),
		"mentions":   entities(p.Mentions),
		"links":      links(p.Links),
		"media":      media(p.Media),
		"positions":  positions,
		"variants":   stringsAny(p.Variants()),
	}
}

// bodyStart is the offset of the first block of the body, or of the end of
// the front matter when the body is empty.
func bodyStart(p *content.Post) int {
	for i := range p.Blocks {
		b := &p.Blocks[i]
		if b.Kind.Prose() {
			return p.Span(b, 0, 0).Start.Offset
		}
	}
	return 0
}

func entities(es []content.Entity) []any {
	out := make([]any, len(es))
	for i, e := range es {
		m := Position(e.Span)
		m["text"] = e.Text
		out[i] = m
	}
	return out
}

func links(ls []content.Link) []any {
	out := make([]any, 0, len(ls))
	for _, l := range ls {
		m := Position(l.Span)
		m["url"], m["text"] = l.URL, l.Text
		m["domain"], m["query"] = "", map[string]any{}
		if u, err := url.Parse(l.URL); err == nil {
			m["domain"] = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
			q := map[string]any{}
			for k, vs := range u.Query() {
				q[k] = stringsAny(vs)
			}
			m["query"] = q
		}
		out = append(out, m)
	}
	return out
}

// copyLinks are the links in the copy a channel posts.
func copyLinks(p *content.Post, cp *content.Block) []content.Link {
	var out []content.Link
	for _, l := range p.Links {
		if l.Channel == cp.Channel {
			out = append(out, l)
		}
	}
	return out
}

func media(ms []content.Media) []any {
	out := make([]any, len(ms))
	for i, md := range ms {
		m := Position(md.Span)
		m["src"], m["alt"], m["has_alt"] = md.Src, md.Alt, md.HasAlt && strings.TrimSpace(md.Alt) != ""
		out[i] = m
	}
	return out
}

func matches(ms []Match, key string) []any {
	out := make([]any, len(ms))
	for i, m := range ms {
		d := Position(m.Span)
		d[key], d["text"], d["normalized"] = m.Name, m.Text, m.Normalized
		out[i] = d
	}
	return out
}

func styleMatches(fs []finding.Finding) []any {
	out := make([]any, len(fs))
	for i, f := range fs {
		d := Position(f.Span)
		d["rule"], d["level"], d["msg"], d["suggestion"] = f.Rule, f.Level.String(), f.Message, f.Suggestion()
		out[i] = d
	}
	return out
}

// styleByLevel groups style matches by level (matches.style_by_level),
// holding the same maps as matches.style, in its order: the style policy
// then visits each match once rather than once per level, which counts
// with Vale packages that find a dozen matches in a post.
func styleByLevel(style []any) map[string]any {
	out := map[string]any{}
	for _, m := range style {
		level := m.(map[string]any)["level"].(string)
		ms, _ := out[level].([]any)
		out[level] = append(ms, m)
	}
	return out
}

func reviewDoc(r *review.Facts) any {
	if r == nil {
		return nil
	}
	approvals := make([]any, len(r.Approvals))
	for i, a := range r.Approvals {
		approvals[i] = map[string]any{"user": a.User, "roles": stringsAny(a.Roles), "stages": stringsAny(a.Stages),
			"commit": a.Commit, "stale": a.Stale}
	}
	return map[string]any{"pull_request": r.PullRequest, "author": r.Author, "head": r.Head, "approvals": approvals}
}

func stringsAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// jsonValue makes YAML-decoded front matter JSON-shaped: map keys strings,
// times RFC 3339.
func jsonValue(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = jsonValue(x)
		}
		return out
	case map[any]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[toString(k)] = jsonValue(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = jsonValue(x)
		}
		return out
	case time.Time:
		return v.UTC().Format(time.RFC3339)
	}
	return v
}

func toString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(fmtAny(v), "\n", " "), "\t", " "))
}

func (b *Builder) channelLimit(name string) (lim channel.Limit, team *config.Channel, ok bool) {
	return ChannelLimit(b.cfg, name)
}

// ChannelLimit merges the platform's limits with the team's channel block;
// ok is false for a channel that is neither a platform nor the team's.
func ChannelLimit(cfg *config.Config, name string) (lim channel.Limit, team *config.Channel, ok bool) {
	lim, known := channel.Lookup(name)
	team = cfg.Channel(name)
	if !known {
		if team == nil {
			return lim, nil, false
		}
		lim = channel.Limit{Channel: name, Unit: channel.UnitCharacters}
	}
	if team != nil {
		if team.MaxLength > 0 {
			lim.MaxLength = team.MaxLength
		}
		if team.MaxHashtags > 0 {
			lim.MaxHashtags = team.MaxHashtags
		}
		if team.MaxLinks > 0 {
			lim.MaxLinks = team.MaxLinks
		}
	}
	return lim, team, true
}

// Measured is one channel's measurement of a post.
type Measured struct {
	Channel string
	Limit   channel.Limit
	Count   channel.Count
	// Copy is the text the channel posts.
	Copy *content.Block
	// Overflow is the text past the length limit; nil when it fits.
	Overflow *finding.Span
	// Team is the team's channel block, or nil.
	Team *config.Channel
}

// Measure counts the post for every channel it targets that is a platform
// or the team's own channel, in the order the post names them.
func (b *Builder) Measure(p *content.Post) []Measured {
	var out []Measured
	for _, name := range p.Front.Channels {
		lim, team, ok := b.channelLimit(name)
		if !ok {
			continue // an unknown channel is reported as such, not measured
		}
		m := Measured{Channel: name, Limit: lim, Team: team, Copy: p.Copy(name)}
		m.Count = channel.Measure(m.Copy.Text, lim)
		if m.Count.Length > m.Count.Limit && m.Count.OverflowByte >= 0 {
			sp := p.Span(m.Copy, m.Count.OverflowByte, len(m.Copy.Text))
			m.Overflow = &sp
		}
		out = append(out, m)
	}
	return out
}

func (b *Builder) channels(p *content.Post, postTone map[string]any, channelTone map[string]map[string]any) map[string]any {
	out := map[string]any{}
	for _, m := range b.Measure(p) {
		c, lim, team, cp := m.Count, m.Limit, m.Team, m.Copy
		var overflow any
		if m.Overflow != nil {
			overflow = Position(*m.Overflow)
		}
		doc := map[string]any{
			"length": c.Length, "limit": c.Limit, "unit": string(c.Unit), "fits": c.Fits, "overflow": overflow,
			"bytes": c.Bytes, "max_bytes": c.MaxBytes, "hashtags": c.Hashtags, "max_hashtags": lim.MaxHashtags,
			"links": c.Links, "max_links": lim.MaxLinks,
			"require_alt_text": true, "allowed_domains": []any{}, "forbidden_domains": []any{}, "utm": []any{},
			"reserved": []any{}, "variant": cp.Channel != "", "tone": postTone, "links_in_copy": links(copyLinks(p, cp)),
			"voice": b.voices[m.Channel],
		}
		if t, ok := channelTone[cp.Channel]; ok { // "" is the common copy's
			doc["tone"] = t
		}
		if team != nil {
			if team.RequireAltText != nil {
				doc["require_alt_text"] = *team.RequireAltText
			}
			doc["allowed_domains"] = stringsAny(team.AllowedDomains)
			doc["forbidden_domains"] = stringsAny(team.ForbiddenDomains)
			doc["utm"] = stringsAny(team.UTM)
		}
		if m.Channel == "linkedin" {
			reserved := []any{}
			for _, off := range linkedInReserved(cp.Text) {
				pos := Position(p.Span(cp, off, off+1))
				pos["char"] = cp.Text[off : off+1]
				reserved = append(reserved, pos)
			}
			doc["reserved"] = reserved
		}
		out[m.Channel] = doc
	}
	return out
}

// linkedInReserved are the reserved characters of LinkedIn's "little text"
// that a posting tool would not escape for the author: those inside URLs
// and the sigils of hashtags and mentions are written in the API's own
// syntax by any tool that posts them, so they are left out.
func linkedInReserved(text string) []int {
	type span struct{ start, end int }
	var skip []span
	for _, u := range twittertext.ExtractURLs(text) {
		skip = append(skip, span{u.Start, u.End})
	}
	for _, e := range append(twittertext.ExtractHashtags(text), twittertext.ExtractMentions(text)...) {
		skip = append(skip, span{e.Start, e.Start + 1})
	}
	var out []int
	for _, off := range channel.ReservedLinkedIn(text) {
		inside := false
		for _, s := range skip {
			if off >= s.start && off < s.end {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, off)
		}
	}
	return out
}
