package facts

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/greenlighthq/greenlight/engine/channel"
	"github.com/greenlighthq/greenlight/engine/channel/twittertext"
	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/content"
	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/review"
	"github.com/greenlighthq/greenlight/engine/tone"
	"github.com/open-policy-agent/opa/v1/ast"
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
	// Tone is the tone of the post's whole prose (input.tone).
	Tone tone.Tone
	// ChannelTone is the tone of each copy ("" the common one) of a post
	// with per-channel sections; nil when it has none.
	ChannelTone map[string]tone.Tone
	Review      *review.Facts
	// Measured are the post's channel measurements (Builder.Measure),
	// taken once: the input's channels and the report's meters both read
	// them.
	Measured []Measured
}

// Options are run-wide inputs.
type Options struct {
	Now             time.Time
	RequireSignoffs bool
	// Publishing says the posts go out at Now: a post whose publish_at is
	// later is given Now as its publish_at (see engine.Options).
	Publishing bool
}

// Builder builds input documents for one config. It precomputes the
// config's part of the document once; it is safe for concurrent use.
type Builder struct {
	cfg *config.Config
	// config is input.config, the same value in every document.
	config *ast.Term
	// voices are the effective voices of the channels the config knows
	// (channels[ch].voice), each the same value in every document.
	voices map[string]*ast.Term
}

// NewBuilder prepares a builder for cfg.
func NewBuilder(cfg *config.Config) (*Builder, error) {
	b := &Builder{cfg: cfg, voices: map[string]*ast.Term{}}
	// The config's part is built as maps, once per run, and converted
	// once: it is not worth a second, value-building copy of its logic.
	v, err := ast.InterfaceToValue(configDoc(cfg))
	if err != nil {
		return nil, fmt.Errorf("the config as policies see it: %w", err)
	}
	b.config = ast.NewTerm(v)
	names := config.Platforms()
	for _, c := range cfg.Channels {
		names = append(names, c.Name)
	}
	for _, name := range names {
		v, err := ast.InterfaceToValue(channelVoiceDoc(cfg, name))
		if err != nil {
			return nil, fmt.Errorf("the voice of channel %s: %w", name, err)
		}
		b.voices[name] = ast.NewTerm(v)
	}
	return b, nil
}

// Input is the document for one post, built as OPA values: the policies
// read it as it is, with no conversion per post. The config part and each
// channel's voice are shared by every document (values are never changed
// in place). It fails only on front matter that has no JSON form.
func (b *Builder) Input(p Post, opts Options) (ast.Object, error) {
	post := p.Post
	publishAt := post.Front.PublishAt
	if opts.Publishing && publishAt != nil && publishAt.After(opts.Now) {
		publishAt = &opts.Now
	}
	front, err := b.postDoc(post, publishAt)
	if err != nil {
		return nil, err
	}
	postTone := toneDoc(p.Tone)
	style, byLevel := styleMatches(p.Style)
	var in object
	in.put("version", ast.StringTerm(Version))
	in.put("path", ast.StringTerm(post.Path))
	in.put("now", ast.StringTerm(opts.Now.UTC().Format(time.RFC3339)))
	in.put("options", ast.ObjectTerm(item("require_signoffs", ast.BooleanTerm(opts.RequireSignoffs))))
	in.put("post", front)
	in.put("channels", b.channels(p.Measured, post, postTone, p.ChannelTone))
	in.put("matches", ast.ObjectTerm(
		item("compliance", matches(p.Compliance, "trigger")),
		item("embargo", matches(p.Embargo, "embargo")),
		item("style", style),
		item("style_by_level", byLevel)))
	in.put("tone", postTone)
	in.put("review", reviewDoc(p.Review))
	in.put("required_stages", ast.ArrayTerm())
	in.put("config", b.config)
	return in.object(), nil
}

// object collects an object's items in the order they are put.
type object [][2]*ast.Term

func (o *object) put(key string, v *ast.Term) { *o = append(*o, item(key, v)) }

