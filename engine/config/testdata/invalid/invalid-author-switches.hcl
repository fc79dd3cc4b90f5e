greenlight {
  author_switches = "errors" # ERROR: Invalid author_switches
}
