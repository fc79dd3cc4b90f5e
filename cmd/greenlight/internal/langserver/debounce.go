package langserver

import (
	"time"

	"github.com/tliron/glsp"
)

// debounce is how long a document must go unchanged before it is judged
// again. An editor sends a change per keystroke, and a check (a reload,
// for the config) costs far more than a keystroke's interval: judging
// each would queue work the next keystroke makes useless, and the
// diagnostics would lag further behind the typing.
const debounce = 150 * time.Millisecond

// Timer is a call scheduled by Options.AfterFunc: Stop keeps it from
// starting and reports whether it did, as (*time.Timer).Stop.
type Timer interface {
	Stop() bool
}

// pending is a document's judgement waiting for the editor to pause.
type pending struct {
	timer Timer
}

// schedule judges d once it has gone unchanged for the debounce; each
// change starts the wait again. Opening a document judges it at once: the
// wait is for typing.
func (s *server) schedule(d *document) {
	s.cancel(d)
	if d.kind == kindOther {
		return
	}
	p := &pending{}
	// The call takes s.mu, which this message's handler holds until p is
	// in place: it always finds p, or its successor, there.
	p.timer = s.opts.AfterFunc(debounce, func() { s.fire(d, p) })
	d.pending = p
}

// cancel drops d's waiting judgement, if any.
func (s *server) cancel(d *document) {
	if d.pending != nil {
		d.pending.timer.Stop()
		d.pending = nil
	}
}

// fire runs p's judgement of d unless p is no longer the one waiting: a
// later change replaced it, a hover ran it early, a reload judged every
// post, the document was closed or the session ended. A timer that went
// off while a later change was being handled (too late for Stop) finds
// itself replaced here and does nothing, so diagnostics for an older
// version never follow, and overwrite, those for a newer one.
func (s *server) fire(d *document, p *pending) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d.pending != p || s.docs[d.uri] != d || s.ended {
		return
	}
	d.pending = nil
	s.judge(s.notifier(), d)
}

// flush judges now every document whose judgement waits, for a request
// that answers from the last judgement (hover, code action): it must see
// the text the editor shows, as it did before changes were debounced.
func (s *server) flush(gc *glsp.Context) {
	docs := s.sortedDocs()
	// A config's reload judges every open post again: first.
	for _, d := range docs {
		if d.pending != nil && d.kind == kindConfig {
			s.judge(gc, d)
		}
	}
	for _, d := range docs {
		if d.pending != nil {
			s.judge(gc, d)
		}
	}
}

// end stops every waiting judgement: the session is over.
func (s *server) end() {
	s.ended = true
	for _, d := range s.docs {
		s.cancel(d)
	}
}
