package signoff

import "time"

// Post is the state of one post's sign-off stages.
type Post struct {
	Path   string
	Stages []Stage
}

// Stage is one sign-off stage of a post: the sign-off policy's verdict,
// and its deadline once the engine has counted it.
type Stage struct {
	Name       string   `json:"name"`
	Required   bool     `json:"required"`
	Satisfied  bool     `json:"satisfied"`
	Pending    bool     `json:"pending"`
	WaitingFor []string `json:"waiting_for"`
	ApprovedBy []string `json:"approved_by"`
	Reasons    []string `json:"reasons"`
	// Due is when the stage must be signed off by, from its deadline and
	// the post's publish time; nil when either is missing.
	Due *time.Time `json:"due,omitempty"`
	// Late is true when the stage is still pending at or after Due.
	Late bool `json:"late"`
}

// Status is a stage's state in a word: approved, pending, waiting (for an
// earlier stage) or "not required".
func (s Stage) Status() string {
	switch {
	case !s.Required:
		return "not required"
	case s.Satisfied:
		return "approved"
	case len(s.WaitingFor) > 0:
		return "waiting"
	}
	return "pending"
}
