role "copy" {
  team   = "acme/copy-desk"
  colour = "red" # ERROR: Unsupported argument
}

channel "x" {
  max_lenght = 200 # ERROR: Unsupported argument
}
