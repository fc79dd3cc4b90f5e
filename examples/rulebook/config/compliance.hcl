# A config fragment: blocks every content repository naming it in its
# source's config takes in, beside its own greenlight.hcl. Legal keeps
# this trigger once; a repository may tighten it (more tokens, a stage
# more) but not loosen it without a waiver naming
# "compliance.financial-claims". requires names the content repository's
# stage, which each must declare.
compliance "financial-claims" {
  tokens       = ["risk-free", "double your money", "no risk"]
  requires     = [stage.legal]
  must_include = ["Not financial advice."]
  message      = "A financial claim needs legal's sign-off and the disclaimer."
  level        = "error"
}
