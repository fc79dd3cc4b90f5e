package spell

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// expanded lists every form of every entry and those of NOSUGGEST
// entries, as the dictionary was read before it was compiled for lookups.
func expanded(d *Dictionary) (forms, hidden map[string]bool) {
	forms, hidden = map[string]bool{}, map[string]bool{}
	for word, entries := range d.stems {
		for flags := range strings.SplitSeq(entries, " ") {
			hide := d.aff.noSuggest != "" && d.aff.hasFlag(flags, d.aff.noSuggest)
			for _, w := range d.aff.expand(word, flags, nil) {
				forms[w] = true
				if hide {
					hidden[w] = true
				}
			}
		}
	}
	return forms, hidden
}

// near are strings around a form, most of them no form at all.
func near(w string) []string {
	r := []rune(w)
	out := []string{strings.ToLower(w), strings.ToUpper(w), "un" + w, "re" + w, "dis" + w, w + "s", w + "es", w + "ed",
		w + "ing", w + "ly", w + "'s", w + "ness", w + "ation"}
	for i := range r {
		out = append(out, string(r[:i])+string(r[i+1:]), string(r[:i])+"e"+string(r[i:]), string(r[:i])+"y"+string(r[i+1:]))
		if i+1 < len(r) {
			out = append(out, string(r[:i])+string(r[i+1])+string(r[i])+string(r[i+2:]))
		}
	}
	return out
}

// TestLookupsAsExpansion holds the compiled dictionary to the list of
// forms expansion makes: every form is known (and hidden when it was), and
// of the strings around each form, only forms are known.
func TestLookupsAsExpansion(t *testing.T) {
	dicts := map[string]func() (*Dictionary, error){"embedded English": English}
	dir := "../../../shared/testdata/vale"
	for _, name := range []string{"internal/spell/data/en_US-web", "testdata/styles/config/dictionaries/en_US",
		"testdata/styles/config/dictionaries/en-GB", "testdata/styles/config/dictionaries/en_medical",
		"testdata/styles/config/dictionaries/test"} {
		path := filepath.Join(dir, name)
		if _, err := os.Stat(path + ".dic"); err != nil {
			continue
		}
		dicts[name] = func() (*Dictionary, error) { return Open(path+".dic", path+".aff") }
	}
	for name, read := range dicts {
		t.Run(name, func(t *testing.T) {
			d, err := read()
			if err != nil {
				t.Fatal(err)
			}
			forms, hidden := expanded(d)
			if d.Len() != len(forms) {
				t.Errorf("Len %d, want %d forms", d.Len(), len(forms))
			}
			probes, wrong := 0, 0
			check := func(w string) {
				probes++
				if got, want := d.known(w), forms[w]; got != want {
					wrong++
					if wrong <= 20 {
						t.Errorf("known(%q) = %v, expansion says %v", w, got, want)
					}
				}
				if got, want := d.hidden(w), hidden[w]; got != want {
					wrong++
					if wrong <= 20 {
						t.Errorf("hidden(%q) = %v, expansion says %v", w, got, want)
					}
				}
			}
			// Every form is probed, and the strings around one in every.
			every, i := 20, 0
			if testing.Short() {
				every = 500
			}
			for w := range forms {
				check(w)
				if i++; i%every == 0 || len(forms) < 1000 {
					for _, p := range near(w) {
						check(p)
					}
				}
			}
			t.Logf("%d forms, %d probes", len(forms), probes)
		})
	}
}

func FuzzFirstField(f *testing.F) {
	for _, s := range []string{"abandonware/M\tNoun: uncountable", "  café/S x", "\u00a0word", "", " \t ", "a\u0085b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		want := ""
		if fields := strings.Fields(line); len(fields) > 0 {
			want = fields[0]
		}
		if got := firstField(line); got != want {
			t.Errorf("firstField(%q) = %q, want %q", line, got, want)
		}
	})
}

func FuzzFlags(f *testing.F) {
	for _, s := range []string{"MS", "Aa", "12,4", "é\xffx"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, flags string) {
		for _, kind := range []string{"ASCII", "UTF-8", "long", "num"} {
			a := &affixFile{flag: kind}
			var want []string
			switch kind {
			case "num":
				want = strings.Split(flags, ",")
			case "long":
				for i := 0; i+1 < len(flags); i += 2 {
					want = append(want, flags[i:i+2])
				}
			default:
				for _, r := range flags {
					want = append(want, string(r))
				}
			}
			got := slices.Collect(a.flags(flags))
			if !slices.Equal(got, want) {
				t.Errorf("FLAG %s: flags(%q) = %q, want %q", kind, flags, got, want)
			}
		}
	})
}
