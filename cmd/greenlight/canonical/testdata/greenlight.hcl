# A config as people type it: ragged alignment, odd spacing.
greenlight {
    publish_branch="main"
  content = ["posts/**/*.md"]
  timezone   = "UTC"
}

role "copy" {   users = ["mia", "sam"] }
role "admins" {
users = ["alice"]
}

stage "copy" {
  approvers = [ role.copy ]
  due = "1 business day before publish"
}

rule "hype" {
  level = "warning"
  tokens     = ["revolutionary","synergy"]
  swap = {
    "Github"   = "GitHub"
    "e-mail" = "email"
  }
}
