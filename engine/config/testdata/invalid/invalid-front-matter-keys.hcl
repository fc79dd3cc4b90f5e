greenlight {
  front_matter_keys = [
    "region",
    "publish-date", # ERROR: Invalid front matter key
  ]
}
