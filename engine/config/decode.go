package config

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/greenlighthq/greenlight/engine/deadline"
	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/style"
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// unresolved holds references by name until every block is decoded.
type unresolved struct {
	approvers map[*Stage][]reference
	after     map[*Stage][]reference
	requires  map[*Compliance][]reference
}

// decode turns the file body into a Config, validating as it goes.
func decode(body hcl.Body) (*Config, hcl.Diagnostics) {
	content, diags := body.Content(rootSchema)
	cfg := &Config{Settings: defaultSettings(), Schedule: defaultSchedule(), Deadlines: defaultDeadlines(time.UTC)}
	refs := unresolved{approvers: map[*Stage][]reference{}, after: map[*Stage][]reference{}, requires: map[*Compliance][]reference{}}
	seen := map[string]hcl.Range{} // "kind name" → first declaration
	dup := func(kind, name string, r hcl.Range) bool {
		key := kind + " " + name
		if first, ok := seen[key]; ok {
			what := fmt.Sprintf("A %s named %q is", kind, name)
			if name == "" {
				what = fmt.Sprintf("A %s block is", kind)
			}
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError, Summary: "Duplicate " + kind,
				Detail:  fmt.Sprintf("%s already declared at %s.", what, first),
				Subject: r.Ptr(),
			})
			return true
		}
		seen[key] = r
		return false
	}
	var deadlinesBlock *hcl.Block // decoded after the settings: it needs the time zone
	for _, b := range content.Blocks {
		name := ""
		if len(b.Labels) > 0 {
			name = b.Labels[0]
		}
		if dup(b.Type, name, b.DefRange) {
			continue
		}
		var d hcl.Diagnostics
		switch b.Type {
		case "greenlight":
			cfg.Settings, d = decodeSettings(b)
		case "role":
			var r *Role
			r, d = decodeRole(b)
			cfg.Roles = append(cfg.Roles, r)
		case "stage":
			var s *Stage
			s, d = decodeStage(b, &refs)
			cfg.Stages = append(cfg.Stages, s)
		case "channel", "voice", "compliance", "embargo":
			d = judged{&cfg.Channels, &cfg.Voice, &cfg.Rules, &cfg.Compliance, &cfg.Embargoes}.decode(b, &refs)
		case "spelling":
			cfg.Spelling, d = decodeSpelling(b)
		case "rule":
			var s style.Spec
			s, d = decodeRule(b)
			cfg.Rules = append(cfg.Rules, s)
			if cfg.ruleRanges == nil {
				cfg.ruleRanges = map[string]hcl.Range{}
			}
			cfg.ruleRanges[s.ID] = b.DefRange
		case "waiver":
			var w *Waiver
			w, d = decodeWaiver(b)
			cfg.Waivers = append(cfg.Waivers, w)
		case "schedule":
			cfg.Schedule, d = decodeSchedule(b)
		case "deadlines":
			deadlinesBlock = b
		case "source":
			var src *Source
			src, d = decodeSource(b)
			cfg.Sources = append(cfg.Sources, src)
		case "notify":
			var n *Notify
			n, d = decodeNotify(b)
			cfg.Notify = append(cfg.Notify, n)
		}
		diags = append(diags, d...)
	}
	cfg.Deadlines = defaultDeadlines(cfg.Settings.Location)
	if deadlinesBlock != nil {
		var d hcl.Diagnostics
		cfg.Deadlines, d = decodeDeadlines(deadlinesBlock, cfg.Settings.Location)
		diags = append(diags, d...)
	}
	diags = append(diags, resolve(cfg, refs)...)
	if r := cfg.Settings.configStageRange; r != nil && cfg.Stage(cfg.Settings.ConfigStage) == nil {
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unknown stage",
			Detail: fmt.Sprintf("config_stage names %q, but no stage of that name is declared.", cfg.Settings.ConfigStage), Subject: r})
	}
	return cfg, diags
}

