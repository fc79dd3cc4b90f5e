package normalize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestString(t *testing.T) {
	tests := []struct {
		name, in, want string
		// span is the original text of the match of "guaranteed" (or of
		// want, when want has no "guaranteed").
		span string
	}{
		{"plain ASCII is left as it is", "guaranteed returns", "guaranteed returns", "guaranteed"},
		{"a no-break space becomes a space", "guaranteed\u00A0returns", "guaranteed returns", "guaranteed"},
		{"a narrow no-break space becomes a space", "guaranteed\u202Freturns", "guaranteed returns", "guaranteed"},
		{"an ideographic space becomes a space", "guaranteed\u3000returns", "guaranteed returns", "guaranteed"},
		{"a line separator becomes a space", "guaranteed\u2028returns", "guaranteed returns", "guaranteed"},
		{"a zero-width space is dropped", "guar\u200Banteed", "guaranteed", "guar\u200Banteed"},
		{"a soft hyphen is dropped", "guar\u00ADanteed", "guaranteed", "guar\u00ADanteed"},
		{"a word joiner is dropped", "guar\u2060anteed", "guaranteed", "guar\u2060anteed"},
		{"a byte-order mark is dropped", "\uFEFFguaranteed", "guaranteed", "guaranteed"},
		{"a zero-width joiner between letters is dropped", "guar\u200Danteed", "guaranteed", "guar\u200Danteed"},
		{"a zero-width non-joiner between letters is dropped", "guar\u200Canteed", "guaranteed", "guar\u200Canteed"},
		{"a variation selector is dropped", "guar\uFE00anteed", "guaranteed", "guar\uFE00anteed"},
		{"a tag character is dropped", "guar\U000E0061anteed", "guaranteed", "guar\U000E0061anteed"},
		{"a bidi override is dropped", "guar\u202Eanteed", "guaranteed", "guar\u202Eanteed"},
		{"full-width letters become ASCII", "ｇｕａｒａｎｔｅｅｄ", "guaranteed", "ｇｕａｒａｎｔｅｅｄ"},
		{"mathematical letters become ASCII", "𝐠𝐮𝐚𝐫𝐚𝐧𝐭𝐞𝐞𝐝", "guaranteed", "𝐠𝐮𝐚𝐫𝐚𝐧𝐭𝐞𝐞𝐝"},
		{"small capitals become letters", "ɢᴜᴀʀᴀɴᴛᴇᴇᴅ ʀɪsᴋ-ꜰʀᴇᴇ", "guaranteed risk-free", "ɢᴜᴀʀᴀɴᴛᴇᴇᴅ"},
		{"a Cyrillic e becomes e", "guarant\u0435ed", "guaranteed", "guarant\u0435ed"},
		{"Cyrillic a and Greek o become a and o", "gu\u0430r\u0430nteed t\u03BF", "guaranteed to", "gu\u0430r\u0430nteed"},
		{"a decimal character reference is decoded", "guarant&#101;ed", "guaranteed", "guarant&#101;ed"},
		{"a hexadecimal character reference is decoded", "guarant&#x65;ed", "guaranteed", "guarant&#x65;ed"},
		{"a named reference is decoded", "caf&eacute; guaranteed", "café guaranteed", "guaranteed"},
		{"&nbsp; is a space", "guaranteed&nbsp;returns", "guaranteed returns", "guaranteed"},
		{"&shy; is dropped", "guar&shy;anteed", "guaranteed", "guar&shy;anteed"},
		{"a reference without its semicolon is decoded as browsers do", "guarant&#101ed", "guaranteed", "guarant&#101ed"},
		{"an ampersand that starts no reference stays", "R&D guaranteed", "R&D guaranteed", "guaranteed"},
		{"a decomposed accent is composed", "cafe\u0301", "café", "cafe\u0301"},
		{"a composed accent stays", "café", "café", "café"},
		{"a ligature is split", "ﬁnal guaranteed", "final guaranteed", "guaranteed"},
		{"a Unicode hyphen becomes a hyphen", "risk\u2010free", "risk-free", "risk\u2010free"},
		{"evasions mix", "ｇuar\u00ADant\u0435&#101;d\u00A0returns", "guaranteed returns", "ｇuar\u00ADant\u0435&#101;d"},
		{"an emoji ZWJ sequence keeps its joiner", "👩\u200D💻 guaranteed", "👩\u200D💻 guaranteed", "guaranteed"},
		{"an emoji keeps its presentation selector", "❤\uFE0F guaranteed", "❤\uFE0F guaranteed", "guaranteed"},
		{"a word of look-alikes from one script is mapped too", "соре", "cope", "соре"},
		{"a Markdown backslash escape loses its backslash", "risk\\-free", "risk-free", "risk\\-free"},
		{"an escaped backslash is one backslash", "a\\\\b guaranteed", "a\\b guaranteed", "guaranteed"},
		{"a backslash before a letter stays", "C:\\guaranteed", "C:\\guaranteed", "guaranteed"},
		{"a combining low line is dropped", "g\u0332uaranteed", "guaranteed", "g\u0332uaranteed"},
		{"a combining long stroke overlay is dropped", "guarantee\u0336d", "guaranteed", "guarantee\u0336d"},
		{"a combining enclosing circle is dropped", "guarante\u20DDed", "guaranteed", "guarante\u20DDed"},
		{"a combining mark that composes is composed, not dropped", "gu\u0301aranteed", "gúaranteed", "gu\u0301aranteed"},
		{"a keycap reads as its character", "#\uFE0F\u20E31\uFE0F\u20E3 guaranteed", "#1 guaranteed", "guaranteed"},
		{"a script's vowel sign stays", "ส้ม guaranteed", "ส้ม guaranteed", "guaranteed"},
		{"letters that look like no ASCII character stay", "保証 Гарантия", "保証 Гapaнтия", "保証 Гарантия"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := String(tt.in)
			if got.String != tt.want {
				t.Fatalf("String(%q) = %q, want %q", tt.in, got.String, tt.want)
			}
			term := "guaranteed"
			if !strings.Contains(tt.want, term) {
				term = tt.want
			}
			i := strings.Index(got.String, term)
			if i < 0 {
				t.Fatalf("%q not in %q", term, got.String)
			}
			s, e := got.Original(i, i+len(term))
			if tt.in[s:e] != tt.span {
				t.Errorf("the match maps to %q, want %q", tt.in[s:e], tt.span)
			}
			if changed := tt.in != tt.want; got.Changed() != changed {
				t.Errorf("Changed() = %v, want %v", got.Changed(), changed)
			}
		})
	}
}

