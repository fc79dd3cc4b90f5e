# METADATA
# title: Channels
# description: |
#   Each channel the post targets, with the platform's limits merged with
#   the team's `channel` block: length, bytes, hashtags, links, alt text,
#   link domains, UTM parameters and LinkedIn's reserved characters. A 0
#   maximum means no limit. Link rules read the links in the text each
#   channel posts.
package greenlight.channels

import data.greenlight.lib

# METADATA
# title: Too long
# description: |
#   The post is longer than the channel's limit, placed at the text past
#   the limit (at the body when that is unknown). Only the length counts:
#   too many bytes, hashtags or links are their own rules.
# custom:
#   id: greenlight.channels.too-long
deny contains lib.finding(msg, "greenlight.channels.too-long", overflow_or_body(c)) if {
	some ch, c in input.channels
	c.length > c.limit
	c.limit > 0
	msg := sprintf("%s: %d/%d %s%s.", [
		lib.channel_name(ch), c.length, c.limit, unit_name(c.unit),
		stops_fitting(object.get(c, "overflow", null)),
	])
}

# METADATA
# title: Too many bytes
# description: The post's UTF-8 encoding is longer than the channel's max_bytes.
# custom:
#   id: greenlight.channels.too-many-bytes
deny contains lib.finding(msg, "greenlight.channels.too-many-bytes", body) if {
	some ch, c in input.channels
	c.max_bytes > 0
	c.bytes > c.max_bytes
	msg := sprintf("%s: %d/%d bytes.", [lib.channel_name(ch), c.bytes, c.max_bytes])
}

# METADATA
# title: Too many hashtags
# description: The post has more hashtags than the channel's max_hashtags, placed at the first one too many.
# custom:
#   id: greenlight.channels.too-many-hashtags
deny contains lib.finding(msg, "greenlight.channels.too-many-hashtags", nth_or_body("hashtags", c.max_hashtags)) if {
	some ch, c in input.channels
	c.max_hashtags > 0
	c.hashtags > c.max_hashtags
	msg := sprintf("%s: %d hashtags; at most %d allowed.", [lib.channel_name(ch), c.hashtags, c.max_hashtags])
}

# METADATA
# title: Too many links
# description: The post has more links than the channel's max_links, placed at the first one too many.
# custom:
#   id: greenlight.channels.too-many-links
deny contains lib.finding(msg, "greenlight.channels.too-many-links", nth_or_body("links", c.max_links)) if {
	some ch, c in input.channels
	c.max_links > 0
	c.links > c.max_links
	msg := sprintf("%s: %d links; at most %d allowed.", [lib.channel_name(ch), c.links, c.max_links])
}

# METADATA
# title: Missing alt text
# description: An image has no alt text, and channels the post targets require it.
# custom:
#   id: greenlight.channels.alt-text
deny contains lib.finding(msg, "greenlight.channels.alt-text", m) if {
	some m in input.post.media
	missing_alt(m)
	count(alt_text_channels) > 0
	msg := sprintf("%s: image %s has no alt text.", [lib.channel_list(alt_text_channels), m.src])
}

# METADATA
# title: Forbidden link domain
# description: A link goes to a domain in a channel's forbidden_domains.
# custom:
#   id: greenlight.channels.forbidden-domain
deny contains lib.finding(msg, "greenlight.channels.forbidden-domain", l) if {
	some c in input.channels
	some d in c.forbidden_domains
	some l in web_links(c)
	on_domain(l.domain, d)
	chans := {other |
		some other, oc in input.channels
		l in web_links(oc)
		some od in oc.forbidden_domains
		on_domain(l.domain, od)
	}
	msg := sprintf("%s: links to %s are forbidden.", [lib.channel_list(chans), l.domain])
}

# METADATA
# title: Link domain not allowed
# description: A link goes to a domain outside a channel's allowed_domains (when it lists any).
# custom:
#   id: greenlight.channels.domain-not-allowed
deny contains lib.finding(msg, "greenlight.channels.domain-not-allowed", l) if {
	some c in input.channels
	count(c.allowed_domains) > 0
	allowed := sort(c.allowed_domains)
	some l in web_links(c)
	not allowed_domain(l.domain, allowed)
	chans := {other |
		some other, oc in input.channels
		l in web_links(oc)
		sort(object.get(oc, "allowed_domains", [])) == allowed
	}
	msg := sprintf("%s: %s is not an allowed domain (%s).", [lib.channel_list(chans), l.domain, concat(", ", allowed)])
}

