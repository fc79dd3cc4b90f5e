package config

import "slices"

// Preset is a built-in compliance trigger a team switches on with
// `compliance "NAME" { preset = "..." requires = [stage.legal] }`.
// The lists are deliberately conservative starting points: they catch the
// phrases regulators and platform rules most often name, and a team adds
// its own tokens and patterns on top.
type Preset struct {
	Name        string
	Description string
	Tokens      []string
	Patterns    []string
	MustInclude []string
	Message     string
}

// Presets lists the built-in compliance triggers.
func Presets() []Preset {
	return []Preset{
		{
			Name:        "financial-claims",
			Description: "promises of returns, income or savings, which financial-promotion rules require to be fair and substantiated",
			Tokens: []string{"guaranteed returns", "guaranteed return", "risk-free", "risk free", "no risk", "get rich",
				"passive income", "double your money", "financial freedom", "high yield", "high-yield", "can't lose"},
			Patterns: []string{`(?i)\b\d+(?:\.\d+)?\s?% (?:returns?|interest|apy|apr|yield)\b`},
		},
		{
			Name:        "health-claims",
			Description: "claims that a product treats, cures or prevents a condition",
			Tokens: []string{"cures", "cure for", "treats", "prevents", "heals", "clinically proven", "doctor recommended",
				"boosts immunity", "detox", "weight loss", "lose weight", "fda approved", "anti-aging"},
		},
		{
			Name:        "superlatives",
			Description: "comparative and superlative claims that need substantiation",
			Tokens: []string{"best", "#1", "number one", "the only", "fastest", "cheapest", "most popular", "world's leading",
				"industry-leading", "unbeatable", "better than"},
		},
		{
			Name:        "giveaways",
			Description: "contests and giveaways, which platform rules require to link official rules",
			Tokens:      []string{"giveaway", "give away", "sweepstakes", "contest", "win a", "chance to win", "enter to win", "raffle"},
			MustInclude: []string{"rules"},
			Message:     "A giveaway must link its official rules (say 'rules' and link them).",
		},
		{
			Name:        "personal-data",
			Description: "email addresses and phone numbers in public copy",
			Patterns: []string{`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`,
				`(?:\+?\d{1,3}[ .-]?)?\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b`},
		},
	}
}

// PresetNames lists the presets' names.
func PresetNames() []string {
	var names []string
	for _, p := range Presets() {
		names = append(names, p.Name)
	}
	return names
}

func presetFor(name string) (Preset, bool) {
	ps := Presets()
	i := slices.IndexFunc(ps, func(p Preset) bool { return p.Name == name })
	if i < 0 {
		return Preset{}, false
	}
	return ps[i], true
}
