role "copy" { team = "acme/copy-desk" }

stage "review" {
  approvers = [role.copy]
  after     = [stage.draft] # ERROR: Unknown stage
}

compliance "claims" {
  tokens   = ["risk-free"]
  requires = [stage.legal] # ERROR: Unknown stage
}
