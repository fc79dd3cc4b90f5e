# METADATA
# title: Compliance
# description: |
#   Compliance triggers (`compliance` blocks). A trigger fires for a post when
#   its tokens or patterns match (input.matches.compliance) or its `when`
#   condition holds. A fired trigger requires its stages and its
#   `must_include` texts; every match is noted at its place.
package greenlight.compliance

import data.greenlight.lib

# METADATA
# title: Fired triggers
# description: The names of the compliance triggers that fire for the post.
fired contains m.trigger if {
	some m in input.matches.compliance
}

fired contains t.name if {
	some t in input.config.compliance
	startswith(t.when, "post.")
	lib.post_condition(input.post, t.when)
}

# METADATA
# title: Required stages
# description: The sign-off stages the fired triggers require.
required_stages contains stage if {
	count(fired) > 0
	some t in input.config.compliance
	t.name in fired
	some stage in t.requires
}

# METADATA
# title: Errors
# description: Compliance findings at level error.
deny contains f.violation if {
	some f in findings
	f.decision == "deny"
}

# METADATA
# title: Warnings
# description: Compliance findings at level warning.
warn contains f.violation if {
	some f in findings
	f.decision == "warn"
}

# METADATA
# title: Infos
# description: Compliance findings at level info, and every trigger match.
info contains f.violation if {
	some f in findings
	f.decision == "info"
}

# METADATA
# title: Compliance match
# description: |
#   Where a trigger's token or pattern matched, which trigger it is and which
#   stages must sign off (always at level info).
# custom:
#   id: greenlight.compliance.match
info contains lib.finding(match_message(m), "greenlight.compliance.match", m) if {
	some m in input.matches.compliance
}

# METADATA
# title: Required text missing
# description: |
#   A fired trigger's `must_include` text is missing from the post, at the
#   trigger's level. Text is searched case-insensitively; a hashtag
#   ("#ad") must be one of the post's hashtags.
# custom:
#   id: greenlight.compliance.must-include
findings contains {"decision": lib.decision(lib.level_or(t, "level", "error")), "violation": v} if {
	count(fired) > 0
	some t in input.config.compliance
	t.name in fired
	some text in t.must_include
	not included(text)
	v := lib.finding(must_include_message(t, text), "greenlight.compliance.must-include", body)
}

# METADATA
# title: Required text missing from a channel's copy
# description: |
#   A fired trigger's `must_include` text is in the post but not in the
#   text some channel posts (a post with a section of its own for a
#   channel), at the trigger's level, naming those channels.
# custom:
#   id: greenlight.compliance.must-include
findings contains {"decision": lib.decision(lib.level_or(t, "level", "error")), "violation": v} if {
	count(fired) > 0
	some t in input.config.compliance
	t.name in fired
	some text in t.must_include
	included(text)
	missing := {ch | some ch, c in object.get(input, "channels", {}); not in_copy(text, c)}
	count(missing) > 0
	msg := sprintf("%s It is missing from the copy for %s.", [must_include_message(t, text), lib.channel_list(missing)])
	v := lib.finding(msg, "greenlight.compliance.must-include", body)
}

# METADATA
# title: In a copy
# description: |
#   Whether a channel's copy includes a required text, as included reads
#   the post: case-insensitively, and a hashtag among the copy's hashtags.
in_copy(text, c) if {
	not hashtag(text)
	contains(lower(object.get(c, "text", "")), lower(text))
}

in_copy(text, c) if {
	hashtag(text)
	some h in object.get(c, "hashtags_in_copy", [])
	lower(trim_prefix(h.text, "#")) == lower(trim_prefix(text, "#"))
}

# METADATA
# title: Triggers
# description: The config's compliance triggers.
triggers := object.get(input, ["config", "compliance"], [])

# METADATA
# title: Body
# description: The position of the post's body.
body := object.get(input, ["post", "positions", "body"], null)

# METADATA
# title: Included
# description: Whether the post includes a required text.
included(text) if {
	not hashtag(text)
	contains(lower(object.get(input.post, "text", "")), lower(text))
}

included(text) if {
	hashtag(text)
	some h in object.get(input.post, "hashtags", [])
	lower(trim_prefix(h.text, "#")) == lower(trim_prefix(text, "#"))
}

# METADATA
# title: Hashtag
# description: Whether a required text is a single hashtag, like "#ad".
hashtag(text) if regex.match(`^#[^\s#]+$`, text)

# METADATA
# title: Must-include message
# description: |
#   The trigger's own message (with %s standing for the missing text), or
#   "Sponsored posts must include #ad.".
must_include_message(t, text) := msg if {
	msg := object.get(t, "message", "")
	is_string(msg)
	msg != ""
	not contains(msg, "%s")
} else := sprintf(t.message, [text]) if {
	is_string(t.message)
	t.message != ""
} else := sprintf("%s posts must include %s.", [lib.capitalized(replace(t.name, "-", " ")), text])

# METADATA
# title: Match message
# description: |
#   "'risk-free' matches the compliance trigger financial-claims: legal must
#   sign off.", noting a match found only after normalizing the text.
match_message(m) := sprintf("'%s' matches the compliance trigger %s: %s must sign off%s.", [
	m.text, m.trigger, lib.and_list(stages), lib.normalized_note(m),
]) if {
	stages := sort({s | some t in triggers; t.name == m.trigger; some s in object.get(t, "requires", [])})
	count(stages) > 0
} else := sprintf("'%s' matches the compliance trigger %s%s.", [m.text, m.trigger, lib.normalized_note(m)])
