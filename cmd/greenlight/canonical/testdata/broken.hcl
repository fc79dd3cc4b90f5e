greenlight {
  publish_branch = "main"

role "x" { users = ["a"] }
