# METADATA
# title: Acme finance posts
# description: |
#   An example team policy, loaded beside Greenlight's own from the folders
#   named by `greenlight { policies = [...] }`. Posts about finance carry a
#   disclaimer, unless legal waived it.
package acme.finance

# METADATA
# title: Finance disclaimer
# description: |
#   A finance post (campaign "finance", or front matter `topic: finance`)
#   must have a line that says "Not financial advice".
# custom:
#   id: acme.finance.disclaimer
deny contains violation if {
	finance_post
	not disclaimed
	violation := object.union(
		{
			"msg": "Finance posts need a line saying \"Not financial advice\".",
			# rego.metadata.rule() must be called here, in the annotated rule,
			# not inside a helper function.
			"rule": object.get(rego.metadata.rule(), ["custom", "id"], "acme.finance"),
		},
		body,
	)
}

# METADATA
# title: Waived disclaimer
# description: |
#   Posts whose front matter says `disclaimer_waived_by: legal` are excepted
#   from the disclaimer rule; Greenlight reports each waiver. The front
#   matter is the author's to write, so the claim alone proves nothing:
#   such a post needs legal's sign-off (required_stages below).
exception contains "acme.finance.disclaimer" if {
	input.post.front.disclaimer_waived_by == "legal"
}

# METADATA
# title: Legal signs a waived disclaimer
# description: |
#   A post that says legal waived its disclaimer needs the legal stage:
#   legal's approval of the post is the waiver.
required_stages contains "legal" if {
	input.post.front.disclaimer_waived_by == "legal"
}

# METADATA
# title: Finance post
# description: Whether the post is about finance, by its campaign or its front matter.
finance_post if input.post.campaign == "finance"

finance_post if input.post.front.topic == "finance"

# METADATA
# title: Disclaimed
# description: Whether a line of the post says "Not financial advice", in any case.
disclaimed if {
	some line in split(input.post.text, "\n")
	contains(lower(line), "not financial advice")
}

# METADATA
# title: Body
# description: The position of the post's body, as a violation's position fields.
body := {k: v |
	some k, v in object.get(input.post, ["positions", "body"], {})
	k in {"line", "col", "end_line", "end_col"}
}
