spelling {
  level   = "loud"  # ERROR: Invalid level
  english = false   # ERROR: No dictionary
  filters = ["(x"]  # ERROR: Invalid filter
}

rule "typos" {
  type = "spelling" # ERROR: Spelling is a block
}
