embargo "orion" {
  tokens = ["Project Orion"]
  until  = "next Tuesday" # ERROR: Invalid time
}

embargo "nova" {
  tokens = ["Nova"]
  until  = "2027-01-15 09:00" # ERROR: Invalid time
}
