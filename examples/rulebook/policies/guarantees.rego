# METADATA
# title: Acme shared rulebook, claims
# description: |
#   An example shared rulebook's policy, loaded into every content repository
#   whose greenlight.hcl names the rulebook in a source block. A post never
#   promises results.
package rulebook.acme.claims

# METADATA
# title: No guaranteed results
# description: |
#   A post must not say results are "guaranteed": the organisation's
#   lawyers allow no promise of an outcome.
# custom:
#   id: acme-rules.no-guarantees
deny contains violation if {
	promises
	violation := object.union(
		{
			"msg": "Do not promise results: remove \"guaranteed\".",
			"rule": object.get(rego.metadata.rule(), ["custom", "id"], "acme-rules"),
		},
		body,
	)
}

# METADATA
# title: Promises
# description: Whether the post's text says "guaranteed", in any case.
promises if contains(lower(input.post.text), "guaranteed")

# METADATA
# title: Body
# description: The position of the post's body, as a violation's position fields.
body := {k: v |
	some k, v in object.get(input.post, ["positions", "body"], {})
	k in {"line", "col", "end_line", "end_col"}
}
