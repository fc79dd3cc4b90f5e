# METADATA
# title: Embargo
# description: |
#   Embargoed terms (`embargo` blocks) may not be published before the
#   embargo lifts: a scheduled post is judged by its publish_at, an
#   unscheduled one by the time of the check.
package greenlight.embargo

import data.greenlight.lib

# METADATA
# title: Embargoed term
# description: |
#   An embargoed term appears in a post that would be published before the
#   embargo lifts.
# custom:
#   id: greenlight.embargo.embargoed
deny contains lib.finding(message(m, e), "greenlight.embargo.embargoed", m) if {
	some m in input.matches.embargo
	some e in input.config.embargoes
	e.name == m.embargo
	publish_time < time.parse_rfc3339_ns(e.until)
}

# METADATA
# title: Publish time
# description: |
#   When the post would go out: its publish_at, or now when it is
#   unscheduled.
publish_time := time.parse_rfc3339_ns(input.post.publish_at) if input.post.publish_at != null

else := time.parse_rfc3339_ns(input.now)

# METADATA
# title: Message
# description: |
#   The embargo's own message (with %s standing for the term), or "'Project
#   Orion' is under embargo until 2027-01-15 09:00 EST; this post is
#   scheduled for 2026-12-01 09:00 EST.", in the config's time zone.
message(m, e) := e.message if {
	is_string(e.message)
	e.message != ""
	not contains(e.message, "%s")
} else := sprintf(e.message, [m.text]) if {
	is_string(e.message)
	e.message != ""
} else := sprintf("'%s' is under embargo until %s; %s%s.", [
	m.text,
	lib.time_text(time.parse_rfc3339_ns(e.until), input.config),
	schedule,
	lib.normalized_note(m),
])

# METADATA
# title: Schedule
# description: When the post is scheduled, for a message.
schedule := sprintf("this post is scheduled for %s", [lib.time_text(publish_time, input.config)]) if {
	input.post.publish_at != null
} else := "this post is not scheduled"