// judged are the lists of the blocks that say how posts are judged, the
// kinds a config fragment may hold (FragmentBlocks): greenlight.hcl and a
// fragment decode them alike (greenlight.hcl decodes its rules itself, to
// keep each one's place).
type judged struct {
	channels   *[]*Channel
	voice      **Voice
	rules      *[]style.Spec
	compliance *[]*Compliance
	embargoes  *[]*Embargo
}

// decode decodes b, a channel, voice, rule, compliance or embargo block,
// into its list.
func (j judged) decode(b *hcl.Block, refs *unresolved) hcl.Diagnostics {
	var d hcl.Diagnostics
	switch b.Type {
	case "channel":
		var c *Channel
		c, d = decodeChannel(b)
		*j.channels = append(*j.channels, c)
	case "voice":
		*j.voice, d = decodeVoice(b)
	case "rule":
		var s style.Spec
		s, d = decodeRule(b)
		*j.rules = append(*j.rules, s)
	case "compliance":
		var c *Compliance
		c, d = decodeCompliance(b, refs)
		*j.compliance = append(*j.compliance, c)
	case "embargo":
		var e *Embargo
		e, d = decodeEmbargo(b)
		*j.embargoes = append(*j.embargoes, e)
	}
	return d
}

func defaultSettings() Settings {
	return Settings{
		PublishBranch:  "main",
		Content:        []string{"**/*.md"},
		Ignore:         []string{"**/README.md", "**/CHANGELOG.md", ".github/**", "node_modules/**", "vendor/**"},
		Timezone:       "UTC",
		Location:       time.UTC,
		FailOn:         finding.Error,
		ConfigStage:    "owners",
		AuthorSwitches: SwitchWarnings,
		MaxPostSize:    DefaultMaxPostSize,
	}
}

var settingsSchema = &hcl.BodySchema{Attributes: optional(
	"publish_branch", "content", "ignore", "timezone", "policies", "styles", "fail_on", "allow_builtins",
	"config_stage", "comment_commands", "author_switches", "max_post_size", "front_matter_keys", "vale_rules", "vocabularies")}

func decodeSettings(b *hcl.Block) (Settings, hcl.Diagnostics) {
	s := defaultSettings()
	content, diags := b.Body.Content(settingsSchema)
	a := attrs{m: content.Attributes, diags: diags}
	a.str("publish_branch", &s.PublishBranch)
	a.strs("content", &s.Content)
	a.strs("ignore", &s.Ignore)
	s.IgnoreDeclared = content.Attributes["ignore"] != nil
	a.strs("policies", &s.Policies)
	a.strs("styles", &s.Styles)
	s.policyRanges = a.itemRanges("policies")
	s.styleRanges = a.itemRanges("styles")
	a.strs("vocabularies", &s.Vocabularies)
	s.vocabularyRanges = a.itemRanges("vocabularies")
	a.strs("allow_builtins", &s.AllowBuiltins)
	a.str("config_stage", &s.ConfigStage)
	if at, ok := a.m["config_stage"]; ok {
		s.configStageRange = at.Expr.Range().Ptr()
	}
	a.boolean("comment_commands", &s.CommentCommands)
	a.str("author_switches", &s.AuthorSwitches)
	if a.has("author_switches") && !slices.Contains([]string{SwitchWarnings, SwitchAll, SwitchNone}, s.AuthorSwitches) {
		a.errorAt("author_switches", "Invalid author_switches",
			fmt.Sprintf("%q is not one of \"warnings\" (an author may switch off warnings and info, never an error), \"all\" or \"none\".", s.AuthorSwitches))
	}
	a.integer("max_post_size", 1, &s.MaxPostSize)
	a.strs("front_matter_keys", &s.FrontMatterKeys)
	if at, ok := a.m["vale_rules"]; ok {
		var d hcl.Diagnostics
		s.ValeRules, d = decodeValeRules(at)
		a.diags = append(a.diags, d...)
	}
	for i, k := range s.FrontMatterKeys {
		if !frontMatterKey.MatchString(k) {
			r := a.m["front_matter_keys"].Expr.Range()
			if rs := a.itemRanges("front_matter_keys"); i < len(rs) {
				r = rs[i]
			}
			a.diags = append(a.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid front matter key",
				Detail: fmt.Sprintf("%q is not a key a policy can read as input.post.front.KEY; use letters, digits and underscores, like \"region\".", k), Subject: &r})
		}
	}
	a.level("fail_on", &s.FailOn)
	a.str("timezone", &s.Timezone)
	if a.has("timezone") {
		loc, err := time.LoadLocation(s.Timezone)
		if err != nil || s.Timezone == "" || s.Timezone == "Local" {
			a.errorAt("timezone", "Unknown time zone",
				fmt.Sprintf("%q is not an IANA time zone; write one like \"America/New_York\" or \"Europe/Berlin\".", s.Timezone))
		} else {
			s.Location = loc
		}
	}
	for name, globs := range map[string][]string{"content": s.Content, "ignore": s.Ignore} {
		for _, g := range globs {
			if !doublestar.ValidatePattern(g) {
				a.errorAt(name, "Invalid glob", fmt.Sprintf("%q is not a valid path pattern.", g))
			}
		}
	}
	return s, a.diags
}

