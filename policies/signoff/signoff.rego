# METADATA
# title: Sign-off
# description: |
#   The sign-off stages (`stage` blocks) a post needs, and whether review
#   approvals satisfy them. Greenlight evaluates this package after every
#   other one, with input.required_stages set to the union of their
#   required_stages and input.fired_triggers to the compliance triggers
#   that fire. With review facts (or options.require_signoffs) a pending
#   stage denies; without them it only shows in the stages report.
package greenlight.signoff

import data.greenlight.compliance
import data.greenlight.lib

# METADATA
# title: Stages
# description: |
#   Each configured stage's status: required (the post needs it: its `when`
#   holds, or a package's required_stages names it - see reasons),
#   satisfied (enough approvals count), pending (required and not
#   satisfied), waiting_for (required stages it comes after that are not
#   yet satisfied), approved_by (logins whose approvals count) and reasons.
#   The statuses are computed here, once, and read by every other rule.
stages := {s.name: object.union(st, {"waiting_for": sort(waiting)}) |
	some s in input.config.stages
	st := status[s.name]

	# The required, unsatisfied stages it comes after, looking through
	# stages in between that are not required (the rare case: see
	# pass_through).
	waiting := {name | some name in object.get(s, "after", []); status[name].pending} | {name |
		some before in object.get(s, "after", [])
		not status[before].required
		some name in graph.reachable(pass_through(status), [before])
		status[name].pending
	}
} if {
	# For each stage with counted approvals, the distinct users, sorted.
	approved := {stage: sort(users) |
		is_object(input.review)
		some [stage, _] in approvals
		users := {user | some [s, user] in approvals; s == stage}
	}

	# For each stage the packages' required_stages ask for, all its reasons.
	policy := {s.name: policy_reasons(s) |
		some name in input.required_stages
		some s in input.config.stages
		s.name == name
	}

	status := {s.name: {
		"required": required,
		"satisfied": satisfied,
		# Booleans order false < true: pending is required and not satisfied.
		"pending": required > satisfied,
		"approved_by": users,
		"reasons": reasons,
	} |
		some s in input.config.stages
		reasons := object.get(policy, s.name, when_reasons(s))
		users := object.get(approved, s.name, [])
		required := count(reasons) > 0
		satisfied := count(users) >= min_approvals(s)
	}
}

# METADATA
# title: Pending sign-off
# description: |
#   A required stage lacks approvals, and pending stages deny: there are
#   review facts, or options.require_signoffs.
# custom:
#   id: greenlight.signoff.pending
deny contains v if {
	input.review != null
	some v in pending
}

deny contains v if {
	input.options.require_signoffs == true
	some v in pending
}

# METADATA
# title: Pending
# description: A violation for each required stage that lacks approvals.
pending contains {"msg": pending_message(s, st), "rule": "greenlight.signoff.pending"} if {
	some s in input.config.stages
	st := stages[s.name]
	st.pending
}

# METADATA
# title: When reasons
# description: |
#   The reasons a stage's `when` gives, sorted: "always" (also when unset),
#   "compliance" (any fired trigger), "compliance.NAME", "channel.NAME" or
#   "post.FIELD".
when_reasons(s) := ["always"] if {
	s.when == "always"
} else := sort({sprintf("compliance: %s", [trigger]) | some trigger in fired}) if {
	s.when == "compliance"
} else := ["always"] if {
	not is_string(object.get(s, "when", ""))
} else := ["always"] if {
	object.get(s, "when", "") == ""
} else := [sprintf("compliance: %s", [trigger])] if {
	startswith(s.when, "compliance.")
	trigger := substring(s.when, 11, -1)
	trigger in fired
} else := [sprintf("channel: %s", [channel])] if {
	startswith(s.when, "channel.")
	channel := substring(s.when, 8, -1)
	channel in object.get(input, ["post", "channels"], [])
} else := [sprintf("post: %s", [substring(s.when, 5, -1)])] if {
	lib.post_condition(object.get(input, "post", {}), s.when)
} else := []

