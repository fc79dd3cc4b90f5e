package twittertext

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// The oracle: upstream's extractUrl and validAsciiDomain compiled whole as
// RE2 expressions, with the top-level-domain lookahead made consuming (see
// regexps.go). It is correct but slow (RE2's automaton over the domain
// alternation costs about 20µs per URL), so the package uses the code in
// urlmatch.go, and this test checks the two agree.

// urlTail is (?::(port))?(\/path*)?(\?query)? for the punycode branch, and
// urlTailNonEmpty the same with at least one part present, for the
// top-level-domain branch (the empty case is the lookahead).
const (
	oracleURLTail         = `(?::` + validPortNumber + `)?(?P<path3>/` + validURLPath + `*)?(?:` + urlQuery + `)?`
	oracleURLTailNonEmpty = `(?::` + validPortNumber + `(?P<path1>/` + validURLPath + `*)?(?:` + urlQuery + `)?` +
		`|(?P<path2>/` + validURLPath + `*)(?:` + urlQuery + `)?` +
		`|` + urlQuery + `)`
	oracleURLBody = `(?P<proto>https?://)?` +
		`(?P<body>` + validSubdomain + `*` + validDomainName + `)` +
		`(?:(?P<tld>` + validTLD + `)(?:(?P<t1>` + oracleURLTailNonEmpty + `)|` + tldLookaheadPattern + `)` +
		`|(?P<puny>` + validPunycode + `)(?P<t2>` + oracleURLTail + `))`
)

type oraclePatterns struct {
	first, next, asciiDomain *regexp.Regexp
	group                    map[string]int
}

var oracle = sync.OnceValue(func() *oraclePatterns {
	p := &oraclePatterns{
		first:       regexp.MustCompile(`(?i)(?:(?P<before>` + validURLPrecedingChar + `)|^)` + oracleURLBody),
		next:        regexp.MustCompile(`(?i)(?P<before>` + validURLPrecedingChar + `)` + oracleURLBody),
		asciiDomain: regexp.MustCompile(`(?i)(?:(?:[\-a-z0-9` + latinAccentChars + `]+)\.)+(?:(` + validTLD + `)` + tldLookaheadPattern + `|` + validPunycode + `)`),
		group:       map[string]int{},
	}
	for i, name := range p.next.SubexpNames() {
		if name != "" {
			p.group[name] = i
		}
	}
	return p
})

// oracleFindURL is findURL done by the whole expression, on the whole text.
func oracleFindURL(text string, pos int) (urlMatch, bool) {
	p := oracle()
	var m []int
	if pos == 0 {
		m = p.first.FindStringSubmatchIndex(text)
	} else if m = p.next.FindStringSubmatchIndex(text[pos:]); m != nil {
		for i := range m {
			if m[i] >= 0 {
				m[i] += pos
			}
		}
	}
	if m == nil {
		return urlMatch{}, false
	}
	g := func(name string) (int, int) { i := p.group[name]; return m[2*i], m[2*i+1] }
	var u urlMatch
	u.beforeStart = m[0]
	bodyStart, _ := g("body")
	u.start, u.protoEnd = bodyStart, bodyStart
	if s, e := g("proto"); s >= 0 {
		u.start, u.protoEnd = s, e
	}
	if _, e := g("tld"); e >= 0 {
		u.domainEnd, u.end = e, e
		if _, e1 := g("t1"); e1 >= 0 {
			u.end = e1
		}
	} else {
		_, u.domainEnd = g("puny")
		_, u.end = g("t2")
	}
	for _, name := range []string{"path1", "path2", "path3"} {
		if s, _ := g(name); s >= 0 {
			u.hasPath = true
		}
	}
	return u, true
}

func oracleFindASCIIDomain(domain string, pos int) (int, int, bool) {
	m := oracle().asciiDomain.FindStringSubmatchIndex(domain[pos:])
	if m == nil {
		return 0, 0, false
	}
	start, end := pos+m[0], pos+m[1]
	if m[2] >= 0 {
		end = pos + m[3]
	}
	return start, end, true
}

