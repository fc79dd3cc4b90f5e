role "legal" { team = "acme/legal" }

stage "legal" {
  approvers = [role.legal]
  when      = "sometimes" # ERROR: Invalid when
}

stage "regional" {
  approvers = [role.legal]
  when      = "compliance.gdpr" # ERROR: Unknown compliance block
}

compliance "sponsored" { # ERROR: Invalid when
  when     = "sponsored"
  requires = [stage.legal]
}

compliance "finance" {
  tokens = ["returns"]
}

stage "money" {
  approvers = [role.legal]
  when      = "compliance.finanse" # ERROR: Unknown compliance block
}
