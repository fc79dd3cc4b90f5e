package vale

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/greenlighthq/greenlight/engine/finding"
	"github.com/greenlighthq/greenlight/engine/style"
)

// Vocabulary is a Vale vocabulary (styles/config/vocabularies/<Name>):
// terms the team accepts and terms it rejects, each a regular expression
// as Vale reads them.
type Vocabulary struct {
	Accept, Reject []string
}

// LoadVocabulary reads dir/accept.txt and dir/reject.txt, one term a
// line; blank lines and lines starting with "# " are skipped, as in Vale.
// Either file may be absent, as in Vale; an unreadable one is an error
// at subject.
func LoadVocabulary(dir string, subject *hcl.Range) (Vocabulary, hcl.Diagnostics) {
	var v Vocabulary
	var diags hcl.Diagnostics
	for _, f := range []struct {
		name string
		into *[]string
	}{{"accept.txt", &v.Accept}, {"reject.txt", &v.Reject}} {
		terms, err := readTerms(filepath.Join(dir, f.name))
		if err != nil {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read vocabulary",
				Detail: err.Error() + ".", Subject: subject})
			continue
		}
		*f.into = terms
	}
	for _, t := range append(v.Accept, v.Reject...) {
		if err := style.CheckPattern(t); err != nil {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid vocabulary term",
				Detail: fmt.Sprintf("%q in %s is not a regular expression: %s.", t, dir, err), Subject: subject})
		}
	}
	return v, diags
}

func readTerms(path string) ([]string, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var terms []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		t := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\uFEFF"))
		if t == "" || strings.HasPrefix(t, "# ") {
			continue
		}
		terms = append(terms, t)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return terms, nil
}

// ApplyVocabularies gives specs the vocabularies as Vale does: it adds
// Vale.Terms and Vale.Avoid (VocabularyRules), then the accepted terms to
// every rule whose Vocab is set, so that they are never flagged.
func ApplyVocabularies(specs []style.Spec, vocabs ...Vocabulary) []style.Spec {
	var accepted []string
	for _, v := range vocabs {
		accepted = append(accepted, v.Accept...)
	}
	specs = append(specs, VocabularyRules(vocabs...)...)
	if len(accepted) == 0 {
		return specs
	}
	for i := range specs {
		if specs[i].Vocab {
			specs[i].Accepted = append(slices.Clone(specs[i].Accepted), accepted...)
		}
	}
	return specs
}

// VocabularyRules are the rules Vale generates from its vocabularies:
// Vale.Terms, a substitution that wants each accepted term in its exact
// case (a later vocabulary's spelling of a term wins, as in Vale), and
// Vale.Avoid, an existence rule for the rejected terms. Both are errors,
// as in Vale. A vocabulary with no terms of a kind makes no rule of it.
func VocabularyRules(vocabs ...Vocabulary) []style.Spec {
	var out []style.Spec
	swap := map[string]string{}
	var reject []string
	for _, v := range vocabs {
		for _, t := range v.Accept {
			swap[strings.ToLower(t)] = t
		}
		reject = append(reject, v.Reject...)
	}
	if len(swap) > 0 {
		out = append(out, style.Spec{
			ID: "Vale.Terms", Kind: style.Substitution, Level: finding.Error,
			Message: "Use '%s' instead of '%s'.", IgnoreCase: true, Swap: swap,
			Source: "Vale vocabulary (accept.txt)",
		})
	}
	if len(reject) > 0 {
		out = append(out, style.Spec{
			ID: "Vale.Avoid", Kind: style.Existence, Level: finding.Error,
			Message: "Avoid using '%s'.", Tokens: reject, Vocab: true,
			Source: "Vale vocabulary (reject.txt)",
		})
	}
	return out
}
