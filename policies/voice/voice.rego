# METADATA
# title: Voice
# description: |
#   The team's tone of voice (`voice` blocks) against the post's measured
#   tone. A channel's own voice overrides the team's attribute by attribute;
#   each distinct limit a post breaches is reported once, naming the channels
#   it applies to when it is specific to some of them. The level comes from
#   the voice's `level` (warning when unset).
package greenlight.voice

import data.greenlight.lib

# METADATA
# title: Errors
# description: Voice breaches at level error.
deny contains f.violation if {
	some f in findings
	f.decision == "deny"
}

# METADATA
# title: Warnings
# description: Voice breaches at level warning.
warn contains f.violation if {
	some f in findings
	f.decision == "warn"
}

# METADATA
# title: Infos
# description: Voice breaches at level info.
info contains f.violation if {
	some f in findings
	f.decision == "info"
}

# METADATA
# title: Reading grade above the voice's maximum
# description: The post's reading grade is above `max_grade`.
# custom:
#   id: greenlight.voice.max-grade
findings contains finding(b, "greenlight.voice.max-grade", msg) if {
	some b in breaches("max_grade")
	msg := sprintf("Reading grade %s is above the voice's maximum of %s%s.", [
		lib.number(b.value), lib.number(b.limit), b.on,
	])
}

# METADATA
# title: Too many exclamation marks
# description: The post has more exclamation marks than `max_exclamations`.
# custom:
#   id: greenlight.voice.max-exclamations
findings contains finding(b, "greenlight.voice.max-exclamations", msg) if {
	some b in breaches("max_exclamations")
	msg := sprintf("%s exclamation marks; the voice allows at most %s%s.", [
		lib.number(b.value), lib.number(b.limit), b.on,
	])
}

# METADATA
# title: Sentiment below the voice's minimum
# description: The post's sentiment is below `min_sentiment`.
# custom:
#   id: greenlight.voice.min-sentiment
findings contains finding(b, "greenlight.voice.min-sentiment", msg) if {
	some b in breaches("min_sentiment")
	msg := sprintf("Sentiment %s is below the voice's minimum of %s%s.", [
		lib.number(b.value), lib.number(b.limit), b.on,
	])
}

# METADATA
# title: Too many words in capitals
# description: The post has more words in ALL CAPS than `max_caps`.
# custom:
#   id: greenlight.voice.max-caps
findings contains finding(b, "greenlight.voice.max-caps", msg) if {
	some b in breaches("max_caps")
	msg := sprintf("%s words in ALL CAPS; the voice allows at most %s%s.", [
		lib.number(b.value), lib.number(b.limit), b.on,
	])
}

# METADATA
# title: Too many emoji
# description: The post has more emoji than `max_emoji`.
# custom:
#   id: greenlight.voice.max-emoji
findings contains finding(b, "greenlight.voice.max-emoji", msg) if {
	some b in breaches("max_emoji")
	msg := sprintf("%s emoji; the voice allows at most %s%s.", [
		lib.number(b.value), lib.number(b.limit), b.on,
	])
}

# METADATA
# title: Finding
# description: |
#   A voice breach with the decision of its level, placed at the post's
#   body. rule is the finding rule's custom.id.
finding(b, rule, msg) := {
	"decision": lib.decision(b.level),
	"violation": lib.finding(msg, rule, body),
}

# METADATA
# title: Body
# description: The position of the post's body.
body := object.get(input, ["post", "positions", "body"], null)

# METADATA
# title: Measures
# description: The tone measure each voice attribute limits.
measures := {
	"max_grade": "grade",
	"max_exclamations": "exclamations",
	"min_sentiment": "sentiment",
	"max_caps": "caps",
	"max_emoji": "emoji",
}

# METADATA
# title: Breaches
# description: |
#   Each distinct limit of an attribute that the post breaches, with the
#   measured value, the level, and how a message names the channels it
#   applies to (" on X" when the limit is specific to some channels).
breaches(attr) := {b |
	value := input.tone[measures[attr]]
	is_number(value)
	hs := hits(attr, value)
	some h in hs
	chans := {ch | some [ch, lim, lvl] in hs; lim == h[1]; lvl == h[2]}
	b := {"value": value, "limit": h[1], "level": h[2], "on": on_channels(attr, chans)}
}

# METADATA
# title: Hits
# description: |
#   [channel, limit, level] for each targeted channel whose effective limit
#   of an attribute the value breaches. A post without channels gets the
#   team's voice (channel "").
hits(attr, value) := {[ch, limit, level(ch)] |
	some ch in targeted
	limit := effective_limit(ch, attr)
	breached(attr, value, limit)
} if {
	count(targeted) > 0
} else := {["", limit, team_level] |
	limit := team_limit(attr)
	breached(attr, value, limit)
}

# METADATA
# title: Breached
# description: Whether a value breaches an attribute's limit (a minimum for min_sentiment, else a maximum).
breached("min_sentiment", value, limit) if value < limit

breached(attr, value, limit) if {
	attr != "min_sentiment"
	value > limit
}

# METADATA
# title: Targeted channels
# description: The channels the post targets.
targeted := {ch | some ch in input.post.channels}

# METADATA
# title: Effective limit
# description: A channel's limit of an attribute, its own voice's first, else the team's.
effective_limit(ch, attr) := v if {
	v := input.config.channel_voice[ch][attr]
	is_number(v)
} else := team_limit(attr)

# METADATA
# title: Overridden
# description: Whether a channel's own voice sets a limit for an attribute.
overridden(ch, attr) if is_number(input.config.channel_voice[ch][attr])

# METADATA
# title: Team limit
# description: The limit the team's voice sets for an attribute.
team_limit(attr) := v if {
	v := input.config.voice[attr]
	is_number(v)
}

# METADATA
# title: Level
# description: |
#   The level of a channel's voice findings: the channel voice's `level`,
#   else the team voice's, else warning.
level(ch) := l if {
	l := input.config.channel_voice[ch].level
	is_string(l)
	l != ""
} else := team_level

# METADATA
# title: Team level
# description: The team voice's level, warning when unset.
team_level := l if {
	l := input.config.voice.level
	is_string(l)
	l != ""
} else := "warning"

# METADATA
# title: Channel-specific
# description: |
#   Whether a limit is specific to some channels: a channel's own voice sets
#   it, or it does not apply to every targeted channel.
specific(attr, chans) if {
	some ch in chans
	overridden(ch, attr)
}

specific(_, chans) if count(chans) < count(targeted)

# METADATA
# title: On channels
# description: The channels a limit is specific to, for a message; empty when it is the team's everywhere.
on_channels(attr, chans) := sprintf(" on %s", [lib.channel_list(chans)]) if specific(attr, chans)

else := ""
