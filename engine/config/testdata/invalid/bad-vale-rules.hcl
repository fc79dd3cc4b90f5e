greenlight {
  styles = ["styles/Acme"]
  vale_rules = {
    "Acme.Weasel"  = "NO"
    "Acme.Latin"   = "loud" # ERROR: Invalid Vale rule level
    "brand-names"  = "NO"   # ERROR: Not a Vale rule
    "Acme.Spacing" = 3      # ERROR: Invalid Vale rule level
  }
}
