rule "vague" { # ERROR: Rule type unknown
  message = "Something is wrong with '%s'."
  level   = "warning"
}

rule "typo" {
  type   = "existance" # ERROR: Invalid rule type
  tokens = ["synergy"]
}
