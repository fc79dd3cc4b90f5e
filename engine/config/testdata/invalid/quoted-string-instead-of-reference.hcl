role "copy" { team = "acme/copy-desk" }

stage "draft" {
  approvers = ["copy"] # ERROR: Invalid reference
}

stage "review" {
  approvers = "role.copy" # ERROR: Invalid value for approvers
}
