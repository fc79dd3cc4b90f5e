package stats

import (
	"encoding/json"
	"io"
)

// WriteJSON writes the report as indented JSON. Times to approve are in
// hours (median_hours, p90_hours) and as Go durations (median, p90), null
// where there are none; shares are from 0 to 1.
func WriteJSON(w io.Writer, r Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
