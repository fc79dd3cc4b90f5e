package channel_test

import (
	"net/url"
	"testing"
	"time"

	"github.com/greenlighthq/greenlight/engine/channel"
)

func TestLimitsTable(t *testing.T) {
	version, limits := channel.Limits()
	if _, err := time.Parse(time.DateOnly, version); err != nil {
		t.Errorf("version %q is not a date: %v", version, err)
	}
	want := []struct {
		channel                          string
		max                              int
		unit                             channel.Unit
		maxBytes, hashtags, links, urlLn int
	}{
		{"x", 280, channel.UnitWeighted, 0, 0, 0, 23},
		{"bluesky", 300, channel.UnitGraphemes, 3000, 0, 0, 0},
		{"mastodon", 500, channel.UnitGraphemes, 0, 0, 0, 23},
		{"threads", 500, channel.UnitCharacters, 0, 0, 5, 0},
		{"linkedin", 3000, channel.UnitCharacters, 0, 0, 0, 0},
		{"instagram", 2200, channel.UnitCharacters, 0, 5, 0, 0},
		{"facebook", 63206, channel.UnitCharacters, 0, 0, 0, 0},
	}
	if len(limits) != len(want) {
		t.Fatalf("got %d channels, want %d", len(limits), len(want))
	}
	for i, w := range want {
		l := limits[i]
		t.Run(w.channel+" has its figures, a source and a check date", func(t *testing.T) {
			if l.Channel != w.channel || l.MaxLength != w.max || l.Unit != w.unit || l.MaxBytes != w.maxBytes ||
				l.MaxHashtags != w.hashtags || l.MaxLinks != w.links || l.URLLength != w.urlLn {
				t.Errorf("got %+v", l)
			}
			if u, err := url.Parse(l.Source); err != nil || u.Scheme != "https" || u.Host == "" {
				t.Errorf("source %q is not an https URL", l.Source)
			}
			if _, err := time.Parse(time.DateOnly, l.Checked); err != nil {
				t.Errorf("checked %q is not a date: %v", l.Checked, err)
			}
			if l.Note == "" {
				t.Error("no note on how the channel counts")
			}
			got, ok := channel.Lookup(w.channel)
			if !ok || got != l {
				t.Errorf("Lookup(%q) = %+v, %v", w.channel, got, ok)
			}
		})
	}
}

func TestLimitsReturnsACopy(t *testing.T) {
	_, limits := channel.Limits()
	limits[0].MaxLength = 1
	if _, again := channel.Limits(); again[0].MaxLength == 1 {
		t.Error("changing the returned table changed the built-in one")
	}
}

func TestLookupUnknownChannel(t *testing.T) {
	if _, ok := channel.Lookup("myspace"); ok {
		t.Error("found a limit for an unknown channel")
	}
}
