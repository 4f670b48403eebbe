package htmlmodel

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"cjkbook/book"
)

// Readings splits the reading of a ruby over base as book.Run.Ruby holds it: a
// reading of as many space-separated syllables as base has characters (银行, yín háng)
// gives one to each character; any other reading spans the whole base. It returns
// nil when the reading is empty.
func Readings(base, reading string) []string {
	fs := strings.Fields(reading)
	switch {
	case len(fs) == 0:
		return nil
	case len(fs) == utf8.RuneCountInString(base):
		return fs
	}
	return []string{strings.Join(fs, " ")}
}

// RubyMark is where the base of a ruby starts in a list of runs being collected:
// the run index and the byte length of that run's text then (a base may be merged
// into the run before it), and whether that run existed then.
type RubyMark struct {
	run, off int
	prev     bool
}

// MarkRuby returns the mark of a ruby base that starts after runs.
func MarkRuby(runs []book.Run) RubyMark {
	if n := len(runs); n > 0 {
		return RubyMark{n - 1, len(runs[n-1].Text), true}
	}
	return RubyMark{}
}

// ruby makes each base of a <ruby> element and the reading of the <rt> after it a
// ruby run (rb and the text between tags are the base; rp's fallback parentheses are
// dropped). A reading without a base, or a base without a reading, stays plain text.
func (w *walker) ruby(n *html.Node, s style, d int) {
	m := MarkRuby(w.runs)
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if k.Type != html.ElementNode || k.DataAtom != atom.Rt {
			w.node(k, s, d)
			continue
		}
		w.runs = EndRuby(w.runs, m, Text(k))
		m = MarkRuby(w.runs)
	}
}

// EndRuby returns runs with the text collected since m made one run annotated with
// reading, in the style of the first run of that text; runs unchanged when the base
// or the reading is empty.
func EndRuby(runs []book.Run, m RubyMark, reading string) []book.Run {
	var base strings.Builder
	var first *book.Run
	for i := m.run; i < len(runs); i++ {
		r := &runs[i]
		t := r.Text
		if i == m.run && m.prev {
			t = t[min(m.off, len(t)):]
		}
		if r.Image != nil || t == "" {
			continue
		}
		if first == nil {
			first = r
		}
		base.WriteString(t)
	}
	b := strings.TrimSpace(base.String())
	rd := Readings(b, reading)
	if first == nil || b == "" || rd == nil {
		return runs
	}
	run := book.Run{Text: b, Style: first.Style, Href: first.Href, Title: first.Title, Ruby: rd}
	keep := m.run
	if m.prev {
		runs[m.run].Text = runs[m.run].Text[:m.off]
		keep++
	}
	return append(runs[:keep], run)
}