// frontMatterKey is a key policies can name as input.post.front.KEY.
var frontMatterKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

var roleSchema = &hcl.BodySchema{Attributes: optional("team", "users")}

// GitHub's own syntax: a login is 1 to 39 letters, digits and single
// hyphens, neither first nor last; a team is "org/slug", its slug
// lowercase letters, digits, hyphens and underscores. A role naming
// something else would never match a reviewer, and its stage could never
// be signed off.
var (
	loginName = regexp.MustCompile(`^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$`)
	teamName  = regexp.MustCompile(`^[A-Za-z0-9]+(-[A-Za-z0-9]+)*/[a-z0-9][a-z0-9_-]*$`)
)

// loginProblem says how a users entry fails to be a GitHub login, with the
// fix; "" when it is one.
func loginProblem(u string) string {
	switch {
	case loginName.MatchString(u) && len(u) <= 39:
		return ""
	case strings.HasPrefix(u, "@") && loginProblem(u[1:]) == "":
		return fmt.Sprintf("%q is a mention, not a login: write %q, without the @.", u, u[1:])
	case strings.Contains(u, "/"):
		return fmt.Sprintf("%q looks like a team: write it as team = %q.", u, u)
	case strings.ContainsAny(u, " \t"):
		return fmt.Sprintf("%q is a name, not a GitHub login: write the person's login, as in their profile's address (github.com/LOGIN).", u)
	}
	return fmt.Sprintf("%q is not a GitHub login: logins are 1 to 39 letters, digits or single hyphens, not starting or ending with a hyphen.", u)
}

// teamProblem is loginProblem for a team.
func teamProblem(t string) string {
	switch {
	case teamName.MatchString(t):
		return ""
	case strings.HasPrefix(t, "@") && teamProblem(t[1:]) == "":
		return fmt.Sprintf("%q: write %q, without the @.", t, t[1:])
	case teamName.MatchString(strings.ToLower(t)):
		return fmt.Sprintf("%q: a team's slug is lowercase; write %q.", t, t[:strings.Index(t, "/")+1]+strings.ToLower(t[strings.Index(t, "/")+1:]))
	}
	return fmt.Sprintf("%q is not a GitHub team; write it as \"org/team-slug\", the slug in lowercase letters, digits, hyphens and underscores.", t)
}

