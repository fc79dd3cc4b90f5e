package action_test

import (
	"strings"
	"testing"
	"time"
)

// Posts publish the images their media and Markdown name, files outside
// the content folders that the gate once ignored. Each test is a way to
// publish an image nobody approved; SECURITY.md lists them.

// postWithLogo is a post whose front matter attaches media/logo.png.
func postWithLogo(title string) string {
	return "---\ntitle: " + title + "\nchannels: [x]\npublish_at: 2026-12-01T09:00:00-05:00\n" +
		"media:\n  - src: media/logo.png\n    alt: Our logo\n---\nOur new dashboards show every report in one place.\n"
}

// The post and its image were approved; the author then swapped the
// image. The post's own text did not change, so the approvals stayed
// valid and the swapped image was merged and published.
func TestMediaSwappedAfterApprovalIsStale(t *testing.T) {
	for name, post := range map[string]string{
		"front matter media":    postWithLogo("Dashboards"),
		"Markdown image":        "---\ntitle: Dashboards\nchannels: [x]\npublish_at: 2026-12-01T09:00:00-05:00\n---\nOur dashboards.\n\n![Our logo](../media/logo.png)\n",
		"named in another case": strings.Replace(postWithLogo("Dashboards"), "media/logo.png", "media/Logo.PNG", 1),
	} {
		t.Run(name, func(t *testing.T) {
			w := newWorld(t, func(r *repo) {
				r.write("posts/b.md", post)
				r.write("media/logo.png", "the approved logo")
			})
			w.approve("kim", w.head, 1)
			w.approve("mia", w.head, 2)
			if out := w.run(t); out.Conclusion != "success" {
				t.Fatalf("the approved post and image should pass: %s\n%s", out.Conclusion, out.Markdown)
			}
			w.push(func(r *repo) { r.write("media/logo.png", "a swapped logo") })
			if out := w.run(t); out.Conclusion == "success" {
				t.Errorf("bypass: media/logo.png was swapped after kim and mia approved posts/b.md, and their approvals still count:\n%s", out.Markdown)
			}
		})
	}
}

// A pull request that only changes an image a published post uses showed
// "no posts changed" and passed with no review.
func TestMediaChangedUnderAPostNeedsOwners(t *testing.T) {
	w := newWorldOnBase(t, func(r *repo) {
		r.write("posts/a.md", postWithLogo("Dashboards"))
		r.write("media/logo.png", "the approved logo")
	}, func(r *repo) { r.write("media/logo.png", "a swapped logo") })
	out := w.run(t)
	if out.Conclusion == "success" {
		t.Errorf("bypass: media/logo.png, which posts/a.md publishes, changes with no approval:\n%s", out.Markdown)
	}
	if !strings.Contains(strings.Join(out.BlockedStages, ","), "owners") || !strings.Contains(out.Markdown, "`media/logo.png`") ||
		!strings.Contains(out.Markdown, "`posts/a.md`") {
		t.Errorf("want the owners stage pending for media/logo.png, naming posts/a.md; blocked %v\n%s", out.BlockedStages, out.Markdown)
	}
	w.approve("root", w.head, 1)
	if out := w.run(t); out.Conclusion != "success" {
		t.Errorf("the owners approved the new logo: %s\n%s", out.Conclusion, out.Markdown)
	}
}

// A post may name its image in an escaped spelling that a posting tool
// decodes to the same path: a YAML escape in the front matter, a URL's
// percent-encoding, a Markdown character reference. The file name is then
// not in the post's bytes, and the image was changed with no approval.
func TestMediaNamedInAnEscapedSpellingNeedsOwners(t *testing.T) {
	for name, post := range map[string]string{
		"a YAML escape":         strings.Replace(postWithLogo("Dashboards"), "src: media/logo.png", `src: "media/\x6Cogo.png"`, 1),
		"percent-encoding":      strings.Replace(postWithLogo("Dashboards"), "media/logo.png", "media/%6Cogo.png", 1),
		"a character reference": "---\ntitle: Dashboards\nchannels: [x]\npublish_at: 2026-12-01T09:00:00-05:00\n---\nOur dashboards.\n\n![Our logo](../media/l&#111;go.png)\n",
		"a backslash escape":    "---\ntitle: Dashboards\nchannels: [x]\npublish_at: 2026-12-01T09:00:00-05:00\n---\nOur dashboards.\n\n![Our logo](../media/logo\\.png)\n",
	} {
		t.Run(name, func(t *testing.T) {
			w := newWorldOnBase(t, func(r *repo) {
				r.write("posts/a.md", post)
				r.write("media/logo.png", "the approved logo")
			}, func(r *repo) { r.write("media/logo.png", "a swapped logo") })
			if out := w.run(t); out.Conclusion == "success" || !strings.Contains(strings.Join(out.BlockedStages, ","), "owners") {
				t.Errorf("bypass: media/logo.png, which posts/a.md publishes, changes with no approval: %s, blocked %v\n%s",
					out.Conclusion, out.BlockedStages, out.Markdown)
			}
		})
	}
}

// A new post with a new image needs only the post's stages: its
// reviewers see the image; nothing published used it before.
func TestMediaAddedWithANewPostNeedsOnlyItsStages(t *testing.T) {
	w := newWorld(t, func(r *repo) {
		r.write("posts/b.md", postWithLogo("Dashboards"))
		r.write("media/logo.png", "a new logo")
	})
	w.approve("kim", w.head, 1)
	w.approve("mia", w.head, 2)
	if out := w.run(t); out.Conclusion != "success" || strings.Contains(strings.Join(out.BlockedStages, ","), "owners") {
		t.Errorf("a new post with a new image, approved by its stages: %s, blocked %v\n%s", out.Conclusion, out.BlockedStages, out.Markdown)
	}
}

// An approved pull request adds a post that uses media/logo.png, as it
// stands on main. The logo is then swapped on main: the publish run
// merged the post, which went out with a logo its reviewers never saw.
func TestMediaSwappedOnTheBaseAfterApprovalIsNotPublished(t *testing.T) {
	d := newDesk(t)
	d.write("media/logo.png", "the approved logo")
	d.base = d.commit("the logo")
	d.gh.Branches["main"] = d.base
	d.open(61, "logo.md", postWithLogo("Dashboards"))
	d.approve(61, "kim", "mia")
	d.write("media/logo.png", "a swapped logo")
	d.gh.Branches["main"] = d.commit("swap the logo")
	out, _ := d.publish(t, time.Date(2026, 12, 1, 14, 30, 0, 0, time.UTC), false)
	if d.gh.Pulls[61].Merged {
		t.Errorf("bypass: media/logo.png changed on main after kim and mia approved posts/logo.md, and the publish run merged it: %+v", out.Published)
	}
}

// A merge group must merge nothing unjudged: a rebasing queue's commit
// that names no pull request carried a swapped image a post on main uses,
// and the group passed on the judged post of another pull request.
func TestMediaMergeGroupCarryingASwappedImage(t *testing.T) {
	w := newWorldOnBase(t, func(r *repo) {
		r.write("posts/a.md", postWithLogo("Dashboards"))
		r.write("media/logo.png", "the approved logo")
	}, func(r *repo) { r.write("posts/b.md", postB) })
	out, run := w.carriedInGroup(t, "media/logo.png", "a swapped logo")
	if out.Conclusion != "failure" || run == nil || run.Conclusion != "failure" || !strings.Contains(run.Summary, "`media/logo.png`") {
		t.Errorf("bypass: the group carries media/logo.png, which posts/a.md uses and nobody judged: %s, check run %+v", out.Conclusion, run)
	}
}
