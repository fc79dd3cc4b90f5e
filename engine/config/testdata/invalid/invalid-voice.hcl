voice {
  min_sentiment = 2 # ERROR: Invalid min_sentiment
}

voice { # ERROR: Duplicate voice
  max_grade = 8
}

channel "x" {
  voice { max_emoji = 1 }
  voice { max_caps = 2 } # ERROR: Duplicate voice
}
