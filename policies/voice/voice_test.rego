package greenlight.voice_test

import data.greenlight.voice

body := {"line": 6, "col": 1, "end_line": 6, "end_col": 1}

tone := {"sentiment": 0.4, "grade": 7.1, "exclamations": 1, "caps": 0, "emoji": 1}

team_voice := {
	"max_grade": 9, "max_exclamations": 1, "min_sentiment": -0.2,
	"max_caps": null, "max_emoji": null, "level": "warning",
}

doc(channels, t, v, cv) := {
	"post": {"channels": channels, "positions": {"body": body}},
	"tone": object.union(tone, t),
	"channels": {ch: {"tone": object.union(tone, t), "voice": effective_voice(v, object.get(cv, ch, {}))} |
		some ch in channels
	},
	"config": {"voice": v, "channel_voice": cv},
}

attributes := ["max_grade", "max_exclamations", "min_sentiment", "max_caps", "max_emoji"]

# channels[ch].voice as Greenlight computes it: the team's voice with the
# channel's own over it, attribute by attribute.
effective_voice(v, own) := object.union(limits(v, own), {
	"level": object.get(own, "level", object.get(team(v), "level", "warning")),
	"overrides": [attr | some attr in attributes; is_number(own[attr])],
	"maxima": [[attr, measure, limits(v, own)[attr]] |
		some [attr, measure] in [["max_grade", "grade"], ["max_exclamations", "exclamations"], ["max_caps", "caps"], ["max_emoji", "emoji"]]
		limits(v, own)[attr] != null
	],
})

limits(v, own) := {attr: limit | some attr in attributes; limit := object.get(own, attr, object.get(team(v), attr, null))}

team(v) := v if is_object(v)

else := {}

# A post with a section of its own for some channels: each channel's tone
# is that of the text it posts.
variants(copies, v, cv) := object.union(doc(object.keys(copies), {}, v, cv), {"channels": {ch: {
	"tone": object.union(tone, t),
	"voice": effective_voice(v, object.get(cv, ch, {})),
} |
	some ch, t in copies
}})

warning(id, msg) := {"msg": msg, "rule": id, "line": 6, "col": 1, "end_line": 6, "end_col": 1}

test_within_the_voice_nothing_is_reported if {
	count(voice.warn) == 0 with input as doc(["x"], {}, team_voice, {})
	count(voice.deny) == 0 with input as doc(["x"], {}, team_voice, {})
	count(voice.info) == 0 with input as doc(["x"], {}, team_voice, {})
}

test_grade_above_team_maximum if {
	voice.warn == {warning(
		"greenlight.voice.max-grade",
		"Reading grade 11.26 is above the voice's maximum of 9.",
	)} with input as doc(["x", "bluesky"], {"grade": 11.2612}, team_voice, {})
}

test_too_many_exclamations if {
	voice.warn == {warning(
		"greenlight.voice.max-exclamations",
		"3 exclamation marks; the voice allows at most 1.",
	)} with input as doc(["x"], {"exclamations": 3}, team_voice, {})
}

test_sentiment_below_minimum if {
	voice.warn == {warning(
		"greenlight.voice.min-sentiment",
		"Sentiment -0.5 is below the voice's minimum of -0.2.",
	)} with input as doc(["x"], {"sentiment": -0.5}, team_voice, {})
}

test_caps_and_emoji if {
	v := object.union(team_voice, {"max_caps": 1, "max_emoji": 2})
	voice.warn == {
		warning("greenlight.voice.max-caps", "2 words in ALL CAPS; the voice allows at most 1."),
		warning("greenlight.voice.max-emoji", "4 emoji; the voice allows at most 2."),
	} with input as doc(["x"], {"caps": 2, "emoji": 4}, v, {})
}

test_one_is_singular if {
	v := object.union(team_voice, {"max_exclamations": 0, "max_caps": 0})
	voice.warn == {
		warning("greenlight.voice.max-exclamations", "1 exclamation mark; the voice allows at most 0."),
		warning("greenlight.voice.max-caps", "1 word in ALL CAPS; the voice allows at most 0."),
	} with input as doc(["x"], {"caps": 1}, v, {})
}

test_null_limits_are_no_limits if {
	count(voice.warn) == 0 with input as doc(["x"], {"caps": 20, "emoji": 20}, team_voice, {})
}

test_level_error_denies if {
	v := object.union(team_voice, {"level": "error"})
	voice.deny == {{
		"msg": "Reading grade 10 is above the voice's maximum of 9.",
		"rule": "greenlight.voice.max-grade",
		"line": 6, "col": 1, "end_line": 6, "end_col": 1,
	}} with input as doc(["x"], {"grade": 10}, v, {})
	count(voice.warn) == 0 with input as doc(["x"], {"grade": 10}, v, {})
}

test_level_info if {
	v := object.union(team_voice, {"level": "info"})
	count(voice.info) == 1 with input as doc(["x"], {"grade": 10}, v, {})
	count(voice.warn) == 0 with input as doc(["x"], {"grade": 10}, v, {})
}

test_missing_level_is_warning if {
	v := object.remove(team_voice, ["level"])
	count(voice.warn) == 1 with input as doc(["x"], {"grade": 10}, v, {})
	count(voice.warn) == 1 with input as doc([], {"grade": 10}, v, {})
	count(voice.warn) == 1 with input as doc([], {"grade": 10}, object.union(v, {"level": ""}), {})
}

test_channel_voice_relaxes_one_channel if {
	# LinkedIn allows grade 12: grade 10 breaches only the team's 9, which
	# now applies to X alone.
	voice.warn == {warning(
		"greenlight.voice.max-grade",
		"Reading grade 10 is above the voice's maximum of 9 on X.",
	)} with input as doc(["x", "linkedin"], {"grade": 10}, team_voice, {"linkedin": {"max_grade": 12}})
}

