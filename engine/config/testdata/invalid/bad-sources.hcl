source "acme-rules" {
  git      = "https://github.com/acme/rulebook.git"
  ref      = "main" # ERROR: Branch ref
  policies = ["policies", "../secrets"] # ERROR: Invalid rulebook path
  styles   = ["/etc/styles"] # ERROR: Invalid rulebook path
  branch   = "main" # ERROR: Unsupported argument
}
source "acme-rules" { # ERROR: Duplicate source
  git      = "https://github.com/acme/other.git"
  ref      = "v1.0.0"
  policies = ["policies"]
}
source "heads" {
  git    = "ssh://git@github.com/acme/rulebook.git" # ERROR: Invalid rulebook URL
  ref    = "refs/heads/release" # ERROR: Branch ref
  styles = ["styles/Acme"]
}
source "short" {
  git      = "https://x-access-token:ghp_secret@github.com/acme/rulebook.git" # ERROR: Invalid rulebook URL
  ref      = "abc1234" # ERROR: Abbreviated commit
  policies = ["policies"]
}
source "Bad Name" { # ERROR: Invalid source name
  git      = "https://github.com/acme/rulebook.git"
  ref      = "v1.2.0"
  policies = ["policies"]
}
source "empty" { # ERROR: Source provides no rules
  git = "https://github.com/acme/rulebook.git"
  ref = "v1.2.0"
}
