package greenlight.embargo_test

import data.greenlight.embargo

orion := {"embargo": "orion", "text": "Project Orion", "line": 6, "col": 20, "end_line": 6, "end_col": 32}

doc(publish_at, now, message) := {
	"now": now,
	"post": {"publish_at": publish_at},
	"matches": {"embargo": [orion]},
	"config": {
		"timezone": "America/New_York",
		"embargoes": [{"name": "orion", "until": "2027-01-15T14:00:00Z", "message": message}],
	},
}

denied(msg) := {{
	"msg": msg,
	"rule": "greenlight.embargo.embargoed",
	"line": 6, "col": 20, "end_line": 6, "end_col": 32,
}}

test_scheduled_before_the_embargo_lifts if {
	embargo.deny == denied("'Project Orion' is under embargo until 2027-01-15 09:00 EST; this post is scheduled for 2026-12-01 09:00 EST.") with input as doc("2026-12-01T14:00:00Z", "2026-11-23T14:00:00Z", "")
}

test_scheduled_after_the_embargo_lifts if {
	count(embargo.deny) == 0 with input as doc("2027-01-15T14:00:00Z", "2026-11-23T14:00:00Z", "")
}

test_scheduled_after_even_if_now_is_before if {
	count(embargo.deny) == 0 with input as doc("2027-02-01T10:00:00Z", "2026-11-23T14:00:00Z", "")
}

test_unscheduled_before_the_embargo_lifts if {
	embargo.deny == denied("'Project Orion' is under embargo until 2027-01-15 09:00 EST; this post is not scheduled.") with input as doc(null, "2026-11-23T14:00:00Z", "")
}

test_unscheduled_after_the_embargo_lifts if {
	count(embargo.deny) == 0 with input as doc(null, "2027-01-15T14:00:01Z", "")
}

test_embargo_message if {
	embargo.deny == denied("Orion is secret until launch day.") with input as doc(null, "2026-11-23T14:00:00Z", "Orion is secret until launch day.")
}

test_embargo_message_names_the_term if {
	embargo.deny == denied("Keep 'Project Orion' quiet until launch day.") with input as doc(null, "2026-11-23T14:00:00Z", "Keep '%s' quiet until launch day.")
}

test_every_match_is_denied if {
	inp := json.patch(doc(null, "2026-11-23T14:00:00Z", ""), [{
		"op": "add", "path": "/matches/embargo/-",
		"value": object.union(orion, {"line": 9, "end_line": 9}),
	}])
	count(embargo.deny) == 2 with input as inp
}

test_match_of_an_unknown_embargo_is_ignored if {
	inp := json.patch(doc(null, "2026-11-23T14:00:00Z", ""), [{"op": "replace", "path": "/config/embargoes", "value": []}])
	count(embargo.deny) == 0 with input as inp
}

test_no_matches if {
	inp := json.patch(doc(null, "2026-11-23T14:00:00Z", ""), [{"op": "replace", "path": "/matches/embargo", "value": []}])
	count(embargo.deny) == 0 with input as inp
}
