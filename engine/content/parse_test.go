package content_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/greenlighthq/greenlight/engine/content"
)

// positionCases pin where every piece of a post is, as line:col-line:col
// with the end inclusive. Columns count Unicode code points, like Vale: an
// emoji of one code point counts 1, a ZWJ family of five counts 5.
var positionCases = []struct {
	name string
	src  string
	// want is describe's output: blocks, hashtags, mentions, links, media.
	want []string
	// words maps a word to the span it has in the first block holding it.
	words map[string]string
	// notProse must not appear in any block's text or in Body.
	notProse []string
}{
	{
		name: "an LF file with front matter has its body lines counted after the front matter",
		src:  "---\ntitle: Launch day\n---\nHello #world from @amy.\n",
		want: []string{
			`title "Launch day" 2:8-2:17`,
			`paragraph "Hello #world from @amy." 4:1-4:23`,
			`hashtag "world" 4:8-4:12`,
			`#world 4:7-4:12`,
			`@amy 4:19-4:22`,
		},
		words: map[string]string{"Hello": "4:1-4:5", "from": "4:14-4:17"},
	},
	{
		name: "a CRLF file counts lines and columns as the LF one does",
		src:  "---\r\ntitle: Launch day\r\nchannels: [x]\r\n---\r\nHello #world\r\nfrom @amy, see [the guide](https://example.com/guide).\r\n\r\n- first item\r\n- second #item\r\n",
		want: []string{
			`title "Launch day" 2:8-2:17`,
			`paragraph "Hello #world from @amy, see the guide." 5:1-6:54`,
			`link text "the guide" 6:17-6:25`,
			`list item "first item" 8:3-8:12`,
			`list item "second #item" 9:3-9:14`,
			`hashtag "world" 5:8-5:12`,
			`hashtag "item" 9:11-9:14`,
			`#world 5:7-5:12`,
			`#item 9:10-9:14`,
			`@amy 6:6-6:9`,
			`link https://example.com/guide "the guide" 6:17-6:25`,
		},
		words: map[string]string{"from": "6:1-6:4", "second": "9:3-9:8", "world": "5:8-5:12"},
	},
	{
		name: "a tab before a word counts as one column",
		src:  "Tab\tthen #word and\t\t@two\n\n- item\twith #tab\n",
		want: []string{
			`paragraph "Tab\tthen #word and\t\t@two" 1:1-1:24`,
			`list item "item\twith #tab" 3:3-3:16`,
			`hashtag "word" 1:11-1:14`,
			`hashtag "tab" 3:14-3:16`,
			`#word 1:10-1:14`,
			`#tab 3:13-3:16`,
			`@two 1:21-1:24`,
		},
		words: map[string]string{"and": "1:16-1:18", "then": "1:5-1:8", "with": "3:8-3:11"},
	},
	{
		name: "multi-byte letters before a word count one column each",
		src:  "Café über #naïve and @zoë or @bob\n",
		want: []string{
			`paragraph "Café über #naïve and @zoë or @bob" 1:1-1:33`,
			`hashtag "naïve" 1:12-1:16`,
			`#naïve 1:11-1:16`,
			`@bob 1:30-1:33`,
		},
		words: map[string]string{"and": "1:18-1:20", "or": "1:27-1:28", "über": "1:6-1:9"},
	},
	{
		name: "an emoji of one code point counts one column",
		src:  "🚀 #launch now\n",
		want: []string{
			`paragraph "🚀 #launch now" 1:1-1:13`,
			`hashtag "launch" 1:4-1:9`,
			`#launch 1:3-1:9`,
		},
		words: map[string]string{"now": "1:11-1:13"},
	},
	{
		name: "a ZWJ family counts its five code points",
		src:  "👨‍👩‍👧 #family day\n",
		want: []string{
			`paragraph "👨\u200d👩\u200d👧 #family day" 1:1-1:17`,
			`hashtag "family" 1:8-1:13`,
			`#family 1:7-1:13`,
		},
		words: map[string]string{"day": "1:15-1:17"},
	},
	{
		name: "a flag counts its two regional indicators and an emoji with a variation selector counts two",
		src:  "🇫🇷 #paris ☕️ @cafe ok\n",
		want: []string{
			`paragraph "🇫🇷 #paris ☕️ @cafe ok" 1:1-1:21`,
			`hashtag "paris" 1:5-1:9`,
			`#paris 1:4-1:9`,
			`@cafe 1:14-1:18`,
		},
		words: map[string]string{"ok": "1:20-1:21"},
	},
	{
		name: "code spans and code blocks are code blocks, and with bare URLs and autolinks never reach the prose",
		src:  "Run `synergy --now` then visit https://example.com/bare?x=1 or <https://example.com/auto>.\n\n```\nfenced revolutionary #notatag\n```\n\n    indented leverage @nobody\n\nAfter the code.\n",
		want: []string{
			`paragraph "Run   then visit   or  ." 1:1-1:90`,
			`code "synergy --now" 1:6-1:18`,
			`code "Run synergy --now then visit   or  ." 1:1-1:90`,
			`code "fenced revolutionary #notatag\n" 4:1-4:30`,
			`code "indented leverage @nobody\n" 7:5-7:30`,
			`paragraph "After the code." 9:1-9:15`,
			`link https://example.com/bare?x=1 "" 1:32-1:59`,
			`link https://example.com/auto "" 1:65-1:88`,
		},
		words:    map[string]string{"After": "9:1-9:5", "or": "1:61-1:62", "then": "1:21-1:24", "visit": "1:26-1:30"},
		notProse: []string{"synergy", "--now", "https", "example.com", "revolutionary", "notatag", "leverage", "nobody", "`"},
	},
	{
		name: "link text is a block of its own and stays in its paragraph",
		src:  "Read [the *full* guide](https://example.com/guide \"Guide\") today, or [ask us][help].\n\n[help]: https://example.com/help\n",
		want: []string{
			`paragraph "Read the full guide today, or ask us." 1:1-1:84`,
			`link text "the full guide" 1:7-1:22`,
			`link title "Guide" 1:52-1:56`,
			`link text "ask us" 1:71-1:76`,
			`link title "help" 3:2-3:5`,
			`link https://example.com/guide "the full guide" 1:7-1:22`,
			`link https://example.com/help "ask us" 1:71-1:76`,
		},
		words:    map[string]string{"full": "1:12-1:15", "guide": "1:18-1:22", "today": "1:60-1:64"},
		notProse: []string{"Guide\"", "https", "[help]"},
	},
	{
		name: "headings record their level, ATX and setext alike",
		src:  "# One\n\n## Two *words*\n\n### Three #tag ###\n\nSetext two\n----------\n\nSetext one\n==========\n",
		want: []string{
			`heading 1 "One" 1:3-1:5`,
			`heading 2 "Two words" 3:4-3:13`,
			`heading 3 "Three #tag" 5:5-5:14`,
			`heading 2 "Setext two" 7:1-7:10`,
			`heading 1 "Setext one" 10:1-10:10`,
			`hashtag "tag" 5:12-5:14`,
			`#tag 5:11-5:14`,
		},
		words: map[string]string{"words": "3:9-3:13"},
	},
	{
		name: "list items are list item blocks, nested and ordered ones too",
		src:  "- alpha\n  - nested @amy\n1. ordered #one\n2. [ ] task two\n\n> quoted paragraph\n",
		want: []string{
			`list item "alpha" 1:3-1:7`,
			`list item "nested @amy" 2:5-2:15`,
			`list item "ordered #one" 3:4-3:15`,
			`list item "task two" 4:8-4:15`,
			`paragraph "quoted paragraph" 6:3-6:18`,
			`hashtag "one" 3:13-3:15`,
			`#one 3:12-3:15`,
			`@amy 2:12-2:15`,
		},
		words: map[string]string{"nested": "2:5-2:10", "quoted": "6:3-6:8", "task": "4:8-4:11"},
	},
	{
		name: "table cells are table cell blocks",
		src:  "| Plan | Price |\n|------|------:|\n| Basic #tier | $5 |\n| Pro | `$10` |\n",
		want: []string{
			`table cell "Plan" 1:3-1:6`,
			`table cell "Price" 1:10-1:14`,
			`table cell "Basic #tier" 3:3-3:13`,
			`table cell "$5" 3:17-3:18`,
			`table cell "Pro" 4:3-4:5`,
			`code "$10" 4:10-4:12`,
			`hashtag "tier" 3:10-3:13`,
			`#tier 3:9-3:13`,
		},
		words:    map[string]string{"Basic": "3:3-3:7", "Pro": "4:3-4:5"},
		notProse: []string{"$10"},
	},
	{
		name: "images are media with and without alt text, and alt text is a block",
		src:  "See ![a chart of sales](img/chart.png) and ![](img/empty.png) and ![*bold* alt](img/bold.png).\n",
		want: []string{
			`paragraph "See  and  and ." 1:1-1:94`,
			`alt text "a chart of sales" 1:7-1:22`,
			`alt text "bold alt" 1:70-1:78`,
			`media img/chart.png alt "a chart of sales" 1:7-1:22`,
			`media img/empty.png no alt 1:44-1:45`,
			`media img/bold.png alt "bold alt" 1:67-1:68`,
		},
		words:    map[string]string{"See": "1:1-1:3"},
		notProse: []string{"chart", "img/"},
	},
	{
		name: "titles are found plain, quoted, after an emoji and in CRLF files",
		src:  "---\r\ntitle: \"🚀 Launch\"\r\n---\r\nBody.\r\n",
		want: []string{
			`title "🚀 Launch" 2:9-2:16`,
			`paragraph "Body." 4:1-4:5`,
		},
		words: map[string]string{"Launch": "2:11-2:16"},
	},
	{
		name: "a single-quoted title starts after its quote",
		src:  "---\ntitle:   'Café time'\n---\n",
		want: []string{
			`title "Café time" 2:11-2:19`,
		},
		words: map[string]string{"time": "2:16-2:19"},
	},
	{
		name: "a hard line break and a soft one stand for a space",
		src:  "First line  \nsecond line\\\nthird line\nfourth #line\n",
		want: []string{
			`paragraph "First line second line third line fourth #line" 1:1-4:12`,
			`hashtag "line" 4:9-4:12`,
			`#line 4:8-4:12`,
		},
		words: map[string]string{"fourth": "4:1-4:6", "second": "2:1-2:6", "third": "3:1-3:5"},
	},
	{
		name: "emphasis, strikethrough and inline HTML keep their words in place",
		src:  "Some **bold**, _italic_, ~~struck~~ and <b>html</b> words.\n",
		want: []string{
			`paragraph "Some bold, italic, struck and html words." 1:1-1:58`,
			`html "<b>" 1:41-1:43`,
			`html "</b>" 1:48-1:51`,
		},
		words:    map[string]string{"bold": "1:8-1:11", "html": "1:44-1:47", "italic": "1:17-1:22", "struck": "1:28-1:33", "words": "1:53-1:57"},
		notProse: []string{"**", "~~", "<b>"},
	},
	{
		name: "HTML blocks are not prose, but are published as written and without tags",
		src:  "<div>\nhidden #tag\n</div>\n\nShown.\n",
		want: []string{
			`html "<div>\nhidden #tag\n</div>\n" 1:1-3:7`,
			`html "\nhidden #tag\n\n" 1:6-3:7`,
			`paragraph "Shown." 5:1-5:6`,
		},
		notProse: []string{"hidden", "div"},
	},
	{
		name: "HTML is matched as written and without tags, comments cut out, at its file positions",
		src:  "<p title=\"Ré\">A risk-<b>free</b><!-- greenlight off --> way</p>\r\n\n> <x-note>\n> risk-free\n\nA <span title=\"risk-free\">tip</span>.\n",
		want: []string{
			`html "<p title=\"Ré\">A risk-<b>free</b> way</p>\r\n" 1:1-1:65`,
			`html "A risk-free way\r\n" 1:15-1:65`,
			`html "<x-note>\nrisk-free\n" 3:3-4:12`,
			`html "\nrisk-free\n" 3:11-4:12`,
			`paragraph "A tip." 6:1-6:37`,
			`html "<span title=\"risk-free\">" 6:3-6:26`,
			`html "</span>" 6:30-6:36`,
		},
		words:    map[string]string{"free": "1:25-1:28", "Ré": "1:11-1:12", "way": "1:57-1:59"},
		notProse: []string{"risk", "<p", "note", "title"},
	},
	{
		name: "front matter alt text is a block where it is written",
		src:  "---\nmedia:\n  - src: a.png\n    alt: A risk-free chart\n  - {src: b.png, alt: \"Café\"}\n  - src: c.png\n---\nBody.\n",
		want: []string{
			`alt text "A risk-free chart" 4:10-4:26`,
			`alt text "Café" 5:24-5:27`,
			`paragraph "Body." 8:1-8:5`,
			`media a.png alt "A risk-free chart" 3:5-3:5`,
			`media b.png alt "Café" 5:5-5:5`,
			`media c.png no alt 6:5-6:5`,
		},
	},
	{
		name: "link and image titles and reference definitions are blocks where they are written",
		src:  "See [x](https://e.com \"A risk-free\nway\") and ![a](i.png 'Free') or [y].\n\n[y]: https://e.com/y (Risk-free)\n[risk-free]: https://e.com/z\n",
		want: []string{
			`paragraph "See x and  or y." 1:1-2:36`,
			`link text "x" 1:6-1:6`,
			`link title "A risk-free\nway" 1:24-2:3`,
			`alt text "a" 2:13-2:13`,
			`link title "Free" 2:23-2:26`,
			`link text "y" 2:34-2:34`,
			`link title "y" 4:2-4:2`,
			`link title "Risk-free" 4:23-4:31`,
			`link title "risk-free" 5:2-5:10`,
			`link https://e.com "x" 1:6-1:6`,
			`link https://e.com/y "y" 2:34-2:34`,
			`media i.png alt "a" 2:13-2:13`,
		},
		notProse: []string{"Risk", "Free", "way"},
	},
	{
		name: "a hashtag split by markup keeps every letter where it is written",
		src:  "Try #tag**bold** now.\n",
		want: []string{
			`paragraph "Try #tagbold now." 1:1-1:21`,
			`hashtag "tagbold" 1:6-1:14`,
			`#tagbold 1:5-1:14`,
		},
		words: map[string]string{"bold": "1:11-1:14", "now": "1:18-1:20"},
	},
	{
		name: "fullwidth sigils make hashtags and mentions too",
		src:  "新しい ＃タグ と ＠acme です\n",
		want: []string{
			`paragraph "新しい ＃タグ と ＠acme です" 1:1-1:18`,
			`hashtag "タグ" 1:6-1:7`,
			`#タグ 1:5-1:7`,
			`@acme 1:11-1:15`,
		},
		words: map[string]string{"です": "1:17-1:18"},
	},
	{
		name: "an e-mail address and a www address are links, not mentions or prose",
		src:  "Mail mia@example.com or visit www.example.com/#top, cc @bob.\n",
		want: []string{
			`paragraph "Mail   or visit  , cc @bob." 1:1-1:60`,
			`@bob 1:56-1:59`,
			`link mia@example.com "" 1:6-1:20`,
			`link http://www.example.com/#top "" 1:31-1:50`,
		},
		words:    map[string]string{"cc": "1:53-1:54", "visit": "1:25-1:29"},
		notProse: []string{"mia", "example", "top"},
	},
	{
		name: "hashtags are twitter-text's and mentions may be fediverse accounts",
		src:  "C# and #️⃣ are no tags, #a#b neither; #ok is, as is @mia@example.social\n",
		want: []string{
			`paragraph "C# and #️⃣ are no tags, #a#b neither; #ok is, as is @mia@example.social" 1:1-1:71`,
			`hashtag "ok" 1:40-1:41`,
			`#ok 1:39-1:41`,
			`@mia@example.social 1:53-1:71`,
		},
	},
	{
		name: "a link without text is found at its opening bracket",
		src:  "Go [](https://example.com/empty) now.\n",
		want: []string{
			`paragraph "Go  now." 1:1-1:37`,
			`link https://example.com/empty "" 1:4-1:4`,
		},
		words: map[string]string{"now": "1:34-1:36"},
	},
}

