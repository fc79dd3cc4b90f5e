package greenlight.compliance_test

import data.greenlight.compliance

body := {"line": 6, "col": 1, "end_line": 6, "end_col": 1}

triggers := [
	{
		"name": "financial-claims", "when": "", "requires": ["legal"],
		"must_include": [], "level": "error", "message": "",
	},
	{
		"name": "sponsored", "when": "post.sponsored", "requires": ["legal"],
		"must_include": ["#ad"], "level": "error", "message": "",
	},
]

post := {
	"sponsored": false,
	"front": {},
	"text": "Our new plan is risk-free. #analytics",
	"hashtags": [{"text": "analytics", "line": 6, "col": 28, "end_line": 6, "end_col": 37}],
	"positions": {"body": body},
}

risk_free := {"trigger": "financial-claims", "text": "risk-free", "line": 6, "col": 17, "end_line": 6, "end_col": 25}

doc(p, matches, ts) := {
	"post": object.union(post, p),
	"matches": {"compliance": matches},
	"config": {"compliance": ts},
}

test_nothing_fires_on_a_plain_post if {
	inp := doc({}, [], triggers)
	count(compliance.fired) == 0 with input as inp
	count(compliance.required_stages) == 0 with input as inp
	count(compliance.deny) == 0 with input as inp
	count(compliance.info) == 0 with input as inp
}

test_a_match_fires_its_trigger if {
	inp := doc({}, [risk_free], triggers)
	compliance.fired == {"financial-claims"} with input as inp
	compliance.required_stages == {"legal"} with input as inp
	count(compliance.deny) == 0 with input as inp
}

test_a_match_is_noted_at_its_place if {
	compliance.info == {{
		"msg": "'risk-free' matches the compliance trigger financial-claims: legal must sign off.",
		"rule": "greenlight.compliance.match",
		"line": 6, "col": 17, "end_line": 6, "end_col": 25,
	}} with input as doc({}, [risk_free], triggers)
}

test_match_message_names_every_required_stage if {
	ts := [object.union(triggers[0], {"requires": ["legal", "brand"]})]
	compliance.info == {{
		"msg": "'risk-free' matches the compliance trigger financial-claims: brand and legal must sign off.",
		"rule": "greenlight.compliance.match",
		"line": 6, "col": 17, "end_line": 6, "end_col": 25,
	}} with input as doc({}, [risk_free], ts)
}

test_match_of_a_trigger_without_stages if {
	ts := [object.union(triggers[0], {"requires": []})]
	inp := doc({}, [risk_free], ts)
	compliance.info == {{
		"msg": "'risk-free' matches the compliance trigger financial-claims.",
		"rule": "greenlight.compliance.match",
		"line": 6, "col": 17, "end_line": 6, "end_col": 25,
	}} with input as inp
	count(compliance.required_stages) == 0 with input as inp
}

test_sponsored_post_without_ad_is_denied if {
	inp := doc({"sponsored": true}, [], triggers)
	compliance.fired == {"sponsored"} with input as inp
	compliance.required_stages == {"legal"} with input as inp
	compliance.deny == {{
		"msg": "Sponsored posts must include #ad.",
		"rule": "greenlight.compliance.must-include",
		"line": 6, "col": 1, "end_line": 6, "end_col": 1,
	}} with input as inp
}

test_sponsored_post_with_ad_hashtag_passes if {
	p := {
		"sponsored": true,
		"text": "Thanks to Northwind for this one. #AD",
		"hashtags": [{"text": "AD", "line": 6, "col": 35, "end_line": 6, "end_col": 37}],
	}
	count(compliance.deny) == 0 with input as doc(p, [], triggers)
}

test_hashtag_requirement_is_not_met_by_a_longer_hashtag if {
	p := {
		"sponsored": true,
		"text": "Off we go. #adventure",
		"hashtags": [{"text": "adventure", "line": 6, "col": 12, "end_line": 6, "end_col": 21}],
	}
	count(compliance.deny) == 1 with input as doc(p, [], triggers)
}

test_unsponsored_post_does_not_fire_when if {
	compliance.fired == set() with input as doc({"sponsored": false}, [], triggers)
}

test_when_reads_front_matter if {
	ts := [{"name": "partner", "when": "post.partner", "requires": ["brand"], "must_include": []}]
	inp := doc({"front": {"partner": "Northwind"}}, [], ts)
	compliance.fired == {"partner"} with input as inp
	compliance.required_stages == {"brand"} with input as inp
	compliance.fired == set() with input as doc({"front": {"partner": ""}}, [], ts)
}

