# The brand team's content repository. Its posts are judged by its own
# rules and by Acme's shared rulebook (examples/rulebook), which legal
# keeps and releases by tags: version "~> 1.0" takes the newest 1.x
# release when `greenlight sync` first locks it, and a newer one only on
# `greenlight sync --update`.
greenlight {
  content = ["posts/**/*.md"]
}

role "editors" { users = ["kim"] }
role "admins" { users = ["root"] }
role "legal" { team = "Codertocat/legal" }

stage "edit" { approvers = [role.editors] }
stage "legal" {
  approvers = [role.legal]
  when      = "compliance" # the rulebook's financial-claims trigger requires it
}
stage "owners" {
  approvers = [role.admins]
  when      = "config" # greenlight.hcl and greenlight.lock: how posts are judged
}

rule "hype" {
  level  = "warning"
  tokens = ["synergy", "game-changing"]
}

source "acme-rules" {
  git          = "https://github.com/acme/rulebook.git"
  version      = "~> 1.0"
  policies     = ["policies"]
  styles       = ["styles/AcmeShared"]
  config       = ["config/compliance.hcl"]                 # compliance "financial-claims", legal's
  vocabularies = ["styles/config/vocabularies/AcmeShared"] # Vale.Terms and Vale.Avoid
}
