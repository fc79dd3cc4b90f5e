package notify

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

const hostile = "<!channel> & <http://evil|x>"

func sampleEvent() Event {
	return Event{
		Kind:        "reminder",
		Key:         "reminder/12/legal/overdue",
		Repo:        "acme/social",
		PullRequest: 12,
		URL:         "https://github.com/acme/social/pull/12",
		Title:       "Launch week: day 1",
		Stage:       "legal",
		People:      []string{"alice", "@acme/legal"},
		Text:        "legal sign-off is due in 4h (Tue 1 Dec, 09:00 EST)",
		At:          time.Date(2025, 12, 1, 9, 0, 0, 0, time.FixedZone("EST", -5*3600)),
	}
}

func with(f func(*Event)) Event {
	ev := sampleEvent()
	f(&ev)
	return ev
}

// slackPayload is the Slack message as a receiver decodes it.
type slackPayload struct {
	Text   string `json:"text"`
	Blocks []struct {
		Type string `json:"type"`
		Text *struct {
			Type     string `json:"type"`
			Text     string `json:"text"`
			Verbatim bool   `json:"verbatim"`
		} `json:"text"`
		Elements []struct {
			Type     string `json:"type"`
			Text     string `json:"text"`
			Verbatim bool   `json:"verbatim"`
		} `json:"elements"`
	} `json:"blocks"`
}

func TestSlack(t *testing.T) {
	long := strings.Repeat("a", 119) + "bcdef"
	tests := []struct {
		name     string
		ev       Event
		fallback string
		section  string
		context  string
	}{
		{
			name:     "a reminder links the pull request and mentions people as text",
			ev:       sampleEvent(),
			fallback: "#12 Launch week: day 1: legal sign-off is due in 4h (Tue 1 Dec, 09:00 EST)",
			section:  "*<https://github.com/acme/social/pull/12|#12 Launch week: day 1>*\nlegal sign-off is due in 4h (Tue 1 Dec, 09:00 EST)\n@alice @acme/legal",
			context:  "acme/social · stage legal",
		},
		{
			name:     "a hostile title is escaped so it pings nobody and links nowhere",
			ev:       with(func(ev *Event) { ev.Title = hostile; ev.Text = "a < b && c > d" }),
			fallback: "#12 &lt;!channel&gt; &amp; &lt;http://evil|x&gt;: a &lt; b &amp;&amp; c &gt; d",
			section:  "*<https://github.com/acme/social/pull/12|#12 &lt;!channel&gt; &amp; &lt;http://evil|x&gt;>*\na &lt; b &amp;&amp; c &gt; d\n@alice @acme/legal",
			context:  "acme/social · stage legal",
		},
		{
			name:     "an event without stage or people has no mention line",
			ev:       with(func(ev *Event) { ev.Kind, ev.Stage, ev.People, ev.Text = "published", "", nil, "posted to LinkedIn" }),
			fallback: "#12 Launch week: day 1: posted to LinkedIn",
			section:  "*<https://github.com/acme/social/pull/12|#12 Launch week: day 1>*\nposted to LinkedIn",
			context:  "acme/social",
		},
		{
			name:     "a title over 120 characters is cut with an ellipsis",
			ev:       with(func(ev *Event) { ev.Title, ev.Text, ev.People = long, "", nil }),
			fallback: "#12 " + long[:119] + "…",
			section:  "*<https://github.com/acme/social/pull/12|#12 " + long[:119] + "…>*",
			context:  "acme/social · stage legal",
		},
		{
			name:     "newlines in a title cannot add lines to the message",
			ev:       with(func(ev *Event) { ev.Title, ev.People = "one\n\n*two*\r\nthree", nil }),
			fallback: "#12 one *two* three: legal sign-off is due in 4h (Tue 1 Dec, 09:00 EST)",
			section:  "*<https://github.com/acme/social/pull/12|#12 one *two* three>*\nlegal sign-off is due in 4h (Tue 1 Dec, 09:00 EST)",
			context:  "acme/social · stage legal",
		},
		{
			name:     "a URL that is not http(s) is not linked",
			ev:       with(func(ev *Event) { ev.URL, ev.Text, ev.People = "javascript:alert(1)", "", nil }),
			fallback: "#12 Launch week: day 1",
			section:  "*#12 Launch week: day 1*",
			context:  "acme/social · stage legal",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, err := Slack(tt.ev)
			if err != nil {
				t.Fatal(err)
			}
			var p slackPayload
			if err := json.Unmarshal(raw, &p); err != nil {
				t.Fatal(err)
			}
			if p.Text != tt.fallback {
				t.Errorf("text = %q, want %q", p.Text, tt.fallback)
			}
			if len(p.Blocks) != 2 {
				t.Fatalf("got %d blocks, want a section and a context", len(p.Blocks))
			}
			sec := p.Blocks[0]
			if sec.Type != "section" || sec.Text == nil || sec.Text.Type != "mrkdwn" || !sec.Text.Verbatim {
				t.Errorf("first block = %+v, want a verbatim mrkdwn section", sec)
			} else if sec.Text.Text != tt.section {
				t.Errorf("section text = %q, want %q", sec.Text.Text, tt.section)
			}
			ctx := p.Blocks[1]
			if ctx.Type != "context" || len(ctx.Elements) != 1 || ctx.Elements[0].Type != "mrkdwn" || !ctx.Elements[0].Verbatim {
				t.Fatalf("second block = %+v, want a context with one verbatim mrkdwn element", ctx)
			}
			if ctx.Elements[0].Text != tt.context {
				t.Errorf("context = %q, want %q", ctx.Elements[0].Text, tt.context)
			}
			for _, s := range []string{p.Text, sec.Text.Text} {
				if strings.Contains(s, "<!") || strings.Contains(s, "<http://evil") {
					t.Errorf("%q holds an unescaped Slack control sequence", s)
				}
			}
		})
	}
}

