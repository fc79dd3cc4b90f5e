role "nobody" {} # ERROR: Empty role

role "nobody-either" { users = [] } # ERROR: Empty role

role "typo" { # ERROR: Empty role
  user = ["mia"] # ERROR: Unsupported argument
}
