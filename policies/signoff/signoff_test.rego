package greenlight.signoff_test

import data.greenlight.signoff

copy_edit := {"name": "copy-edit", "approvers": ["copy"], "after": [], "when": "always", "min_approvals": 1}

brand := {"name": "brand", "approvers": ["brand"], "after": ["copy-edit"], "when": "always", "min_approvals": 1}

legal := {"name": "legal", "approvers": ["legal"], "after": ["brand"], "when": "compliance", "min_approvals": 1}

triggers := [
	{"name": "financial-claims", "when": "", "requires": ["legal"], "must_include": [], "level": "error", "message": ""},
	{"name": "sponsored", "when": "post.sponsored", "requires": ["legal"], "must_include": ["#ad"], "level": "error", "message": ""},
]

post := {"channels": ["x", "linkedin"], "sponsored": false, "front": {"owner": "amy"}}

risk_free := {"trigger": "financial-claims", "text": "risk-free", "line": 6, "col": 5, "end_line": 6, "end_col": 13}

doc(stages, review) := {
	"options": {"require_signoffs": false},
	"post": post,
	"matches": {"compliance": []},
	"review": review,
	"required_stages": [],
	"config": {"stages": stages, "compliance": triggers},
}

review(approvals) := {"pull_request": 12, "author": "amy", "head": "abc", "approvals": approvals}

approval(user, roles, stages) := {"user": user, "roles": roles, "stages": stages, "commit": "abc", "stale": false}

pending(msg) := {"msg": msg, "rule": "greenlight.signoff.pending"}

test_without_review_facts_pending_stages_do_not_deny if {
	inp := doc([copy_edit, brand, legal], null)
	signoff.stages == {
		"copy-edit": {
			"required": true, "satisfied": false, "pending": true,
			"waiting_for": [], "approved_by": [], "reasons": ["always"],
		},
		"brand": {
			"required": true, "satisfied": false, "pending": true,
			"waiting_for": ["copy-edit"], "approved_by": [], "reasons": ["always"],
		},
		"legal": {
			"required": false, "satisfied": false, "pending": false,
			"waiting_for": ["brand"], "approved_by": [], "reasons": [],
		},
	} with input as inp
	count(signoff.deny) == 0 with input as inp
}

test_require_signoffs_denies_without_review_facts if {
	inp := json.patch(doc([copy_edit, brand], null), [{"op": "replace", "path": "/options/require_signoffs", "value": true}])
	signoff.deny == {
		pending("Sign-off pending: copy-edit."),
		pending("Sign-off pending: brand (after copy-edit)."),
	} with input as inp
}

test_review_facts_deny_pending_stages if {
	inp := doc([copy_edit, brand], review([approval("jo", ["copy"], [])]))
	signoff.deny == {pending("Sign-off pending: brand.")} with input as inp
	signoff.stages["copy-edit"].approved_by == ["jo"] with input as inp
	signoff.stages["copy-edit"].satisfied with input as inp
}

test_all_stages_approved if {
	inp := doc([copy_edit, brand, legal], review([approval("jo", ["copy"], []), approval("mia", ["brand"], [])]))
	count(signoff.deny) == 0 with input as inp
	signoff.stages.brand == {
		"required": true, "satisfied": true, "pending": false,
		"waiting_for": [], "approved_by": ["mia"], "reasons": ["always"],
	} with input as inp
}

test_stage_order_later_stage_approved_first if {
	# Brand approved before copy-edit: brand is satisfied; order is not denied.
	inp := doc([copy_edit, brand], review([approval("mia", ["brand"], [])]))
	signoff.deny == {pending("Sign-off pending: copy-edit.")} with input as inp
	signoff.stages.brand.satisfied with input as inp
	signoff.stages.brand.waiting_for == ["copy-edit"] with input as inp
}

test_compliance_match_requires_legal if {
	inp := json.patch(doc([copy_edit, brand, legal], review([approval("jo", ["copy"], [])])), [
		{"op": "add", "path": "/matches/compliance/-", "value": risk_free},
		{"op": "replace", "path": "/required_stages", "value": ["legal"]},
	])
	signoff.stages.legal == {
		"required": true, "satisfied": false, "pending": true,
		"waiting_for": ["brand"], "approved_by": [], "reasons": ["compliance: financial-claims"],
	} with input as inp
	signoff.deny == {
		pending("Sign-off pending: brand."),
		pending("Sign-off pending: legal (after brand)."),
	} with input as inp
}