func (o object) object() ast.Object { return ast.NewObject(o...) }

func (o object) term() *ast.Term { return ast.NewTerm(o.object()) }

func item(key string, v *ast.Term) [2]*ast.Term { return [2]*ast.Term{ast.StringTerm(key), v} }

// position is a span as policies see it; callers add their own items.
func position(s finding.Span, extra int) object {
	o := make(object, 0, 4+extra)
	o.put("line", ast.IntNumberTerm(s.Start.Line))
	o.put("col", ast.IntNumberTerm(s.Start.Col))
	o.put("end_line", ast.IntNumberTerm(s.End.Line))
	o.put("end_col", ast.IntNumberTerm(s.End.Col))
	return o
}

func stringArray(ss []string) *ast.Term {
	ts := make([]*ast.Term, len(ss))
	for i, s := range ss {
		ts[i] = ast.StringTerm(s)
	}
	return ast.ArrayTerm(ts...)
}

func toneDoc(t tone.Tone) *ast.Term {
	return ast.ObjectTerm(
		item("sentiment", ast.FloatNumberTerm(t.Sentiment)),
		item("grade", ast.FloatNumberTerm(t.Grade)),
		item("exclamations", ast.IntNumberTerm(t.Exclamations)),
		item("caps", ast.IntNumberTerm(t.Caps)),
		item("emoji", ast.IntNumberTerm(t.Emoji)),
		item("emoji_density", ast.FloatNumberTerm(t.EmojiDensity)),
		item("words", ast.IntNumberTerm(t.Words)),
		item("sentences", ast.IntNumberTerm(t.Sentences)))
}

