rule "hype" {
  patterns = [
    "fine",
    "(unclosed", # ERROR: Invalid regular expression
  ]
}

rule "acronyms" {
  first  = "[A-Z" # ERROR: Invalid regular expression
  second = "\\(([A-Z]+)\\)"
}

compliance "claims" {
  patterns = ["risk-?free", "*guaranteed"] # ERROR: Invalid regular expression
}

embargo "orion" {
  patterns = ["Orion("] # ERROR: Invalid regular expression
  until    = "2027-01-15T09:00:00-05:00"
}
