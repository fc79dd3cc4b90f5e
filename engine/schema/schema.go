package schema

import (
	"slices"

	"github.com/greenlighthq/greenlight/engine/config"
	"github.com/greenlighthq/greenlight/engine/content"
)

const draft07 = "http://json-schema.org/draft-07/schema#"

// FrontMatter is the schema of a post's front matter under cfg: the keys
// Greenlight reads, typed, with the channels cfg knows, and the team's
// own keys (front_matter_keys) of any type. Any other key is refused, as
// check refuses it.
func FrontMatter(cfg *config.Config) map[string]any {
	channels := config.Platforms()
	for _, c := range cfg.Channels {
		if !slices.Contains(channels, c.Name) {
			channels = append(channels, c.Name)
		}
	}
	props := map[string]any{
		"title": map[string]any{"type": "string", "description": "The post's title; linted by rules whose scope includes title. No channel posts it."},
		"channels": map[string]any{
			"type": "array", "uniqueItems": true, "description": "Where the post goes.",
			"items": map[string]any{"type": "string", "enum": toAny(channels)},
		},
		"publish_at": map[string]any{
			"type":        "string",
			"description": "When it goes out: RFC 3339 with an offset, or \"2026-12-01 09:00\" / \"2026-12-01\" in the config's time zone.",
			"pattern":     `^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$`,
		},
		"campaign":  map[string]any{"type": "string", "description": "For policies (compliance triggers, sign-off stages)."},
		"sponsored": map[string]any{"type": "boolean", "description": "For policies: a sponsored post (compliance triggers such as #ad)."},
		"draft":     map[string]any{"type": "boolean", "description": "Not ready for review: shown as a draft in the calendar."},
		"media": map[string]any{
			"type": "array", "description": "Images or videos, each with src and alt (alt text is published and judged).",
			"items": map[string]any{
				"anyOf": []any{
					map[string]any{"type": "string"},
					map[string]any{"type": "object", "required": []any{"src"}, "additionalProperties": false,
						"properties": map[string]any{"src": map[string]any{"type": "string"}, "alt": map[string]any{"type": "string"}}},
				},
			},
		},
	}
	for _, k := range cfg.Settings.FrontMatterKeys {
		if _, ok := props[k]; !ok {
			props[k] = map[string]any{"description": "A key of the team's own (front_matter_keys in greenlight.hcl)."}
		}
	}
	keys := append(content.FrontMatterKeys(), cfg.Settings.FrontMatterKeys...)
	for k := range props {
		if !slices.Contains(keys, k) {
			delete(props, k) // a schema key the engine no longer reads
		}
	}
	return map[string]any{
		"$schema": draft07, "title": "Greenlight post front matter", "type": "object",
		"properties": props, "additionalProperties": false,
	}
}

// Report is the schema of check --format json's output.
func Report() map[string]any {
	str, num, boolean := map[string]any{"type": "string"}, map[string]any{"type": "integer", "minimum": 0}, map[string]any{"type": "boolean"}
	strs := map[string]any{"type": "array", "items": str}
	finding := map[string]any{
		"type":     "object",
		"required": []any{"path", "line", "col", "end_line", "end_col", "rule", "level", "message", "suggestion"},
		"properties": map[string]any{
			"path": str, "line": num, "col": num, "end_line": num, "end_col": num, "rule": str,
			"level":   map[string]any{"type": "string", "enum": []any{"error", "warning", "info"}},
			"message": str, "suggestion": str,
		},
	}
	stage := map[string]any{
		"type":     "object",
		"required": []any{"name", "required", "satisfied", "pending", "waiting_for", "approved_by", "reasons", "late"},
		"properties": map[string]any{
			"name": str, "required": boolean, "satisfied": boolean, "pending": boolean, "waiting_for": strs,
			"approved_by": strs, "reasons": strs, "due": map[string]any{"type": "string", "format": "date-time"}, "late": boolean,
		},
	}
	return map[string]any{
		"$schema": draft07, "title": "greenlight check --format json", "type": "object",
		"required": []any{"findings", "summary", "signoffs"},
		"properties": map[string]any{
			"findings": map[string]any{"type": "array", "items": finding},
			"summary": map[string]any{
				"type": "object", "required": []any{"posts", "unreadable", "errors", "warnings", "info"},
				"properties": map[string]any{"posts": num, "unreadable": num, "errors": num, "warnings": num, "info": num},
			},
			"signoffs": map[string]any{"type": "array", "items": map[string]any{
				"type": "object", "required": []any{"path", "stages"},
				"properties": map[string]any{"path": str, "stages": map[string]any{"type": "array", "items": stage}},
			}},
		},
	}
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
