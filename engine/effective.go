package engine

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/facts"
	"github.com/greenlighthq/greenlight/engine/finding"
)

// EffectiveVersion is the version of the EffectiveConfig document. It is a
// contract for scripts (greenlight config --format json): fields are only
// ever added, never renamed, retyped or removed, so this stays "1".
const EffectiveVersion = "1"

// EffectiveConfig is the config as Greenlight applies it: defaults filled
// in, stages in order, each channel's limits merged with the team's block
// and every style rule with where it is declared.
type EffectiveConfig struct {
	Version    string             `json:"version"`
	File       string             `json:"file"` // "" for the built-in defaults
	Settings   EffectiveSettings  `json:"settings"`
	Roles      []EffectiveRole    `json:"roles"`
	Stages     []EffectiveStage   `json:"stages"`
	Channels   []EffectiveChannel `json:"channels"`
	Voice      *EffectiveVoice    `json:"voice"` // null when the config sets none
	Rules      []EffectiveRule    `json:"rules"`
	Compliance []EffectiveTrigger `json:"compliance"`
	Embargoes  []EffectiveEmbargo `json:"embargoes"`
	Waivers    []EffectiveWaiver  `json:"waivers"`
	Deadlines  EffectiveDeadlines `json:"deadlines"`
	// Shared are the blocks the sources' config fragments provide, by
	// address; the lists above already hold them as they apply.
	Shared []EffectiveShared `json:"shared"`
}

// EffectiveSettings is the greenlight block with its defaults.
type EffectiveSettings struct {
	PublishBranch   string        `json:"publish_branch"`
	Content         []string      `json:"content"`
	Ignore          []string      `json:"ignore"`
	Timezone        string        `json:"timezone"`
	Styles          []string      `json:"styles"`
	Policies        []string      `json:"policies"`
	Vocabularies    []string      `json:"vocabularies"`
	FailOn          finding.Level `json:"fail_on"`
	AllowBuiltins   []string      `json:"allow_builtins"`
	ConfigStage     string        `json:"config_stage"`
	CommentCommands bool          `json:"comment_commands"`
	AuthorSwitches  string        `json:"author_switches"`
	FrontMatterKeys []string      `json:"front_matter_keys"`
	MaxPostSize     int           `json:"max_post_size"`
	// ValeRules are the style rules turned off ("NO") or re-levelled.
	ValeRules map[string]string `json:"vale_rules"`
}

// EffectiveRole names who can sign off: users by login, and a team by its
// "org/slug" (a team is never expanded here: its members live on GitHub).
type EffectiveRole struct {
	Name  string   `json:"name"`
	Team  string   `json:"team,omitempty"`
	Users []string `json:"users"`
}

// EffectiveStage is a stage with the conditions that require it.
type EffectiveStage struct {
	Name         string   `json:"name"`
	Approvers    []string `json:"approvers"` // role names
	After        []string `json:"after"`
	When         string   `json:"when"`
	MinApprovals int      `json:"min_approvals"`
	// Due is the deadline rule as written, "" when none; DueFrom says
	// whether it is the stage's own ("stage") or the deadlines block's
	// default ("default").
	Due     string `json:"due,omitempty"`
	DueFrom string `json:"due_from,omitempty"`
}

// EffectiveChannel is a channel's limits after the team's overrides. A 0
// maximum is no limit.
type EffectiveChannel struct {
	Name             string   `json:"name"`
	Unit             string   `json:"unit"`
	MaxLength        int      `json:"max_length"`
	MaxBytes         int      `json:"max_bytes"`
	MaxHashtags      int      `json:"max_hashtags"`
	MaxLinks         int      `json:"max_links"`
	URLLength        int      `json:"url_length"`
	RequireAltText   bool     `json:"require_alt_text"`
	AllowedDomains   []string `json:"allowed_domains"`
	ForbiddenDomains []string `json:"forbidden_domains"`
	UTM              []string `json:"utm"`
	// Overrides are the attributes the team's channel block sets; Team is
	// true for a channel of the team's own, not a platform.
	Overrides []string        `json:"overrides"`
	Team      bool            `json:"team"`
	Voice     *EffectiveVoice `json:"voice"` // the channel's own voice block, or null
	// Source is where the platform's figures come from.
	Source string `json:"source,omitempty"`
}

// EffectiveVoice is a voice block; null limits are not set.
type EffectiveVoice struct {
	MaxGrade        *float64 `json:"max_grade"`
	MaxExclamations *int     `json:"max_exclamations"`
	MinSentiment    *float64 `json:"min_sentiment"`
	MaxCaps         *int     `json:"max_caps"`
	MaxEmoji        *int     `json:"max_emoji"`
	Level           string   `json:"level"`
}

// EffectiveRule is a style rule, from a rule block or a style package.
type EffectiveRule struct {
	ID    string `json:"id"`
	Type  string `json:"type"`
	Level string `json:"level"`
	// From is "config" or "style"; Source the config's file:line or the
	// style's rule file.
	From   string `json:"from"`
	Source string `json:"source"`
}

