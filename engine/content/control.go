package content

import (
	"regexp"
	"strings"
)

// control is one inline directive found in an HTML comment.
type control struct {
	off int
	// on is set by "off"/"on": whether all rules run from here.
	on *bool
	// rules is set by disable=/enable=: rule id → enabled.
	rules map[string]bool
}

// directive matches Greenlight's comments and, so that posts already marked
// up for Vale keep working, Vale's:
//
//	<!-- greenlight off -->  <!-- greenlight disable=hype,Microsoft.We -->
//	<!-- vale off -->        <!-- vale Microsoft.We = NO -->
var directive = regexp.MustCompile(`<!--\s*(greenlight|vale)\s+(.*?)\s*-->`)

func (p *Post) addControls(html string, off int) {
	for _, m := range directive.FindAllStringSubmatchIndex(html, -1) {
		tool, arg := html[m[2]:m[3]], html[m[4]:m[5]]
		c := control{off: off + m[0]}
		switch {
		case arg == "off" || arg == "on":
			on := arg == "on"
			c.on = &on
		case tool == "greenlight" && (strings.HasPrefix(arg, "disable=") || strings.HasPrefix(arg, "enable=")):
			name, list, _ := strings.Cut(arg, "=")
			c.rules = map[string]bool{}
			for _, r := range strings.Split(list, ",") {
				c.rules[strings.TrimSpace(r)] = name == "enable"
			}
		case tool == "vale" && strings.Contains(arg, "="):
			// <!-- vale Style.Rule = NO -->
			rule, val, _ := strings.Cut(arg, "=")
			c.rules = map[string]bool{strings.TrimSpace(rule): !strings.EqualFold(strings.TrimSpace(val), "NO")}
		default:
			continue
		}
		p.controls = append(p.controls, c)
	}
}

// Suppressed reports whether inline controls turn rule off at file offset
// off.
func (p *Post) Suppressed(rule string, off int) bool {
	on := true
	for _, c := range p.controls {
		if c.off > off {
			break
		}
		if c.on != nil {
			on = *c.on
		}
		if enabled, ok := c.rules[rule]; ok {
			on = enabled
		}
	}
	return !on
}
