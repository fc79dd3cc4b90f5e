package notify

import (
	"encoding/json"
	"time"
)

// Webhook is the body of a generic JSON webhook delivery for ev. Send
// posts it with the headers Content-Type: application/json and
// X-Greenlight-Event: <kind>. Strings are as they came, JSON-escaped but
// otherwise unescaped (the receiver decides how to show them), except the
// title, cut to MaxTitle characters like in the chat formats. "at" is
// RFC 3339 and left out when the event has no time.
//
//	{"event": "reminder", "key": "reminder/12/legal/overdue",
//	 "repository": "acme/social",
//	 "pull_request": {"number": 12, "url": "https://github.com/…/pull/12", "title": "…"},
//	 "stage": "legal", "people": ["alice", "acme/legal"],
//	 "text": "legal sign-off is overdue", "at": "2025-12-01T09:00:00-05:00"}
func Webhook(ev Event) ([]byte, error) {
	p := webhookPayload{
		Event:      ev.Kind,
		Key:        ev.Key,
		Repository: ev.Repo,
		PullRequest: webhookPR{
			Number: ev.PullRequest,
			URL:    ev.URL,
			Title:  ev.title(),
		},
		Stage:  ev.Stage,
		People: ev.people(),
		Text:   ev.text(),
	}
	if !ev.At.IsZero() {
		p.At = ev.At.Format(time.RFC3339)
	}
	return json.Marshal(p)
}

type webhookPayload struct {
	Event       string    `json:"event"`
	Key         string    `json:"key"`
	Repository  string    `json:"repository"`
	PullRequest webhookPR `json:"pull_request"`
	Stage       string    `json:"stage"`
	People      []string  `json:"people"`
	Text        string    `json:"text"`
	At          string    `json:"at,omitempty"`
}

type webhookPR struct {
	Number int    `json:"number"`
	URL    string `json:"url"`
	Title  string `json:"title"`
}
