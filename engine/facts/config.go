package facts

import (
	"fmt"
	"time"

	"github.com/greenlighthq/greenlight/engine/config"
)

// configDoc is the config as policies see it (input.config).
func configDoc(cfg *config.Config) map[string]any {
	roles := map[string]any{}
	for _, r := range cfg.Roles {
		roles[r.Name] = map[string]any{"team": r.Team, "users": stringsAny(r.Users)}
	}
	stages := make([]any, len(cfg.Stages))
	for i, s := range cfg.Stages {
		approvers := make([]string, len(s.Approvers))
		for j, r := range s.Approvers {
			approvers[j] = r.Name
		}
		after := make([]string, len(s.After))
		for j, a := range s.After {
			after[j] = a.Name
		}
		stages[i] = map[string]any{"name": s.Name, "approvers": stringsAny(approvers), "after": stringsAny(after),
			"when": s.When, "min_approvals": s.MinApprovals}
	}
	channelVoice := map[string]any{}
	for _, c := range cfg.Channels {
		if c.Voice != nil {
			// Only what the channel sets: the rest comes from the team's voice.
			v := voiceDoc(c.Voice)
			delete(v, "level") // the level is the team's
			for k, x := range v {
				if x == nil {
					delete(v, k)
				}
			}
			channelVoice[c.Name] = v
		}
	}
	compliance := make([]any, len(cfg.Compliance))
	for i, c := range cfg.Compliance {
		requires := make([]string, len(c.Requires))
		for j, s := range c.Requires {
			requires[j] = s.Name
		}
		compliance[i] = map[string]any{"name": c.Name, "when": c.When, "requires": stringsAny(requires),
			"must_include": stringsAny(c.MustInclude), "level": c.Level, "message": c.Message, "preset": c.Preset}
	}
	embargoes := make([]any, len(cfg.Embargoes))
	for i, e := range cfg.Embargoes {
		embargoes[i] = map[string]any{"name": e.Name, "until": e.Until.UTC().Format(time.RFC3339), "message": e.Message}
	}
	var voice any
	if cfg.Voice != nil {
		voice = voiceDoc(cfg.Voice)
	}
	return map[string]any{
		"timezone":      cfg.Settings.Timezone,
		"roles":         roles,
		"stages":        stages,
		"voice":         voice,
		"channel_voice": channelVoice,
		"compliance":    compliance,
		"embargoes":     embargoes,
	}
}

// voiceAttributes are the limits a voice block can set, in the config's
// order.
func voiceAttributes() []string {
	return []string{"max_grade", "max_exclamations", "min_sentiment", "max_caps", "max_emoji"}
}

// voiceMaxima pairs each maximum a voice can set with the tone measure it
// limits, in the config's order.
func voiceMaxima() [][2]string {
	return [][2]string{{"max_grade", "grade"}, {"max_exclamations", "exclamations"}, {"max_caps", "caps"}, {"max_emoji", "emoji"}}
}

// channelVoiceDoc is a channel's effective voice (channels[ch].voice): the
// team's voice with the channel's own voice block laid over it attribute by
// attribute, the level of a breach (the team's; warning when the config has
// no voice), the attributes the channel's own block sets (overrides), and
// the maxima it sets as [attribute, measure, limit] (maxima), so that the
// voice policy iterates only the limits that exist: it runs for every
// channel of every post, and most voices set two or three.
func channelVoiceDoc(cfg *config.Config, name string) map[string]any {
	team := map[string]any{}
	level := "warning"
	if cfg.Voice != nil {
		team = voiceDoc(cfg.Voice)
		if cfg.Voice.Level != "" {
			level = cfg.Voice.Level
		}
	}
	own := map[string]any{}
	if c := cfg.Channel(name); c != nil && c.Voice != nil {
		own = voiceDoc(c.Voice)
	}
	doc := map[string]any{"level": level}
	overrides := []any{}
	for _, attr := range voiceAttributes() {
		doc[attr] = team[attr]
		if v := own[attr]; v != nil {
			doc[attr] = v
			overrides = append(overrides, attr)
		}
	}
	doc["overrides"] = overrides
	maxima := []any{}
	for _, m := range voiceMaxima() {
		if limit := doc[m[0]]; limit != nil {
			maxima = append(maxima, []any{m[0], m[1], limit})
		}
	}
	doc["maxima"] = maxima
	return doc
}

func voiceDoc(v *config.Voice) map[string]any {
	opt := func(p any) any {
		switch p := p.(type) {
		case *float64:
			if p != nil {
				return *p
			}
		case *int:
			if p != nil {
				return *p
			}
		}
		return nil
	}
	return map[string]any{"max_grade": opt(v.MaxGrade), "max_exclamations": opt(v.MaxExclamations),
		"min_sentiment": opt(v.MinSentiment), "max_caps": opt(v.MaxCaps), "max_emoji": opt(v.MaxEmoji), "level": v.Level}
}

func fmtAny(v any) string { return fmt.Sprint(v) }

func stringsAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
