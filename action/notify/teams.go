package notify

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Teams is the body of a Microsoft Teams incoming-webhook message for ev,
// in the shape the Workflows (Power Automate) "post to a channel when a
// webhook request is received" flow takes: a message with one Adaptive
// Card attachment. The card has the title in bold, the sentence, facts
// (repository, pull request, and the stage and people when there are
// any) and a button that opens the pull request.
//
// Adaptive Cards render a Markdown subset in TextBlocks and facts, so
// untrusted text has its Markdown characters backslash-escaped: a title
// cannot turn itself into a link or restyle the card.
func Teams(ev Event) ([]byte, error) {
	facts := []teamsFact{
		{Title: "Repository", Value: teamsEscape(clean(ev.Repo, maxPerson))},
		{Title: "Pull request", Value: fmt.Sprintf("#%d", ev.PullRequest)},
	}
	if s := clean(ev.Stage, maxPerson); s != "" {
		facts = append(facts, teamsFact{Title: "Stage", Value: teamsEscape(s)})
	}
	if m := ev.mentions(); len(m) > 0 {
		facts = append(facts, teamsFact{Title: "People", Value: teamsEscape(strings.Join(m, ", "))})
	}
	title := ev.title()
	if title == "" {
		title = fmt.Sprintf("Pull request #%d", ev.PullRequest)
	}
	body := []teamsElement{
		{Type: "TextBlock", Text: teamsEscape(title), Weight: "bolder", Size: "medium", Wrap: true},
	}
	if t := ev.text(); t != "" {
		body = append(body, teamsElement{Type: "TextBlock", Text: teamsEscape(t), Wrap: true})
	}
	body = append(body, teamsElement{Type: "FactSet", Facts: facts})
	card := teamsCard{
		Schema:  "http://adaptivecards.io/schemas/adaptive-card.json",
		Type:    "AdaptiveCard",
		Version: "1.4",
		Body:    body,
	}
	if u := linkURL(ev.URL); u != "" {
		card.Actions = []teamsAction{{Type: "Action.OpenUrl", Title: "Open pull request", URL: u}}
	}
	return json.Marshal(teamsMessage{
		Type: "message",
		Attachments: []teamsAttachment{{
			ContentType: "application/vnd.microsoft.card.adaptive",
			ContentURL:  nil,
			Content:     card,
		}},
	})
}

type teamsMessage struct {
	Type        string            `json:"type"`
	Attachments []teamsAttachment `json:"attachments"`
}

type teamsAttachment struct {
	ContentType string    `json:"contentType"`
	ContentURL  *string   `json:"contentUrl"` // always null, as Teams expects
	Content     teamsCard `json:"content"`
}

type teamsCard struct {
	Schema  string         `json:"$schema"`
	Type    string         `json:"type"`
	Version string         `json:"version"`
	Body    []teamsElement `json:"body"`
	Actions []teamsAction  `json:"actions,omitempty"`
}

type teamsElement struct {
	Type   string      `json:"type"`
	Text   string      `json:"text,omitempty"`
	Weight string      `json:"weight,omitempty"`
	Size   string      `json:"size,omitempty"`
	Wrap   bool        `json:"wrap,omitempty"`
	Facts  []teamsFact `json:"facts,omitempty"`
}

type teamsFact struct {
	Title string `json:"title"`
	Value string `json:"value"`
}

type teamsAction struct {
	Type  string `json:"type"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

// teamsEscape backslash-escapes the characters of the Markdown subset
// Adaptive Cards render (emphasis, links, code, a leading bullet), so
// untrusted text shows as written. Brackets are enough to stop a link;
// parentheses are left alone to keep titles readable.
func teamsEscape(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '\\', '*', '_', '[', ']', '`', '~':
			b.WriteByte('\\')
		case '-', '+':
			if i == 0 {
				b.WriteByte('\\') // would start a bullet list
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}