# METADATA
# title: Missing UTM parameters
# description: A link lacks query parameters a channel's utm setting requires.
# custom:
#   id: greenlight.channels.utm
deny contains lib.finding(msg, "greenlight.channels.utm", l) if {
	some c in input.channels
	count(c.utm) > 0
	some l in web_links(c)
	missing := missing_utm(l, c)
	count(missing) > 0
	chans := {other |
		some other, oc in input.channels
		l in web_links(oc)
		missing_utm(l, oc) == missing
	}
	msg := sprintf("%s: the link to %s lacks %s.", [lib.channel_list(chans), l.url, lib.and_list(missing)])
}

# METADATA
# title: Reserved character
# description: |
#   LinkedIn's API silently truncates a post at an unescaped reserved
#   character.
# custom:
#   id: greenlight.channels.reserved
warn contains lib.finding(msg, "greenlight.channels.reserved", r) if {
	some ch, c in input.channels
	some r in c.reserved
	msg := sprintf("%s: the post is cut off at this unescaped %s unless it is escaped with a backslash.", [
		lib.channel_name(ch),
		reserved_text(r),
	])
}

# METADATA
# title: Body
# description: The position of the post's body.
body := object.get(input, ["post", "positions", "body"], null)

# METADATA
# title: Web links
# description: |
#   The web links (those with a domain; not mail or relative links) in the
#   text a channel posts: its own section's, or the common copy's
#   (channels[ch].links_in_copy; the post's links when absent).
web_links(c) := [l |
	some l in object.get(c, "links_in_copy", input.post.links)
	object.get(l, "domain", "") != ""
]

# METADATA
# title: Alt text channels
# description: The channels that require alt text.
alt_text_channels := {ch | some ch, c in input.channels; c.require_alt_text == true}

# METADATA
# title: Unit name
# description: How a length unit is named in messages.
unit_name(unit) := object.get(
	{"weighted": "weighted characters", "graphemes": "graphemes", "characters": "characters", "bytes": "bytes"},
	unit, unit,
)

# METADATA
# title: Stops fitting
# description: Where the post stops fitting, for a message, when the overflow is known.
stops_fitting(pos) := sprintf("; the post stops fitting at line %d, column %d", [pos.line, pos.col]) if {
	is_number(pos.line)
	is_number(pos.col)
} else := ""

# METADATA
# title: Overflow or body
# description: The span of the text past a channel's limit, else the body's position.
overflow_or_body(c) := c.overflow if is_object(c.overflow)

else := body

# METADATA
# title: Nth or body
# description: The position of the post's nth (0-based) hashtag or link, else of the body.
nth_or_body(kind, n) := pos if {
	pos := input.post[kind][n]
} else := body

# METADATA
# title: Missing alt text
# description: Whether an image lacks alt text.
missing_alt(m) if object.get(m, "has_alt", trim_space(object.get(m, "alt", "")) != "") == false

# METADATA
# title: On domain
# description: Whether a link's domain is the domain d or one of its subdomains.
on_domain(domain, d) if lower(domain) == lower(d)

on_domain(domain, d) if endswith(lower(domain), concat("", [".", lower(d)]))

# METADATA
# title: Allowed domain
# description: Whether a link's domain is on (or under) one of the allowed domains.
allowed_domain(domain, allowed) if {
	some d in allowed
	on_domain(domain, d)
}

# METADATA
# title: Missing UTM parameters
# description: The channel's utm parameters a link lacks (or has empty), in the config's order.
missing_utm(l, c) := [p |
	some p in object.get(c, "utm", [])
	not has_param(l, p)
]

# METADATA
# title: Has parameter
# description: Whether a link's query has a non-empty value for a parameter.
has_param(l, p) if {
	some v in object.get(l, ["query", p], [])
	v != ""
}

# METADATA
# title: Reserved text
# description: |
#   A reserved character for a message, like "'('", when the input names it
#   (as `char`; `text` in older inputs).
reserved_text(r) := sprintf("'%s'", [r.char]) if is_string(r.char)

else := sprintf("'%s'", [r.text]) if is_string(r.text)

else := "reserved character"
