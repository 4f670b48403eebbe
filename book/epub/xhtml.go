package epub

import (
	"bytes"
	"math"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"cjkbook/book"
	"cjkbook/book/cjk"
)

// This file turns one chapter of the model into an XHTML content document.
// All text and attribute values pass through escape, the one place where
// characters are made XML-safe; the model carries no markup, so nothing is
// ever copied into the output unescaped.

// xmlHeader opens every XHTML document we write.
const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n<!DOCTYPE html>\n"

// escape writes s to buf as XML character data that is also safe inside a
// double- or single-quoted attribute value. Characters that XML 1.0 forbids
// (C0 controls other than tab/newline, U+FFFE, U+FFFF, invalid UTF-8) become
// U+FFFD, so a hostile or corrupt manuscript can never make the document
// ill-formed.
func escape(buf *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			var rep string
			switch {
			case c == '&':
				rep = "&#38;"
			case c == '<':
				rep = "&#60;"
			case c == '>':
				rep = "&#62;"
			case c == '"':
				rep = "&#34;"
			case c == '\'':
				rep = "&#39;"
			case c == '\r':
				rep = "&#13;"
			case c < 0x20 && c != '\t' && c != '\n':
				rep = "\uFFFD"
			default:
				i++
				continue
			}
			buf.WriteString(s[last:i])
			buf.WriteString(rep)
			i++
			last = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || r == 0xFFFE || r == 0xFFFF {
			buf.WriteString(s[last:i])
			buf.WriteString("\uFFFD")
			i += n
			last = i
			continue
		}
		i += n
	}
	buf.WriteString(s[last:])
}

// escapeString is escape for callers that need a string.
func escapeString(s string) string {
	var buf bytes.Buffer
	escape(&buf, s)
	return buf.String()
}

// safeHref returns the link target to write for a Link run, or ok=false when
// the target must not become a link: only http, https and mailto URLs with
// something to point at are allowed (no javascript:, data:, file:, relative
// paths or hidden control characters).
func safeHref(href string) (string, bool) {
	h := strings.TrimSpace(href)
	if h == "" || len(h) > 4096 {
		return "", false
	}
	for _, r := range h {
		if r < 0x20 || r == 0x7F || r == utf8.RuneError || r == ' ' {
			return "", false
		}
	}
	u, err := url.Parse(h)
	if err != nil {
		return "", false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" || u.User != nil {
			return "", false
		}
	case "mailto":
		if u.Opaque == "" {
			return "", false
		}
	default:
		return "", false
	}
	u.Scheme = strings.ToLower(u.Scheme)
	return u.String(), true
}

// idSet hands out XML IDs that are unique within one document and valid as
// XML names, mapping the model's IDs (which may hold anything) onto them.
type idSet struct {
	used map[string]bool
}

func newIDSet() *idSet { return &idSet{used: map[string]bool{}} }

// take returns a fresh, valid ID derived from want (fallback when want has
// nothing usable), and reserves it.
func (s *idSet) take(want, fallback string) string {
	id := sanitizeID(want)
	if id == "" {
		id = fallback
	}
	base := id
	for n := 2; s.used[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	s.used[id] = true
	return id
}

// sanitizeID keeps ASCII letters, digits, '-' and '_', and makes sure the
// result starts with a letter, so it is a valid XML ID and a safe file name.
func sanitizeID(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		}
		if b.Len() >= 64 {
			break
		}
	}
	id := b.String()
	if id == "" {
		return ""
	}
	if c := id[0]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
		id = "x" + id
	}
	return id
}

// chapterPlan is what the renderer knows about one chapter before writing it:
// its file, its IDs and the media it links to.
type chapterPlan struct {
	ch       *book.Chapter
	index    int
	file     string                   // file name inside xhtml/, e.g. "ch001.xhtml"
	titleID  string                   // ID of the chapter's h1
	label    string                   // non-empty TOC label (title, else a fallback)
	headings map[*book.Heading]string // Heading → its XML ID in the file
	notes    map[string]string        // Footnote.ID → its XML ID in the file
	marks    map[int][]pageMark       // page-break markers by top-level block (BeforeTitle, len(Blocks): notes)
	ids      *idSet
}

// renderer holds what every chapter document needs: language, image files.
type renderer struct {
	lang   string
	images map[string]string // Book.Images key → href relative to xhtml/
	inline inline            // digit and quote markup (inline.go)
}

// epubType returns the structural semantics of a chapter kind: the epub:type
// for <body> and <section> and the matching DPUB-ARIA role.
func epubType(k book.ChapterKind) (matter, typ, role string) {
	switch k {
	case book.Front:
		return "frontmatter", "preface", "doc-preface"
	case book.Part:
		return "bodymatter", "part", "doc-part"
	case book.Back:
		return "backmatter", "afterword", "doc-afterword"
	case book.Body:
	}
	return "bodymatter", "chapter", "doc-chapter"
}