test_text_requirement_is_case_insensitive if {
	ts := [{
		"name": "financial-claims", "requires": ["legal"],
		"must_include": ["Not financial advice"], "level": "warning",
	}]
	count(compliance.warn) == 0 with input as doc({"text": "Risk-free! NOT FINANCIAL ADVICE."}, [risk_free], ts)
	compliance.warn == {{
		"msg": "Financial claims posts must include Not financial advice.",
		"rule": "greenlight.compliance.must-include",
		"line": 6, "col": 1, "end_line": 6, "end_col": 1,
	}} with input as doc({}, [risk_free], ts)
}

test_trigger_message_is_used if {
	ts := [object.union(triggers[1], {"message": "Mark paid partnerships with #ad.", "level": "info"})]
	inp := doc({"sponsored": true}, [], ts)
	compliance.info == {{
		"msg": "Mark paid partnerships with #ad.",
		"rule": "greenlight.compliance.must-include",
		"line": 6, "col": 1, "end_line": 6, "end_col": 1,
	}} with input as inp
	count(compliance.deny) == 0 with input as inp
}

test_trigger_message_names_the_missing_text if {
	ts := [object.union(triggers[1], {"must_include": ["#ad", "#sponsored"], "message": "Add %s to paid posts."})]
	compliance.deny == {
		{
			"msg": "Add #ad to paid posts.",
			"rule": "greenlight.compliance.must-include",
			"line": 6, "col": 1, "end_line": 6, "end_col": 1,
		},
		{
			"msg": "Add #sponsored to paid posts.",
			"rule": "greenlight.compliance.must-include",
			"line": 6, "col": 1, "end_line": 6, "end_col": 1,
		},
	} with input as doc({"sponsored": true}, [], ts)
}

test_missing_level_is_error if {
	ts := [object.remove(triggers[1], ["level"])]
	count(compliance.deny) == 1 with input as doc({"sponsored": true}, [], ts)
}

test_several_triggers_union_their_stages if {
	ts := [object.union(triggers[0], {"requires": ["legal", "finance"]}), object.union(triggers[1], {"requires": ["brand"]})]
	inp := doc({"sponsored": true, "text": "#ad", "hashtags": [{"text": "ad"}]}, [risk_free], ts)
	compliance.fired == {"financial-claims", "sponsored"} with input as inp
	compliance.required_stages == {"legal", "finance", "brand"} with input as inp
}

test_no_compliance_config if {
	inp := {"post": post, "matches": {"compliance": []}, "config": {"compliance": []}}
	count(compliance.fired) == 0 with input as inp
	count(compliance.deny) == 0 with input as inp
}

# A post with a section of its own for a channel: each channel posts its
# own copy, and each must hold the required text.
copies(x_text, x_tags, li_text, li_tags) := {
	"x": {"text": x_text, "hashtags_in_copy": x_tags},
	"linkedin": {"text": li_text, "hashtags_in_copy": li_tags},
}

sponsored_in(channels) := object.union(doc({"sponsored": true, "text": "Grab it. #ad", "hashtags": [{"text": "ad"}]}, [], triggers), {"channels": channels})

test_a_hashtag_missing_from_a_channels_copy_is_denied if {
	chs := copies("Grab it. #ad", [{"text": "ad"}], "Grab our template, made for small teams.", [])
	compliance.deny == {{
		"msg": "Sponsored posts must include #ad. It is missing from the copy for LinkedIn.",
		"rule": "greenlight.compliance.must-include",
		"line": 6, "col": 1, "end_line": 6, "end_col": 1,
	}} with input as sponsored_in(chs)
}

test_a_hashtag_in_every_copy_passes if {
	chs := copies("Grab it. #ad", [{"text": "ad"}], "Made for small teams. #AD", [{"text": "AD"}])
	count(compliance.deny) == 0 with input as sponsored_in(chs)
}

test_a_text_missing_from_a_channels_copy_is_named if {
	ts := [object.union(triggers[1], {"must_include": ["Paid partnership"]})]
	inp := object.union(doc({"sponsored": true, "text": "Paid partnership: grab it."}, [], ts), {"channels": copies("Paid partnership: grab it.", [], "PAID PARTNERSHIP. Made for small teams.", [])})
	count(compliance.deny) == 0 with input as inp
	compliance.deny == {{
		"msg": "Sponsored posts must include Paid partnership. It is missing from the copy for LinkedIn, X.",
		"rule": "greenlight.compliance.must-include",
		"line": 6, "col": 1, "end_line": 6, "end_col": 1,
	}} with input as object.union(inp, {"channels": copies("Grab it.", [], "Made for small teams.", [])})
}
