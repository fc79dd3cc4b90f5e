package greenlight.channels_test

import data.greenlight.channels

body := {"line": 6, "col": 1, "end_line": 6, "end_col": 1}

fits := {
	"length": 97, "limit": 280, "unit": "weighted", "fits": true, "overflow": null,
	"bytes": 120, "max_bytes": 0, "hashtags": 1, "max_hashtags": 0, "links": 1, "max_links": 0,
	"require_alt_text": true, "allowed_domains": [], "forbidden_domains": [], "utm": [], "reserved": [],
}

link := {
	"url": "https://example.com/launch?utm_source=x", "text": "", "domain": "example.com",
	"query": {"utm_source": ["x"]}, "line": 7, "col": 60, "end_line": 7, "end_col": 78,
}

at_link := {"line": 7, "col": 60, "end_line": 7, "end_col": 78}

image := {
	"src": "media/teaser.png", "alt": "A laptop showing the dashboard", "has_alt": true,
	"line": 8, "col": 5, "end_line": 8, "end_col": 20,
}

post := {
	"channels": ["x"],
	"hashtags": [
		{"text": "analytics", "line": 6, "col": 10, "end_line": 6, "end_col": 19},
		{"text": "reports", "line": 6, "col": 21, "end_line": 6, "end_col": 28},
		{"text": "data", "line": 6, "col": 30, "end_line": 6, "end_col": 34},
	],
	"links": [link],
	"media": [image],
	"positions": {"body": body},
}

doc(chans) := doc_with(chans, {})

doc_with(chans, p) := {"post": object.union(post, p), "channels": chans}

found(id, msg, pos) := object.union({"msg": msg, "rule": id}, pos)

test_a_fitting_post_passes if {
	count(channels.deny) == 0 with input as doc({"x": fits, "linkedin": fits})
	count(channels.warn) == 0 with input as doc({"x": fits, "linkedin": fits})
}

test_too_long_at_the_overflow if {
	overflow := {"line": 4, "col": 18, "end_line": 9, "end_col": 3}
	c := object.union(fits, {"length": 297, "fits": false, "overflow": overflow})
	channels.deny == {found(
		"greenlight.channels.too-long",
		"X: 297/280 weighted characters; the post stops fitting at line 4, column 18.",
		overflow,
	)} with input as doc({"x": c})
}

test_too_long_in_each_unit if {
	overflow := {"line": 2, "col": 1}
	c := object.union(fits, {"length": 301, "limit": 300, "fits": false, "overflow": overflow})
	channels.deny == {
		found("greenlight.channels.too-long", "Bluesky: 301/300 graphemes; the post stops fitting at line 2, column 1.", overflow),
		found("greenlight.channels.too-long", "Threads: 301/300 characters; the post stops fitting at line 2, column 1.", overflow),
		found("greenlight.channels.too-long", "intranet: 301/300 bytes; the post stops fitting at line 2, column 1.", overflow),
		found("greenlight.channels.too-long", "pager: 301/300 septets; the post stops fitting at line 2, column 1.", overflow),
	} with input as doc({
		"bluesky": object.union(c, {"unit": "graphemes"}),
		"threads": object.union(c, {"unit": "characters"}),
		"intranet": object.union(c, {"unit": "bytes"}),
		"pager": object.union(c, {"unit": "septets"}),
	})
}

test_too_long_without_overflow_is_placed_at_the_body if {
	c := object.union(fits, {"length": 1400, "limit": 1300, "unit": "characters", "fits": true})
	channels.deny == {found("greenlight.channels.too-long", "LinkedIn: 1400/1300 characters.", body)} with input as doc({"linkedin": c})
}

test_too_many_bytes if {
	c := object.union(fits, {"unit": "graphemes", "bytes": 3012, "max_bytes": 3000})
	channels.deny == {found("greenlight.channels.too-many-bytes", "Bluesky: 3012/3000 bytes.", body)} with input as doc({"bluesky": c})
}

test_bytes_without_maximum if {
	c := object.union(fits, {"bytes": 30120, "max_bytes": 0})
	count(channels.deny) == 0 with input as doc({"x": c})
}

