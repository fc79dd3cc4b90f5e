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
stages := {s.name: {
	"required": s.name in required,
	"satisfied": s.name in satisfied,
	"pending": s.name in pending,
	"waiting_for": waiting_for(s),
	"approved_by": sort(approved[s.name]),
	"reasons": sort(object.get(reasons, s.name, set())),
} |
	some s in config_stages
}

# METADATA
# title: Pending sign-off
# description: A required stage lacks approvals, and review facts exist or sign-offs are required.
# custom:
#   id: greenlight.signoff.pending
deny contains {"msg": pending_message(s), "rule": "greenlight.signoff.pending"} if {
	enforced
	some s in config_stages
	s.name in pending
}

# METADATA
# title: Enforced
# description: Whether pending stages deny - there are review facts, or options.require_signoffs.
enforced if review != null

enforced if input.options.require_signoffs == true

# METADATA
# title: Config stages
# description: The configured stages.
config_stages := object.get(input, ["config", "stages"], [])

# METADATA
# title: Review
# description: The review facts, or null.
review := object.get(input, "review", null)

# METADATA
# title: Conditions
# description: Each configured stage's name and condition.
conditions := [[s.name, condition(s)] | some s in config_stages]

# METADATA
# title: Reasons
# description: For each stage, why the post needs it.
reasons[name] contains "always" if {
	some [name, "always"] in conditions
}

reasons[name] contains sprintf("compliance: %s", [trigger]) if {
	some [name, "compliance"] in conditions
	some trigger in compliance.fired
}

reasons[name] contains sprintf("compliance: %s", [trigger]) if {
	some [name, cond] in conditions
	startswith(cond, "compliance.")
	trigger := substring(cond, 11, -1)
	trigger in compliance.fired
}

reasons[name] contains sprintf("channel: %s", [channel]) if {
	some [name, cond] in conditions
	startswith(cond, "channel.")
	channel := substring(cond, 8, -1)
	channel in object.get(input, ["post", "channels"], [])
}

reasons[name] contains sprintf("post: %s", [substring(cond, 5, -1)]) if {
	some [name, cond] in conditions
	startswith(cond, "post.")
	lib.post_condition(object.get(input, "post", {}), cond)
}

reasons[name] contains sprintf("compliance: %s", [t.name]) if {
	some name in required_stages
	some t in compliance.fired_triggers
	name in object.get(t, "requires", [])
}

reasons[name] contains "policy" if {
	some name in required_stages
	not required_by_compliance(name)
}

# METADATA
# title: Required by compliance
# description: Whether a fired compliance trigger requires a stage.
required_by_compliance(name) if {
	some t in compliance.fired_triggers
	name in object.get(t, "requires", [])
}

# METADATA
# title: Condition
# description: A stage's `when`, "always" when unset.
condition(s) := w if {
	w := s.when
	is_string(w)
	w != ""
} else := "always"

# METADATA
# title: Required stages from policies
# description: The stages the packages' required_stages ask for.
required_stages := {name | some name in object.get(input, "required_stages", [])}

# METADATA
# title: Required
# description: The names of the stages the post needs.
required := {name | some name, _ in reasons}

# METADATA
# title: Satisfied
# description: The names of the stages with at least min_approvals counted approvals.
satisfied := {s.name |
	some s in config_stages
	count(approved[s.name]) >= min_approvals(s)
}

# METADATA
# title: Pending
# description: The names of the required stages not yet satisfied.
pending := required - satisfied

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
#   post's author, and by a holder of one of the stage's approver roles or
#   naming the stage explicitly (/approve legal).
approvals contains [s.name, a.user] if {
	is_object(review)
	some a in object.get(review, "approvals", [])
	object.get(a, "stale", false) != true
	lower(a.user) != lower(object.get(review, "author", ""))
	some s in config_stages
	approves(a, s)
}

# METADATA
# title: Approves
# description: Whether an approval is for a stage, by role or by naming it.
approves(a, s) if {
	some role in object.get(a, "roles", [])
	role in object.get(s, "approvers", [])
}

approves(a, s) if s.name in object.get(a, "stages", [])

# METADATA
# title: Approved by
# description: For each stage, the distinct users whose approvals count.
approved := {s.name: users |
	some s in config_stages
	users := {user | some [stage, user] in approvals; stage == s.name}
}

# METADATA
# title: Waiting for
# description: |
#   The required, unsatisfied stages a stage comes after, looking through
#   stages in between that are not required, sorted.
waiting_for(s) := sort({name |
	some name in graph.reachable(pass_through, object.get(s, "after", []))
	name in pending
}) if {
	count(pending) > 0
} else := []

# METADATA
# title: Pass-through order
# description: |
#   The `after` graph with edges only out of stages that are not required,
#   so that waiting looks through them to the stages before.
pass_through := {s.name: after |
	some s in config_stages
	after := pass_after(s)
}

# METADATA
# title: Pass-through after
# description: A stage's after stages when it is not required, else none.
pass_after(s) := [] if s.name in required

else := object.get(s, "after", [])

# METADATA
# title: Pending message
# description: '"Sign-off pending: brand (after copy-edit)."'
pending_message(s) := sprintf("Sign-off pending: %s%s%s.", [s.name, approvals_note(s), after_note(s)])

# METADATA
# title: Approvals note
# description: How many approvals a stage has, when it needs more than one.
approvals_note(s) := sprintf(", %d of %d approvals", [count(approved[s.name]), min_approvals(s)]) if {
	min_approvals(s) > 1
} else := ""

# METADATA
# title: After note
# description: The stages a pending stage waits for, for a message.
after_note(s) := sprintf(" (after %s)", [concat(", ", waiting)]) if {
	waiting := stages[s.name].waiting_for
	count(waiting) > 0
} else := ""
