package epub

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"cjkbook/book"
	"cjkbook/book/cjk"
)

// rubyCSS is appended to the stylesheet of a book with ruby (注音): the reading at half
// the size over its base (ruby-position over is the right of the column in vertical-rl,
// where clreq puts it), and more line height so that the readings do not touch the line
// before them. <rp> holds the parentheses a reading system without ruby shows instead.
const rubyCSS = `
ruby {
  ruby-position: over;
  -webkit-ruby-position: before;
  -epub-ruby-position: over;
  ruby-align: center;
}

rt {
  font-size: 0.5em;
  font-weight: normal;
  line-height: 1;
  text-indent: 0;
  text-emphasis: none;
}

body {
  line-height: 2.4;
}
`

// rubyText writes a ruby run: one <ruby> per character when the run has a reading for
// each, else one over the whole run, each reading in <rt> between <rp> parentheses.
func (r *renderer) rubyText(buf *bytes.Buffer, run book.Run) {
	emph := run.Style&book.Emphasis != 0
	if emph {
		buf.WriteString("<em>")
	}
	// write writes one ruby; c is its base when that is one character (else -1). A Han
	// character takes none of text's markup (upright digits, quotes) and no escaping:
	// only its width is noted, for a quote after it.
	write := func(base, reading string, c rune) {
		buf.WriteString("<ruby>")
		if cjk.IsHanScript(c) {
			buf.WriteString(base)
			r.inline.wide = cjk.IsWide(c)
		} else {
			r.text(buf, base, false)
		}
		buf.WriteString("<rp>(</rp><rt>")
		escape(buf, reading)
		buf.WriteString("</rt><rp>)</rp></ruby>")
	}
	if run.PerChar() {
		for i, k := 0, 0; i < len(run.Text) && k < len(run.Ruby); k++ {
			c, n := utf8.DecodeRuneInString(run.Text[i:])
			write(run.Text[i:i+n], run.Ruby[k], c)
			i += n
		}
	} else {
		write(run.Text, strings.Join(run.Ruby, " "), -1)
	}
	if emph {
		buf.WriteString("</em>")
	}
}

// rubyMarkup is the markup rubyText writes around each base and its reading.
const rubyMarkup = len("<ruby><rp>(</rp><rt></rt><rp>)</rp></ruby>")

// rubySize is what rubyText writes for run beyond its text: the markup and readings.
func rubySize(run book.Run) int {
	n := 0
	for _, rd := range run.Ruby {
		n += rubyMarkup + len(rd) + 1
	}
	return n
}

// splitRuby cuts a ruby run before its k-th character (a page marker falls there): a
// per-character ruby splits its readings with it; a ruby over the whole run is not cut
// (k = 0: the marker goes before it).
func splitRuby(run book.Run, k int) (head, tail book.Run, at int) {
	if len(run.Ruby) > 0 && !run.PerChar() {
		return book.Run{}, run, 0
	}
	cut := byteOffset(run.Text, k)
	head, tail = run, run
	head.Text, tail.Text = run.Text[:cut], run.Text[cut:]
	if len(run.Ruby) > 0 {
		head.Ruby, tail.Ruby = run.Ruby[:k], run.Ruby[k:]
	}
	return head, tail, k
}
