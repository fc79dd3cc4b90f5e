# Stage b is in two cycles, a → b → a and b → c → b; both are reported.
role "copy" { team = "acme/copy-desk" }

stage "a" { # ERROR: Cycle in stage order
  approvers = [role.copy]
  after     = [stage.b]
}

stage "b" { # ERROR: Cycle in stage order
  approvers = [role.copy]
  after     = [stage.a, stage.c]
}

stage "c" {
  approvers = [role.copy]
  after     = [stage.b]
}