func decodeRole(b *hcl.Block) (*Role, hcl.Diagnostics) {
	r := &Role{Name: b.Labels[0], DeclRange: b.DefRange}
	content, diags := b.Body.Content(roleSchema)
	a := attrs{m: content.Attributes, diags: diags}
	a.str("team", &r.Team)
	before := len(a.diags)
	a.strs("users", &r.Users)
	usersInvalid := len(a.diags) > before
	if a.has("team") && teamProblem(r.Team) != "" {
		a.errorAt("team", "Invalid team", teamProblem(r.Team))
	}
	ranges := a.itemRanges("users")
	for i, u := range r.Users {
		if msg := loginProblem(u); msg != "" {
			rng := a.m["users"].Expr.Range()
			if i < len(ranges) {
				rng = ranges[i]
			}
			a.diags = append(a.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid GitHub login", Detail: msg, Subject: &rng})
		}
	}
	if !a.has("team") && len(r.Users) == 0 && !usersInvalid {
		a.diags = append(a.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Empty role",
			Detail: fmt.Sprintf("Role %q names nobody: set team = \"org/slug\", users = [\"login\"], or both.", r.Name), Subject: b.DefRange.Ptr()})
	}
	return r, a.diags
}

var stageSchema = &hcl.BodySchema{
	Attributes: append(optional("after", "when", "min_approvals", "due"), hcl.AttributeSchema{Name: "approvers", Required: true}),
}

func decodeStage(b *hcl.Block, refs *unresolved) (*Stage, hcl.Diagnostics) {
	s := &Stage{Name: b.Labels[0], DeclRange: b.DefRange, When: "always", MinApprovals: 1}
	content, diags := b.Body.Content(stageSchema)
	a := attrs{m: content.Attributes, diags: diags}
	if at, ok := a.m["approvers"]; ok {
		r, d := getRefs(at, "role")
		refs.approvers[s], a.diags = r, append(a.diags, d...)
		if len(r) == 0 && !d.HasErrors() {
			a.errorAt("approvers", "No approvers", "A stage needs at least one role in approvers.")
		}
	}
	if at, ok := a.m["after"]; ok {
		r, d := getRefs(at, "stage")
		refs.after[s], a.diags = r, append(a.diags, d...)
	}
	a.str("when", &s.When)
	if at, ok := a.m["when"]; ok {
		s.whenRange = at.Expr.Range().Ptr()
	}
	a.integer("min_approvals", 1, &s.MinApprovals)
	s.Due = a.deadline("due")
	return s, a.diags
}

var channelSchema = &hcl.BodySchema{
	Attributes: optional("max_length", "max_hashtags", "max_links", "require_alt_text",
		"allowed_domains", "forbidden_domains", "utm"),
	Blocks: []hcl.BlockHeaderSchema{{Type: "voice"}},
}

func decodeChannel(b *hcl.Block) (*Channel, hcl.Diagnostics) {
	c := &Channel{Name: b.Labels[0], DeclRange: b.DefRange}
	content, diags := b.Body.Content(channelSchema)
	a := attrs{m: content.Attributes, diags: diags}
	a.integer("max_length", 1, &c.MaxLength)
	a.integer("max_hashtags", 0, &c.MaxHashtags)
	a.integer("max_links", 0, &c.MaxLinks)
	a.optBool("require_alt_text", &c.RequireAltText)
	a.strs("allowed_domains", &c.AllowedDomains)
	a.strs("forbidden_domains", &c.ForbiddenDomains)
	a.strs("utm", &c.UTM)
	switch meant := ChannelSuggestion(c.Name, nil); {
	case KnownChannel(c.Name):
	case c.MaxLength == 0:
		a.diags = append(a.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unknown channel",
			Detail: fmt.Sprintf("%q is not a channel Greenlight knows (%s); a channel of your own must set max_length.%s",
				c.Name, strings.Join(Platforms(), ", "), ChannelHint(meant)),
			Subject: b.LabelRanges[0].Ptr()})
	case meant != "":
		// A channel of one's own, but named so near a platform that it is
		// more likely a slip (greenlight init refuses such a name): posts
		// naming it would miss the platform's own checks. A warning, as a
		// team may mean it.
		a.diags = append(a.diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Channel named like a platform",
			Detail: fmt.Sprintf("%q is declared as a channel of your own, but it is not a platform Greenlight knows.%s "+
				"A channel of your own needs a name of its own.", c.Name, ChannelHint(meant)),
			Subject: b.LabelRanges[0].Ptr()})
	}
	for i, vb := range content.Blocks {
		if i > 0 {
			a.diags = append(a.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Duplicate voice",
				Detail: "A channel has at most one voice block.", Subject: vb.DefRange.Ptr()})
			continue
		}
		v, d := decodeVoice(vb)
		c.Voice, a.diags = v, append(a.diags, d...)
	}
	return c, a.diags
}

