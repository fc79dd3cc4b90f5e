package config

import (
	"time"

	"github.com/greenlighthq/greenlight/engine/deadline"
	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/style"
	"github.com/hashicorp/hcl/v2"
)

// FileName is the name Greenlight looks for.
const FileName = "greenlight.hcl"

// Config is a loaded, validated greenlight.hcl.
type Config struct {
	// File is the config file's path; empty for the built-in defaults.
	File string
	// Dir is the folder paths in the config are relative to.
	Dir string

	Settings Settings
	Roles    []*Role
	Stages   []*Stage // in an order where every stage follows its `after` stages
	Channels []*Channel
	Voice    *Voice // nil when the config sets no voice
	Rules    []style.Spec
	// Spelling is the spelling block; nil when there is none.
	Spelling   *Spelling
	Compliance []*Compliance
	Embargoes  []*Embargo
	Waivers    []*Waiver
	Schedule   Schedule
	Deadlines  Deadlines
	Notify     []*Notify
	// Sources are the shared rulebooks, in the order written.
	Sources []*Source
	// Shared are the blocks the sources' config fragments provide, by
	// address ("compliance.financial-claims", "voice"): those added to the
	// config, and those a block of the repository's own tightens (see
	// WithShared). Empty until WithShared.
	Shared map[string]*SharedBlock

	// ruleRanges are where each rule block is declared, by id: a rule is
	// a style.Spec, which keeps its place only as text.
	ruleRanges map[string]hcl.Range
}

// Deadlines are when stages are due and when people are reminded.
type Deadlines struct {
	// Default applies to stages without their own due; nil means none.
	Default *deadline.Rule
	// Calendar is the team's working time, for business days and hours.
	Calendar deadline.Calendar
	// RemindBefore is how long before a stage's deadline its people get
	// the "due soon" reminder; a second comes once it is overdue.
	RemindBefore time.Duration
}

// DueFor is a stage's deadline rule, or nil.
func (d Deadlines) DueFor(s *Stage) *deadline.Rule {
	if s.Due != nil {
		return s.Due
	}
	return d.Default
}

// Notify sends events to a chat or webhook. The URL is never in the
// config: it comes from the environment variable URLEnv (a secret).
type Notify struct {
	Name   string
	Type   string // slack, teams or webhook
	URLEnv string
	// Events are those sent; every event when empty.
	Events    []string
	DeclRange hcl.Range
}

// NotifyEvents are the events a notify block can send.
func NotifyEvents() []string {
	return []string{"stage_requested", "reminder", "publish_blocked", "published"}
}

// Schedule is how scheduled publishing merges due pull requests.
type Schedule struct {
	// MergeMethod is "squash" (default) or "merge". Rebasing is not
	// offered: it leaves no commit to carry the sign-off record.
	MergeMethod string
	// Grace is how late a post may still be published; past it, a post
	// is missed and waits for someone to re-approve or re-schedule it.
	Grace time.Duration
	// PublishLate publishes overdue posts anyway.
	PublishLate bool
	// Due is "earliest" (default: a pull request is due at its earliest
	// post's time) or "latest".
	Due string
	// Label marks pull requests that missed their time.
	Label string
}

// Waiver exempts posts from named rules, for a reason, optionally until a
// time. Every use of a waiver is reported.
type Waiver struct {
	Name   string
	Rules  []string
	Posts  []string // globs relative to Dir; empty means every post
	Reason string
	// Until is zero when the waiver does not expire.
	Until     time.Time
	DeclRange hcl.Range
	// rulesRange is where rules is written; ruleRanges where each of its
	// elements is, so a rule id no finding carries is shown at itself.
	rulesRange *hcl.Range
	ruleRanges []hcl.Range
}

// RuleRange is where the i-th entry of rules is written: the element, else
// the whole list (built by an expression), else the block.
func (w *Waiver) RuleRange(i int) *hcl.Range {
	if r := rangeAt(w.ruleRanges, i); r != nil {
		return r
	}
	if w.rulesRange != nil {
		return w.rulesRange
	}
	return w.DeclRange.Ptr()
}

// Settings is the `greenlight` block.
type Settings struct {
	PublishBranch string
	// Content and Ignore are globs (with **) relative to Dir.
	Content []string
	Ignore  []string
	// IgnoreDeclared says the config writes its own ignore list: only
	// then does it say which files under the content folders are not
	// content (see ContentRoots).
	IgnoreDeclared bool
	// Timezone is the IANA name; Location is it loaded.
	Timezone string
	Location *time.Location
	// Policies and Styles are folders relative to Dir.
	Policies []string
	Styles   []string
	// Vocabularies are Vale vocabulary folders (accept.txt, reject.txt)
	// relative to Dir.
	Vocabularies []string
	// policyRanges, styleRanges and vocabularyRanges are where each
	// folder is written.
	policyRanges, styleRanges, vocabularyRanges []hcl.Range
	// AllowBuiltins widens the Rego builtins team policies may call beyond
	// the safe default (which leaves out network and environment access).
	AllowBuiltins []string
	// FailOn is the lowest finding level that fails a check; default
	// Error.
	FailOn finding.Level
	// ConfigStage is the stage a pull request needs when it changes how
	// posts are judged: this file, its policy and style folders, or the
	// repository's workflows. Default "owners".
	ConfigStage string
	// configStageRange is where config_stage is set, when it is.
	configStageRange *hcl.Range
	// CommentCommands lets people in a role approve with an /approve
	// comment instead of a review.
	CommentCommands bool
	// AuthorSwitches is what an author may switch off inside a post with
	// <!-- greenlight off --> and its kind: "warnings" (the default: the
	// style guide's warnings and info, never an error, which the team set
	// to block), "all" (errors too, as Vale lets) or "none".
	AuthorSwitches string
	// FrontMatterKeys are the front-matter keys the team's posts may use
	// beyond those Greenlight reads (content.FrontMatterKeys); any other
	// key is an error.
	FrontMatterKeys []string
	// MaxPostSize is the largest post file, in bytes, Greenlight reads; a
	// larger one is an error, found without reading it whole.
	MaxPostSize int
	// ValeRules turn a style package's rules off or change their level,
	// as `Style.Rule = NO` or `Style.Rule = warning` do in .vale.ini, in
	// the order written: a team adopts a package without editing it.
	ValeRules []ValeRule
}

