role "copy" {
  team = "copy-desk" # ERROR: Invalid team
}

greenlight {
  content = ["posts/[a-z.md"] # ERROR: Invalid glob
}
