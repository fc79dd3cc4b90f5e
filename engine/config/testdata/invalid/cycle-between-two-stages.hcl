role "copy" { team = "acme/copy-desk" }

stage "a" { # ERROR: Cycle in stage order
  approvers = [role.copy]
  after     = [stage.b]
}

stage "b" {
  approvers = [role.copy]
  after     = [stage.a]
}