func TestReference(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		text string
	}{
		{"&amp;x", 5, "&"},
		{"&amptest", 4, "&"},
		{"&#59;", 5, ";"},
		{"&#x3B;", 6, ";"},
		{"&nosuch;", 0, ""},
		{"&", 0, ""},
		{"&#;", 0, ""},
		{"&#0;", 4, "\uFFFD"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n, text := reference(tt.in)
			if n != tt.n || text != tt.text {
				t.Errorf("reference(%q) = %d, %q; want %d, %q", tt.in, n, text, tt.n, tt.text)
			}
		})
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"guaranteed returns", "ｇuar\u00ADant\u0435&#101;d\u00A0returns", "&amptest &#59; &eacute",
		"👩\u200D💻❤\uFE0F", "cafe\u0301", "\xff\xfeguar", "е\u0301", "&#x200B;x", "ﬁ\u0301",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := String(s)
		if !got.Changed() {
			if got.String != s {
				t.Fatalf("unchanged text %q normalized to %q", s, got.String)
			}
			return
		}
		// The map is in range and never goes backwards: a match's span is
		// a real, ordered span of the original.
		prevStart, prevEnd := 0, 0
		for i := range len(got.String) {
			st, en := int(got.start[i]), int(got.end[i])
			if st < 0 || en > len(s) || st >= en {
				t.Fatalf("byte %d maps to [%d, %d) of %d bytes", i, st, en, len(s))
			}
			if st < prevStart || en < prevEnd {
				t.Fatalf("byte %d maps to [%d, %d), before [%d, %d)", i, st, en, prevStart, prevEnd)
			}
			prevStart, prevEnd = st, en
		}
		for i := 0; i <= len(got.String); i++ {
			for _, j := range []int{i, min(i+1, len(got.String)), len(got.String)} {
				a, b := got.Original(i, j)
				if a < 0 || b > len(s) || a > b {
					t.Fatalf("Original(%d, %d) = %d, %d of %d bytes", i, j, a, b, len(s))
				}
			}
		}
		// Normalizing twice changes nothing more, unless decoding made a
		// new character reference ("&amp;#101;") or a new backslash
		// escape (`\\!`, an escaped backslash, shows as `\!`).
		if !strings.ContainsAny(got.String, "&\\") && utf8.ValidString(s) {
			if again := String(got.String); again.String != got.String {
				t.Fatalf("not idempotent: %q → %q → %q", s, got.String, again.String)
			}
		}
	})
}

// BenchmarkString measures a post-sized paragraph: pure ASCII (the fast
// path, one scan) and with curly quotes, an emoji and a look-alike.
func BenchmarkString(b *testing.B) {
	ascii := strings.Repeat("Enjoy steady returns on a plan you control. ", 6)
	tests := []struct{ name, text string }{
		{"ascii", ascii},
		{"unicode", strings.Repeat("Enjoy “steady” returns 🚀 on a plan you contr\u043El. ", 6)},
	}
	for _, tt := range tests {
		b.Run(tt.name, func(b *testing.B) {
			b.SetBytes(int64(len(tt.text)))
			for b.Loop() {
				String(tt.text)
			}
		})
	}
}
