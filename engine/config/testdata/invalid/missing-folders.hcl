greenlight {
  styles = ["styles/Nope"] # ERROR: Style folder not found
  policies = [
    "policies",
    "no-such-policies", # ERROR: Policy folder not found
  ]
}