// chapter writes the complete XHTML document of one chapter to buf.
func (r *renderer) chapter(buf *bytes.Buffer, p *chapterPlan) {
	matter, typ, role := epubType(p.ch.Kind)
	r.head(buf, p.label, "../css/book.css")
	buf.WriteString(`<body epub:type="`)
	buf.WriteString(matter)
	buf.WriteString(`">` + "\n" + `<section epub:type="`)
	buf.WriteString(typ)
	buf.WriteString(`" role="`)
	buf.WriteString(role)
	buf.WriteString(`" aria-labelledby="`)
	buf.WriteString(p.titleID)
	buf.WriteString(`">` + "\n")
	cls := "chapter-title"
	if p.ch.Kind == book.Part {
		cls = "part-title"
	}
	buf.WriteString(`<h1 class="` + cls + `" id="`)
	buf.WriteString(p.titleID)
	buf.WriteString(`">`)
	// The page that opens the chapter: its marker starts the title (a marker
	// before the h1 would make an empty page ahead of its page break in MuPDF).
	for _, m := range p.marks[BeforeTitle] {
		pageMarker(buf, m)
	}
	if p.ch.Title != "" {
		r.line(buf, p.ch.Title)
	} else {
		escape(buf, p.label)
	}
	buf.WriteString("</h1>\n")
	if p.ch.Subtitle != "" && !p.ch.SubtitleGenerated { // a generated one repeats the text below
		// No doc-subtitle role: DPUB-ARIA 1.1 deprecates it.
		buf.WriteString(`<p class="subtitle">`)
		r.line(buf, p.ch.Subtitle)
		buf.WriteString("</p>\n")
	}
	refs := &noteRefs{}
	last := 1
	for i, b := range p.ch.Blocks {
		before, inside := splitMarks(b, p.marks[i])
		for _, m := range before {
			pageMarker(buf, m)
		}
		r.block(buf, p, b, refs, &last, inside...)
		buf.WriteByte('\n')
	}
	buf.WriteString("</section>\n")
	// A page that starts in the footnotes: its marker opens them.
	for _, m := range p.marks[len(p.ch.Blocks)] {
		pageMarker(buf, m)
	}
	r.footnotes(buf, p, refs)
	buf.WriteString("</body>\n</html>\n")
}

// head writes the XML prolog, <html> with the language, and <head>.
func (r *renderer) head(buf *bytes.Buffer, title, css string) {
	buf.WriteString(xmlHeader)
	buf.WriteString(`<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="`)
	escape(buf, r.lang)
	buf.WriteString(`" xml:lang="`)
	escape(buf, r.lang)
	buf.WriteString(`">` + "\n<head>\n<title>")
	escape(buf, title)
	buf.WriteString("</title>\n")
	if css != "" {
		buf.WriteString(`<link rel="stylesheet" type="text/css" href="`)
		escape(buf, css)
		buf.WriteString(`"/>` + "\n")
	}
	buf.WriteString("</head>\n")
}

// noteRefs numbers the noteref anchors of one chapter, so that a note
// referenced twice still gets unique IDs and links back to its first mention.
type noteRefs struct {
	n     int
	first map[string]string // footnote XML ID → ID of its first noteref
}

