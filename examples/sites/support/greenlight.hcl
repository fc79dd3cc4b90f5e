# The support team's content repository: another user of Acme's shared
# rulebook (examples/rulebook), with rules of its own for support posts.
greenlight {
  content = ["posts/**/*.md"]
}

role "leads" { users = ["sam"] }
role "admins" { users = ["root"] }
role "legal" { team = "Codertocat/legal" }

stage "lead" { approvers = [role.leads] }
stage "legal" {
  approvers = [role.legal]
  when      = "compliance" # the rulebook's financial-claims trigger requires it
}
stage "owners" {
  approvers = [role.admins]
  when      = "config"
}

rule "no-blame" {
  level  = "error"
  tokens = ["user error"]
}

source "acme-rules" {
  git      = "https://github.com/acme/rulebook.git"
  version  = "~> 1.0"
  policies = ["policies"]
  styles   = ["styles/AcmeShared"]
  config   = ["config/compliance.hcl"] # compliance "financial-claims", legal's
}
