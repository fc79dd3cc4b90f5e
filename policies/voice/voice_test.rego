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
	"config": {"voice": v, "channel_voice": cv},
}

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
		"config": {"voice": team_voice, "channel_voice": {}},
	}
}

test_post_without_body_position if {
	inp := {"post": {"channels": ["x"]}, "tone": {"grade": 10}, "config": {"voice": team_voice, "channel_voice": {}}}
	voice.warn == {{
		"msg": "Reading grade 10 is above the voice's maximum of 9.",
		"rule": "greenlight.voice.max-grade",
	}} with input as inp
}
