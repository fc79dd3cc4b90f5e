role "copy" { team = "acme/copy-desk" }

stage "review" { # ERROR: Missing required argument
  when = "always"
}

stage "nobody" {
  approvers = [] # ERROR: No approvers
}

embargo "orion" { # ERROR: Empty embargo
  until = "2027-01-15T09:00:00-05:00"
}

embargo "nova" { # ERROR: Missing required argument
  tokens = ["Nova"]
}

compliance "idle" { # ERROR: Compliance trigger never fires
  message = "Check this."
}
