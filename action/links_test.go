package action

import (
	"slices"
	"strings"
	"testing"
)

// A checkout reads a path through the links on its way, link after link;
// a link out of the repository, or a loop, leaves what it reads unknown.
// The other way round, a file is named by every path that leads to it.
func TestLinks(t *testing.T) {
	t.Parallel()
	raw := map[string]string{
		"media/logo.png": "v1/logo.png",
		"media/art":      "../brand/art",
		"brand/art":      "../shared/art",
		"Media/Old.png":  "/etc/passwd",
		"up":             "../outside",
		"loop/a":         "b",
		"loop/b":         "a",
	}
	l := links{}
	for p, target := range raw {
		l[strings.ToLower(p)] = linkTarget(p, target)
	}
	for _, tc := range []struct {
		p    string
		want []string
		ok   bool
	}{
		{"media/plain.png", []string{"media/plain.png"}, true},
		{"media/logo.png", []string{"media/logo.png", "media/v1/logo.png"}, true},
		{"MEDIA/LOGO.PNG", []string{"MEDIA/LOGO.PNG", "media/v1/logo.png"}, true},
		{"media/art/x.png", []string{"media/art/x.png", "brand/art/x.png", "shared/art/x.png"}, true},
		{"media/old.png", []string{"media/old.png"}, false},
		{"up/x.png", []string{"up/x.png"}, false},
		{"loop/a", nil, false},
	} {
		got, ok := l.readAs(tc.p)
		if ok != tc.ok || (tc.want != nil && !slices.Equal(got, tc.want)) {
			t.Errorf("readAs(%q) = %q, %v; want %q, %v", tc.p, got, ok, tc.want, tc.ok)
		}
	}
	names, err := l.namesOf("shared/art/x.png")
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(names)
	if want := []string{"brand/art/x.png", "media/art/x.png", "shared/art/x.png"}; !slices.Equal(names, want) {
		t.Errorf("namesOf = %q, want %q", names, want)
	}
	if names, err := (links{"b/all": "a"}).namesOf("a/x.png"); err != nil || !slices.Equal(names, []string{"a/x.png", "b/all/x.png"}) {
		t.Errorf("namesOf through a link to a folder = %q, %v", names, err)
	}
	if _, err := (links{"a/self": "a"}).namesOf("a/x.png"); err == nil {
		t.Error("a link to a folder above itself names a file in endless paths: want an error")
	}
}