// The values of author_switches.
const (
	SwitchWarnings = "warnings"
	SwitchAll      = "all"
	SwitchNone     = "none"
)

// ValeRule is one entry of the greenlight block's vale_rules.
type ValeRule struct {
	ID string // Style.Rule
	// Level is "NO" (off), "YES" (on, at the rule's own level), or
	// "error", "warning" or "info".
	Level string
	// KeyRange is where the id is written, so a rule no style package
	// has is shown at its name; ValueRange where its level is.
	KeyRange, ValueRange hcl.Range
}

// Off reports whether the entry turns its rule off.
func (v ValeRule) Off() bool { return v.Level == "NO" }

// ValeLevels are the values a vale_rules entry takes.
func ValeLevels() []string { return []string{"NO", "YES", "error", "warning", "info", "suggestion"} }

// DefaultMaxPostSize is 256 KiB: four times the longest post any platform
// takes (Facebook's 63,206 characters), room for front matter, variants
// and multi-byte text, yet small enough that a stray export or a runaway
// file cannot stall a check.
const DefaultMaxPostSize = 256 << 10

// StyleRange is where the i-th entry of styles is written in the config,
// or nil (the built-in defaults have none).
func (s Settings) StyleRange(i int) *hcl.Range { return rangeAt(s.styleRanges, i) }

// VocabularyRange is where the i-th entry of vocabularies is written, or
// nil.
func (s Settings) VocabularyRange(i int) *hcl.Range { return rangeAt(s.vocabularyRanges, i) }

// PolicyRange is where the i-th entry of policies is written, or nil.
func (s Settings) PolicyRange(i int) *hcl.Range { return rangeAt(s.policyRanges, i) }

func rangeAt(rs []hcl.Range, i int) *hcl.Range {
	if i < 0 || i >= len(rs) {
		return nil
	}
	return rs[i].Ptr()
}

// Role is a group of people who can sign off: a GitHub team, users, or both.
type Role struct {
	Name      string
	Team      string   // "org/slug"
	Users     []string // GitHub logins
	DeclRange hcl.Range
}

// Stage is a sign-off step.
type Stage struct {
	Name      string
	Approvers []*Role
	After     []*Stage
	// When says when the stage is required: "always" (the default),
	// "compliance" (when any compliance trigger fires),
	// "compliance.NAME", "channel.NAME", "post.FIELD" (a front-matter
	// field is true or non-empty), or "config" (no post: only a pull
	// request changing the config, as greenlight.config_stage).
	When string
	// whenRange is where when is written, when it is.
	whenRange    *hcl.Range
	MinApprovals int
	// Due is the stage's deadline; nil means the deadlines block's
	// default (or none).
	Due       *deadline.Rule
	DeclRange hcl.Range
}

// Channel is a team's settings for one platform, on top of the built-in
// limits.
type Channel struct {
	Name string
	// Zero values mean "the platform's own limit".
	MaxLength   int
	MaxHashtags int
	MaxLinks    int
	// RequireAltText is nil when unset (platform default: required).
	RequireAltText   *bool
	AllowedDomains   []string
	ForbiddenDomains []string
	// UTM lists query parameters every link must carry (utm_source, ...).
	UTM       []string
	Voice     *Voice
	DeclRange hcl.Range
}

// Voice is the team's tone of voice. Nil pointers mean "no limit".
type Voice struct {
	MaxGrade        *float64
	MaxExclamations *int
	MinSentiment    *float64
	MaxCaps         *int // words in ALL CAPS
	MaxEmoji        *int
	// Level of a voice finding: "error", "warning" (default) or "info".
	Level     string
	DeclRange hcl.Range
}

// Limits is whether the voice sets any limit; false for a nil voice.
func (v *Voice) Limits() bool {
	return v != nil && (v.MaxGrade != nil || v.MaxExclamations != nil || v.MinSentiment != nil || v.MaxCaps != nil || v.MaxEmoji != nil)
}

// Compliance is a trigger that needs extra care: it fires on tokens,
// patterns or a condition, requires stages, and can demand text.
type Compliance struct {
	Name string
	// Preset names built-in tokens and patterns the block starts from
	// (see Presets); the block's own attributes add to them.
	Preset      string
	Tokens      []string
	Patterns    []string
	IgnoreCase  bool
	When        string // "post.sponsored", ...
	Requires    []*Stage
	MustInclude []string
	Message     string
	Level       string
	DeclRange   hcl.Range
}

// Embargo forbids terms until a time.
type Embargo struct {
	Name      string
	Tokens    []string
	Patterns  []string
	Until     time.Time
	Message   string
	DeclRange hcl.Range
}

// Role returns the role with the name, or nil.
func (c *Config) Role(name string) *Role {
	for _, r := range c.Roles {
		if r.Name == name {
			return r
		}
	}
	return nil
}

// Stage returns the stage with the name, or nil.
func (c *Config) Stage(name string) *Stage {
	for _, s := range c.Stages {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// Channel returns the team's settings for a channel, or nil.
func (c *Config) Channel(name string) *Channel {
	for _, ch := range c.Channels {
		if ch.Name == name {
			return ch
		}
	}
	return nil
}
