// Package calendar writes the content calendar: when each post goes out, on
// which channels, and how far it is from going out (draft, in review,
// approved, published, missed).
//
// It takes plain data (one Entry per post, built by the caller from the
// publish branch, open pull requests or a local checkout) and writes text:
// an iCalendar file (RFC 5545) that calendar clients subscribe to, with
// WriteICS, and a week-by-week Markdown calendar for people, with
// WriteMarkdown. Window narrows entries to a span of days, such as the next
// two weeks for a step summary. Nothing here reads files, the clock or
// GitHub: the time zone and "now" come in Options.
package calendar
