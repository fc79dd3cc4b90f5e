package policy

import (
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// capabilities are OPA's builtins minus the ones that reach outside the
// evaluation: the network (http.send, net.*) and the environment
// (opa.runtime, which exposes environment variables such as a token).
// allow puts named builtins back, for teams that decide they need them.
func capabilities(allow []string) *ast.Capabilities {
	c := ast.CapabilitiesForThisVersion()
	kept := c.Builtins[:0]
	for _, b := range c.Builtins {
		if unsafe(b.Name) && !slices.Contains(allow, b.Name) {
			continue
		}
		kept = append(kept, b)
	}
	c.Builtins = kept
	c.AllowNet = []string{}
	return c
}

func unsafe(name string) bool {
	return name == "http.send" || name == "opa.runtime" || strings.HasPrefix(name, "net.")
}

// Unsafe lists the builtins a policy cannot call unless the config's
// allow_builtins names them.
func Unsafe() []string {
	var out []string
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		if unsafe(b.Name) {
			out = append(out, b.Name)
		}
	}
	return out
}
