package deadline

import (
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Rule
		bad  bool
	}{
		{in: "24h before publish", want: Rule{24, Hours, ""}},
		{in: "90 minutes before publish", want: Rule{90, Minutes, ""}},
		{in: "1 day before publish", want: Rule{1, Days, ""}},
		{in: "2 Business Days before publish", want: Rule{2, BusinessDays, ""}},
		{in: "4 business hours  before publishing", want: Rule{4, BusinessHours, ""}},
		{in: "tomorrow", bad: true},
		{in: "24h after publish", bad: true},
		{in: "-3h before publish", bad: true},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if tt.bad {
			if err == nil {
				t.Errorf("Parse(%q) = %+v, want an error", tt.in, got)
			}
			continue
		}
		tt.want.Text = tt.in
		if err != nil || got != tt.want {
			t.Errorf("Parse(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
}

func TestDue(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	cal := DefaultCalendar(ny)
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, ny)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		rule, publish, want string
	}{
		{"24h before publish", "2026-12-02 09:00", "2026-12-01 09:00"},
		{"90m before publish", "2026-12-02 09:00", "2026-12-02 07:30"},
		// Across the fall-back night, a day is the same clock time; 24h is not.
		{"1 day before publish", "2026-11-01 09:00", "2026-10-31 09:00"},
		{"24h before publish", "2026-11-01 09:00", "2026-10-31 10:00"},
		// Monday's post: Friday for one business day, Thursday for two.
		{"1 business day before publish", "2026-11-30 09:00", "2026-11-27 09:00"},
		{"2 business days before publish", "2026-11-30 09:00", "2026-11-26 09:00"},
		// Four working hours before Monday 10:00: one on Monday, three on Friday.
		{"4 business hours before publish", "2026-11-30 10:00", "2026-11-27 14:00"},
		// A Saturday post counts back from Friday's close.
		{"4 business hours before publish", "2026-12-05 10:00", "2026-12-04 13:00"},
		// Before opening on Tuesday: from Monday's close.
		{"2 business hours before publish", "2026-12-01 07:00", "2026-11-30 15:00"},
		{"16 business hours before publish", "2026-12-03 17:00", "2026-12-02 09:00"},
	}
	for _, tt := range tests {
		r, err := Parse(tt.rule)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Due(at(tt.publish), cal); !got.Equal(at(tt.want)) {
			t.Errorf("%s, publishing %s: due %s, want %s", tt.rule, tt.publish, got.Format("Mon 2006-01-02 15:04 MST"), tt.want)
		}
	}
}