// postDoc is input.post; at is its publish_at, nil when it has none.
func (b *Builder) postDoc(p *content.Post, at *time.Time) (*ast.Term, error) {
	f := p.Front
	publishAt := ast.NullTerm()
	if at != nil {
		publishAt = ast.StringTerm(at.UTC().Format(time.RFC3339))
	}
	var front object
	for k, v := range f.Extra {
		t, err := yamlValue(v)
		if err != nil {
			return nil, fmt.Errorf("front matter %s: %w", k, err)
		}
		front.put(k, t)
	}
	var positions object
	for _, key := range []string{"title", "channels", "publish_at", "campaign", "sponsored", "media"} {
		if r, ok := f.Range(key); ok {
			positions.put(key, position(p.FileSpan(r.Start.Byte, max(r.End.Byte, r.Start.Byte+1)), 0).term())
		}
	}
	positions.put("body", position(p.FileSpan(bodyStart(p), bodyStart(p)), 0).term())
	var doc object
	doc.put("title", ast.StringTerm(f.Title))
	doc.put("channels", stringArray(f.Channels))
	doc.put("publish_at", publishAt)
	doc.put("campaign", ast.StringTerm(f.Campaign))
	doc.put("sponsored", ast.BooleanTerm(f.Sponsored))
	doc.put("draft", ast.BooleanTerm(p.Draft))
	doc.put("front", front.term())
	doc.put("text", ast.StringTerm(p.Copy("").Text))
	doc.put("hashtags", entities(p.Hashtags))
	doc.put("mentions", entities(p.Mentions))
	doc.put("links", links(p.Links))
	doc.put("media", media(p.Media))
	doc.put("positions", positions.term())
	doc.put("variants", stringArray(p.Variants()))
	return doc.term(), nil
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

// array is an array of objects, one per item, each built by f.
func array[T any](items []T, f func(T) object) *ast.Term {
	out := make([]*ast.Term, len(items))
	for i, x := range items {
		out[i] = f(x).term()
	}
	return ast.ArrayTerm(out...)
}

func entities(es []content.Entity) *ast.Term {
	return array(es, func(e content.Entity) object {
		m := position(e.Span, 1)
		m.put("text", ast.StringTerm(e.Text))
		return m
	})
}

func links(ls []content.Link) *ast.Term {
	return array(ls, func(l content.Link) object {
		m := position(l.Span, 4)
		m.put("url", ast.StringTerm(l.URL))
		m.put("text", ast.StringTerm(l.Text))
		domain, query := "", object{}
		if u, err := url.Parse(l.URL); err == nil {
			domain = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
			for k, vs := range u.Query() {
				query.put(k, stringArray(vs))
			}
		}
		m.put("domain", ast.StringTerm(domain))
		m.put("query", query.term())
		return m
	})
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

// copyHashtags are the hashtags in the text a channel posts, so that a
// text the post must include is looked for in each copy: a hashtag in
// one channel's section is not in another's.
func copyHashtags(p *content.Post, cp *content.Block) []content.Entity {
	if !strings.ContainsAny(cp.Text, "#＃") {
		return nil
	}
	var out []content.Entity
	for _, h := range twittertext.ExtractHashtags(cp.Text) {
		out = append(out, content.Entity{Text: h.Text, Span: p.Span(cp, h.Start, h.End)})
	}
	return out
}

func media(ms []content.Media) *ast.Term {
	return array(ms, func(md content.Media) object {
		m := position(md.Span, 3)
		m.put("src", ast.StringTerm(md.Src))
		m.put("alt", ast.StringTerm(md.Alt))
		m.put("has_alt", ast.BooleanTerm(md.HasAlt && strings.TrimSpace(md.Alt) != ""))
		return m
	})
}

func matches(ms []Match, key string) *ast.Term {
	return array(ms, func(m Match) object {
		d := position(m.Span, 3)
		d.put(key, ast.StringTerm(m.Name))
		d.put("text", ast.StringTerm(m.Text))
		d.put("normalized", ast.BooleanTerm(m.Normalized))
		return d
	})
}

// styleMatches are matches.style and matches.style_by_level, the latter
// grouping by level the same terms as the former, in its order: the style
// policy then visits each match once rather than once per level, which
// counts with Vale packages that find a dozen matches in a post.
func styleMatches(fs []finding.Finding) (style, byLevel *ast.Term) {
	all := make([]*ast.Term, len(fs))
	levels := map[finding.Level][]*ast.Term{}
	for i, f := range fs {
		d := position(f.Span, 4)
		d.put("rule", ast.StringTerm(f.Rule))
		d.put("level", ast.StringTerm(f.Level.String()))
		d.put("msg", ast.StringTerm(f.Message))
		d.put("suggestion", ast.StringTerm(f.Suggestion()))
		all[i] = d.term()
		levels[f.Level] = append(levels[f.Level], all[i])
	}
	var by object
	for level, ts := range levels {
		by.put(level.String(), ast.ArrayTerm(ts...))
	}
	return ast.ArrayTerm(all...), by.term()
}

func reviewDoc(r *review.Facts) *ast.Term {
	if r == nil {
		return ast.NullTerm()
	}
	approvals := make([]*ast.Term, len(r.Approvals))
	for i, a := range r.Approvals {
		approvals[i] = ast.ObjectTerm(
			item("user", ast.StringTerm(a.User)),
			item("roles", stringArray(a.Roles)),
			item("stages", stringArray(a.Stages)),
			item("commit", ast.StringTerm(a.Commit)),
			item("stale", ast.BooleanTerm(a.Stale)))
	}
	return ast.ObjectTerm(
		item("pull_request", ast.IntNumberTerm(r.PullRequest)),
		item("author", ast.StringTerm(r.Author)),
		item("contributors", stringArray(r.Contributors)),
		item("head", ast.StringTerm(r.Head)),
		item("approvals", ast.ArrayTerm(approvals...)))
}

// yamlValue is a decoded front-matter value as policies see it, JSON's
// shape: map keys strings, times RFC 3339. A value of another type (none
// that the YAML decoder gives a post whose tags are refused) is an error,
// not dropped: the post would be judged on less than it says.
func yamlValue(v any) (*ast.Term, error) {
	switch v := v.(type) {
	case nil:
		return ast.NullTerm(), nil
	case string:
		return ast.StringTerm(v), nil
	case bool:
		return ast.BooleanTerm(v), nil
	case int:
		return ast.IntNumberTerm(v), nil
	case int64:
		return ast.NumberTerm(json.Number(strconv.FormatInt(v, 10))), nil
	case uint64:
		return ast.NumberTerm(json.Number(strconv.FormatUint(v, 10))), nil
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return nil, fmt.Errorf("%v has no JSON form", v)
		}
		return ast.FloatNumberTerm(v), nil
	case time.Time:
		return ast.StringTerm(v.UTC().Format(time.RFC3339)), nil
	case []any:
		out := make([]*ast.Term, len(v))
		for i, x := range v {
			t, err := yamlValue(x)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			out[i] = t
		}
		return ast.ArrayTerm(out...), nil
	case map[string]any:
		var o object
		for k, x := range v {
			t, err := yamlValue(x)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			o.put(k, t)
		}
		return o.term(), nil
	case map[any]any:
		var o object
		for k, x := range v {
			t, err := yamlValue(x)
			if err != nil {
				return nil, fmt.Errorf("%v: %w", k, err)
			}
			o.put(toString(k), t)
		}
		return o.term(), nil
	}
	return nil, fmt.Errorf("a value of type %T has no JSON form", v)
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

func (b *Builder) channels(measured []Measured, p *content.Post, postTone *ast.Term, channelTone map[string]tone.Tone) *ast.Term {
	var out object
	for _, m := range measured {
		c, lim, team, cp := m.Count, m.Limit, m.Team, m.Copy
		overflow := ast.NullTerm()
		if m.Overflow != nil {
			overflow = position(*m.Overflow, 0).term()
		}
		copyTone := postTone
		if t, ok := channelTone[cp.Channel]; ok { // "" is the common copy's
			copyTone = toneDoc(t)
		}
		requireAlt := true
		var allowed, forbidden, utm []string
		if team != nil {
			if team.RequireAltText != nil {
				requireAlt = *team.RequireAltText
			}
			allowed, forbidden, utm = team.AllowedDomains, team.ForbiddenDomains, team.UTM
		}
		var reserved []*ast.Term
		if m.Channel == "linkedin" {
			for _, off := range linkedInReserved(cp.Text) {
				pos := position(p.Span(cp, off, off+1), 1)
				pos.put("char", ast.StringTerm(cp.Text[off:off+1]))
				reserved = append(reserved, pos.term())
			}
		}
		doc := make(object, 0, 20)
		doc.put("length", ast.IntNumberTerm(c.Length))
		doc.put("limit", ast.IntNumberTerm(c.Limit))
		doc.put("unit", ast.StringTerm(string(c.Unit)))
		doc.put("fits", ast.BooleanTerm(c.Fits))
		doc.put("overflow", overflow)
		doc.put("bytes", ast.IntNumberTerm(c.Bytes))
		doc.put("max_bytes", ast.IntNumberTerm(c.MaxBytes))
		doc.put("hashtags", ast.IntNumberTerm(c.Hashtags))
		doc.put("max_hashtags", ast.IntNumberTerm(lim.MaxHashtags))
		doc.put("links", ast.IntNumberTerm(c.Links))
		doc.put("max_links", ast.IntNumberTerm(lim.MaxLinks))
		doc.put("require_alt_text", ast.BooleanTerm(requireAlt))
		doc.put("allowed_domains", stringArray(allowed))
		doc.put("forbidden_domains", stringArray(forbidden))
		doc.put("utm", stringArray(utm))
		doc.put("reserved", ast.ArrayTerm(reserved...))
		doc.put("variant", ast.BooleanTerm(cp.Channel != ""))
		doc.put("tone", copyTone)
		doc.put("links_in_copy", links(copyLinks(p, cp)))
		doc.put("text", ast.StringTerm(cp.Text))
		doc.put("hashtags_in_copy", entities(copyHashtags(p, cp)))
		doc.put("voice", b.voices[m.Channel])
		out.put(m.Channel, doc.term())
	}
	return out.term()
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
