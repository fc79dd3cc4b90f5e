# METADATA
# title: Voice
# description: |
#   The team's tone of voice (`voice` blocks) against the tone of the text
#   each channel posts (channels[ch].tone), within that channel's effective
#   voice (channels[ch].voice: the team's, with the channel's own voice over
#   it attribute by attribute). Breaches of the same limit by the same value
#   are reported once, naming the channels when the finding is specific to
#   some of them. A post without channels is judged by its own tone against
#   the team's voice. The level comes from the voice's `level` (warning when
#   unset).
package greenlight.voice

import data.greenlight.lib

# METADATA
# title: Errors
# description: Voice breaches at level error.
deny contains violation(key, chans) if {
	some key, chans in breaches
	key[3] == "deny"
}

# METADATA
# title: Warnings
# description: Voice breaches at level warning.
warn contains violation(key, chans) if {
	some key, chans in breaches
	key[3] == "warn"
}

# METADATA
# title: Infos
# description: Voice breaches at level info.
info contains violation(key, chans) if {
	some key, chans in breaches
	key[3] == "info"
}

# METADATA
# title: Violation
# description: A breach as a violation at the post's body, its message naming the channels when specific.
violation([attr, value, limit, _], chans) := object.union(body, breach(attr, value, limit, on_channels(attr, chans)))

# METADATA
# title: Reading grade above the voice's maximum
# description: The text's reading grade is above `max_grade`.
# custom:
#   id: greenlight.voice.max-grade
breach("max_grade", value, limit, on) := {"rule": "greenlight.voice.max-grade", "msg": sprintf(
	"Reading grade %s is above the voice's maximum of %s%s.",
	[lib.number(value), lib.number(limit), on],
)}

# METADATA
# title: Too many exclamation marks
# description: The text has more exclamation marks than `max_exclamations`.
# custom:
#   id: greenlight.voice.max-exclamations
breach("max_exclamations", value, limit, on) := {"rule": "greenlight.voice.max-exclamations", "msg": sprintf(
	"%s; the voice allows at most %s%s.",
	[lib.quantity(value, "exclamation mark", "exclamation marks"), lib.number(limit), on],
)}

# METADATA
# title: Sentiment below the voice's minimum
# description: The text's sentiment is below `min_sentiment`.
# custom:
#   id: greenlight.voice.min-sentiment
breach("min_sentiment", value, limit, on) := {"rule": "greenlight.voice.min-sentiment", "msg": sprintf(
	"Sentiment %s is below the voice's minimum of %s%s.",
	[lib.number(value), lib.number(limit), on],
)}

# METADATA
# title: Too many words in capitals
# description: The text has more words in ALL CAPS than `max_caps`.
# custom:
#   id: greenlight.voice.max-caps
breach("max_caps", value, limit, on) := {"rule": "greenlight.voice.max-caps", "msg": sprintf(
	"%s in ALL CAPS; the voice allows at most %s%s.",
	[lib.quantity(value, "word", "words"), lib.number(limit), on],
)}

# METADATA
# title: Too many emoji
# description: The text has more emoji than `max_emoji`.
# custom:
#   id: greenlight.voice.max-emoji
breach("max_emoji", value, limit, on) := {"rule": "greenlight.voice.max-emoji", "msg": sprintf(
	"%s emoji; the voice allows at most %s%s.",
	[lib.number(value), lib.number(limit), on],
)}

# METADATA
# title: Breaches
# description: |
#   The channels breaching each limit, keyed by [attribute, value, limit,
#   decision of the voice's level]: channels whose text measures the same
#   and whose voice sets the same limit at the same level share a finding.
breaches := {key: {ch | some [k, ch] in breaching; k == key} | some [key, _] in breaching}

# METADATA
# title: Breaching
# description: |
#   [key, channel] for each limit a channel's text breaches. A maximum
#   (max_grade, max_exclamations, max_caps, max_emoji) limits the tone's
#   grade, exclamations, caps and emoji, and the voice lists those it sets
#   in `maxima` as [attribute, measure, limit]; min_sentiment limits its
#   sentiment. A limit that is null (or not a number) is no limit; a
#   measure that is not a number is no breach.
breaching contains [[attr, value, limit, lib.decision(c.voice.level)], ch] if {
	some ch, c in judged
	some [attr, measure, limit] in c.voice.maxima
	value := c.tone[measure]
	value > limit
	is_number(value)
	is_number(limit)
}

breaching contains [["min_sentiment", value, limit, lib.decision(c.voice.level)], ch] if {
	some ch, c in judged
	limit := c.voice.min_sentiment
	is_number(limit)
	value := c.tone.sentiment
	value < limit
	is_number(value)
}

# METADATA
# title: Judged
# description: |
#   The tone and effective voice of each channel the post targets
#   (channels[ch].tone and .voice; a channel Greenlight does not measure
#   takes the post's tone and the team's voice). A post without channels is
#   judged as a whole, under "".
judged := {"": {"tone": input.tone, "voice": team_voice}} if {
	count(input.post.channels) == 0
} else := input.channels if {
	# Every channel is measured (and named once): the usual case.
	count(input.channels) == count(input.post.channels)
} else := object.union({ch: {"tone": input.tone, "voice": team_voice} | some ch in input.post.channels}, input.channels)

# METADATA
# title: Team voice
# description: The team's voice as a channel's effective voice, for text no channel's voice covers.
team_voice := object.union(input.config.voice, {"level": team_level, "overrides": [], "maxima": [[attr, measure, limit] |
	some [attr, measure] in [["max_grade", "grade"], ["max_exclamations", "exclamations"], ["max_caps", "caps"], ["max_emoji", "emoji"]]
	limit := input.config.voice[attr]
	limit != null
]}) if {
	is_object(input.config.voice)
} else := {"level": "warning", "overrides": [], "maxima": []}

# METADATA
# title: Team level
# description: The team voice's level, warning when unset.
team_level := l if {
	l := input.config.voice.level
	is_string(l)
	l != ""
} else := "warning"

# METADATA
# title: Body
# description: The position of the post's body, as violation fields (none when unknown).
body := object.filter(pos, ["line", "col", "end_line", "end_col"]) if {
	pos := input.post.positions.body
	is_object(pos)
} else := {}

# METADATA
# title: On channels
# description: |
#   The channels a finding is specific to, for a message: " on X" when some
#   of them set the limit in their own voice, or when not every channel the
#   post targets breaches it; empty when it is the team's everywhere.
on_channels(attr, chans) := sprintf(" on %s", [lib.channel_list(chans)]) if {
	specific(attr, chans)
} else := ""

# METADATA
# title: Channel-specific
# description: Whether a finding is specific to some of the channels (see on_channels).
specific(_, chans) if count(chans) < count(judged)

specific(attr, chans) if {
	some ch in chans
	attr in judged[ch].voice.overrides
}
