package htmlmodel

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"cjkbook/book"
	"cjkbook/book/cjk"
)

// phrase maps the phrase elements Convert keeps to the style they set.
var phrase = map[atom.Atom]book.Style{
	atom.Em: book.Emphasis, atom.I: book.Emphasis,
	atom.Strong: book.Strong, atom.B: book.Strong,
	atom.Code: book.Code, atom.Tt: book.Code, atom.Samp: book.Code,
	atom.Kbd: book.Kbd, atom.Sup: book.Sup, atom.Sub: book.Sub,
	atom.Small: book.Small, atom.Mark: book.Mark, atom.U: book.Underline,
	atom.S: book.Strike, atom.Strike: book.Strike, atom.Del: book.Strike,
	atom.Ins: book.Inserted, atom.Abbr: book.Abbr, atom.Acronym: book.Abbr,
}

// InlineStyle returns the model style an inline element sets (sup → book.Sup)
// and whether name is one of the phrase elements Convert keeps: em, i, strong,
// b, code, tt, samp, kbd, sup, sub, small, mark, u, s, strike, del, ins, abbr,
// acronym. Line breaks (br), links (a), pictures (img) and ruby are handled
// apart and are not phrase elements.
func InlineStyle(name string) (book.Style, bool) {
	st, ok := phrase[atom.Lookup([]byte(strings.ToLower(name)))]
	return st, ok
}

// start records the position of the paragraph being collected, if it has none.
func (w *walker) start(n *html.Node) {
	if len(w.runs) == 0 && w.at == (book.Pos{}) {
		w.at = w.c.pos(n)
	}
}

// lastRune returns the last character collected, or 0.
func (w *walker) lastRune() rune {
	for i := len(w.runs) - 1; i >= 0; i-- {
		if t := w.runs[i].Text; t != "" {
			r, _ := utf8.DecodeLastRuneInString(t)
			return r
		}
		if w.runs[i].Image != nil {
			return 0xFFFC
		}
	}
	return 0
}

// text appends a text node's text in style s, collapsing white space as a
// browser does: a run of spaces, tabs and line breaks becomes one space, none
// at the start or end of a paragraph, and none where it holds a line break
// next to a CJK character.
func (w *walker) text(n *html.Node, t string, s style) {
	var sb strings.Builder
	prev := w.lastRune()
	lead := false // the text starts with a space that belongs between the runs
	for _, r := range t {
		switch r {
		case ' ', '\t', '\r', '\f':
			if w.gap == 0 {
				w.gap = 1
			}
			continue
		case '\n':
			w.gap = 2
			continue
		}
		if w.gap > 0 {
			if prev != 0 && prev != '\n' && (w.gap == 1 || cjk.SegmentBreakIsSpace(prev, r)) {
				if sb.Len() == 0 {
					lead = true
				} else {
					sb.WriteByte(' ')
				}
			}
			w.gap = 0
		}
		sb.WriteRune(r)
		prev = r
	}
	if sb.Len() == 0 {
		return
	}
	w.start(n)
	if lead {
		w.space(s)
	}
	w.appendRun(book.Run{Text: sb.String(), Style: s.st, Href: s.href, Title: s.title})
}

// space appends the space between the previous run and text in style s, in the
// styles the two share: "按 <kbd>C</kbd>" keeps its space outside the key.
func (w *walker) space(s style) {
	sp := book.Run{Text: " "}
	if n := len(w.runs); n > 0 && w.runs[n-1].Image == nil {
		p := w.runs[n-1]
		sp.Style = p.Style & s.st &^ book.NoteRef
		if p.Href == s.href {
			sp.Href = s.href
		} else {
			sp.Style &^= book.Link
		}
		if p.Title == s.title {
			sp.Title = s.title
		} else {
			sp.Style &^= book.Abbr
		}
	}
	w.appendRun(sp)
}

// gapFlush resolves pending white space before runs the caller inserts.
func (w *walker) gapFlush(runs []book.Run) {
	if w.gap > 0 && len(runs) > 0 && w.lastRune() != 0 && w.lastRune() != '\n' {
		w.appendRun(book.Run{Text: " "})
	}
	w.gap = 0
}

// appendRun adds a run, merging it into the previous one when their styles match.
func (w *walker) appendRun(r book.Run) {
	if n := len(w.runs); n > 0 {
		p := &w.runs[n-1]
		if p.Joins(r) {
			p.Text += r.Text
			return
		}
	}
	w.runs = append(w.runs, r)
}

// lineBreak appends a forced line break (<br>).
func (w *walker) lineBreak() {
	w.gap = 0
	if len(w.runs) > 0 {
		w.appendRun(book.Run{Text: "\n"})
	}
}

// softBreak separates block-level content inside runs (paragraphs in a table
// cell) with a line break, unless the runs are empty or already end in one.
func (w *walker) softBreak() {
	w.gap = 0
	if r := w.lastRune(); r != 0 && r != '\n' {
		w.appendRun(book.Run{Text: "\n"})
	}
}

// finish returns the collected runs, trimmed of white space and line breaks at
// either end, empty runs removed; nil when nothing is left.
func (w *walker) finish() []book.Run {
	rs := w.runs
	w.runs, w.gap, w.at = nil, 0, book.Pos{}
	for len(rs) > 0 && rs[0].Image == nil && rs[0].Style&book.NoteRef == 0 {
		rs[0].Text = strings.TrimLeft(rs[0].Text, " \n")
		if rs[0].Text != "" {
			break
		}
		rs = rs[1:]
	}
	for len(rs) > 0 && rs[len(rs)-1].Image == nil && rs[len(rs)-1].Style&book.NoteRef == 0 {
		last := &rs[len(rs)-1]
		last.Text = strings.TrimRight(last.Text, " \n")
		if last.Text != "" {
			break
		}
		rs = rs[:len(rs)-1]
	}
	if len(rs) == 0 {
		return nil
	}
	return rs
}

// flush ends the paragraph being collected.
func (w *walker) flush() {
	at := w.at
	if runs := w.finish(); runs != nil {
		w.out = append(w.out, &book.Paragraph{Runs: runs, At: at})
	}
}

// preText returns the text of a pre element, line breaks (<br>) included.
func preText(n *html.Node) string {
	var sb strings.Builder
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		switch {
		case n.Type == html.TextNode:
			sb.WriteString(n.Data)
		case n.Type == html.ElementNode && n.DataAtom == atom.Br:
			sb.WriteByte('\n')
		case n.Type == html.ElementNode && dropped[n.DataAtom]:
			return
		}
		if depth > maxNest {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return sb.String()
}

// codeLang reads a code block's language from a language-x or lang-x class of
// the pre element or the code element inside it.
func codeLang(n *html.Node) string {
	for _, e := range []*html.Node{n, n.FirstChild} {
		if e == nil || e.Type != html.ElementNode {
			continue
		}
		for _, cl := range strings.Fields(Attr(e, "class")) {
			for _, p := range []string{"language-", "lang-"} {
				if l, ok := strings.CutPrefix(cl, p); ok && l != "" {
					return l
				}
			}
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return true
		}
	}
	return false
}
