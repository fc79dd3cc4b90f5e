greenlight {
  styles = ["styles/Nope"] # ERROR: Style folder not found
  policies = [
    "policies",
    "no-such-policies", # ERROR: Policy folder not found
  ]
  vocabularies = [
    "policies",
    "styles/config/vocabularies/Team", # ERROR: Vocabulary folder not found
  ]
}

spelling {
  dictionaries = [
    "dictionaries/en_GB", # ERROR: Dictionary not found
  ]
  ignore = ["no-such-words.txt"] # ERROR: Ignore file not found
}
