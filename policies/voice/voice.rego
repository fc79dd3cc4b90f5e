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
findings contains {"decision": l.decision, "violation": object.union(body, {"msg": msg, "rule": "greenlight.voice.max-grade"})} if {
	value := input.tone.grade
	is_number(value)
	some l in limits("max_grade")
	value > l.limit
	msg := sprintf("Reading grade %s is above the voice's maximum of %s%s.", [
		lib.number(value), lib.number(l.limit), l.on,
	])
}

# METADATA
# title: Too many exclamation marks
# description: The post has more exclamation marks than `max_exclamations`.
# custom:
#   id: greenlight.voice.max-exclamations
findings contains {"decision": l.decision, "violation": object.union(body, {"msg": msg, "rule": "greenlight.voice.max-exclamations"})} if {
	value := input.tone.exclamations
	is_number(value)
	some l in limits("max_exclamations")
	value > l.limit
	msg := sprintf("%s exclamation marks; the voice allows at most %s%s.", [
		lib.number(value), lib.number(l.limit), l.on,
	])
}

# METADATA
# title: Sentiment below the voice's minimum
# description: The post's sentiment is below `min_sentiment`.
# custom:
#   id: greenlight.voice.min-sentiment
findings contains {"decision": l.decision, "violation": object.union(body, {"msg": msg, "rule": "greenlight.voice.min-sentiment"})} if {
	value := input.tone.sentiment
	is_number(value)
	some l in limits("min_sentiment")
	value < l.limit
	msg := sprintf("Sentiment %s is below the voice's minimum of %s%s.", [
		lib.number(value), lib.number(l.limit), l.on,
	])
}

# METADATA
# title: Too many words in capitals
# description: The post has more words in ALL CAPS than `max_caps`.
# custom:
#   id: greenlight.voice.max-caps
findings contains {"decision": l.decision, "violation": object.union(body, {"msg": msg, "rule": "greenlight.voice.max-caps"})} if {
	value := input.tone.caps
	is_number(value)
	some l in limits("max_caps")
	value > l.limit
	msg := sprintf("%s words in ALL CAPS; the voice allows at most %s%s.", [
		lib.number(value), lib.number(l.limit), l.on,
	])
}

# METADATA
# title: Too many emoji
# description: The post has more emoji than `max_emoji`.
# custom:
#   id: greenlight.voice.max-emoji
findings contains {"decision": l.decision, "violation": object.union(body, {"msg": msg, "rule": "greenlight.voice.max-emoji"})} if {
	value := input.tone.emoji
	is_number(value)
	some l in limits("max_emoji")
	value > l.limit
	msg := sprintf("%s emoji; the voice allows at most %s%s.", [
		lib.number(value), lib.number(l.limit), l.on,
	])
}

# METADATA
# title: Body
# description: The position of the post's body, as violation fields (none when unknown).
body := object.filter(pos, lib.position_keys) if {
	pos := input.post.positions.body
	is_object(pos)
} else := {}

# METADATA
# title: Effective limits
# description: |
#   Each distinct limit of an attribute that applies to the post, with the
#   decision of its level and how a message names the channels it applies
#   to (" on X" when the limit is specific to some channels). Without
#   channel voices for the targeted channels (or without channels), that is
#   the team's limit everywhere.
limits(attr) := {{"limit": limit, "decision": team_decision, "on": ""} |
	limit := input.config.voice[attr]
	is_number(limit)
} if {
	not customized
} else := {l |
	entries := channel_limits[attr]
	some [limit, lvl] in {[limit, lvl] | some [_, limit, lvl] in entries}
	chans := {ch | some [ch, lim, lv] in entries; lim == limit; lv == lvl}
	l := {"limit": limit, "decision": lib.decision(lvl), "on": on_channels(attr, chans)}
}

# METADATA
# title: Customized
# description: Whether a channel the post targets has its own voice.
customized if {
	some ch in input.post.channels
	input.config.channel_voice[ch]
}

# METADATA
# title: Channel limits
# description: For each attribute, [channel, limit, level] of each targeted channel that has a limit.
channel_limits[attr] contains [ch, limit, level] if {
	some ch, level in channel_levels
	some attr in attributes
	limit := effective_limit(ch, attr)
}

# METADATA
# title: Channel levels
# description: The level of each targeted channel's voice findings.
channel_levels := {ch: level(ch) | some ch in targeted}

# METADATA
# title: Voice attributes
# description: The limits a voice block can set.
attributes := ["max_grade", "max_exclamations", "min_sentiment", "max_caps", "max_emoji"]

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
} else := v if {
	v := input.config.voice[attr]
	is_number(v)
}

# METADATA
# title: Overridden
# description: Whether a channel's own voice sets a limit for an attribute.
overridden(ch, attr) if is_number(input.config.channel_voice[ch][attr])

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
# title: Team decision
# description: The decision of the team voice's level.
team_decision := d if {
	d := lib.decisions[input.config.voice.level]
} else := lib.decision(team_level)

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