func TestTeams(t *testing.T) {
	type fact struct{ Title, Value string }
	tests := []struct {
		name  string
		ev    Event
		title string
		text  string // "" means no text block
		facts []fact
		open  string // "" means no action
	}{
		{
			name:  "a reminder is a card with title, sentence, facts and a button",
			ev:    sampleEvent(),
			title: "Launch week: day 1",
			text:  "legal sign-off is due in 4h (Tue 1 Dec, 09:00 EST)",
			facts: []fact{{"Repository", "acme/social"}, {"Pull request", "#12"}, {"Stage", "legal"}, {"People", "@alice, @acme/legal"}},
			open:  "https://github.com/acme/social/pull/12",
		},
		{
			name:  "an event without stage or people leaves those facts out",
			ev:    with(func(ev *Event) { ev.Stage, ev.People = "", nil }),
			title: "Launch week: day 1",
			text:  "legal sign-off is due in 4h (Tue 1 Dec, 09:00 EST)",
			facts: []fact{{"Repository", "acme/social"}, {"Pull request", "#12"}},
			open:  "https://github.com/acme/social/pull/12",
		},
		{
			name:  "Markdown in a title is escaped so it cannot make a link",
			ev:    with(func(ev *Event) { ev.Title, ev.Text = "[Approve here](http://evil) **now** _x_", "" }),
			title: `\[Approve here\](http://evil) \*\*now\*\* \_x\_`,
			facts: []fact{{"Repository", "acme/social"}, {"Pull request", "#12"}, {"Stage", "legal"}, {"People", "@alice, @acme/legal"}},
			open:  "https://github.com/acme/social/pull/12",
		},
		{
			name:  "an empty title and no URL still make a card",
			ev:    with(func(ev *Event) { ev.Title, ev.URL, ev.Text, ev.People, ev.Stage = "", "", "", nil, "" }),
			title: "Pull request #12",
			facts: []fact{{"Repository", "acme/social"}, {"Pull request", "#12"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, err := Teams(tt.ev)
			if err != nil {
				t.Fatal(err)
			}
			var m map[string]any
			if err := json.Unmarshal(raw, &m); err != nil {
				t.Fatal(err)
			}
			if m["type"] != "message" {
				t.Errorf("type = %v, want message", m["type"])
			}
			atts, _ := m["attachments"].([]any)
			if len(atts) != 1 {
				t.Fatalf("attachments = %v, want one", m["attachments"])
			}
			att := atts[0].(map[string]any)
			if att["contentType"] != "application/vnd.microsoft.card.adaptive" {
				t.Errorf("contentType = %v", att["contentType"])
			}
			if v, ok := att["contentUrl"]; !ok || v != nil {
				t.Errorf("contentUrl = %v (present %v), want null", v, ok)
			}
			card := att["content"].(map[string]any)
			want := map[string]any{"$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard", "version": "1.4"}
			for k, v := range want {
				if card[k] != v {
					t.Errorf("card %s = %v, want %v", k, card[k], v)
				}
			}
			body := card["body"].([]any)
			head := body[0].(map[string]any)
			if head["type"] != "TextBlock" || head["weight"] != "bolder" || head["wrap"] != true || head["text"] != tt.title {
				t.Errorf("title block = %v, want a bold wrapping TextBlock %q", head, tt.title)
			}
			i := 1
			if tt.text != "" {
				tb := body[1].(map[string]any)
				if tb["type"] != "TextBlock" || tb["wrap"] != true || tb["text"] != tt.text {
					t.Errorf("text block = %v, want a wrapping TextBlock %q", tb, tt.text)
				}
				i = 2
			}
			if len(body) != i+1 {
				t.Fatalf("body has %d elements, want %d", len(body), i+1)
			}
			fs := body[i].(map[string]any)
			if fs["type"] != "FactSet" {
				t.Fatalf("last element = %v, want a FactSet", fs)
			}
			var facts []fact
			for _, f := range fs["facts"].([]any) {
				f := f.(map[string]any)
				facts = append(facts, fact{f["title"].(string), f["value"].(string)})
			}
			if !reflect.DeepEqual(facts, tt.facts) {
				t.Errorf("facts = %v, want %v", facts, tt.facts)
			}
			actions, _ := card["actions"].([]any)
			if tt.open == "" {
				if len(actions) != 0 {
					t.Errorf("actions = %v, want none", actions)
				}
				return
			}
			if len(actions) != 1 {
				t.Fatalf("actions = %v, want one", actions)
			}
			a := actions[0].(map[string]any)
			if a["type"] != "Action.OpenUrl" || a["title"] != "Open pull request" || a["url"] != tt.open {
				t.Errorf("action = %v, want Action.OpenUrl to %s", a, tt.open)
			}
		})
	}
}

func TestWebhook(t *testing.T) {
	type payload struct {
		Event       string `json:"event"`
		Key         string `json:"key"`
		Repository  string `json:"repository"`
		PullRequest struct {
			Number int    `json:"number"`
			URL    string `json:"url"`
			Title  string `json:"title"`
		} `json:"pull_request"`
		Stage  string   `json:"stage"`
		People []string `json:"people"`
		Text   string   `json:"text"`
		At     string   `json:"at"`
	}
	t.Run("every field of the event is in the body, untouched but for the title's length", func(t *testing.T) {
		ev := with(func(ev *Event) { ev.Title = hostile })
		raw, err := Webhook(ev)
		if err != nil {
			t.Fatal(err)
		}
		var p payload
		if err := json.Unmarshal(raw, &p); err != nil {
			t.Fatal(err)
		}
		if p.Event != "reminder" || p.Key != "reminder/12/legal/overdue" || p.Repository != "acme/social" {
			t.Errorf("event, key, repository = %q, %q, %q", p.Event, p.Key, p.Repository)
		}
		if p.PullRequest.Number != 12 || p.PullRequest.URL != ev.URL || p.PullRequest.Title != hostile {
			t.Errorf("pull_request = %+v", p.PullRequest)
		}
		if p.Stage != "legal" || !reflect.DeepEqual(p.People, []string{"alice", "acme/legal"}) || p.Text != ev.Text {
			t.Errorf("stage, people, text = %q, %q, %q", p.Stage, p.People, p.Text)
		}
		if p.At != "2025-12-01T09:00:00-05:00" {
			t.Errorf("at = %q, want RFC 3339 with the offset", p.At)
		}
	})
	t.Run("no people is an empty list, not null, and a long title is cut", func(t *testing.T) {
		raw, err := Webhook(with(func(ev *Event) { ev.People = nil; ev.Title = strings.Repeat("é", 200) }))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(raw), `"people":[]`) {
			t.Errorf("body %s lacks \"people\":[]", raw)
		}
		var p payload
		if err := json.Unmarshal(raw, &p); err != nil {
			t.Fatal(err)
		}
		if n := utf8.RuneCountInString(p.PullRequest.Title); n != MaxTitle || !strings.HasSuffix(p.PullRequest.Title, "…") {
			t.Errorf("title has %d characters (%q), want %d ending in an ellipsis", n, p.PullRequest.Title, MaxTitle)
		}
	})
}