func TestParsePositions(t *testing.T) {
	for _, tc := range positionCases {
		t.Run(tc.name, func(t *testing.T) {
			p := parse(t, tc.src)
			got := describe(p)
			if !slices.Equal(got, tc.want) {
				t.Errorf("post holds:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(tc.want, "\n\t"))
			}
			for word, want := range tc.words {
				got := ""
				for i := range p.Blocks {
					b := &p.Blocks[i]
					if at := strings.Index(b.Text, word); at >= 0 {
						got = span(p.Span(b, at, at+len(word)))
						break
					}
				}
				if got != want {
					t.Errorf("%q is at %s, want %s", word, got, want)
				}
			}
			for _, s := range tc.notProse {
				for _, b := range p.Blocks {
					if k := b.Kind; k == content.Code || k == content.AltText || k == content.HTML || k == content.LinkTitle {
						continue // published, but not prose
					}
					if strings.Contains(b.Text, s) {
						t.Errorf("%s block %q holds %q, which is not prose", b.Kind, b.Text, s)
					}
				}
				if strings.Contains(p.Body, s) {
					t.Errorf("Body %q holds %q, which is not prose", p.Body, s)
				}
			}
			if err := proseMapsBack(p, false); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestBody(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{
			name: "the body is the prose of every block, separated by blank lines",
			src:  "---\ntitle: Not in the body\n---\n# Heading\n\nOne *two*\nthree.\n\n- four\n- five\n",
			want: "Heading\n\nOne two three.\n\nfour\n\nfive",
		},
		{
			name: "hashtags and mentions stay in the body, link text once",
			src:  "Hi @amy, read [the post](https://example.com) #news\n",
			want: "Hi @amy, read the post #news",
		},
		{
			name: "code and URLs leave a space so words stay apart",
			src:  "Run`x`now at https://example.com today.\n",
			want: "Run now at   today.",
		},
		{
			name: "a post with no prose has an empty body",
			src:  "```\ncode only\n```\n",
			want: "",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := parse(t, tc.src).Body; got != tc.want {
				t.Errorf("Body is %q, want %q", got, tc.want)
			}
		})
	}
}

// A YAML escape such as \L (U+2028, three bytes written as two) makes a
// title longer than what is written; its spans must stay inside the file.
func TestTitleLongerThanWritten(t *testing.T) {
	src := []byte("---\ntitle: \"\\L\\L\\L\\L\\L\\L\\L\\L\\L\\L\\L\\L\"\n---")
	src = src[:len(src):len(src)] // no spare capacity to read past the end
	p, diags := content.NewParser(nil).Parse("post.md", src)
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", diagLines(diags))
	}
	for i := range p.Blocks {
		b := &p.Blocks[i]
		for at := range b.Text {
			s := p.Span(b, at, len(b.Text))
			if s.End.Offset > len(src) || s.Start.Offset > s.End.Offset {
				t.Fatalf("span %s (bytes %d-%d) is outside the file of %d bytes", span(s), s.Start.Offset, s.End.Offset, len(src))
			}
		}
	}
}

func TestParserIsSafeForConcurrentUse(t *testing.T) {
	parser := content.NewParser(nil)
	src := []byte("---\ntitle: Shared\n---\nHello #world from @amy, see [docs](https://example.com).\n")
	want := describe(parse(t, string(src)))
	for i := range 4 {
		t.Run(fmt.Sprintf("parse %d gives the same post", i), func(t *testing.T) {
			t.Parallel()
			for range 50 {
				p, _ := parser.Parse("post.md", src)
				if got := describe(p); !slices.Equal(got, want) {
					t.Fatalf("post holds %q, want %q", got, want)
				}
			}
		})
	}
}

// TestDestinationsAreReadAsFollowed: a link's URL and an image's src are
// what a reader follows, character references and backslash escapes
// decoded, as a renderer decodes them: the channels' domain rules and the
// media a post publishes are judged on that, not on the spelling.
func TestDestinationsAreReadAsFollowed(t *testing.T) {
	src := "---\ntitle: A\n---\n[x](https://b&#97;d.example/p) ![a](../media/l&#111;go\\.png) [y](https://bad&period;example)\n"
	p, diags := content.NewParser(nil).Parse("a.md", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var urls, srcs []string
	for _, l := range p.Links {
		urls = append(urls, l.URL)
	}
	for _, m := range p.Media {
		srcs = append(srcs, m.Src)
	}
	if want := []string{"https://bad.example/p", "https://bad.example"}; !slices.Equal(urls, want) {
		t.Errorf("links %q, want %q", urls, want)
	}
	if want := []string{"../media/logo.png"}; !slices.Equal(srcs, want) {
		t.Errorf("media %q, want %q", srcs, want)
	}
}
