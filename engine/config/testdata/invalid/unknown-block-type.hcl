role "copy" { team = "acme/copy-desk" }

widget "sidebar" { # ERROR: Unsupported block type
  colour = "red"
}
