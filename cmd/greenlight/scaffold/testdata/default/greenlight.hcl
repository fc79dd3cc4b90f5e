# Greenlight config, written by greenlight init. The README's "The config"
# explains every block; greenlight validate checks this file.

greenlight {
  publish_branch = "main"
  content        = ["posts/**/*.md"]
  timezone       = "UTC" # publish times without an offset are read in it
}

# Who signs off. Replace every example-... login with your team's GitHub
# logins, or name a team instead: team = "your-org/team-slug".
role "copy" { users = ["example-copy"] }
role "brand" { users = ["example-brand"] }
role "legal" { users = ["example-legal"] }
role "admins" { users = ["example-admin"] }

# The sign-off steps a post goes through, in order.
stage "copy" {
  approvers = [role.copy]
}
stage "brand" {
  after     = [stage.copy]
  approvers = [role.brand]
}
stage "legal" {
  after     = [stage.brand]
  approvers = [role.legal]
  when      = "compliance" # only for posts a compliance trigger below fires on
}

# A change to this file, the policies, the styles or the workflows needs the
# owners, however small: they decide how posts are judged.
stage "owners" {
  approvers = [role.admins]
  when      = "config"
}

channel "x" {}

channel "linkedin" {}

# The team's voice, on every channel: a breach is a warning.
voice {
  max_grade        = 10
  max_exclamations = 1
}

rule "hype" {
  level      = "warning"
  ignorecase = true
  tokens     = ["revolutionary", "game-changing", "synergy", "best-in-class"]
  message    = "Say what it does instead of '%s'."
}

# Claims about money need legal's sign-off: the preset's tokens ("guaranteed
# returns", "risk-free", ...) plus your own.
compliance "financial-claims" {
  preset   = "financial-claims"
  requires = [stage.legal]
}
