# METADATA
# title: Style
# description: |
#   The style rules' findings (`rule` blocks and Vale styles), each at its
#   own level. A style match already has the shape of a violation (msg,
#   rule, position, suggestion), so it is reported as it is; a match
#   without a rule name is reported under this package's name.
package greenlight.style

import data.greenlight.lib

# METADATA
# title: Style errors
# description: Style findings at level error.
# custom:
#   id: greenlight.style
deny contains m if {
	some m in input.matches.style
	m.level == "error"
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

# METADATA
# title: Style errors at other levels
# description: |
#   Style findings whose level is not exactly error, warning or info, as
#   Greenlight reads levels: missing is warning, "warn" is warning,
#   "suggestion" (Vale's) is info, and anything unknown is an error.
# custom:
#   id: greenlight.style
deny contains m if {
	some m in other_levels
	lib.decision(lib.level_or(m, "level", "warning")) == "deny"
}

# METADATA
# title: Style warnings at other levels
# description: Style findings at a level Greenlight reads as warning, like "warn" or none.
# custom:
#   id: greenlight.style
warn contains m if {
	some m in other_levels
	lib.decision(lib.level_or(m, "level", "warning")) == "warn"
}

# METADATA
# title: Style infos at other levels
# description: Style findings at a level Greenlight reads as info, like Vale's "suggestion".
# custom:
#   id: greenlight.style
info contains m if {
	some m in other_levels
	lib.decision(lib.level_or(m, "level", "warning")) == "info"
}

# METADATA
# title: Other levels
# description: The style matches whose level is not exactly error, warning or info.
other_levels contains m if {
	some m in input.matches.style
	not written_level(m)
}

# METADATA
# title: Written level
# description: Whether a style match's level is one Greenlight writes, error, warning or info.
written_level(m) if m.level in {"error", "warning", "info"}
