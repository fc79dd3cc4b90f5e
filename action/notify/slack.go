package notify

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Slack is the body of a Slack incoming-webhook message for ev: a
// fallback text for notifications, a section linking the pull request
// with the sentence and the people, and a context line with the
// repository.
//
// Untrusted text has &, < and > escaped as Slack requires, so a title
// such as "<!channel>" shows as written and pings nobody; the mrkdwn
// objects are verbatim, so Slack does not turn plain "@here" or
// "#channel" into mentions or links either. Slack cannot map GitHub
// logins to its users: people are written as "@login" text.
func Slack(ev Event) ([]byte, error) {
	head := slackEscape(prLabel(ev))
	if u := slackURL(ev.URL); u != "" {
		head = "<" + u + "|" + head + ">"
	}
	lines := []string{"*" + head + "*"}
	if t := ev.text(); t != "" {
		lines = append(lines, slackEscape(t))
	}
	if m := ev.mentions(); len(m) > 0 {
		lines = append(lines, slackEscape(strings.Join(m, " ")))
	}
	context := slackEscape(clean(ev.Repo, maxPerson))
	if s := clean(ev.Stage, maxPerson); s != "" {
		context += " · stage " + slackEscape(s)
	}
	if context == "" {
		context = "Greenlight"
	}
	msg := slackMessage{
		Text: slackEscape(fallback(ev)),
		Blocks: []slackBlock{
			{Type: "section", Text: &slackText{Type: "mrkdwn", Text: strings.Join(lines, "\n"), Verbatim: true}},
			{Type: "context", Elements: []slackText{{Type: "mrkdwn", Text: context, Verbatim: true}}},
		},
	}
	return json.Marshal(msg)
}

type slackMessage struct {
	Text   string       `json:"text"`
	Blocks []slackBlock `json:"blocks"`
}

type slackBlock struct {
	Type     string      `json:"type"`
	Text     *slackText  `json:"text,omitempty"`
	Elements []slackText `json:"elements,omitempty"`
}

type slackText struct {
	Type     string `json:"type"`
	Text     string `json:"text"`
	Verbatim bool   `json:"verbatim,omitempty"`
}

// slackEscape escapes the three characters Slack reserves in message
// text: &, < and >.
func slackEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// slackURL is u fit for the url part of <url|text>, or "" when u is not an
// http(s) URL: the characters that would end the link are
// percent-encoded and & is escaped.
func slackURL(u string) string {
	u = linkURL(u)
	if u == "" {
		return ""
	}
	u = strings.NewReplacer("|", "%7C", "<", "%3C", ">", "%3E", " ", "%20").Replace(u)
	return strings.ReplaceAll(u, "&", "&amp;")
}

// linkURL is u when it is an absolute http or https URL on one line, or "".
func linkURL(u string) string {
	u = strings.TrimSpace(u)
	if strings.ContainsFunc(u, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return ""
	}
	l := strings.ToLower(u)
	if !strings.HasPrefix(l, "https://") && !strings.HasPrefix(l, "http://") {
		return ""
	}
	return u
}

// prLabel is "#12 title", or "#12" when the title is empty.
func prLabel(ev Event) string {
	label := fmt.Sprintf("#%d", ev.PullRequest)
	if t := ev.title(); t != "" {
		label += " " + t
	}
	return label
}

// fallback is the plain one-line text for notifications and clients that
// do not show blocks or cards.
func fallback(ev Event) string {
	if t := ev.text(); t != "" {
		return prLabel(ev) + ": " + t
	}
	return prLabel(ev)
}
