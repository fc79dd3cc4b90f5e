greenlight {
  max_post_size = 0 # ERROR: Invalid value for max_post_size
}