// urlCorpus returns texts that exercise the domain matching: the
// conformance texts plus generated ones.
func urlCorpus(t *testing.T) []string {
	texts := []string{
		"foo.com foo.net foo.org foo.edu foo.gov", "foo.baz foo.co.jp www.xxxxxxx.baz www.foo.co.uk wwwww.xxxxxxx foo.comm",
		"john.doe.gov@mail.com", "name.al-lastname@foo.com", "a_b.c-d.com", "http://-leadingdash.twitter.com",
		"test http://example.comだよね.comtest/hogehoge", "example.comてすとですtwitter.みんなです", "xn--ls8h.XN--ls8h.la/x",
		"HTTPS://WWW.EXAMPLE.COM:8080/a(b(c)d)e?x=1&y=2#frag", "t.co/abc?amp=1", "$t.co #a.com @b.com .c.com /d.com -e.com _f.com",
		"http://xn--はじめよう.com/index.html", "www.foo.com/foo/path-with-period./", "http://foo.com?#foo", "1.2.3.4.com",
		"ĉu.com ÀÉ.ORG ΕΛ.ευ КИЇВ.укр", "a.comcast b.co c.co.", "foo.COM.", "a..com .com a.-b.com a.b-.com",
	}
	rng := rand.New(rand.NewPCG(7, 7))
	parts := []string{"a", "b", "co", "com", "uk", "jp", "xn--p1ai", "http", "https", "://", "www", ".", ".", ".",
		"-", "_", "/", "?", "=", "#", "@", ":", "8", " ", "é", "日本", "み", "(", ")", "$", "+", "'", "\u202a", "。"}
	for range 3000 {
		var b strings.Builder
		for range 1 + rng.IntN(14) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		texts = append(texts, b.String())
	}
	// URL-shaped texts, with near misses.
	pick := func(l ...string) string { return l[rng.IntN(len(l))] }
	for range 3000 {
		var b strings.Builder
		for range 1 + rng.IntN(3) {
			b.WriteString(pick("", " ", " ", "(", "@", "$", "-", "#", "/", "日", "\u202a", "x", "."))
			b.WriteString(pick("", "", "http://", "https://", "HTTP://", "http:/", "ftp://"))
			for range rng.IntN(4) {
				b.WriteString(pick("a", "bc", "x-y", "a_b", "-a", "b-", "_c", "日本", "é", "1", "www", "foo", "t"))
				b.WriteString(pick(".", ".", ".", "..", "。"))
			}
			b.WriteString(pick("a", "foo", "t", "bit", "example", "x-y", "日本"))
			b.WriteString(".")
			b.WriteString(pick("com", "co", "uk", "jp", "みんな", "xn--p1ai", "comm", "c", "COM", "co.uk", "museum", "bz2", "ly", "рф"))
			b.WriteString(pick("", "", "/", "/path", "/a(b)", "/a(b(c))", "/x.", "?q=1", "?q=", ":80", ":x", "#x", ".", ",", "@y", "+", "-", "1", "/@u/", "/~a-_"))
		}
		texts = append(texts, b.String())
	}
	return texts
}

func TestURLMatcherAgainstRegexp(t *testing.T) {
	for n, text := range urlCorpus(t) {
		for pos := 0; pos <= len(text); pos++ {
			if pos > 0 && pos < len(text) && !isRuneStart(text[pos]) {
				continue
			}
			if n%8 != 0 && pos > 0 {
				break // every start position for one text in eight, else the first
			}
			got, gotOK := findURL(text, pos, len(text))
			want, wantOK := oracleFindURL(text, pos)
			if got != want || gotOK != wantOK {
				t.Fatalf("findURL(%q, %d) = %+v, %v; the expression gives %+v, %v", text, pos, got, gotOK, want, wantOK)
			}
			gs, ge, gok := findASCIIDomain(text, pos)
			ws, we, wok := oracleFindASCIIDomain(text, pos)
			if gs != ws || ge != we || gok != wok {
				t.Fatalf("findASCIIDomain(%q, %d) = %d, %d, %v; the expression gives %d, %d, %v", text, pos, gs, ge, gok, ws, we, wok)
			}
		}
	}
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// oracleExtractURLs is extractUrlsWithIndices' loop over the whole text,
// with no windows and no prefilter.
func oracleExtractURLs(text string, withoutProtocol bool) []Entity {
	var urls []Entity
	for pos := 0; pos < len(text); {
		m, ok := oracleFindURL(text, pos)
		if !ok {
			break
		}
		pos = m.end
		urls = appendURL(urls, text, m, withoutProtocol)
	}
	return urls
}

func TestExtractURLsAgainstRegexp(t *testing.T) {
	found := 0
	for _, text := range urlCorpus(t) {
		for _, withoutProtocol := range []bool{true, false} {
			got := extractURLs(text, withoutProtocol)
			want := oracleExtractURLs(text, withoutProtocol)
			if len(got) != len(want) || (len(got) > 0 && !slicesEqual(got, want)) {
				t.Fatalf("extractURLs(%q, %v) = %+v; the expression gives %+v", text, withoutProtocol, got, want)
			}
			found += len(got)
		}
	}
	t.Logf("%d URLs found alike", found)
}

func slicesEqual(a, b []Entity) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
