greenlight {
  timezone = "Local" # ERROR: Unknown time zone
}
