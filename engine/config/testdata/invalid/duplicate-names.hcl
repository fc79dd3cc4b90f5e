role "copy" { team = "acme/copy-desk" }
role "copy" { users = ["mia"] } # ERROR: Duplicate role

stage "review" {
  approvers = [role.copy]
}

stage "review" { # ERROR: Duplicate stage
  approvers = [role.copy]
}

rule "hype" {
  tokens = ["synergy"]
}

rule "hype" { # ERROR: Duplicate rule
  tokens = ["game-changing"]
}
