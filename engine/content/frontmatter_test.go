package content_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/engine/content"
	"github.com/hashicorp/hcl/v2"
)

// est is a fixed zone, so the tests need no time zone database.
var est = time.FixedZone("EST", -5*60*60)

func TestFrontMatterKeys(t *testing.T) {
	tests := []struct {
		name string
		loc  *time.Location
		src  string
		want content.Front
		// publishAt is PublishAt in RFC 3339, "" for nil.
		publishAt string
		// media is describe's output for Media.
		media []string
		draft bool
		// keys are the team's own front-matter keys.
		keys []string
	}{
		{
			name: "every known key is read into its field",
			src: "---\n" +
				"title: Winter launch\n" +
				"channels: [x, linkedin]\n" +
				"publish_at: 2026-12-01T09:00:00-05:00\n" +
				"campaign: winter-launch\n" +
				"sponsored: true\n" +
				"media:\n" +
				"  - src: media/a.png\n" +
				"    alt: A chart of sales\n" +
				"  - src: media/b.png\n" +
				"  - src: media/c.png\n" +
				"    alt: \"\"\n" +
				"  - media/d.png\n" +
				"---\n" +
				"Body with ![inline](media/e.png).\n",
			want: content.Front{
				Title: "Winter launch", Channels: []string{"x", "linkedin"},
				PublishAtRaw: "2026-12-01T09:00:00-05:00", Campaign: "winter-launch", Sponsored: true,
			},
			publishAt: "2026-12-01T09:00:00-05:00",
			media: []string{
				`media media/a.png alt "A chart of sales" 8:5-8:5`,
				`media media/b.png no alt 10:5-10:5`,
				`media media/c.png alt "" 11:5-11:5`,
				`media media/d.png no alt 13:5-13:15`,
				`media media/e.png alt "inline" 15:13-15:18`,
			},
		},
		{
			name: "channels written as a single string is a list of one",
			src:  "---\nchannels: linkedin\n---\n",
			want: content.Front{Channels: []string{"linkedin"}},
		},
		{
			name: "channels written as a block list is read in order",
			src:  "---\nchannels:\n  - bluesky\n  - mastodon\n---\n",
			want: content.Front{Channels: []string{"bluesky", "mastodon"}},
		},
		{
			name:      "publish_at with an offset keeps its offset whatever the parser's zone",
			loc:       est,
			src:       "---\npublish_at: 2026-12-01T14:30:00+01:00\n---\n",
			want:      content.Front{PublishAtRaw: "2026-12-01T14:30:00+01:00"},
			publishAt: "2026-12-01T14:30:00+01:00",
		},
		{
			name:      "publish_at without an offset is read in the parser's zone",
			loc:       est,
			src:       "---\npublish_at: 2026-12-01 09:00\n---\n",
			want:      content.Front{PublishAtRaw: "2026-12-01 09:00"},
			publishAt: "2026-12-01T09:00:00-05:00",
		},
		{
			name:      "publish_at with a T but no offset is read in the parser's zone",
			loc:       est,
			src:       "---\npublish_at: 2026-12-01T09:15:30\n---\n",
			want:      content.Front{PublishAtRaw: "2026-12-01T09:15:30"},
			publishAt: "2026-12-01T09:15:30-05:00",
		},
		{
			name:      "a bare publish_at date is midnight in the parser's zone",
			loc:       est,
			src:       "---\npublish_at: 2026-12-01\n---\n",
			want:      content.Front{PublishAtRaw: "2026-12-01"},
			publishAt: "2026-12-01T00:00:00-05:00",
		},
		{
			name:      "publish_at without an offset is UTC when the parser has no zone",
			src:       "---\npublish_at: \"2026-12-01 09:00\"\n---\n",
			want:      content.Front{PublishAtRaw: "2026-12-01 09:00"},
			publishAt: "2026-12-01T09:00:00Z",
		},
		{
			name: "the team's own keys are kept in Extra, nested values included",
			keys: []string{"author", "priority", "approved", "notes"},
			src: "---\n" +
				"title: Extra\n" +
				"author: mia\n" +
				"priority: 3\n" +
				"approved: false\n" +
				"notes:\n" +
				"  owner: sam\n" +
				"  tags: [q4, launch]\n" +
				"  steps:\n" +
				"    - {name: draft, done: true}\n" +
				"---\n",
			want: content.Front{Title: "Extra", Extra: map[string]any{
				"author":   "mia",
				"priority": 3,
				"approved": false,
				"notes": map[string]any{
					"owner": "sam",
					"tags":  []any{"q4", "launch"},
					"steps": []any{map[string]any{"name": "draft", "done": true}},
				},
			}},
		},
		{
			name: "an empty front matter is a post with no settings",
			src:  "---\n---\nBody.\n",
		},
		{
			name: "front matter may close with three dots",
			src:  "---\ntitle: Dots\n...\nBody.\n",
			want: content.Front{Title: "Dots"},
		},
		{
			name: "a byte order mark before the front matter is allowed",
			src:  "\uFEFF---\ntitle: BOM\n---\nBody.\n",
			want: content.Front{Title: "BOM"},
		},
		{
			name:  "a file without front matter is a draft",
			src:   "Just an idea about #launch.\n",
			draft: true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, diags := content.NewParser(tc.loc, tc.keys...).Parse("post.md", []byte(tc.src))
			if len(diags) > 0 {
				t.Fatalf("unexpected diagnostics:\n%s", diagLines(diags))
			}
			got := p.Front
			got.PublishAt = nil
			want := tc.want
			if !reflect.DeepEqual(comparable(got), comparable(want)) {
				t.Errorf("front matter is\n\t%#v\nwant\n\t%#v", comparable(got), comparable(want))
			}
			publishAt := ""
			if p.Front.PublishAt != nil {
				publishAt = p.Front.PublishAt.Format(time.RFC3339)
			}
			if publishAt != tc.publishAt {
				t.Errorf("publish_at is %q, want %q", publishAt, tc.publishAt)
			}
			var media []string
			for _, line := range describe(p) {
				if strings.HasPrefix(line, "media ") {
					media = append(media, line)
				}
			}
			if !slices.Equal(media, tc.media) {
				t.Errorf("media are\n\t%s\nwant\n\t%s", strings.Join(media, "\n\t"), strings.Join(tc.media, "\n\t"))
			}
			if p.Draft != tc.draft {
				t.Errorf("Draft is %v, want %v", p.Draft, tc.draft)
			}
			if len(p.Blocks) == 0 && strings.Contains(tc.src, "Body") {
				t.Errorf("the body has no blocks")
			}
		})
	}
}

