role "r" { users = ["a"] }
stage "copy" {
  approvers = [role.r]
  due       = "2 business days before publish"
}
deadlines {
  business_days = [] # ERROR: Invalid business_days
}
