package rulebook.acme.claims_test

import data.rulebook.acme.claims

body := {"line": 5, "col": 1, "end_line": 5, "end_col": 1}

doc(text) := {"post": {"text": text, "positions": {"body": body}}}

test_a_guarantee_is_denied if {
	claims.deny == {{
		"msg": "Do not promise results: remove \"guaranteed\".",
		"rule": "acme-rules.no-guarantees",
		"line": 5, "col": 1, "end_line": 5, "end_col": 1,
	}} with input as doc("Results GUARANTEED in a week.\n")
}

test_a_plain_post_passes if {
	count(claims.deny) == 0 with input as doc("Reports load faster now.\n")
}