test_fired_triggers_from_the_input_are_used if {
	# Greenlight passes the compliance package's decision in; the sign-off
	# package then does not evaluate compliance again.
	inp := json.patch(doc([copy_edit, brand, legal], null), [
		{"op": "add", "path": "/fired_triggers", "value": ["sponsored"]},
		{"op": "replace", "path": "/required_stages", "value": ["legal"]},
	])
	signoff.stages.legal.reasons == ["compliance: sponsored"] with input as inp
	none := json.patch(doc([copy_edit, brand, legal], null), [{"op": "add", "path": "/fired_triggers", "value": []}])
	not signoff.stages.legal.required with input as none
}

test_sponsored_post_requires_legal if {
	inp := json.patch(doc([copy_edit, brand, legal], null), [{"op": "replace", "path": "/post/sponsored", "value": true}])
	signoff.stages.legal.required with input as inp
	signoff.stages.legal.reasons == ["compliance: sponsored"] with input as inp
}

test_legal_by_required_stages_alone if {
	# A stage in required_stages is required whatever its own when says.
	always_brand := object.union(legal, {"when": "channel.mastodon"})
	inp := json.patch(doc([copy_edit, brand, always_brand], null), [{"op": "replace", "path": "/required_stages", "value": ["legal"]}])
	signoff.stages.legal.required with input as inp
	signoff.stages.legal.reasons == ["policy"] with input as inp
}

test_when_compliance_name if {
	s := object.union(legal, {"when": "compliance.sponsored"})
	inp := doc([copy_edit, brand, s], null)
	not signoff.stages.legal.required with input as inp
	not signoff.stages.legal.required with input as json.patch(inp, [{"op": "add", "path": "/matches/compliance/-", "value": risk_free}])
	signoff.stages.legal.reasons == ["compliance: sponsored"] with input as json.patch(inp, [{"op": "replace", "path": "/post/sponsored", "value": true}])
}

test_when_compliance_uses_fired_triggers if {
	s := object.union(legal, {"when": "compliance.financial-claims"})
	signoff.stages.legal.reasons == ["compliance: financial-claims"] with input as doc([s], null)
		with data.greenlight.compliance.fired as {"financial-claims"}
}

test_when_channel if {
	li := {"name": "li-review", "approvers": ["social"], "after": [], "when": "channel.linkedin"}
	ig := {"name": "ig-review", "approvers": ["social"], "after": [], "when": "channel.instagram"}
	inp := doc([li, ig], null)
	signoff.stages["li-review"].reasons == ["channel: linkedin"] with input as inp
	signoff.stages["li-review"].required with input as inp
	not signoff.stages["ig-review"].required with input as inp
}

test_when_post_field if {
	s := {"name": "partner", "approvers": ["partnerships"], "after": [], "when": "post.partner"}
	inp := doc([s], null)
	not signoff.stages.partner.required with input as inp
	signoff.stages.partner.reasons == ["post: partner"] with input as json.patch(inp, [{"op": "add", "path": "/post/front/partner", "value": "Northwind"}])
	signoff.stages.partner.reasons == ["post: partner"] with input as json.patch(inp, [{"op": "add", "path": "/post/partner", "value": true}])
}

test_when_unset_means_always if {
	s := object.remove(copy_edit, ["when"])
	signoff.stages["copy-edit"].reasons == ["always"] with input as doc([s], null)
}

test_self_approval_is_ignored if {
	inp := doc([copy_edit], review([approval("Amy", ["copy"], ["copy-edit"])]))
	signoff.deny == {pending("Sign-off pending: copy-edit.")} with input as inp
	signoff.stages["copy-edit"].approved_by == [] with input as inp
}

test_a_contributors_approval_is_ignored if {
	# Jo pushed a commit to Amy's pull request: Jo wrote part of what is
	# approved, so Jo's approval counts for no stage; Mia's still does.
	with_jo := object.union(review([approval("Jo", ["copy"], []), approval("mia", ["brand"], [])]), {"contributors": ["amy", "jo"]})
	inp := doc([copy_edit, brand], with_jo)
	signoff.stages["copy-edit"].approved_by == [] with input as inp
	signoff.stages.brand.approved_by == ["mia"] with input as inp
	signoff.deny == {pending("Sign-off pending: copy-edit.")} with input as inp
}