# METADATA
# title: Fired triggers
# description: |
#   The compliance triggers that fire for the post: input.fired_triggers,
#   which Greenlight sets from greenlight.compliance's decision, else that
#   package's own.
fired := input.fired_triggers if {
	is_array(input.fired_triggers)
} else := compliance.fired

# METADATA
# title: Policy reasons
# description: |
#   All the reasons of a stage the packages' required_stages ask for,
#   sorted: its `when`'s, and the fired compliance triggers that require it
#   (else "policy").
policy_reasons(s) := sort({r | some r in when_reasons(s)} | required_reasons(s.name))

# METADATA
# title: Required reasons
# description: The fired compliance triggers that require a stage, else "policy".
required_reasons(name) := r if {
	r := {sprintf("compliance: %s", [t.name]) |
		some t in input.config.compliance
		t.name in fired
		name in object.get(t, "requires", [])
	}
	count(r) > 0
} else := {"policy"}

# METADATA
# title: Required stages from policies
# description: The stages the packages' required_stages ask for.
required_stages := {name | some name in input.required_stages}

# METADATA
# title: Minimum approvals
# description: A stage's min_approvals, 1 when unset.
min_approvals(s) := n if {
	n := s.min_approvals
	is_number(n)
} else := 1

# METADATA
# title: Approvals
# description: |
#   The approvals that count, as [stage, user]: not stale, not by the
#   post's author or anyone who made a commit of its pull request
#   (review.contributors), and by a holder of one of the stage's approver
#   roles (narrowed to the stages an /approve names, when it names any).
approvals contains [s.name, a.user] if {
	review := input.review
	some a in object.get(review, "approvals", [])
	object.get(a, "stale", false) != true
	not lower(a.user) in writers
	some s in input.config.stages
	approves(a, s)
}

# METADATA
# title: Writers
# description: |
#   The people who wrote the post's pull request, in lower case: its
#   author and its contributors. Their approvals never count.
writers contains lower(input.review.author) if is_string(input.review.author)

writers contains lower(c) if {
	some c in input.review.contributors
	is_string(c)
}

# METADATA
# title: Approves
# description: |
#   Whether an approval is for a stage: its user holds one of the stage's
#   approver roles, and the approval names no stages or names this one
#   (/approve legal). Naming a stage narrows an approval; it never grants
#   a stage the user has no role for.
approves(a, s) if {
	some role in object.get(a, "roles", [])
	role in object.get(s, "approvers", [])
	names(a, s)
}

# METADATA
# title: Names
# description: Whether an approval names no stages, or names the stage.
names(a, _) if count(object.get(a, "stages", [])) == 0

names(a, s) if s.name in a.stages

# METADATA
# title: Pass-through order
# description: |
#   The `after` graph with edges only out of stages that are not required,
#   so that waiting looks through them to the stages before.
pass_through(status) := object.union(
	{name: [] | some name, st in status; st.required},
	{s.name: object.get(s, "after", []) | some s in input.config.stages; not status[s.name].required},
)

# METADATA
# title: Pending message
# description: '"Sign-off pending: brand (after copy-edit)."'
pending_message(s, st) := sprintf("Sign-off pending: %s%s%s.", [s.name, approvals_note(s, st), after_note(st)])

# METADATA
# title: Approvals note
# description: How many approvals a stage has, when it needs more than one.
approvals_note(s, st) := sprintf(", %d of %d approvals", [count(st.approved_by), n]) if {
	n := min_approvals(s)
	n > 1
} else := ""

# METADATA
# title: After note
# description: The stages a pending stage waits for, for a message.
after_note(st) := sprintf(" (after %s)", [concat(", ", st.waiting_for)]) if {
	count(st.waiting_for) > 0
} else := ""
