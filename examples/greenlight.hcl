# Greenlight config for Acme's social team. Every block Greenlight knows but
# spelling and source is used here; see the README for each attribute.

greenlight {
  publish_branch = "main"
  content        = ["posts/**/*.md"]
  timezone       = "America/New_York"
  styles         = ["styles/Acme"]
  policies       = ["policies"] # the team's own Rego, beside the bundled policies
  # Front-matter keys of the team's own, read by policies/finance.rego; any
  # other key Greenlight does not read is an error.
  front_matter_keys = ["topic", "disclaimer_waived_by"]
}

role "copy" { team = "acme/copy-desk" }
role "brand" { users = ["mia", "sam"] }
role "legal" { team = "acme/legal" }

stage "copy-edit" {
  approvers = [role.copy]
  due       = "2 business days before publish" # the first stage, so the others have time
}
stage "brand" {
  after     = [stage.copy-edit]
  approvers = [role.brand]
}
stage "legal" {
  after     = [stage.brand]
  approvers = [role.legal]
  when      = "compliance" # needed only when a compliance trigger fires
}

# When each stage must be signed off, and when the scheduled run reminds
# its people (see the README's "Deadlines, reminders and chat").
deadlines {
  default        = "24h before publish" # brand and legal
  business_hours = "09:00-17:00"
  remind_before  = "4h"
}

# How the scheduled run publishes (these are the defaults).
schedule {
  merge_method = "squash"
  grace        = "2h"
  publish_late = false
  due          = "earliest"
  label        = "greenlight: missed schedule"
}

# Review requests, reminders, blocked publishes and published posts go to
# the team's Slack channel; the webhook URL comes from a secret the
# workflows pass in, never from this file.
notify "team-chat" {
  type    = "slack"
  url_env = "SLACK_WEBHOOK_URL"
}

channel "linkedin" {
  max_length = 1300 # stricter than LinkedIn's own 3,000
  utm        = ["utm_source", "utm_campaign"]

  voice {
    max_grade = 12 # LinkedIn readers take longer sentences
  }
}
channel "x" {
  max_hashtags = 2
}

voice {
  max_grade        = 9
  max_exclamations = 1
  min_sentiment    = -0.2
  max_caps         = 2
  level            = "warning"
}

rule "brand-names" {
  level = "error"
  swap = {
    "Github"     = "GitHub"
    "e-mail"     = "email"
    "Acme cloud" = "Acme Cloud"
  }
}

rule "hype" {
  level      = "warning"
  ignorecase = true
  tokens     = ["revolutionary", "game-changing", "synergy", "best-in-class"]
  message    = "Say what it does instead of '%s'."
}

rule "doubled-words" {
  type       = "repetition"
  level      = "error"
  ignorecase = true
  alpha      = true
  message    = "'%s' is repeated."
}

rule "hashtag-count" {
  type     = "occurrence"
  scope    = ["text"]
  patterns = ["#[A-Za-z]\\w*"]
  max      = 3
  message  = "Use at most 3 hashtags; this post has %s."
}

rule "exclaim-per-sentence" {
  level    = "info"
  scope    = ["sentence"]
  patterns = ["!"]
  max      = 1
  message  = "One exclamation mark per sentence is plenty."
}

rule "title-case" {
  type       = "capitalization"
  match      = "$sentence"
  scope      = ["title", "heading"]
  level      = "warning"
  message    = "'%s' should be in %s."
  exceptions = ["Acme", "Northwind", "Tokyo", "Friday", "iOS", "Android", "API"]
}

rule "plain-language" {
  type    = "readability"
  metrics = ["Flesch-Kincaid"]
  grade   = 10
  level   = "warning"
}

rule "define-acronyms" {
  type       = "conditional"
  level      = "warning"
  first      = "\\b([A-Z]{3,5})\\b"
  second     = "(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)"
  exceptions = ["FAQ", "CEO", "API", "URL", "PDF", "USA"]
  message    = "Spell out '%s' the first time you use it."
}

rule "no-click-here" {
  scope      = ["link_text"]
  tokens     = ["click here", "here", "this link"]
  ignorecase = true
  message    = "Link text '%s' says nothing; name the destination."
}

compliance "financial-claims" {
  tokens   = ["guaranteed returns", "risk-free"]
  requires = [stage.legal]
}

compliance "sponsored" {
  when         = "post.sponsored"
  must_include = ["#ad"]
  requires     = [stage.legal]
}

compliance "giveaways" {
  preset   = "giveaways" # built-in tokens: giveaway, sweepstakes, "win a", ...
  requires = [stage.legal]
}

embargo "orion" {
  tokens = ["Project Orion"]
  until  = "2027-01-15T09:00:00-05:00"
}

waiver "holiday-hours-caps" {
  rules  = ["greenlight.voice.max-caps"]
  posts  = ["posts/2026-12-05-holiday-hours.md"]
  reason = "Support hours are written in capitals by the support team's convention (approved by brand, Nov 2026)."
  until  = "2027-01-31T00:00:00-05:00"
}
