package engine

import (
	"fmt"
	"slices"
	"strings"

	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/didyoumean"
	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/style"
	"github.com/hashicorp/hcl/v2"
)

// applyValeRules turns off or re-levels the style packages' rules as the
// config's vale_rules say. An entry naming no loaded rule is an error at
// its name: a typo would otherwise leave the rule on while its author
// believes it off. The rules turned off are returned apart, for explain.
func applyValeRules(cfg *config.Config, specs []style.Spec) (on, off []style.Spec, diags hcl.Diagnostics) {
	var vale []string
	for _, s := range specs {
		if strings.Contains(s.ID, ".") {
			vale = append(vale, s.ID)
		}
	}
	isOff := map[string]bool{}
	for _, r := range cfg.Settings.ValeRules {
		i := slices.IndexFunc(specs, func(s style.Spec) bool { return s.ID == r.ID })
		if i < 0 {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unknown Vale rule",
				Detail: unknownValeRule(r.ID, vale, cfg.Settings.Styles), Subject: r.KeyRange.Ptr()})
			continue
		}
		switch {
		case r.Off():
			isOff[r.ID] = true
		case r.Level != "YES":
			l, err := finding.ParseLevel(r.Level)
			if err != nil { // decoding checked it; kept for safety
				continue
			}
			specs[i].Level = l
		}
	}
	for _, s := range specs {
		if isOff[s.ID] {
			off = append(off, s)
		} else {
			on = append(on, s)
		}
	}
	return on, off, diags
}

func unknownValeRule(id string, known, styles []string) string {
	detail := fmt.Sprintf("vale_rules names %q, but no style package the config loads has that rule", id)
	if len(styles) == 0 {
		return detail + "; the config loads no style package (greenlight { styles = [...] })."
	}
	detail += fmt.Sprintf(" (styles: %s).", strings.Join(styles, ", "))
	if m := didyoumean.NameSuggestion(id, known); m != "" {
		detail += fmt.Sprintf(" Did you mean %q?", m)
	}
	return detail + " A rule's id is its style folder's name and its file's name, as Style.Rule."
}
