# Two cycles that have nothing to do with each other are both reported.
role "copy" { team = "acme/copy-desk" }

stage "a" { # ERROR: Cycle in stage order
  approvers = [role.copy]
  after     = [stage.b]
}

stage "b" {
  approvers = [role.copy]
  after     = [stage.a]
}

stage "fine" {
  approvers = [role.copy]
}

stage "self" { # ERROR: Cycle in stage order
  approvers = [role.copy]
  after     = [stage.fine, stage.self]
}
