package greenlight.style_test

import data.greenlight.style

match(rule, level, msg, suggestion, col) := {
	"rule": rule, "level": level, "msg": msg, "suggestion": suggestion,
	"line": 6, "col": col, "end_line": 6, "end_col": col + 6,
}

doc(matches) := {"matches": {"style": matches}}

test_each_level_becomes_its_decision if {
	hype := match("hype", "warning", "Say what it does instead of 'synergy'.", "", 40)
	brand := match("brand-names", "error", "Use 'GitHub' instead of 'Github'.", "GitHub", 76)
	latin := match("Acme.Latin", "info", "Use 'for example' instead of 'eg'.", "for example", 18)
	inp := doc([hype, brand, latin])
	style.warn == {hype} with input as inp
	style.deny == {brand} with input as inp
	style.info == {latin} with input as inp
}

test_a_match_is_reported_as_it_is if {
	# A match has a violation's shape; its extra keys (level) are ignored.
	m := match("brand-names", "error", "Use 'GitHub' instead of 'Github'.", "GitHub", 76)
	style.deny == {{
		"msg": "Use 'GitHub' instead of 'Github'.", "rule": "brand-names", "suggestion": "GitHub",
		"level": "error", "line": 6, "col": 76, "end_line": 6, "end_col": 82,
	}} with input as doc([m])
}

test_other_levels_fail_closed if {
	# Greenlight writes error, warning or info; anything else is an error.
	vale := match("Acme.Weasel", "suggestion", "'really' is a weasel word; be specific.", "", 97)
	bogus := match("brand-names", "fatal", "Use 'GitHub'.", "GitHub", 76)
	bare := {"rule": "hype", "msg": "Avoid 'synergy'.", "line": 2, "col": 3, "end_line": 2, "end_col": 9}
	inp := doc([vale, bogus, bare])
	style.deny == {vale, bogus, bare} with input as inp
	count(style.warn) + count(style.info) == 0 with input as inp
}

test_match_without_rule_name_keeps_it if {
	# Greenlight reports a violation whose rule is empty under the package's name, greenlight.style.
	m := match("", "error", "Something is off.", "", 1)
	style.deny == {m} with input as doc([m])
}

test_no_matches if {
	(count(style.deny) + count(style.warn)) + count(style.info) == 0 with input as doc([])
	count(style.deny) == 0 with input as {}
}

test_grouped_matches_are_read_as_grouped if {
	# Greenlight groups the matches by level in matches.style_by_level; the
	# policy reads that grouping when it is there.
	hype := match("hype", "warning", "Say what it does instead of 'synergy'.", "", 40)
	brand := match("brand-names", "error", "Use 'GitHub' instead of 'Github'.", "GitHub", 76)
	odd := match("Acme.Odd", "suggestion", "Odd.", "", 3)
	inp := {"matches": {"style": [hype, brand, odd], "style_by_level": {"warning": [hype], "error": [brand], "suggestion": [odd]}}}
	style.warn == {hype} with input as inp
	style.deny == {brand, odd} with input as inp
	count(style.info) == 0 with input as inp
}
