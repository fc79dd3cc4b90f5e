# METADATA
# title: Sign-off
# description: |
#   The sign-off stages (`stage` blocks) a post needs, and whether review
#   approvals satisfy them. Greenlight evaluates this package after every
#   other one, with input.required_stages set to the union of their
#   required_stages. With review facts (or options.require_signoffs) a
#   pending stage denies; without them it only shows in the stages report.
package greenlight.signoff

import data.greenlight.compliance
import data.greenlight.lib

# METADATA
# title: Stages
# description: |
#   Each configured stage's status: required, satisfied, pending,
#   waiting_for (required stages it comes after that are not yet
#   satisfied), approved_by (logins whose approvals count) and reasons.
stages := {s.name: object.union(status[s.name], {"waiting_for": waiting_for(s)}) |
	some s in input.config.stages
}

# METADATA
# title: Pending sign-off
# description: A required stage lacks approvals, and review facts exist or sign-offs are required.
# custom:
#   id: greenlight.signoff.pending
deny contains {"msg": pending_message(s), "rule": "greenlight.signoff.pending"} if {
	enforced
	some s in input.config.stages
	status[s.name].pending
}

# METADATA
# title: Enforced
# description: Whether pending stages deny - there are review facts, or options.require_signoffs.
enforced if object.get(input, "review", null) != null

enforced if input.options.require_signoffs == true

# METADATA
# title: Status
# description: |
#   Each configured stage's status but waiting_for: whether the post needs
#   it (it has reasons), whether enough approvals count, and whether it is
#   pending (required and not satisfied).
status := {s.name: {
	"required": required,
	"satisfied": satisfied,
	# Booleans order false < true: pending is required and not satisfied.
	"pending": required > satisfied,
	"approved_by": users,
	"reasons": reasons,
} |
	some s in input.config.stages
	reasons := sort(when_reasons(object.get(s, "when", "")) | object.get(policy_reasons, s.name, set()))
	users := object.get(approved, s.name, [])
	required := count(reasons) > 0
	satisfied := count(users) >= min_approvals(s)
}

# METADATA
# title: When reasons
# description: |
#   The reasons a stage's `when` gives: "always" (also when unset),
#   "compliance" (any fired trigger), "compliance.NAME", "channel.NAME" or
#   "post.FIELD".
when_reasons(cond) := {"always"} if {
	cond == "always"
} else := {"always"} if {
	cond == ""
} else := {"always"} if {
	not is_string(cond)
} else := {sprintf("compliance: %s", [trigger]) | some trigger in compliance.fired} if {
	cond == "compliance"
} else := {sprintf("compliance: %s", [trigger])} if {
	startswith(cond, "compliance.")
	trigger := substring(cond, 11, -1)
	trigger in compliance.fired
} else := {sprintf("channel: %s", [channel])} if {
	startswith(cond, "channel.")
	channel := substring(cond, 8, -1)
	channel in object.get(input, ["post", "channels"], [])
} else := {sprintf("post: %s", [substring(cond, 5, -1)])} if {
	lib.post_condition(object.get(input, "post", {}), cond)
} else := set()

# METADATA
# title: Policy reasons
# description: |
#   For each stage the packages' required_stages ask for, why: the fired
#   compliance triggers that require it, else "policy".
policy_reasons := {name: reasons |
	some name in input.required_stages
	reasons := required_reasons(name)
}

# METADATA
# title: Required reasons
# description: The fired compliance triggers that require a stage, else "policy".
required_reasons(name) := r if {
	r := {sprintf("compliance: %s", [t.name]) |
		some t in compliance.fired_triggers
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
#   post's author, and by a holder of one of the stage's approver roles
#   (narrowed to the stages an /approve names, when it names any).
approvals contains [s.name, a.user] if {
	review := input.review
	some a in object.get(review, "approvals", [])
	object.get(a, "stale", false) != true
	lower(a.user) != lower(object.get(review, "author", ""))
	some s in input.config.stages
	approves(a, s)
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
# title: Approved by
# description: For each stage with counted approvals, the distinct users, sorted.
approved := {stage: sort(users) |
	some [stage, _] in approvals
	users := {user | some [s, user] in approvals; s == stage}
} if {
	is_object(input.review)
} else := {}

# METADATA
# title: Pending
# description: The names of the required stages not yet satisfied.
pending := {name | some name, st in status; st.pending}

# METADATA
# title: Waiting for
# description: |
#   The required, unsatisfied stages a stage comes after, looking through
#   stages in between that are not required, sorted.
waiting_for(s) := [] if {
	count(object.get(s, "after", [])) == 0
} else := sort({name |
	some name in graph.reachable(pass_through, s.after)
	name in pending
})

# METADATA
# title: Pass-through order
# description: |
#   The `after` graph with edges only out of stages that are not required,
#   so that waiting looks through them to the stages before.
pass_through := {s.name: after |
	some s in input.config.stages
	after := [name | status[s.name].required == false; some name in object.get(s, "after", [])]
}

# METADATA
# title: Pending message
# description: '"Sign-off pending: brand (after copy-edit)."'
pending_message(s) := sprintf("Sign-off pending: %s%s%s.", [s.name, approvals_note(s), after_note(s)])

# METADATA
# title: Approvals note
# description: How many approvals a stage has, when it needs more than one.
approvals_note(s) := sprintf(", %d of %d approvals", [count(status[s.name].approved_by), n]) if {
	n := min_approvals(s)
	n > 1
} else := ""

# METADATA
# title: After note
# description: The stages a pending stage waits for, for a message.
after_note(s) := sprintf(" (after %s)", [concat(", ", waiting)]) if {
	waiting := stages[s.name].waiting_for
	count(waiting) > 0
} else := ""
