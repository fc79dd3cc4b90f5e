role "legal" { team = "acme/legal" }

stage "legal" { # ERROR: Invalid when
  approvers = [role.legal]
  when      = "sometimes"
}

stage "regional" { # ERROR: Invalid when
  approvers = [role.legal]
  when      = "compliance.gdpr"
}

compliance "sponsored" { # ERROR: Invalid when
  when     = "sponsored"
  requires = [stage.legal]
}
