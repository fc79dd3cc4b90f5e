role "copy" { team = "acme/copy-desk" }

stage "draft" {
  approvers = [role.copy]
}

stage "review" {
  approvers = [stage.draft] # ERROR: Invalid reference
  after     = [role.copy]   # ERROR: Invalid reference
}