test_too_many_hashtags_at_the_first_one_too_many if {
	c := object.union(fits, {"hashtags": 3, "max_hashtags": 2})
	channels.deny == {found(
		"greenlight.channels.too-many-hashtags",
		"X: 3 hashtags; at most 2 allowed.",
		{"line": 6, "col": 30, "end_line": 6, "end_col": 34},
	)} with input as doc({"x": c})
}

test_too_many_hashtags_counted_differently_falls_back_to_the_body if {
	c := object.union(fits, {"hashtags": 5, "max_hashtags": 4})
	channels.deny == {found("greenlight.channels.too-many-hashtags", "X: 5 hashtags; at most 4 allowed.", body)} with input as doc({"x": c})
}

test_hashtags_without_maximum if {
	c := object.union(fits, {"hashtags": 30, "max_hashtags": 0})
	count(channels.deny) == 0 with input as doc({"x": c})
}

test_too_many_links if {
	c := object.union(fits, {"links": 2, "max_links": 1})
	second := object.union(link, {"line": 9, "col": 1, "end_line": 9, "end_col": 20})
	channels.deny == {found(
		"greenlight.channels.too-many-links",
		"Threads: 2 links; at most 1 allowed.",
		{"line": 9, "col": 1, "end_line": 9, "end_col": 20},
	)} with input as doc_with({"threads": c}, {"links": [link, second]})
}

test_image_without_alt_text if {
	bare := object.union(image, {"alt": "", "has_alt": false})
	channels.deny == {found(
		"greenlight.channels.alt-text",
		"LinkedIn, X: image media/teaser.png has no alt text.",
		{"line": 8, "col": 5, "end_line": 8, "end_col": 20},
	)} with input as doc_with(
		{"x": fits, "linkedin": fits, "intranet": object.union(fits, {"require_alt_text": false})},
		{"media": [bare]},
	)
}

test_alt_text_without_has_alt if {
	bare := object.remove(object.union(image, {"alt": " "}), ["has_alt"])
	count(channels.deny) == 1 with input as doc_with({"x": fits}, {"media": [bare]})
	count(channels.deny) == 0 with input as doc_with({"x": fits}, {"media": [object.remove(image, ["has_alt"])]})
}

test_alt_text_not_required if {
	bare := object.union(image, {"alt": "", "has_alt": false})
	count(channels.deny) == 0 with input as doc_with({"x": object.union(fits, {"require_alt_text": false})}, {"media": [bare]})
}

test_forbidden_domain if {
	c := object.union(fits, {"forbidden_domains": ["Example.com"]})
	channels.deny == {found(
		"greenlight.channels.forbidden-domain",
		"X: links to example.com are forbidden.",
		at_link,
	)} with input as doc({"x": c, "bluesky": fits})
}

test_forbidden_domain_covers_subdomains if {
	c := object.union(fits, {"forbidden_domains": ["example.com"]})
	sub := object.union(link, {"domain": "www.example.com"})
	count(channels.deny) == 1 with input as doc_with({"x": c}, {"links": [sub]})
	other := object.union(link, {"domain": "notexample.com"})
	count(channels.deny) == 0 with input as doc_with({"x": c}, {"links": [other]})
}

test_domain_not_allowed if {
	c := object.union(fits, {"allowed_domains": ["acme.com", "acme.dev"]})
	channels.deny == {found(
		"greenlight.channels.domain-not-allowed",
		"LinkedIn, X: example.com is not an allowed domain (acme.com, acme.dev).",
		at_link,
	)} with input as doc({"x": c, "linkedin": c, "bluesky": fits})
}

test_allowed_domain_passes if {
	c := object.union(fits, {"allowed_domains": ["example.com"]})
	count(channels.deny) == 0 with input as doc({"x": c})
	blog := object.union(link, {"domain": "blog.example.com"})
	count(channels.deny) == 0 with input as doc_with({"x": c}, {"links": [blog]})
}

test_links_without_domain_are_not_checked if {
	c := object.union(fits, {"allowed_domains": ["acme.com"], "utm": ["utm_source"]})
	mail := object.union(link, {"url": "mailto:hi@acme.com", "domain": "", "query": {}})
	count(channels.deny) == 0 with input as doc_with({"x": c}, {"links": [mail]})
}

