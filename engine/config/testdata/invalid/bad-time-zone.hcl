greenlight {
  timezone = "Mars/Olympus_Mons" # ERROR: Unknown time zone
}
