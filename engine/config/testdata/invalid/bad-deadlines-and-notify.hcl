role "r" { users = ["a"] }
stage "legal" {
  approvers = [role.r]
  due       = "before lunch" # ERROR: Invalid deadline
}
deadlines {
  default        = "24h after publish" # ERROR: Invalid deadline
  business_hours = "17:00-09:00" # ERROR: Invalid business_hours
  business_days  = ["mon", "funday"] # ERROR: Invalid business_days
  remind_before  = "soon" # ERROR: Invalid remind_before
}
notify "chat" {
  type = "slack"
  url  = "https://hooks.slack.com/services/T000/B000/XXXX" # ERROR: Webhook URL in the config
}
notify "teams" { # ERROR: Missing url_env
  type   = "teams"
  events = ["published", "tweeted"] # ERROR: Unknown event
}
notify "pager" {
  type    = "pagerduty" # ERROR: Invalid type
  url_env = "PD_URL"
}