test_missing_utm_parameters if {
	c := object.union(fits, {"utm": ["utm_source", "utm_campaign", "utm_medium"]})
	channels.deny == {found(
		"greenlight.channels.utm",
		"LinkedIn: the link to https://example.com/launch?utm_source=x lacks utm_campaign and utm_medium.",
		at_link,
	)} with input as doc({"linkedin": c, "x": fits})
}

test_empty_utm_parameter_is_missing if {
	c := object.union(fits, {"utm": ["utm_source"]})
	empty := object.union(link, {"url": "https://example.com/?utm_source=", "query": {"utm_source": [""]}})
	channels.deny == {found(
		"greenlight.channels.utm",
		"LinkedIn, X: the link to https://example.com/?utm_source= lacks utm_source.",
		at_link,
	)} with input as doc_with({"linkedin": c, "x": c}, {"links": [empty]})
}

test_utm_present_passes if {
	c := object.union(fits, {"utm": ["utm_source"]})
	count(channels.deny) == 0 with input as doc({"linkedin": c})
}

test_reserved_characters_warn if {
	c := object.union(fits, {"reserved": [
		{"text": "(", "line": 6, "col": 12, "end_line": 6, "end_col": 12},
		{"line": 7, "col": 3, "end_line": 7, "end_col": 3},
	]})
	channels.warn == {
		found(
			"greenlight.channels.reserved",
			"LinkedIn: the post is cut off at this unescaped '(' unless it is escaped with a backslash.",
			{"line": 6, "col": 12, "end_line": 6, "end_col": 12},
		),
		found(
			"greenlight.channels.reserved",
			"LinkedIn: the post is cut off at this unescaped reserved character unless it is escaped with a backslash.",
			{"line": 7, "col": 3, "end_line": 7, "end_col": 3},
		),
	} with input as doc({"linkedin": c})
	count(channels.deny) == 0 with input as doc({"linkedin": c})
}

test_no_channels if {
	count(channels.deny) == 0 with input as {"post": post, "channels": {}}
}

test_too_many_hashtags_is_not_too_long if {
	# fits is false for too many hashtags or links too; only the length makes a post too long.
	c := object.union(fits, {"fits": false, "hashtags": 3, "max_hashtags": 2})
	channels.deny == {found(
		"greenlight.channels.too-many-hashtags",
		"X: 3 hashtags; at most 2 allowed.",
		{"line": 6, "col": 30, "end_line": 6, "end_col": 34},
	)} with input as doc({"x": c})
}

test_too_many_bytes_is_not_too_long if {
	c := object.union(fits, {"unit": "graphemes", "fits": false, "bytes": 3012, "max_bytes": 3000})
	channels.deny == {found("greenlight.channels.too-many-bytes", "Bluesky: 3012/3000 bytes.", body)} with input as doc({"bluesky": c})
}

test_reserved_character_named_by_char if {
	c := object.union(fits, {"reserved": [{"char": "*", "line": 6, "col": 12, "end_line": 6, "end_col": 12}]})
	channels.warn == {found(
		"greenlight.channels.reserved",
		"LinkedIn: the post is cut off at this unescaped '*' unless it is escaped with a backslash.",
		{"line": 6, "col": 12, "end_line": 6, "end_col": 12},
	)} with input as doc({"linkedin": c})
}

test_link_rules_read_the_links_each_channel_posts if {
	# LinkedIn has its own section without the link: only X posts it.
	c := object.union(fits, {"forbidden_domains": ["example.com"], "utm": ["utm_campaign"]})
	own := object.union(c, {"links_in_copy": []})
	inp := doc({"x": c, "linkedin": own})
	channels.deny == {
		found("greenlight.channels.forbidden-domain", "X: links to example.com are forbidden.", at_link),
		found(
			"greenlight.channels.utm",
			"X: the link to https://example.com/launch?utm_source=x lacks utm_campaign.",
			at_link,
		),
	} with input as inp
}

test_links_in_copy_replace_the_post_links if {
	c := object.union(fits, {"allowed_domains": ["acme.com"]})
	acme := object.union(link, {"url": "https://acme.com/", "domain": "acme.com"})
	count(channels.deny) == 0 with input as doc({"x": object.union(c, {"links_in_copy": [acme]})})
	count(channels.deny) == 1 with input as doc({"x": c})
}
