package acme.finance_test

import data.acme.finance

body := {"line": 6, "col": 1, "end_line": 6, "end_col": 1}

doc(p) := {"post": object.union(
	{
		"campaign": "", "front": {},
		"text": "Our savings account pays 4% a year.\n",
		"positions": {"body": body},
	},
	p,
)}

missing := {
	"msg": "Finance posts need a line saying \"Not financial advice\".",
	"rule": "acme.finance.disclaimer",
	"line": 6, "col": 1, "end_line": 6, "end_col": 1,
}

test_finance_campaign_without_disclaimer_is_denied if {
	finance.deny == {missing} with input as doc({"campaign": "finance"})
}

test_finance_topic_without_disclaimer_is_denied if {
	finance.deny == {missing} with input as doc({"front": {"topic": "finance"}})
}

test_disclaimer_line_passes if {
	text := "Our savings account pays 4% a year.\n\n*Not financial advice.*\n"
	count(finance.deny) == 0 with input as doc({"campaign": "finance", "text": text})
	count(finance.deny) == 0 with input as doc({"campaign": "finance", "text": "NOT FINANCIAL ADVICE"})
}

test_other_posts_need_no_disclaimer if {
	count(finance.deny) == 0 with input as doc({"campaign": "winter-launch"})
}

test_legal_waiver_is_an_exception if {
	inp := doc({"campaign": "finance", "front": {"disclaimer_waived_by": "legal"}})
	finance.exception == {"acme.finance.disclaimer"} with input as inp

	# The rule still fires; Greenlight waives it and reports the waiver.
	finance.deny == {missing} with input as inp

	# The author writes the front matter: legal must sign the post off.
	finance.required_stages == {"legal"} with input as inp
}

test_plain_finance_post_needs_no_legal if {
	count(finance.required_stages) == 0 with input as doc({"campaign": "finance"})
}

test_other_waivers_are_not_exceptions if {
	count(finance.exception) == 0 with input as doc({"campaign": "finance", "front": {"disclaimer_waived_by": "amy"}})
}

test_post_without_body_position if {
	inp := {"post": {"campaign": "finance", "text": ""}}
	finance.deny == {{
		"msg": "Finance posts need a line saying \"Not financial advice\".",
		"rule": "acme.finance.disclaimer",
	}} with input as inp
}