test_stale_approval_is_ignored if {
	stale := object.union(approval("jo", ["copy"], []), {"stale": true})
	inp := doc([copy_edit], review([stale]))
	signoff.deny == {pending("Sign-off pending: copy-edit.")} with input as inp
}

test_approver_in_two_roles_counts_for_both if {
	inp := doc([copy_edit, brand], review([approval("sam", ["copy", "brand"], [])]))
	count(signoff.deny) == 0 with input as inp
	signoff.stages["copy-edit"].approved_by == ["sam"] with input as inp
	signoff.stages.brand.approved_by == ["sam"] with input as inp
}

test_role_of_another_stage_does_not_count if {
	inp := doc([copy_edit, brand], review([approval("mia", ["brand"], [])]))
	signoff.stages["copy-edit"].approved_by == [] with input as inp
}

test_min_approvals_two if {
	s := object.union(legal, {"when": "always", "after": [], "min_approvals": 2})
	one := doc([s], review([approval("lee", ["legal"], []), approval("lee", ["legal"], ["legal"])]))
	signoff.deny == {pending("Sign-off pending: legal, 1 of 2 approvals.")} with input as one
	signoff.stages.legal.approved_by == ["lee"] with input as one
	two := doc([s], review([approval("lee", ["legal"], []), approval("kai", ["legal"], [])]))
	count(signoff.deny) == 0 with input as two
	signoff.stages.legal.approved_by == ["kai", "lee"] with input as two
}

test_missing_min_approvals_is_one if {
	s := object.remove(copy_edit, ["min_approvals"])
	count(signoff.deny) == 0 with input as doc([s], review([approval("jo", ["copy"], [])]))
	n := object.union(copy_edit, {"min_approvals": null})
	count(signoff.deny) == 0 with input as doc([n], review([approval("jo", ["copy"], [])]))
	count(signoff.deny) == 1 with input as doc([n], review([]))
}

test_naming_a_stage_never_grants_it if {
	# "/approve legal" by someone who is not in the legal role.
	s := object.union(legal, {"when": "always", "after": []})
	inp := doc([s], review([approval("zoe", [], ["legal"])]))
	count(signoff.deny) == 1 with input as inp
	signoff.stages.legal.approved_by == [] with input as inp
}

test_naming_a_stage_narrows_an_approver_in_two_roles if {
	# sam holds brand and legal; "/approve brand" signs off brand only.
	l := object.union(legal, {"when": "always", "after": []})
	b := object.union(brand, {"after": []})
	narrowed := doc([b, l], review([approval("sam", ["brand", "legal"], ["brand"])]))
	signoff.stages.brand.approved_by == ["sam"] with input as narrowed
	signoff.stages.legal.approved_by == [] with input as narrowed
	both := doc([b, l], review([approval("sam", ["brand", "legal"], [])]))
	signoff.stages.legal.approved_by == ["sam"] with input as both
}

test_waiting_for_looks_through_stages_not_required if {
	# legal comes after brand, which is not required here; it waits for copy-edit.
	b := object.union(brand, {"when": "channel.mastodon"})
	l := object.union(legal, {"when": "always"})
	inp := doc([copy_edit, b, l], null)
	signoff.stages.legal.waiting_for == ["copy-edit"] with input as inp
}

test_waiting_for_stops_at_required_stages if {
	l := object.union(legal, {"when": "always"})
	inp := doc([copy_edit, brand, l], null)
	signoff.stages.legal.waiting_for == ["brand"] with input as inp
}

test_waiting_for_skips_satisfied_stages if {
	l := object.union(legal, {"when": "always"})
	inp := doc([copy_edit, brand, l], review([approval("mia", ["brand"], [])]))
	signoff.stages.legal.waiting_for == [] with input as inp
	signoff.deny == {
		pending("Sign-off pending: copy-edit."),
		pending("Sign-off pending: legal."),
	} with input as inp
}

test_no_stages if {
	inp := doc([], null)
	signoff.stages == {} with input as inp
}

test_when_null_means_always if {
	s := object.union(copy_edit, {"when": null})
	signoff.stages["copy-edit"].reasons == ["always"] with input as doc([s], null)
}

test_required_stages_are_the_policies if {
	inp := json.patch(doc([copy_edit], null), [{"op": "replace", "path": "/required_stages", "value": ["legal", "brand"]}])
	signoff.required_stages == {"legal", "brand"} with input as inp
}