// EffectiveTrigger is a compliance block.
type EffectiveTrigger struct {
	Name        string   `json:"name"`
	Preset      string   `json:"preset,omitempty"`
	Tokens      []string `json:"tokens"`
	Patterns    []string `json:"patterns"`
	IgnoreCase  bool     `json:"ignorecase"`
	When        string   `json:"when,omitempty"`
	Requires    []string `json:"requires"`
	MustInclude []string `json:"must_include"`
	Message     string   `json:"message,omitempty"`
	Level       string   `json:"level"`
}

// EffectiveEmbargo is an embargo block.
type EffectiveEmbargo struct {
	Name     string   `json:"name"`
	Tokens   []string `json:"tokens"`
	Patterns []string `json:"patterns"`
	Until    string   `json:"until"` // RFC 3339
	Message  string   `json:"message,omitempty"`
}

// EffectiveWaiver is a waiver block.
type EffectiveWaiver struct {
	Name   string   `json:"name"`
	Rules  []string `json:"rules"`
	Posts  []string `json:"posts"` // empty: every post
	Reason string   `json:"reason"`
	Until  string   `json:"until,omitempty"` // RFC 3339; absent: no expiry
}

// EffectiveShared is a block a source's config fragment provides.
type EffectiveShared struct {
	Address string `json:"address"` // "compliance.financial-claims"
	Source  string `json:"source"`  // the source block's name
	File    string `json:"file"`    // the fragment, inside the rulebook
	Line    int    `json:"line"`
	// Own is where the repository's block that replaces it is declared
	// ("greenlight.hcl:12"), "" when the shared block applies as written;
	// Waiver the waiver that lets that block loosen it.
	Own    string `json:"own,omitempty"`
	Waiver string `json:"waiver,omitempty"`
}

// EffectiveDeadlines is the deadlines block with its defaults.
type EffectiveDeadlines struct {
	Default       string   `json:"default,omitempty"`
	BusinessHours string   `json:"business_hours"`
	BusinessDays  []string `json:"business_days"`
	RemindBefore  string   `json:"remind_before"`
}

