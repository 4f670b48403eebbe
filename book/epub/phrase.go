package epub

import (
	"bytes"
	"strings"

	"cjkbook/book"
	"cjkbook/book/cjk"
)

// phraseTags are the HTML elements of the model's phrase styles, outermost first.
var phraseTags = []struct {
	st  book.Style
	tag string
}{{book.Inserted, "ins"}, {book.Strike, "s"}, {book.Underline, "u"}, {book.Mark, "mark"},
	{book.Small, "small"}, {book.Abbr, "abbr"}, {book.Kbd, "kbd"}, {book.Sup, "sup"}, {book.Sub, "sub"}}

// openPhrase writes the start tags of run's phrase styles (an abbreviation
// with its expansion as title).
func openPhrase(buf *bytes.Buffer, run book.Run) {
	for _, p := range phraseTags {
		if run.Style&p.st == 0 {
			continue
		}
		buf.WriteString("<" + p.tag)
		if p.st == book.Abbr && run.Title != "" {
			buf.WriteString(` title="`)
			escape(buf, run.Title)
			buf.WriteString(`"`)
		}
		buf.WriteString(">")
	}
}

// closePhrase writes the end tags of run's phrase styles.
func closePhrase(buf *bytes.Buffer, run book.Run) {
	for i := len(phraseTags) - 1; i >= 0; i-- {
		if run.Style&phraseTags[i].st != 0 {
			buf.WriteString("</" + phraseTags[i].tag + ">")
		}
	}
}

// runText writes a run's text: line breaks as <br/> (except in code), and
// emphasis as <em> on CJK text, which the stylesheet marks with emphasis dots,
// but as <i> on Latin words, which take italics as in mixed text (clreq §3.2.3;
// cjk.EmphasisSegments, the rule the PDF follows too).
func (r *renderer) runText(buf *bytes.Buffer, run book.Run) {
	code := run.Style&book.Code != 0
	emph := run.Style&book.Emphasis != 0
	segs := []cjk.Segment{{Text: run.Text}}
	if emph {
		segs = cjk.EmphasisSegments(run.Text)
	}
	for _, seg := range segs {
		tag := ""
		if emph {
			tag = "em"
			if seg.Latin {
				tag = "i"
			}
			buf.WriteString("<" + tag + ">")
		}
		if code {
			buf.WriteString("<code>")
			r.text(buf, seg.Text, true)
			buf.WriteString("</code>")
		} else {
			r.lineBreaks(buf, seg.Text)
		}
		if tag != "" {
			buf.WriteString("</" + tag + ">")
		}
	}
}

// lineBreaks writes text with each line break as <br/>.
func (r *renderer) lineBreaks(buf *bytes.Buffer, s string) {
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			r.text(buf, s, false)
			return
		}
		r.text(buf, s[:i], false)
		buf.WriteString("<br/>")
		s = s[i+1:]
	}
}
