package engine

// ClosestStage exposes closest to the engine's external tests.
var ClosestStage = closest

// EveryPolicy makes New evaluate every bundled policy package, as it did
// before packages that cannot decide anything were left out.
func EveryPolicy(o *Options) { o.everyPolicy = true }

// StyleFindings exposes styleFindings to the engine's external tests.
var StyleFindings = styleFindings