var voiceSchema = &hcl.BodySchema{Attributes: optional("max_grade", "max_exclamations", "min_sentiment", "max_caps", "max_emoji", "level")}

func decodeVoice(b *hcl.Block) (*Voice, hcl.Diagnostics) {
	v := &Voice{DeclRange: b.DefRange, Level: "warning"}
	content, diags := b.Body.Content(voiceSchema)
	a := attrs{m: content.Attributes, diags: diags}
	a.str("level", &v.Level)
	checkLevel(&a, v.Level)
	a.optNumber("max_grade", &v.MaxGrade)
	a.optInt("max_exclamations", &v.MaxExclamations)
	a.optNumber("min_sentiment", &v.MinSentiment)
	a.optInt("max_caps", &v.MaxCaps)
	a.optInt("max_emoji", &v.MaxEmoji)
	if v.MinSentiment != nil && (*v.MinSentiment < -1 || *v.MinSentiment > 1) {
		a.errorAt("min_sentiment", "Invalid min_sentiment", "Sentiment runs from -1 (negative) to 1 (positive).")
	}
	return v, a.diags
}

var complianceSchema = &hcl.BodySchema{Attributes: optional(
	"preset", "tokens", "patterns", "ignorecase", "when", "requires", "must_include", "message", "level")}

func decodeCompliance(b *hcl.Block, refs *unresolved) (*Compliance, hcl.Diagnostics) {
	c := &Compliance{Name: b.Labels[0], DeclRange: b.DefRange, IgnoreCase: true, Level: "error"}
	content, diags := b.Body.Content(complianceSchema)
	a := attrs{m: content.Attributes, diags: diags}
	a.str("preset", &c.Preset)
	a.strs("tokens", &c.Tokens)
	a.strs("patterns", &c.Patterns)
	a.boolean("ignorecase", &c.IgnoreCase)
	a.str("when", &c.When)
	a.strs("must_include", &c.MustInclude)
	a.str("message", &c.Message)
	a.str("level", &c.Level)
	checkLevel(&a, c.Level)
	checkPatterns(&a, "patterns", c.Patterns)
	if at, ok := a.m["requires"]; ok {
		r, d := getRefs(at, "stage")
		refs.requires[c], a.diags = r, append(a.diags, d...)
	}
	if a.has("preset") {
		p, ok := presetFor(c.Preset)
		if !ok {
			a.errorAt("preset", "Unknown preset", fmt.Sprintf("%q is not a compliance preset; use %s.", c.Preset, strings.Join(PresetNames(), ", ")))
		}
		c.Tokens = append(p.Tokens, c.Tokens...)
		c.Patterns = append(p.Patterns, c.Patterns...)
		if !a.has("must_include") {
			c.MustInclude = p.MustInclude
		}
		if !a.has("message") {
			c.Message = p.Message
		}
	}
	if !a.has("tokens") && !a.has("patterns") && !a.has("when") && !a.has("preset") {
		a.diags = append(a.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Compliance trigger never fires",
			Detail: "Set tokens, patterns or when, so Greenlight knows which posts it applies to.", Subject: b.DefRange.Ptr()})
	}
	return c, a.diags
}

