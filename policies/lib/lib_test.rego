package greenlight.lib_test

import data.greenlight.lib

meta := {"title": "T", "custom": {"id": "greenlight.test.rule"}}

test_violation_copies_position_and_rule if {
	v := lib.violation("Bad.", {"line": 3, "col": 4, "end_line": 3, "end_col": 9, "other": "x"}, meta)
	v == {"msg": "Bad.", "rule": "greenlight.test.rule", "line": 3, "col": 4, "end_line": 3, "end_col": 9}
}

test_violation_without_position if {
	lib.violation("Bad.", null, meta) == {"msg": "Bad.", "rule": "greenlight.test.rule"}
}

test_violation_skips_null_position_fields if {
	lib.violation("Bad.", {"line": 2, "col": 1, "end_line": null}, meta) == {"msg": "Bad.", "rule": "greenlight.test.rule", "line": 2, "col": 1}
}

test_violation_without_id if {
	lib.violation("Bad.", null, {}) == {"msg": "Bad.", "rule": ""}
}

test_finding_copies_position if {
	v := lib.finding("Bad.", "greenlight.test.rule", {"line": 3, "col": 4, "end_line": 3, "end_col": 9, "other": "x"})
	v == {"msg": "Bad.", "rule": "greenlight.test.rule", "line": 3, "col": 4, "end_line": 3, "end_col": 9}
	lib.finding("Bad.", "r", {"line": 2, "col": 1}) == {"msg": "Bad.", "rule": "r", "line": 2, "col": 1}
}

test_finding_without_position if {
	lib.finding("Bad.", "greenlight.test.rule", null) == {"msg": "Bad.", "rule": "greenlight.test.rule"}
}

test_suggested_violation if {
	v := lib.suggested_violation("Use GitHub.", {"line": 1, "col": 2}, meta, "GitHub")
	v == {"msg": "Use GitHub.", "rule": "greenlight.test.rule", "line": 1, "col": 2, "suggestion": "GitHub"}
}

test_decision if {
	lib.decision("error") == "deny"
	lib.decision("warning") == "warn"
	lib.decision("Warn") == "warn"
	lib.decision("info") == "info"
	lib.decision(" suggestion ") == "info"
	lib.decision("bogus") == "deny"
}

test_level_or if {
	lib.level_or({"level": "info"}, "level", "warning") == "info"
	lib.level_or({"level": ""}, "level", "warning") == "warning"
	lib.level_or({"level": null}, "level", "error") == "error"
	lib.level_or({}, "level", "error") == "error"
	lib.level_or(null, "level", "error") == "error"
}

test_truthy if {
	lib.truthy(true)
	lib.truthy("legal")
	lib.truthy(2)
	lib.truthy(["a"])
	lib.truthy({"a": 1})
	lib.truthy({"a"})
	not lib.truthy(false)
	not lib.truthy(null)
	not lib.truthy("")
	not lib.truthy(0)
	not lib.truthy([])
	not lib.truthy({})
}

test_post_condition if {
	post := {"sponsored": true, "draft": false, "front": {"partner": "Northwind", "empty": ""}}
	lib.post_condition(post, "post.sponsored")
	lib.post_condition(post, "post.partner")
	not lib.post_condition(post, "post.draft")
	not lib.post_condition(post, "post.empty")
	not lib.post_condition(post, "post.missing")
	not lib.post_condition(post, "sponsored")
}

test_post_condition_without_front_matter if {
	lib.post_condition({"sponsored": true}, "post.sponsored")
	not lib.post_condition({"sponsored": false}, "post.sponsored")
}

test_post_condition_empty_collections_are_unset if {
	not lib.post_condition({"tags": []}, "post.tags")
	not lib.post_condition({"tags": {}}, "post.tags")
	not lib.post_condition({"tags": set()}, "post.tags")
	lib.post_condition({"tags": ["a"]}, "post.tags")
}

test_falsy_values if {
	every v in [false, null, "", 0, [], {}, set()] {
		v in lib.falsy
	}
	not true in lib.falsy
}

test_position_keys if {
	lib.position_keys == ["line", "col", "end_line", "end_col"]
}

test_channel_names if {
	lib.channel_name("linkedin") == "LinkedIn"
	lib.channel_name("x") == "X"
	lib.channel_name("intranet") == "intranet"
	lib.channel_list({"linkedin", "x", "bluesky"}) == "Bluesky, LinkedIn, X"
	lib.channel_list(["threads"]) == "Threads"
}

test_number if {
	lib.number(11.2345) == "11.23"
	lib.number(9) == "9"
	lib.number(-0.25) == "-0.25"
}

test_time_text if {
	ns := time.parse_rfc3339_ns("2027-01-15T14:00:00Z")
	lib.time_text(ns, {"timezone": "America/New_York"}) == "2027-01-15 09:00 EST"
	lib.time_text(ns, {"timezone": ""}) == "2027-01-15 14:00 UTC"
	lib.time_text(ns, {}) == "2027-01-15 14:00 UTC"
}

test_capitalized if {
	lib.capitalized("sponsored") == "Sponsored"
	lib.capitalized("") == ""
}

test_and_list if {
	lib.and_list(["legal"]) == "legal"
	lib.and_list(["brand", "legal"]) == "brand and legal"
	lib.and_list(["a", "b", "c"]) == "a, b and c"
}

test_normalized_note_marks_a_normalized_match if {
	lib.normalized_note({"text": "guaranteed", "normalized": true}) == " (found after normalizing look-alike or invisible characters)"
	lib.normalized_note({"text": "guaranteed", "normalized": false}) == ""
	lib.normalized_note({"text": "guaranteed"}) == ""
}

test_quantity if {
	lib.quantity(1, "exclamation mark", "exclamation marks") == "1 exclamation mark"
	lib.quantity(3, "exclamation mark", "exclamation marks") == "3 exclamation marks"
	lib.quantity(0, "word", "words") == "0 words"
	lib.quantity(1.5, "word", "words") == "1.5 words"
}
