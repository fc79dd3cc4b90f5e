# A config with five kinds of mistakes, to show how Greenlight reports them:
#   greenlight validate examples/broken
greenlight {
  timezone = "America/New_Yrok"
  content  = ["*.md"]
}

role "legal" { team = "acme/legal" }

stage "brand" {
  approvers = [role.brnad]
  after     = [stage.legal]
}

stage "legal" {
  approvers = [role.legal]
  after     = [stage.brand]
}

rule "hype" {
  tokens   = ["synergy"]
  patterns = ["(unclosed"]
  colour   = "red"
}