// comparableFront is Front without its unexported ranges, with nil and
// empty collections treated alike.
type comparableFront struct {
	Title, PublishAtRaw, Campaign string
	Channels                      []string
	Sponsored                     bool
	Extra                         map[string]any
}

func comparable(f content.Front) comparableFront {
	c := comparableFront{Title: f.Title, PublishAtRaw: f.PublishAtRaw, Campaign: f.Campaign, Sponsored: f.Sponsored}
	if len(f.Channels) > 0 {
		c.Channels = f.Channels
	}
	if len(f.Extra) > 0 {
		c.Extra = f.Extra
	}
	return c
}

func TestFrontMatterRanges(t *testing.T) {
	src := "---\r\ntitle: \"Café launch\"\r\ncampaign: winter\r\nchannels: [x, linkedin]\r\n---\r\n"
	p := parse(t, src)
	tests := []struct {
		key  string
		want string // start line:col, or "" when absent
	}{
		{"title", "2:8"},
		{"campaign", "3:11"},
		{"channels", "4:11"},
		{"sponsored", ""},
	}
	for _, tc := range tests {
		t.Run("the range of "+tc.key+" starts where its value is written", func(t *testing.T) {
			r, ok := p.Front.Range(tc.key)
			got := ""
			if ok {
				got = pos(r.Start)
				if r.Filename != "post.md" {
					t.Errorf("the range is in %q, want post.md", r.Filename)
				}
			}
			if got != tc.want {
				t.Errorf("%s is at %q, want %q", tc.key, got, tc.want)
			}
		})
	}
}

func pos(p hcl.Pos) string { return fmt.Sprintf("%d:%d", p.Line, p.Column) }

func TestFrontMatterErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		// want is every diagnostic as "line:col: summary".
		want []string
	}{
		{
			name: "a YAML syntax error on line 3 of the file is reported on line 3",
			src:  "---\ntitle: Broken\ncampaign: \"never closed\npublish_at: 2026-12-01\n---\nBody.\n",
			want: []string{"3:11: Invalid front matter"},
		},
		{
			name: "a reserved character is reported where it is written",
			src:  "---\ntitle: Broken\ncampaign: @acme\n---\nBody.\n",
			want: []string{"3:11: Invalid front matter"},
		},
		{
			name: "a flow list left open is reported where the parser gives up, on the next key",
			src:  "---\ntitle: Broken\nchannels: [x, linkedin\npublish_at: 2026-12-01\n---\nBody.\n",
			want: []string{"4:1: Invalid front matter"},
		},
		{
			name: "a YAML syntax error in a CRLF file is reported on its line",
			src:  "---\r\ntitle: Broken\r\nchannels: [x, linkedin\r\n---\r\nBody.\r\n",
			want: []string{"3:11: Invalid front matter"},
		},
		{
			name: "a tab-indented mapping is reported at the tab",
			src:  "---\ntitle: Tabs\nnotes:\n\towner: mia\n---\nBody.\n",
			want: []string{"4:1: Invalid front matter"},
		},
		{
			name: "a 200 KB run of brackets is an error at once, not minutes of work",
			src:  "---\ntitle: Deep\nx: " + strings.Repeat("[", 100_000) + "\n---\nBody.\n",
			want: []string{"3:1: Invalid front matter"},
		},
		{
			name: "a syntax error in a front matter too large to pinpoint is reported on yaml.v3's line",
			src:  "---\n" + strings.Repeat("# padding\n", 500) + "campaign: @acme\n---\nBody.\n",
			want: []string{"502:1: Invalid front matter"},
		},
		{
			name: "a misspelt key is an error at the key, not a silently ignored setting",
			src:  "---\ntitle: Typo\nchanels: [x]\npublish-at: 2026-12-01\n---\nBody.\n",
			want: []string{"3:1: Unknown front matter key", "4:1: Unknown front matter key"},
		},
		{
			name: "a key nobody declared is an error",
			src:  "---\ntitle: T\nregion: emea\n---\nBody.\n",
			want: []string{"3:1: Unknown front matter key"},
		},
		{
			name: "channels written as a mapping is the wrong type",
			src:  "---\nchannels: {a: 1}\n---\nBody.\n",
			want: []string{"2:11: Invalid front matter value"},
		},
		{
			name: "a sponsored value that is not a boolean is the wrong type",
			src:  "---\ntitle: Ad\nsponsored: maybe\n---\nBody.\n",
			want: []string{"3:12: Invalid front matter value"},
		},
		{
			name: "media written as a string is the wrong type",
			src:  "---\nmedia: \"x\"\n---\nBody.\n",
			want: []string{"2:8: Invalid front matter value"},
		},
		{
			name: "a media item without src is reported at the item",
			src:  "---\nmedia:\n  - alt: A picture of nothing\n---\nBody.\n",
			want: []string{"3:5: Invalid media item"},
		},
		{
			name: "a media item that is a list is reported at the item",
			src:  "---\nmedia:\n  - [a.png, b.png]\n---\nBody.\n",
			want: []string{"3:5: Invalid media item"},
		},
		{
			name: "a title that is a list is the wrong type",
			src:  "---\ntitle: [a, b]\n---\nBody.\n",
			want: []string{"2:8: Invalid front matter value"},
		},
		{
			name: "front matter without its closing line is unclosed",
			src:  "---\ntitle: Never closed\n\nBody.\n",
			want: []string{"1:1: Unclosed front matter"},
		},
		{
			name: "a file of only the opening line is unclosed",
			src:  "---",
			want: []string{"1:1: Unclosed front matter"},
		},
		{
			name: "front matter that is a list is not a mapping",
			src:  "---\n- title\n- channels\n---\nBody.\n",
			want: []string{"2:1: Invalid front matter"},
		},
		{
			name: "a publish_at that is not a time is reported at its value",
			src:  "---\ntitle: Soon\npublish_at: tomorrow\n---\nBody.\n",
			want: []string{"3:13: Invalid publish_at"},
		},
		{
			name: "a publish_at that is a mapping is the wrong type",
			src:  "---\npublish_at: {day: 1}\n---\nBody.\n",
			want: []string{"2:13: Invalid front matter value"},
		},
		{
			name: "a key written twice is reported at its second key",
			src:  "---\ntitle: One\ncampaign: c\ntitle: Two\n---\nBody.\n",
			want: []string{"4:1: Duplicate front matter key"},
		},
		{
			name: "several wrong values are all reported",
			src:  "---\nsponsored: maybe\nmedia: x\npublish_at: later\n---\n",
			want: []string{"2:12: Invalid front matter value", "3:8: Invalid front matter value", "4:13: Invalid publish_at"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, diags := content.NewParser(nil).Parse("post.md", []byte(tc.src))
			if p == nil {
				t.Fatal("Parse returned no post")
			}
			var got []string
			for _, d := range diags {
				got = append(got, diagLine(d))
				if d.Severity != hcl.DiagError {
					t.Errorf("%s is not an error", diagLine(d))
				}
				if d.Subject == nil {
					continue
				}
				if d.Subject.Filename != "post.md" {
					t.Errorf("%s is in %q, want post.md", diagLine(d), d.Subject.Filename)
				}
				if s, e := d.Subject.Start, d.Subject.End; s.Byte > e.Byte || e.Byte > len(tc.src) {
					t.Errorf("%s has subject bytes %d-%d outside the file of %d bytes", diagLine(d), s.Byte, e.Byte, len(tc.src))
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("diagnostics are\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tc.want, "\n\t"))
			}
		})
	}
}

// A local time a daylight-saving change skips or repeats is an error that
// says why, never a time an hour off.
func TestPublishAtAcrossDaylightSaving(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	tests := []struct {
		in, want, err string
	}{
		{in: "2027-03-14 01:59", want: "2027-03-14T01:59:00-05:00"},
		{in: "2027-03-14 02:30", err: "2027-03-14 02:30 does not exist in America/New_York: clocks jump forward from 02:00 to 03:00 that day (daylight saving time begins); write a time before 02:00 or from 03:00 on"},
		{in: "2027-03-14T02:00:00", err: "does not exist"},
		{in: "2027-03-14 03:00", want: "2027-03-14T03:00:00-04:00"},
		{in: "2027-11-07 01:30", err: "2027-11-07 01:30 happens twice in America/New_York (daylight saving time ends that day): give an offset, 2027-11-07T01:30:00-04:00 or 2027-11-07T01:30:00-05:00"},
		{in: "2027-11-07T01:30:00-05:00", want: "2027-11-07T01:30:00-05:00"},
		{in: "2027-11-07 02:30", want: "2027-11-07T02:30:00-05:00"},
		{in: "2027-03-14", want: "2027-03-14T00:00:00-05:00"},
	}
	for _, tt := range tests {
		got, err := content.ParseTime(tt.in, ny)
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("ParseTime(%q) = %v, %v; want an error containing %q", tt.in, got, err, tt.err)
		case tt.err == "" && err != nil:
			t.Errorf("ParseTime(%q): %v", tt.in, err)
		case tt.err == "" && got.Format(time.RFC3339) != tt.want:
			t.Errorf("ParseTime(%q) = %s, want %s", tt.in, got.Format(time.RFC3339), tt.want)
		}
	}
	// The jump is told in each zone's own terms (Lord Howe Island moves
	// its clocks by half an hour).
	for zone, tt := range map[string]struct{ in, jump string }{
		"Europe/Berlin":       {"2026-03-29 02:30", "clocks jump forward from 02:00 to 03:00 that day"},
		"Australia/Lord_Howe": {"2026-10-04 02:15", "clocks jump forward from 02:00 to 02:30 that day"},
	} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Skip("no time zone database:", err)
		}
		if _, err := content.ParseTime(tt.in, loc); err == nil || !strings.Contains(err.Error(), tt.jump) {
			t.Errorf("ParseTime(%q) in %s: %v; want an error saying %q", tt.in, zone, err, tt.jump)
		}
	}
	// In a post, the error points at the value.
	p, diags := content.NewParser(ny).Parse("posts/spring.md", []byte("---\ntitle: Spring\npublish_at: 2027-03-14 02:30\n---\nHello.\n"))
	if len(diags) != 1 || diags[0].Subject == nil || diags[0].Subject.Start.Line != 3 || !strings.Contains(diags[0].Detail, "does not exist") {
		t.Errorf("diagnostics = %v (post %v)", diags, p)
	}
}

