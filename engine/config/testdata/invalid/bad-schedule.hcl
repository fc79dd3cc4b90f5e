schedule {
  merge_method = "rebase" # ERROR: Invalid merge_method
  grace        = "two hours" # ERROR: Invalid grace
  due          = "first" # ERROR: Invalid due
}