// block writes one block; last tracks the previous heading level so that
// headings never skip a level. Page-break marks (of a paragraph or heading)
// are written inside the text at their rune offsets.
func (r *renderer) block(buf *bytes.Buffer, p *chapterPlan, b book.Block, refs *noteRefs, last *int, marks ...pageMark) {
	switch b := b.(type) {
	case *book.Paragraph:
		buf.WriteString("<p>")
		r.runs(buf, p, b.Runs, refs, marks...)
		buf.WriteString("</p>")
	case *book.Heading:
		lvl := b.Level
		if lvl < 2 {
			lvl = 2
		}
		if lvl > *last+1 {
			lvl = *last + 1
		}
		if lvl > 6 {
			lvl = 6
		}
		*last = lvl
		tag := "h" + strconv.Itoa(lvl)
		buf.WriteString("<" + tag + ` id="`)
		buf.WriteString(p.headings[b])
		buf.WriteString(`">`)
		r.runs(buf, p, b.Runs, refs, marks...)
		buf.WriteString("</" + tag + ">")
	case *book.Quote:
		buf.WriteString("<blockquote>")
		for _, c := range b.Blocks {
			r.block(buf, p, c, refs, last)
		}
		buf.WriteString("</blockquote>")
	case *book.List:
		tag := "ul"
		if b.Ordered {
			tag = "ol"
		}
		buf.WriteString("<" + tag)
		if b.Ordered && b.Start != 1 && b.Start != 0 {
			buf.WriteString(` start="` + strconv.Itoa(b.Start) + `"`)
		}
		buf.WriteString(">")
		for _, it := range b.Items {
			buf.WriteString("<li>")
			for _, c := range it {
				r.block(buf, p, c, refs, last)
			}
			buf.WriteString("</li>")
		}
		buf.WriteString("</" + tag + ">")
	case *book.CodeBlock:
		buf.WriteString(`<pre><code>`)
		escape(buf, b.Text)
		buf.WriteString("</code></pre>")
	case *book.Image:
		href, ok := r.images[b.Src]
		if !ok {
			// The picture is missing or not a format e-readers must support:
			// keep its description so no text is lost.
			buf.WriteString(`<p class="image-missing">`)
			escape(buf, b.Alt)
			buf.WriteString("</p>")
			return
		}
		buf.WriteString(`<div class="figure">`)
		img(buf, href, b, widthClass(b))
		buf.WriteString("</div>")
	case *book.Table:
		buf.WriteString("<table>")
		if len(b.Header) > 0 {
			buf.WriteString("<thead><tr>")
			for i, c := range b.Header {
				r.cell(buf, p, "th", b.Align, i, c, refs)
			}
			buf.WriteString("</tr></thead>")
		}
		if len(b.Rows) > 0 {
			buf.WriteString("<tbody>")
			for _, row := range b.Rows {
				buf.WriteString("<tr>")
				for i, c := range row {
					r.cell(buf, p, "td", b.Align, i, c, refs)
				}
				buf.WriteString("</tr>")
			}
			buf.WriteString("</tbody>")
		}
		buf.WriteString("</table>")
	case *book.Break:
		buf.WriteString(`<p class="break" role="separator">` + cjk.SceneBreak + `</p>`)
	}
}

// cell writes one table cell with its column's alignment.
func (r *renderer) cell(buf *bytes.Buffer, p *chapterPlan, tag string, align []string, i int, c book.Cell, refs *noteRefs) {
	buf.WriteString("<" + tag)
	if tag == "th" {
		buf.WriteString(` scope="col"`)
	}
	if i < len(align) {
		switch align[i] {
		case "left", "center", "right":
			buf.WriteString(` class="align-` + align[i] + `"`)
		}
	}
	buf.WriteString(">")
	r.runs(buf, p, c.Runs, refs)
	buf.WriteString("</" + tag + ">")
}

// runs writes inline text with its styles, and the page-break marks (sorted
// by offset) where their rune offsets fall: a run that a mark falls inside is
// split in two, each half with the run's styles, the marker between them
// (never inside a note reference: the marker then goes before it).
func (r *renderer) runs(buf *bytes.Buffer, p *chapterPlan, runs []book.Run, refs *noteRefs, marks ...pageMark) {
	pos := 0 // runes written so far
	r.inline.wide = false
	for ri, run := range runs {
		n := utf8.RuneCountInString(run.Text) // runes left in run.Text: counted once, not per mark
		for len(marks) > 0 {
			m := marks[0]
			if m.rune >= pos+n {
				break
			}
			if k := m.rune - pos; k > 0 && run.Style&book.NoteRef == 0 {
				var head book.Run
				if head, run, k = splitRuby(run, k); k > 0 {
					r.inline.after, _ = utf8.DecodeRuneInString(run.Text)
					r.run(buf, p, head, refs)
					pos += k
					n -= k
				}
			}
			pageMarker(buf, m)
			marks = marks[1:]
		}
		pos += n
		r.inline.after = leadRune(runs[ri+1:])
		r.run(buf, p, run, refs)
	}
	for _, m := range marks {
		pageMarker(buf, m)
	}
}

// byteOffset returns the byte index of the k-th rune of s.
func byteOffset(s string, k int) int {
	for i := range s {
		if k == 0 {
			return i
		}
		k--
	}
	return len(s)
}

// img writes an <img> element for a picture at href with a class: "icon" for an
// inline picture about two lines high, a widthClass for a figure's width hint. A picture
// with no alt text there is decorative (alt="" role="presentation"): the text beside
// it says what it means.
func img(buf *bytes.Buffer, href string, im *book.Image, class string) {
	buf.WriteString(`<img`)
	if class != "" {
		buf.WriteString(` class="` + class + `"`)
	}
	buf.WriteString(` src="`)
	escape(buf, href)
	buf.WriteString(`" alt="`)
	escape(buf, im.Alt)
	buf.WriteString(`"`)
	if class == "icon" && strings.TrimSpace(im.Alt) == "" {
		buf.WriteString(` role="presentation"`)
	}
	if im.Title != "" {
		buf.WriteString(` title="`)
		escape(buf, im.Title)
		buf.WriteString(`"`)
	}
	buf.WriteString("/>")
}