// TestUnknownFrontMatterKeysSayWhatWasMeant: the error suggests the
// closest key and lists every key the post may use, the team's included.
func TestUnknownFrontMatterKeysSayWhatWasMeant(t *testing.T) {
	tests := []struct {
		name, key string
		keys      []string
		want      []string
	}{
		{"a dropped letter suggests channels", "chanels", nil, []string{`Did you mean "channels"?`, "Known keys: title, channels, publish_at, campaign, sponsored, media, draft."}},
		{"a hyphen suggests publish_at", "publish-at", nil, []string{`Did you mean "publish_at"?`}},
		{"a team key is suggested and listed", "regoin", []string{"region", "product"}, []string{`Did you mean "region"?`, "draft, region, product.", "front_matter_keys"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := content.NewParser(nil, tc.keys...).Parse("post.md", []byte("---\n"+tc.key+": 1\n---\nBody.\n"))
			if len(diags) != 1 {
				t.Fatalf("diagnostics are %v, want one", diags)
			}
			for _, w := range tc.want {
				if !strings.Contains(diags[0].Detail, w) {
					t.Errorf("the detail %q does not say %q", diags[0].Detail, w)
				}
			}
		})
	}
	// A declared key is accepted.
	if _, diags := content.NewParser(nil, "region").Parse("post.md", []byte("---\nregion: emea\n---\nBody.\n")); len(diags) > 0 {
		t.Errorf("a declared key is refused: %v", diags)
	}
}