// Effective is the engine's config as it is applied.
func (e *Engine) Effective() EffectiveConfig {
	cfg := e.cfg
	s := cfg.Settings
	out := EffectiveConfig{Version: EffectiveVersion, File: cfg.File,
		Settings: EffectiveSettings{PublishBranch: s.PublishBranch, Content: list(s.Content), Ignore: list(s.Ignore),
			Timezone: s.Timezone, Styles: list(s.Styles), Policies: list(s.Policies), Vocabularies: list(s.Vocabularies), FailOn: s.FailOn,
			AllowBuiltins: list(s.AllowBuiltins), ConfigStage: s.ConfigStage, CommentCommands: s.CommentCommands,
			AuthorSwitches: s.AuthorSwitches, FrontMatterKeys: list(s.FrontMatterKeys), MaxPostSize: s.MaxPostSize, ValeRules: map[string]string{}},
		Roles: []EffectiveRole{}, Stages: []EffectiveStage{}, Channels: []EffectiveChannel{}, Rules: []EffectiveRule{},
		Compliance: []EffectiveTrigger{}, Embargoes: []EffectiveEmbargo{}, Waivers: []EffectiveWaiver{},
		Voice: effectiveVoice(cfg.Voice), Deadlines: effectiveDeadlines(cfg.Deadlines), Shared: []EffectiveShared{}}
	for _, addr := range slices.Sorted(maps.Keys(cfg.Shared)) {
		b := cfg.Shared[addr]
		es := EffectiveShared{Address: addr, Source: b.Source, File: b.File, Line: b.Range.Start.Line, Waiver: b.Waiver}
		if b.Own != nil {
			es.Own = fmt.Sprintf("%s:%d", b.Own.Filename, b.Own.Start.Line)
		}
		out.Shared = append(out.Shared, es)
	}
	for _, v := range s.ValeRules {
		out.Settings.ValeRules[v.ID] = v.Level
	}
	for _, r := range cfg.Roles {
		out.Roles = append(out.Roles, EffectiveRole{Name: r.Name, Team: r.Team, Users: list(r.Users)})
	}
	for _, st := range cfg.Stages {
		es := EffectiveStage{Name: st.Name, Approvers: []string{}, After: []string{}, When: st.When, MinApprovals: st.MinApprovals}
		for _, r := range st.Approvers {
			es.Approvers = append(es.Approvers, r.Name)
		}
		for _, a := range st.After {
			es.After = append(es.After, a.Name)
		}
		if d := cfg.Deadlines.DueFor(st); d != nil {
			es.Due, es.DueFrom = d.Text, "default"
			if st.Due != nil {
				es.DueFrom = "stage"
			}
		}
		out.Stages = append(out.Stages, es)
	}
	names := config.Platforms()
	for _, c := range cfg.Channels {
		if !slices.Contains(names, c.Name) {
			names = append(names, c.Name)
		}
	}
	for _, name := range names {
		lim, team, _ := facts.ChannelLimit(cfg, name)
		ec := EffectiveChannel{Name: name, Unit: string(lim.Unit), MaxLength: lim.MaxLength, MaxBytes: lim.MaxBytes,
			MaxHashtags: lim.MaxHashtags, MaxLinks: lim.MaxLinks, URLLength: lim.URLLength, RequireAltText: true,
			AllowedDomains: []string{}, ForbiddenDomains: []string{}, UTM: []string{}, Overrides: []string{},
			Team: !config.KnownChannel(name)}
		if lim.Source != "" {
			ec.Source = lim.Source + " (checked " + lim.Checked + ")"
		}
		if team != nil {
			ec.Overrides = channelOverrides(team)
			if team.RequireAltText != nil {
				ec.RequireAltText = *team.RequireAltText
			}
			ec.AllowedDomains, ec.ForbiddenDomains, ec.UTM = list(team.AllowedDomains), list(team.ForbiddenDomains), list(team.UTM)
			ec.Voice = effectiveVoice(team.Voice)
		}
		out.Channels = append(out.Channels, ec)
	}
	for _, r := range e.rules {
		info := specInfo(r)
		from := "config"
		if info.Source == SourceStyle {
			from = "style"
		}
		out.Rules = append(out.Rules, EffectiveRule{ID: r.ID, Type: string(r.Kind), Level: r.Level.String(), From: from, Source: info.Declared})
	}
	for _, c := range cfg.Compliance {
		t := EffectiveTrigger{Name: c.Name, Preset: c.Preset, Tokens: list(c.Tokens), Patterns: list(c.Patterns), IgnoreCase: c.IgnoreCase,
			When: c.When, Requires: []string{}, MustInclude: list(c.MustInclude), Message: c.Message, Level: c.Level}
		for _, st := range c.Requires {
			t.Requires = append(t.Requires, st.Name)
		}
		out.Compliance = append(out.Compliance, t)
	}
	for _, em := range cfg.Embargoes {
		out.Embargoes = append(out.Embargoes, EffectiveEmbargo{Name: em.Name, Tokens: list(em.Tokens), Patterns: list(em.Patterns),
			Until: em.Until.Format(time.RFC3339), Message: em.Message})
	}
	for _, w := range cfg.Waivers {
		ew := EffectiveWaiver{Name: w.Name, Rules: list(w.Rules), Posts: list(w.Posts), Reason: w.Reason}
		if !w.Until.IsZero() {
			ew.Until = w.Until.Format(time.RFC3339)
		}
		out.Waivers = append(out.Waivers, ew)
	}
	return out
}

// list is never nil, so that JSON has [] for an empty list, as a script
// iterating it expects.
func list(s []string) []string {
	if s == nil {
		return []string{}
	}
	return slices.Clone(s)
}

func effectiveVoice(v *config.Voice) *EffectiveVoice {
	if v == nil {
		return nil
	}
	return &EffectiveVoice{MaxGrade: v.MaxGrade, MaxExclamations: v.MaxExclamations, MinSentiment: v.MinSentiment,
		MaxCaps: v.MaxCaps, MaxEmoji: v.MaxEmoji, Level: v.Level}
}

func channelOverrides(c *config.Channel) []string {
	var out []string
	for _, o := range []struct {
		name string
		set  bool
	}{
		{"max_length", c.MaxLength > 0}, {"max_hashtags", c.MaxHashtags > 0}, {"max_links", c.MaxLinks > 0},
		{"require_alt_text", c.RequireAltText != nil}, {"allowed_domains", len(c.AllowedDomains) > 0},
		{"forbidden_domains", len(c.ForbiddenDomains) > 0}, {"utm", len(c.UTM) > 0}, {"voice", c.Voice != nil},
	} {
		if o.set {
			out = append(out, o.name)
		}
	}
	return list(out)
}

func effectiveDeadlines(d config.Deadlines) EffectiveDeadlines {
	// "4h", not "4h0m0s".
	remind := strings.TrimSuffix(strings.TrimSuffix(d.RemindBefore.String(), "0s"), "0m")
	out := EffectiveDeadlines{RemindBefore: remind, BusinessDays: []string{}}
	if d.Default != nil {
		out.Default = d.Default.Text
	}
	c := d.Calendar
	out.BusinessHours = clock(c.Start) + "-" + clock(c.End)
	// Monday first, as the config writes them.
	for i := range 7 {
		day := time.Weekday((i + 1) % 7)
		if c.Days[day] {
			out.BusinessDays = append(out.BusinessDays, strings.ToLower(day.String()[:3]))
		}
	}
	return out
}

// clock writes a time since midnight as "09:00".
func clock(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d/time.Hour), int(d%time.Hour/time.Minute))
}
