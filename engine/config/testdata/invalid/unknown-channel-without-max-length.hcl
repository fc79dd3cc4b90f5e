channel "myspace" { # ERROR: Unknown channel
  max_hashtags = 3
}

channel "newsletter" {
  max_length = 5000
}

channel "twiter" { # ERROR: Unknown channel
  max_links = 1
}
