role "brand" {
  users = [
    "mia",
    "@bruno",     # ERROR: Invalid GitHub login
    "Bruno Acme", # ERROR: Invalid GitHub login
    "-sam",       # ERROR: Invalid GitHub login
    "a--b",       # ERROR: Invalid GitHub login
    "acme/brand", # ERROR: Invalid GitHub login
    "o123456789o123456789o123456789o123456789", # ERROR: Invalid GitHub login
  ]
}

role "copy" { team = "acme/Copy-Desk" } # ERROR: Invalid team
role "legal" { team = "@acme/legal" }   # ERROR: Invalid team
role "ops" { team = "acme/ops.team" }   # ERROR: Invalid team
role "fine" {
  team  = "acme/copy_desk-2"
  users = ["x", "sam-k", "A1"]
}