var embargoSchema = &hcl.BodySchema{Attributes: append(optional("tokens", "patterns", "message"),
	hcl.AttributeSchema{Name: "until", Required: true})}

func decodeEmbargo(b *hcl.Block) (*Embargo, hcl.Diagnostics) {
	e := &Embargo{Name: b.Labels[0], DeclRange: b.DefRange}
	content, diags := b.Body.Content(embargoSchema)
	a := attrs{m: content.Attributes, diags: diags}
	a.strs("tokens", &e.Tokens)
	a.strs("patterns", &e.Patterns)
	a.str("message", &e.Message)
	checkPatterns(&a, "patterns", e.Patterns)
	a.time("until", &e.Until)
	if len(e.Tokens) == 0 && len(e.Patterns) == 0 {
		a.diags = append(a.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Empty embargo",
			Detail: "An embargo needs tokens or patterns to look for.", Subject: b.DefRange.Ptr()})
	}
	return e, a.diags
}

func checkLevel(a *attrs, level string) {
	if a.has("level") {
		if _, err := finding.ParseLevel(level); err != nil {
			a.errorAt("level", "Invalid level", "level must be \"error\", \"warning\" or \"info\".")
		}
	}
}

// checkPatterns reports every invalid regular expression of a list, at the
// list item that holds it.
func checkPatterns(a *attrs, name string, patterns []string) {
	at, ok := a.m[name]
	if !ok {
		return
	}
	items, _ := hcl.ExprList(at.Expr)
	for i, p := range patterns {
		if err := style.CheckPattern(p); err != nil {
			r := at.Expr.Range()
			if i < len(items) {
				r = items[i].Range()
			}
			a.diags = append(a.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid regular expression",
				Detail: fmt.Sprintf("%q: %s.", p, err), Subject: &r})
		}
	}
}

var waiverSchema = &hcl.BodySchema{Attributes: append(optional("posts", "until"),
	hcl.AttributeSchema{Name: "rules", Required: true}, hcl.AttributeSchema{Name: "reason", Required: true})}

func decodeWaiver(b *hcl.Block) (*Waiver, hcl.Diagnostics) {
	w := &Waiver{Name: b.Labels[0], DeclRange: b.DefRange}
	content, diags := b.Body.Content(waiverSchema)
	a := attrs{m: content.Attributes, diags: diags}
	a.strs("rules", &w.Rules)
	w.ruleRanges = a.itemRanges("rules")
	if at, ok := a.m["rules"]; ok {
		w.rulesRange = at.Expr.Range().Ptr()
	}
	a.strs("posts", &w.Posts)
	a.str("reason", &w.Reason)
	for _, g := range w.Posts {
		if !doublestar.ValidatePattern(g) {
			a.errorAt("posts", "Invalid glob", fmt.Sprintf("%q is not a valid path pattern.", g))
		}
	}
	if a.has("reason") && strings.TrimSpace(w.Reason) == "" {
		a.errorAt("reason", "Empty reason", "A waiver must say why: auditors read it.")
	}
	a.time("until", &w.Until)
	return w, a.diags
}

func defaultSchedule() Schedule {
	return Schedule{MergeMethod: "squash", Grace: 2 * time.Hour, Due: "earliest", Label: "greenlight: missed schedule"}
}

var scheduleSchema = &hcl.BodySchema{Attributes: optional("merge_method", "grace", "publish_late", "due", "label")}

func decodeSchedule(b *hcl.Block) (Schedule, hcl.Diagnostics) {
	s := defaultSchedule()
	content, diags := b.Body.Content(scheduleSchema)
	a := attrs{m: content.Attributes, diags: diags}
	a.str("merge_method", &s.MergeMethod)
	if a.has("merge_method") && s.MergeMethod != "squash" && s.MergeMethod != "merge" {
		a.errorAt("merge_method", "Invalid merge_method", fmt.Sprintf("merge_method is \"squash\" or \"merge\", not %q: a rebase leaves no merge commit to carry who signed off.", s.MergeMethod))
	}
	a.duration("grace", &s.Grace)
	a.boolean("publish_late", &s.PublishLate)
	a.str("due", &s.Due)
	if a.has("due") && s.Due != "earliest" && s.Due != "latest" {
		a.errorAt("due", "Invalid due", fmt.Sprintf("due is \"earliest\" or \"latest\" (which post's time a pull request is due at), not %q.", s.Due))
	}
	a.str("label", &s.Label)
	return s, a.diags
}

