# METADATA
# title: Style
# description: |
#   The style rules' findings (`rule` blocks and Vale styles), each at its
#   own level. A style match already has the shape of a violation (msg,
#   rule, position, suggestion; its level is ignored), so it is reported as
#   it is; a match without a rule name is reported under this package's
#   name, greenlight.style.
package greenlight.style

# METADATA
# title: Style errors
# description: |
#   Style findings at level error. Any other level than warning or info
#   (or none) fails closed as an error.
# custom:
#   id: greenlight.style
deny contains m if {
	some level, ms in by_level
	not level in {"warning", "info"}
	some m in ms
}

# METADATA
# title: Style warnings
# description: Style findings at level warning.
# custom:
#   id: greenlight.style
warn contains m if {
	some m in by_level.warning
}

# METADATA
# title: Style infos
# description: Style findings at level info.
# custom:
#   id: greenlight.style
info contains m if {
	some m in by_level.info
}

# METADATA
# title: Matches by level
# description: |
#   The style matches grouped by level (a match without one under ""):
#   input.matches.style_by_level, which Greenlight provides, or the same
#   grouping of input.matches.style for a document without it.
by_level := input.matches.style_by_level if {
	is_object(input.matches.style_by_level)
} else := {level: [m | some m in input.matches.style; object.get(m, "level", "") == level] |
	some m0 in input.matches.style
	level := object.get(m0, "level", "")
}