// widthClass is the class of a figure's <img> that sets the manuscript's width hint
// ("w50" for half the text width; no inline style, which EPUB accessibility checks
// flag), or "" when there is none.
func widthClass(im *book.Image) string {
	if pc := int(math.Round(im.Width * 100)); pc >= 1 && pc <= 100 {
		return "w" + strconv.Itoa(pc)
	}
	return ""
}

// run writes one inline run: a link or note reference outside, then strong,
// the phrase styles (sup, kbd …), emphasis and code; an inline picture as an icon (its alt text when the picture
// is not in the EPUB).
func (r *renderer) run(buf *bytes.Buffer, p *chapterPlan, run book.Run, refs *noteRefs) {
	if run.Image != nil {
		if href, ok := r.images[run.Image.Src]; ok {
			img(buf, href, run.Image, "icon")
		} else {
			escape(buf, run.Image.Alt)
		}
		return
	}
	if run.Style&book.NoteRef != 0 {
		if id, ok := p.notes[run.Href]; ok {
			refs.n++
			refID := "noteref-" + strconv.Itoa(refs.n)
			if refs.first == nil {
				refs.first = map[string]string{}
			}
			if _, seen := refs.first[id]; !seen {
				refs.first[id] = refID
			}
			buf.WriteString(`<sup><a epub:type="noteref" role="doc-noteref" id="` + refID + `" href="#` + id + `">`)
			escape(buf, run.Text)
			buf.WriteString("</a></sup>")
			return
		}
	}
	closeA := false
	if run.Style&book.Link != 0 {
		if href, ok := safeHref(run.Href); ok {
			buf.WriteString(`<a href="`)
			escape(buf, href)
			buf.WriteString(`">`)
			closeA = true
		}
	}
	if run.Style&book.Strong != 0 {
		buf.WriteString("<strong>")
	}
	openPhrase(buf, run)
	if len(run.Ruby) > 0 {
		r.rubyText(buf, run)
	} else {
		r.runText(buf, run)
	}
	closePhrase(buf, run)
	if run.Style&book.Strong != 0 {
		buf.WriteString("</strong>")
	}
	if closeA {
		buf.WriteString("</a>")
	}
}

// footnotes writes the chapter's notes as EPUB 3 footnote asides, each opening
// with its label linking back to the first reference.
func (r *renderer) footnotes(buf *bytes.Buffer, p *chapterPlan, refs *noteRefs) {
	if len(p.ch.Notes) == 0 {
		return
	}
	// epub:type footnotes has no ARIA counterpart (doc-endnotes would claim
	// end notes); the notes themselves carry doc-footnote.
	words := cjk.ScriptOf(r.lang).Generated()
	buf.WriteString(`<section class="footnotes" epub:type="footnotes" aria-label="` + words.Footnotes + `">` + "\n")
	last := 1
	for _, n := range p.ch.Notes {
		id := p.notes[n.ID]
		buf.WriteString(`<aside epub:type="footnote" role="doc-footnote" id="` + id + `">`)
		label := func() {
			buf.WriteString(`<span class="note-label">`)
			if back, ok := refs.first[id]; ok {
				buf.WriteString(`<a role="doc-backlink" href="#` + back + `">`)
				escape(buf, noteLabel(n, words.Note))
				buf.WriteString("</a>")
			} else {
				escape(buf, noteLabel(n, words.Note))
			}
			buf.WriteString("</span>")
		}
		blocks := n.Blocks
		if first, ok := firstParagraph(blocks); ok {
			// The label opens the note's first paragraph, as in print.
			buf.WriteString("<p>")
			label()
			r.runs(buf, p, first.Runs, refs)
			buf.WriteString("</p>")
			blocks = blocks[1:]
		} else {
			buf.WriteString("<p>")
			label()
			buf.WriteString("</p>")
		}
		for _, b := range blocks {
			r.block(buf, p, b, refs, &last)
		}
		buf.WriteString("</aside>\n")
	}
	buf.WriteString("</section>\n")
}

// noteLabel is the visible mark of a footnote: its label, else mark.
func noteLabel(n *book.Footnote, mark string) string {
	if n.Label != "" {
		return n.Label
	}
	return mark
}

// firstParagraph returns the first block when it is a paragraph.
func firstParagraph(bs []book.Block) (*book.Paragraph, bool) {
	if len(bs) == 0 {
		return nil, false
	}
	p, ok := bs[0].(*book.Paragraph)
	return p, ok
}
