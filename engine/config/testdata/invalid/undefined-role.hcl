role "copy" { team = "acme/copy-desk" }

stage "review" {
  approvers = [role.copy, role.brnad] # ERROR: Unknown role
}
