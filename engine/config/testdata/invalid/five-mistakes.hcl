# Five different kinds of mistake, all reported at once.
greenlight {
  timezone = "America/New_Yrok" # ERROR: Unknown time zone
}

role "copy" { team = "acme/copy-desk" }
role "legal" { team = "acme/legal" }

stage "brand" { # ERROR: Cycle in stage order
  approvers = [role.copy]
  after     = [stage.legal]
}

stage "legal" {
  approvers = [role.lawyers] # ERROR: Unknown role
  after     = [stage.brand]
}

rule "hype" {
  tokens   = ["synergy"]
  patterns = ["(unclosed"] # ERROR: Invalid regular expression
  colour   = "red" # ERROR: Unsupported argument
}
