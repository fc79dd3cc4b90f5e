# The rulebook's own config: what `greenlight bundle` packs, and what
# `greenlight validate`, `test` and `check` use inside this repository
# alone. Content repositories never read it: they name the folders they
# load in their own source block.
greenlight {
  content  = ["samples/**/*.md"]
  policies = ["policies"]
  styles   = ["styles/AcmeShared"]

  vocabularies = ["styles/config/vocabularies/AcmeShared"]
}
