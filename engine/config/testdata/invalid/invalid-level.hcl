rule "hype" {
  tokens = ["synergy"]
  level  = "critical" # ERROR: Invalid level
}

compliance "claims" {
  tokens = ["risk-free"]
  level  = "fatal" # ERROR: Invalid level
}

greenlight {
  fail_on = "never" # ERROR: Invalid fail_on
}
