package vale

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// scriptDir is Vale's folder of Tengo scripts under the StylesPath.
const scriptDir = "config/scripts"

// script maps a Vale script rule: the program is written in the rule, or
// named as a .tengo file, found as Vale finds it (as written, under the
// StylesPath, or in its config/scripts).
func (b *builder) script() {
	e, ok := b.fields["script"]
	if !ok {
		b.diags = append(b.diags, missingKey(b.doc, "script"))
		return
	}
	src := b.str(e)
	if !strings.HasSuffix(src, ".tengo") {
		b.spec.Script = src
		return
	}
	for _, c := range []string{src, filepath.Join(b.root, src), filepath.Join(b.root, filepath.FromSlash(scriptDir), src)} {
		if (filepath.IsAbs(c) || c != src) && fileExists(c) {
			data, err := os.ReadFile(c)
			if err != nil {
				b.keyProblem("script", hcl.DiagError, "Cannot read script", err.Error())
				return
			}
			b.spec.Script = string(data)
			return
		}
	}
	b.keyProblem("script", hcl.DiagError, "Script not found",
		fmt.Sprintf("%q is not under the StylesPath %s nor its %s folder.", src, b.root, scriptDir))
}
