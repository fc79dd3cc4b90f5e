role "admins" { users = ["root"] }
stage "owners" {
  approvers = [role.admins]
  when      = "config"
}
greenlight {
  config_stage = "maintainers" # ERROR: Unknown stage
}
