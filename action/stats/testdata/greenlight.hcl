# The team whose history.json the tests measure. sam is in two roles.
greenlight {
  publish_branch = "main"
  timezone       = "America/New_York"
}

role "copy" { users = ["ana", "ben"] }
role "brand" { users = ["mia", "sam"] }
role "legal" {
  team  = "acme/legal" # its members come from the test (or GitHub): lee
  users = ["sam"]
}

stage "copy-edit" {
  approvers = [role.copy]
}
stage "brand" {
  after     = [stage.copy-edit]
  approvers = [role.brand]
}
stage "legal" {
  after     = [stage.brand]
  approvers = [role.legal]
  when      = "compliance"
}

schedule {
  grace = "2h"
}
