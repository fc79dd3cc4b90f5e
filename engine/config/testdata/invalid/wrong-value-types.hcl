role "brand" {
  users = "mia" # ERROR: Invalid value for users
}

role "copy" { team = "acme/copy-desk" }

stage "review" {
  approvers     = [role.copy]
  min_approvals = 0 # ERROR: Invalid value for min_approvals
}

channel "linkedin" {
  max_length       = "ten" # ERROR: Invalid value for max_length
  max_hashtags     = 1.5   # ERROR: Invalid value for max_hashtags
  require_alt_text = "sometimes" # ERROR: Invalid value for require_alt_text
}

voice {
  max_grade = "easy" # ERROR: Invalid value for max_grade
}

rule "hype" {
  tokens     = ["synergy"]
  ignorecase = "yes" # ERROR: Invalid value for ignorecase
}
