rule "hype" {
  tokens = ["synergy"]
  scope  = ["text", "words"] # ERROR: Invalid scope
}