test_channel_voice_breached_too if {
	voice.warn == {
		warning("greenlight.voice.max-grade", "Reading grade 13 is above the voice's maximum of 9 on Bluesky, X."),
		warning("greenlight.voice.max-grade", "Reading grade 13 is above the voice's maximum of 12 on LinkedIn."),
	} with input as doc(["x", "linkedin", "bluesky"], {"grade": 13}, team_voice, {"linkedin": {"max_grade": 12}})
}

test_channel_voice_overrides_attribute_by_attribute if {
	# LinkedIn's voice sets only max_grade; the team's max_exclamations still applies there.
	voice.warn == {warning(
		"greenlight.voice.max-exclamations",
		"2 exclamation marks; the voice allows at most 1.",
	)} with input as doc(["x", "linkedin"], {"exclamations": 2}, team_voice, {"linkedin": {"max_grade": 12}})
}

test_channel_voice_stricter_on_its_only_channel if {
	voice.warn == {warning(
		"greenlight.voice.max-emoji",
		"2 emoji; the voice allows at most 0 on Instagram.",
	)} with input as doc(["instagram"], {"emoji": 2}, team_voice, {"instagram": {"max_emoji": 0}})
}

test_channel_voice_without_team_voice if {
	voice.warn == {warning(
		"greenlight.voice.max-grade",
		"Reading grade 13 is above the voice's maximum of 12 on LinkedIn.",
	)} with input as doc(["x", "linkedin"], {"grade": 13}, null, {"linkedin": {"max_grade": 12}})
}

test_channel_voice_level if {
	inp := doc(["x", "linkedin"], {"grade": 13}, team_voice, {"linkedin": {"max_grade": 12, "level": "error"}})
	voice.deny == {{
		"msg": "Reading grade 13 is above the voice's maximum of 12 on LinkedIn.",
		"rule": "greenlight.voice.max-grade",
		"line": 6, "col": 1, "end_line": 6, "end_col": 1,
	}} with input as inp
	voice.warn == {warning(
		"greenlight.voice.max-grade",
		"Reading grade 13 is above the voice's maximum of 9 on X.",
	)} with input as inp
}

test_post_without_channels_uses_team_voice if {
	voice.warn == {warning(
		"greenlight.voice.max-grade",
		"Reading grade 10 is above the voice's maximum of 9.",
	)} with input as doc([], {"grade": 10}, team_voice, {"linkedin": {"max_grade": 12}})
}

test_no_voice_no_findings if {
	count(voice.warn) == 0 with input as doc(["x"], {"grade": 30, "exclamations": 9}, null, {})
}

test_missing_tone_is_not_a_breach if {
	count(voice.warn) == 0 with input as {
		"post": {"channels": ["x"], "positions": {"body": body}},
		"tone": {"grade": null},
		"channels": {"x": {"tone": {"grade": null, "sentiment": null}, "voice": effective_voice(team_voice, {})}},
		"config": {"voice": team_voice, "channel_voice": {}},
	}
}

test_post_without_body_position if {
	inp := {
		"post": {"channels": ["x"]}, "tone": {"grade": 10},
		"channels": {"x": {"tone": {"grade": 10}, "voice": effective_voice(team_voice, {})}},
		"config": {"voice": team_voice, "channel_voice": {}},
	}
	voice.warn == {{
		"msg": "Reading grade 10 is above the voice's maximum of 9.",
		"rule": "greenlight.voice.max-grade",
	}} with input as inp
}

test_each_channel_is_judged_by_the_text_it_posts if {
	# X and LinkedIn have sections of their own; Bluesky posts the common copy.
	inp := variants(
		{"x": {"grade": 12.0864}, "linkedin": {"grade": 9.79}, "bluesky": {"grade": 7.61}},
		team_voice, {"linkedin": {"max_grade": 12}},
	)
	voice.warn == {warning(
		"greenlight.voice.max-grade",
		"Reading grade 12.09 is above the voice's maximum of 9 on X.",
	)} with input as inp
}

test_channels_whose_copies_breach_differently_get_a_finding_each if {
	inp := variants(
		{"x": {"exclamations": 3}, "bluesky": {"exclamations": 2}, "mastodon": {"exclamations": 3}},
		team_voice, {},
	)
	voice.warn == {
		warning("greenlight.voice.max-exclamations", "3 exclamation marks; the voice allows at most 1 on Mastodon, X."),
		warning("greenlight.voice.max-exclamations", "2 exclamation marks; the voice allows at most 1 on Bluesky."),
	} with input as inp
}

test_channel_copies_that_breach_alike_share_a_finding if {
	inp := variants({"x": {"sentiment": -0.5}, "bluesky": {"sentiment": -0.5}}, team_voice, {})
	voice.warn == {warning(
		"greenlight.voice.min-sentiment",
		"Sentiment -0.5 is below the voice's minimum of -0.2.",
	)} with input as inp
}

test_channel_not_measured_takes_the_post_tone_and_team_voice if {
	# "linkdin" is a typo Greenlight reports on its own; its text is still judged by the team's voice.
	inp := json.patch(doc(["linkedin"], {"grade": 10}, team_voice, {"linkedin": {"max_grade": 12}}), [{
		"op": "replace", "path": "/post/channels", "value": ["linkedin", "linkdin"],
	}])
	voice.warn == {warning(
		"greenlight.voice.max-grade",
		"Reading grade 10 is above the voice's maximum of 9 on linkdin.",
	)} with input as inp
	count(voice.warn) == 0 with input as json.patch(inp, [{"op": "replace", "path": "/config/voice", "value": null}])
}