func defaultDeadlines(loc *time.Location) Deadlines {
	if loc == nil {
		loc = time.UTC
	}
	return Deadlines{Calendar: deadline.DefaultCalendar(loc), RemindBefore: 24 * time.Hour}
}

var deadlinesSchema = &hcl.BodySchema{Attributes: optional("default", "business_hours", "business_days", "remind_before")}

var businessHours = regexp.MustCompile(`^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$`)

func decodeDeadlines(b *hcl.Block, loc *time.Location) (Deadlines, hcl.Diagnostics) {
	dl := defaultDeadlines(loc)
	content, diags := b.Body.Content(deadlinesSchema)
	a := attrs{m: content.Attributes, diags: diags}
	dl.Default = a.deadline("default")
	var hours string
	a.str("business_hours", &hours)
	if a.has("business_hours") {
		m := businessHours.FindStringSubmatch(hours)
		var start, end time.Duration
		if m != nil {
			h1, _ := strconv.Atoi(m[1])
			m1, _ := strconv.Atoi(m[2])
			h2, _ := strconv.Atoi(m[3])
			m2, _ := strconv.Atoi(m[4])
			start, end = time.Duration(h1)*time.Hour+time.Duration(m1)*time.Minute, time.Duration(h2)*time.Hour+time.Duration(m2)*time.Minute
		}
		if m == nil || end <= start || end > 24*time.Hour {
			a.errorAt("business_hours", "Invalid business_hours", fmt.Sprintf("%q is not a working day; write it like \"09:00-17:00\".", hours))
		} else {
			dl.Calendar.Start, dl.Calendar.End = start, end
		}
	}
	var days []string
	a.strs("business_days", &days)
	if a.has("business_days") {
		dl.Calendar.Days = [7]bool{}
		for _, d := range days {
			wd, ok := weekday(d)
			if !ok {
				a.errorAt("business_days", "Invalid business_days", fmt.Sprintf("%q is not a day of the week; write \"mon\", \"tue\", ...", d))
				continue
			}
			dl.Calendar.Days[wd] = true
		}
		if len(days) == 0 {
			// No working day: a business-day deadline could never be
			// counted back (it looped for ever).
			a.errorAt("business_days", "Invalid business_days", "Name at least one working day, such as [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"].")
		}
	}
	a.duration("remind_before", &dl.RemindBefore)
	return dl, a.diags
}

func weekday(s string) (time.Weekday, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for d := time.Sunday; d <= time.Saturday; d++ {
		name := strings.ToLower(d.String())
		if s == name || s == name[:3] {
			return d, true
		}
	}
	return 0, false
}

var notifySchema = &hcl.BodySchema{Attributes: optional("type", "url_env", "url", "events")}

