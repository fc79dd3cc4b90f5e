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
	some m in input.matches.style
	not object.get(m, "level", "") in {"warning", "info"}
}

# METADATA
# title: Style warnings
# description: Style findings at level warning.
# custom:
#   id: greenlight.style
warn contains m if {
	some m in input.matches.style
	m.level == "warning"
}

# METADATA
# title: Style infos
# description: Style findings at level info.
# custom:
#   id: greenlight.style
info contains m if {
	some m in input.matches.style
	m.level == "info"
}
