# METADATA
# title: Greenlight policy helpers
# description: |
#   Helpers shared by the bundled policies: building violation objects that
#   follow the contract, mapping config levels to decisions, reading post
#   conditions, and naming channels and numbers for messages.
package greenlight.lib

# METADATA
# title: Violation
# description: |
#   A violation object of the contract: the message, the rule id taken from
#   the calling rule's metadata (pass rego.metadata.rule()), and the position
#   when one is known (pos may be null).
violation(msg, pos, meta) := object.union(position(pos), {"msg": msg, "rule": rule_id(meta)})

# METADATA
# title: Finding
# description: |
#   A violation object with its rule id written out (the rule's custom.id)
#   and the line, col, end_line and end_col of a position object; none when
#   pos is null or not an object. Cheaper than violation: the bundled
#   policies use it.
finding(msg, rule, pos) := object.union(object.filter(pos, ["line", "col", "end_line", "end_col"]), {"msg": msg, "rule": rule}) if {
	is_object(pos)
} else := {"msg": msg, "rule": rule}

# METADATA
# title: Position keys
# description: The keys of a position object.
position_keys := ["line", "col", "end_line", "end_col"]

# METADATA
# title: Violation with a suggestion
# description: A violation object that also carries a suggested replacement.
suggested_violation(msg, pos, meta, suggestion) := object.union(
	violation(msg, pos, meta),
	{"suggestion": suggestion},
)

# METADATA
# title: Rule id
# description: The custom.id of a rule's metadata; empty when the rule has none.
rule_id(meta) := object.get(meta, ["custom", "id"], "")

# METADATA
# title: Position
# description: |
#   The line, col, end_line and end_col of a position object that are set;
#   an empty object for null or anything that is not a position.
position(pos) := {k: pos[k] |
	is_object(pos)
	some k in ["line", "col", "end_line", "end_col"]
	is_number(pos[k])
}

# METADATA
# title: Decision for a level
# description: |
#   The decision a config level maps to, as Greenlight reads levels:
#   "error" → deny, "warning"/"warn" → warn, "info"/"suggestion" → info.
#   Anything else fails closed as deny.
decision(level) := d if {
	d := decisions[level]
} else := d if {
	d := decisions[lower(trim_space(level))]
} else := "deny"

# METADATA
# title: Decisions
# description: The decision of each level Greenlight reads.
decisions := {
	"error": "deny",
	"warning": "warn",
	"warn": "warn",
	"info": "info",
	"suggestion": "info",
}

# METADATA
# title: Level or default
# description: A config level, or the default when it is missing, null or empty.
level_or(obj, key, default_level) := l if {
	is_object(obj)
	l := object.get(obj, key, "")
	is_string(l)
	l != ""
} else := default_level

# METADATA
# title: Truthy
# description: |
#   Whether a post field counts as set: true, a non-empty string, a non-zero
#   number, or a non-empty array, object or set.
truthy(v) if v == true

truthy(v) if {
	is_string(v)
	v != ""
}

truthy(v) if {
	is_number(v)
	v != 0
}

truthy(v) if {
	is_collection(v)
	count(v) > 0
}

# METADATA
# title: Collection
# description: Whether a value is an array, object or set.
is_collection(v) if is_array(v)

is_collection(v) if is_object(v)

is_collection(v) if is_set(v)

# METADATA
# title: Post condition
# description: |
#   Whether a "post.FIELD" condition holds for a post: the field, read from
#   the post itself or from its front matter, is truthy.
post_condition(post, cond) if {
	startswith(cond, "post.")
	field := substring(cond, 5, -1)
	some value in [object.get(post, field, null), object.get(post, ["front", field], null)]
	not value in {false, null, "", 0, [], {}} # falsy, as a literal: cheaper than the rule
	value != set()
}

# METADATA
# title: Falsy
# description: The values that do not count as set (see truthy).
falsy := {false, null, "", 0, [], {}, set()}

# METADATA
# title: Channel display names
# description: How channels are named in messages.
display_names := {
	"x": "X",
	"bluesky": "Bluesky",
	"mastodon": "Mastodon",
	"threads": "Threads",
	"linkedin": "LinkedIn",
	"instagram": "Instagram",
	"facebook": "Facebook",
}

# METADATA
# title: Channel name
# description: A channel's display name; channels Greenlight does not know keep their own name.
channel_name(ch) := object.get(display_names, ch, ch)

# METADATA
# title: Channel list
# description: The display names of a set or array of channels, sorted and joined with commas.
channel_list(chs) := concat(", ", sort({object.get(display_names, ch, ch) | some ch in chs}))

# METADATA
# title: Number
# description: A number for a message, rounded to at most two decimals.
number(x) := sprintf("%v", [round(x * 100) / 100])

# METADATA
# title: Quantity
# description: A number and its noun, singular for exactly one, "1 exclamation mark", "3 exclamation marks".
quantity(n, singular, plural) := sprintf("%s %s", [number(n), singular]) if n == 1

else := sprintf("%s %s", [number(n), plural])

# METADATA
# title: Time
# description: |
#   A time (nanoseconds since the epoch) for a message, in the config's time
#   zone (UTC when none is set), like "2027-01-15 09:00 EST".
time_text(ns, config) := time.format([ns, timezone(config), "2006-01-02 15:04 MST"])

# METADATA
# title: Time zone
# description: The config's time zone, or UTC.
timezone(config) := tz if {
	tz := object.get(config, "timezone", "")
	is_string(tz)
	tz != ""
} else := "UTC"

# METADATA
# title: Capitalized
# description: A string with its first letter in upper case.
capitalized(s) := concat("", [upper(substring(s, 0, 1)), substring(s, 1, -1)])

# METADATA
# title: Normalized note
# description: |
#   " (found after normalizing look-alike or invisible characters)" for a
#   compliance or embargo match whose text as written differs from the term
#   (look-alike letters, invisible characters, character references), put
#   before a message's full stop; "" for any other match.
normalized_note(m) := " (found after normalizing look-alike or invisible characters)" if {
	object.get(m, "normalized", false) == true
} else := ""

# METADATA
# title: Sentence list
# description: Strings joined as in a sentence, "a", "a and b", "a, b and c", in the array's order.
and_list(xs) := xs[0] if count(xs) == 1

and_list(xs) := concat(" and ", [concat(", ", array.slice(xs, 0, count(xs) - 1)), xs[count(xs) - 1]]) if {
	count(xs) > 1
}