func decodeNotify(b *hcl.Block) (*Notify, hcl.Diagnostics) {
	n := &Notify{Name: b.Labels[0], DeclRange: b.DefRange}
	content, diags := b.Body.Content(notifySchema)
	a := attrs{m: content.Attributes, diags: diags}
	a.str("type", &n.Type)
	a.str("url_env", &n.URLEnv)
	a.strs("events", &n.Events)
	if a.has("url") {
		a.errorAt("url", "Webhook URL in the config", "A webhook URL is a secret: keep it out of the repository. Put it in a secret and name the environment variable that holds it with url_env.")
	}
	switch {
	case !a.has("type"):
		a.diags = append(a.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Missing type",
			Detail: fmt.Sprintf("notify %q needs type = \"slack\", \"teams\" or \"webhook\".", n.Name), Subject: b.DefRange.Ptr()})
	case n.Type != "slack" && n.Type != "teams" && n.Type != "webhook":
		a.errorAt("type", "Invalid type", fmt.Sprintf("type is \"slack\", \"teams\" or \"webhook\", not %q.", n.Type))
	}
	if !a.has("url_env") && !a.has("url") {
		a.diags = append(a.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Missing url_env",
			Detail: fmt.Sprintf("notify %q needs url_env, the environment variable that holds the webhook URL (from a secret).", n.Name), Subject: b.DefRange.Ptr()})
	}
	for _, e := range n.Events {
		if !slices.Contains(NotifyEvents(), e) {
			a.errorAt("events", "Unknown event", fmt.Sprintf("%q is not an event; the events are %s.", e, strings.Join(NotifyEvents(), ", ")))
		}
	}
	return n, a.diags
}

// decodeValeRules reads vale_rules = { "Style.Rule" = "NO" | "YES" | LEVEL },
// keeping each key's and value's range: whether a rule exists is known
// only once the style packages are loaded, and the error belongs at its
// name.
func decodeValeRules(at *hcl.Attribute) ([]ValeRule, hcl.Diagnostics) {
	pairs, diags := hcl.ExprMap(at.Expr)
	if diags.HasErrors() {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Invalid vale_rules",
			Detail:  `vale_rules is a map of Vale rule ids to "NO", "YES" or a level, like { "Microsoft.Contractions" = "NO", "Google.Will" = "warning" }.`,
			Subject: at.Expr.Range().Ptr()}}
	}
	var out []ValeRule
	seen := map[string]hcl.Range{}
	for _, p := range pairs {
		r := ValeRule{KeyRange: p.Key.Range(), ValueRange: p.Value.Range()}
		k, kd := p.Key.Value(nil)
		if kd.HasErrors() || k.IsNull() || !k.IsKnown() || k.Type() != cty.String {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid Vale rule id",
				Detail: `Write the rule's id in quotes, as "Style.Rule".`, Subject: r.KeyRange.Ptr()})
			continue
		}
		r.ID = k.AsString()
		v, vd := p.Value.Value(nil)
		if vd.HasErrors() || v.IsNull() || !v.IsKnown() || v.Type() != cty.String {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid Vale rule level",
				Detail: fmt.Sprintf("The level of %q is a string: %s.", r.ID, levelChoices()), Subject: r.ValueRange.Ptr()})
			continue
		}
		r.Level = v.AsString()
		if strings.EqualFold(r.Level, "no") || strings.EqualFold(r.Level, "yes") {
			r.Level = strings.ToUpper(r.Level)
		} else if l, err := finding.ParseLevel(r.Level); err == nil {
			r.Level = l.String()
		} else {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid Vale rule level",
				Detail: fmt.Sprintf("%q is no level for %q: %s.", r.Level, r.ID, levelChoices()), Subject: r.ValueRange.Ptr()})
			continue
		}
		if !strings.Contains(r.ID, ".") {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Not a Vale rule",
				Detail:  fmt.Sprintf("%q is no Vale rule id (Style.Rule); a rule block sets its own level, and a waiver exempts posts from any rule.", r.ID),
				Subject: r.KeyRange.Ptr()})
			continue
		}
		if first, ok := seen[r.ID]; ok {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Duplicate Vale rule",
				Detail: fmt.Sprintf("%q is already set at %s.", r.ID, first), Subject: r.KeyRange.Ptr()})
			continue
		}
		seen[r.ID] = r.KeyRange
		out = append(out, r)
	}
	return out, diags
}

func levelChoices() string {
	return `"NO" turns the rule off, "YES" keeps it at its own level, or "error", "warning" or "info" ("suggestion", Vale's name, is info)`
}
