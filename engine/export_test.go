package engine

// ClosestStage exposes closest to the engine's external tests.
var ClosestStage = closest
