role "copy" { team = "acme/copy-desk" }

stage "first" {
  approvers = [role.copy]
}

stage "loop" { # ERROR: Cycle in stage order
  approvers = [role.copy]
  after     = [stage.first, stage.loop]
}
