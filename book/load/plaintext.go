package load

import (
	"path/filepath"
	"strings"
	"unicode/utf8"

	"cjkbook/book"
	"cjkbook/book/cjk"
)

// txtLine is one line of a plain-text file.
type txtLine struct {
	no     int    // 1-based line number
	text   string // without leading and trailing whitespace (ASCII, U+3000, NBSP)
	indent int    // display columns of leading whitespace
	width  int    // display columns of the line without trailing whitespace
	blank  bool   // only whitespace
	gone   bool   // consumed (metadata, duplicate title) or removed (boilerplate)
	cont   bool   // continues a block of prose wrapped by hand (handWrapped)
}

// isSpace reports whether r is whitespace for line trimming: ASCII blanks,
// U+3000 ideographic space, NBSP and a stray BOM.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\v', '\f', '\r', '\n', '\u3000', '\u00a0', '\ufeff', '\u2002', '\u2003', '\u2009', '\u200b':
		return true
	}
	return false
}

// trimSpace trims isSpace runes from both ends.
func trimSpace(s string) string {
	return strings.TrimFunc(s, isSpace)
}

// runeWidth is the columns r takes in the editor that hard-wrapped the text: 2
// for cjk.IsCJK characters (the curly quotes, … and — included, as GBK editors and
// terminals draw them double width) and hangul jamo, 1 otherwise. It is not the
// typeset width (cjk.IsWide, where the curly quotes are narrow): it measures
// lines only to recognise where a writer's editor broke them.
func runeWidth(r rune) int {
	if r >= 0x1100 && (cjk.IsCJK(r) || r >= 0x1100 && r <= 0x115F) {
		return 2
	}
	return 1
}

// splitLines splits decoded text into lines with their measures. It works on
// bytes: CJK text is almost all 3-byte runes, decoded inline.
func splitLines(text string) []txtLine {
	n := strings.Count(text, "\n") + 1
	lines := make([]txtLine, 0, n)
	no := 0
	for len(text) > 0 || no == 0 {
		no++
		var raw string
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			raw, text = text[:i], text[i+1:]
		} else {
			raw, text = text, ""
		}
		lines = append(lines, measure(no, raw))
	}
	return lines
}

// measure trims a raw line and computes its indentation and display width.
func measure(no int, raw string) txtLine {
	ln := txtLine{no: no}
	width, indent, lastNonSpace := 0, 0, 0
	start, end := -1, 0
	for i := 0; i < len(raw); {
		c := raw[i]
		var r rune
		size := 1
		switch {
		case c < 0x80:
			r = rune(c)
		case c >= 0xE0 && c < 0xF0 && i+2 < len(raw):
			r = rune(c&0x0F)<<12 | rune(raw[i+1]&0x3F)<<6 | rune(raw[i+2]&0x3F)
			size = 3
		default:
			r, size = utf8.DecodeRuneInString(raw[i:])
		}
		w := 1
		if r == '\t' {
			w = 4
		} else if r >= 0x1100 {
			w = runeWidth(r)
		}
		width += w
		if isSpace(r) {
			if start < 0 {
				indent += w
			}
			i += size
			continue
		}
		if start < 0 {
			start = i
		}
		lastNonSpace = width
		i += size
		end = i
	}
	if start < 0 {
		ln.blank = true
		return ln
	}
	ln.text = raw[start:end]
	ln.indent = indent
	ln.width = lastNonSpace
	return ln
}

// textFile is the parsed structure of one plain-text file.
type textFile struct {
	name     string
	lines    []txtLine
	title    string // the title line at the top, if any
	titleAt  int    // its line number
	subtitle string
	author   string
	heads    []heading
	wrap     int
	hand     bool // wrapped by hand (handWrapped)
}

// parseText turns one decoded plain-text file into chapters.
func (l *loader) parseText(name, text string, single bool) []*book.Chapter {
	f := &textFile{name: name}
	// Split into measured lines.
	f.lines = splitLines(text)
	// Remove scraped-page boilerplate, reporting each removal.
	l.removeBoilerplate(name, text, f.lines)
	// Take the title, subtitle and 作者 lines at the top.
	l.topMatter(f)
	// Find the headings.
	var cands []heading
	repeat := 0
	for i := range f.lines {
		ln := &f.lines[i]
		if ln.blank || ln.gone {
			continue
		}
		if f.title != "" && ln.text == f.title {
			repeat++
			cands = append(cands, heading{line: i, style: styleRepeat, kind: headChapter, chapter: book.Body, title: repeatLabel(repeat)})
			continue
		}
		if h := classify(ln.text); h.style != styleNone {
			h.line = i
			cands = append(cands, h)
		}
	}
	f.heads = resolveHeadings(cands)
	for _, h := range f.heads {
		l.markup = append(l.markup, f.lines[h.line].text)
		if h.style == styleRepeat {
			l.removed = append(l.removed, f.title)
			l.warn(book.Pos{File: name, Line: f.lines[h.line].no}, "line repeats the title; taken as the start of chapter %s", h.title)
		}
	}
	// Detect hard wrapping, at one width or by hand.
	f.wrap = wrapWidth(f.lines)
	if f.hand = handWrapped(f.lines, f.wrap); f.hand {
		f.wrap = 0
	}
	// Build the chapters.
	return l.buildTextChapters(f, single)
}

// topMatter finds the title line (short, set off by a blank line, a repeat of
// itself or a heading), an optional dash-framed subtitle line and an 作者 line.
func (l *loader) topMatter(f *textFile) {
	lines := f.lines
	next := func(i int) (int, bool) { // next non-blank line after i, and whether a blank line came between
		gap := false
		for j := i + 1; j < len(lines); j++ {
			if lines[j].gone {
				continue
			}
			if lines[j].blank {
				gap = true
				continue
			}
			return j, gap
		}
		return -1, true
	}
	first, _ := next(-1)
	if first < 0 {
		return
	}
	t := lines[first].text
	if runeLenMax(t, 41) > 40 || strings.Contains(t, "。") || endsSentence(t) || isAuthorLine(t) != "" {
		return
	}
	if h := classify(t); h.style == styleNumbered || h.style == styleNamed {
		return
	}
	second, gap := next(first)
	ok := gap || second < 0
	if second >= 0 {
		s := lines[second].text
		if s == t || isAuthorLine(s) != "" || isDashLine(s) || classify(s).style != styleNone {
			ok = true
		}
	}
	if !ok {
		return
	}
	f.title, f.titleAt = t, lines[first].no
	lines[first].gone = true
	// A duplicate of the title right after it is dropped.
	if second >= 0 && lines[second].text == t {
		l.removed = append(l.removed, t)
		l.warn(book.Pos{File: f.name, Line: lines[second].no}, "line repeats the title right below it; dropped")
		lines[second].gone = true
		second, _ = next(second)
	}
	// Subtitle and author lines may follow, in either order.
	for k := 0; k < 2 && second >= 0; k++ {
		s := lines[second].text
		if a := isAuthorLine(s); a != "" && f.author == "" {
			f.author = a
			l.markup = append(l.markup, s)
		} else if isDashLine(s) && f.subtitle == "" {
			f.subtitle = s
		} else {
			break
		}
		lines[second].gone = true
		second, _ = next(second)
	}
}

// authorLabels are the labels of an author line, or of a web page's byline
// field, that names the author (作者：某某).
var authorLabels = []string{"作者", "著者", "作　者"}

// isAuthorLine returns the name on an 作者：… line, or "".
func isAuthorLine(s string) string {
	for _, p := range authorLabels {
		if rest, ok := strings.CutPrefix(s, p); ok {
			rest = trimSpace(rest)
			if r, ok := strings.CutPrefix(rest, "："); ok {
				rest = r
			} else if r, ok := strings.CutPrefix(rest, ":"); ok {
				rest = r
			} else {
				return ""
			}
			rest = trimSpace(rest)
			if rest != "" && runeLenMax(rest, 31) <= 30 {
				return rest
			}
		}
	}
	return ""
}

// isDashLine reports whether s is a short line framed by dashes, such as Lu Xun's
// subtitle ——拟古的新打油诗——.
func isDashLine(s string) bool {
	return (strings.HasPrefix(s, "—") || strings.HasPrefix(s, "--")) && (strings.HasSuffix(s, "—") || strings.HasSuffix(s, "--")) &&
		runeLenMax(s, 41) <= 40 && len(strings.Trim(s, "—-")) > 0
}

// textBuilder cuts one parsed plain-text file into chapters.
type textBuilder struct {
	l    *loader
	f    *textFile
	norm *normalizer
	hi   int // the next heading to place as a section
}

func (tb *textBuilder) fix(s string) string {
	if tb.l.opts.NoNormalize {
		return s
	}
	return tb.norm.normalize(s)
}

func (tb *textBuilder) pos(i int) book.Pos { return book.Pos{File: tb.f.name, Line: tb.f.lines[i].no} }

// buildTextChapters cuts the lines into chapters at the resolved headings.
func (l *loader) buildTextChapters(f *textFile, single bool) []*book.Chapter {
	tb := &textBuilder{l: l, f: f, norm: &normalizer{}}
	defer func() { l.stats.Punct.add(tb.norm.counts) }()

	var chapterHeads int
	for _, h := range f.heads {
		if h.kind == headChapter || h.kind == headPart {
			chapterHeads++
		}
	}
	tb.metadata(chapterHeads > 0, single)

	if chapterHeads == 0 {
		// The whole file is one chapter, titled by its title line or its name.
		c := &book.Chapter{Kind: book.Body, At: book.Pos{File: f.name, Line: 1}}
		if f.title != "" {
			c.Title, c.Subtitle, c.At.Line = tb.fix(f.title), f.subtitle, f.titleAt
		} else {
			c.Title, c.TitleGenerated = titleFromName(f.name), true
		}
		tb.appendRange(c, 0, len(f.lines))
		if len(c.Blocks) == 0 && f.title == "" {
			return nil
		}
		return []*book.Chapter{c}
	}
	return tb.chapters()
}

// metadata takes the book's title, subtitle and author from the title and
// 作者 lines, and drops a title line that the book's title overrides.
func (tb *textBuilder) metadata(hasChapters, single bool) {
	l, f := tb.l, tb.f
	f.subtitle = tb.fix(f.subtitle)
	bookTitle := hasChapters || single
	if f.title != "" && bookTitle && l.text.Title == "" {
		t, a := splitTitleAuthor(f.title)
		if t != f.title {
			l.markup = append(l.markup, f.title)
		}
		l.text.Title = tb.fix(t)
		if l.text.Author == "" {
			l.text.Author = a
		}
		if f.subtitle != "" && l.text.Subtitle == "" {
			l.text.Subtitle = f.subtitle
		}
	}
	if f.title != "" && hasChapters && tb.fix(f.title) != l.text.Title && !strings.Contains(f.title, l.text.Title) {
		l.drop(book.Pos{File: f.name, Line: f.titleAt}, "title line: the book already has the title "+l.text.Title, f.title)
	}
	if f.author != "" && l.text.Author == "" {
		l.text.Author = f.author
	}
}

// appendRange appends the paragraphs of lines[a:b] and the section headings
// among them to c.
func (tb *textBuilder) appendRange(c *book.Chapter, a, b int) {
	f := tb.f
	for a < b {
		// Sections inside the chapter.
		for tb.hi < len(f.heads) && f.heads[tb.hi].line < a {
			tb.hi++
		}
		end := b
		if tb.hi < len(f.heads) && f.heads[tb.hi].line < b {
			end = f.heads[tb.hi].line
		}
		for _, p := range tb.l.paragraphs(f, a, end) {
			p.Runs = tb.l.rubyRuns(tb.fix(p.Runs[0].Text))
			c.Blocks = append(c.Blocks, p)
		}
		if end < b {
			h := f.heads[tb.hi]
			title := h.title
			if h.subtitle != "" {
				title += "\u3000" + h.subtitle
			}
			c.Blocks = append(c.Blocks, &book.Heading{Level: 2, Runs: []book.Run{{Text: tb.fix(title)}}, At: tb.pos(h.line)})
			end++
			tb.hi++
		}
		a = end
	}
}

// chapters cuts a file with chapter headings: text before the first one
// becomes a front section, each heading starts a chapter or part.
func (tb *textBuilder) chapters() []*book.Chapter {
	f := tb.f
	var chapters, gen []*book.Chapter // gen: the chapters that get a generated subtitle
	first := len(f.lines)
	for _, h := range f.heads {
		if h.kind != headSection {
			first = h.line
			break
		}
	}
	if hasText(f.lines[:first]) {
		c := &book.Chapter{Kind: book.Front, Title: "引言", TitleGenerated: true, At: tb.pos(firstText(f.lines, 0))}
		tb.appendRange(c, 0, first)
		chapters = append(chapters, c)
	}
	for k, h := range f.heads {
		if h.kind == headSection {
			continue
		}
		end := len(f.lines)
		for _, h2 := range f.heads[k+1:] {
			if h2.kind != headSection {
				end = h2.line
				break
			}
		}
		kind := h.chapter
		if h.kind == headPart {
			kind = book.Part
		}
		cur := &book.Chapter{Kind: kind, Title: tb.fix(h.title), Subtitle: tb.fix(h.subtitle), TitleGenerated: h.style == styleRepeat, At: tb.pos(h.line)}
		tb.appendRange(cur, h.line+1, end)
		if h.style == styleRepeat && cur.Subtitle == "" {
			gen = append(gen, cur)
		}
		chapters = append(chapters, cur)
	}
	generateSubtitles(gen, chapters)
	return chapters
}

// splitTitleAuthor splits a novel's title line 《水浒传》施耐庵 into title and author.
func splitTitleAuthor(t string) (string, string) {
	if !strings.HasPrefix(t, "《") {
		return t, ""
	}
	i := strings.Index(t, "》")
	if i < 0 {
		return t, ""
	}
	title, rest := t[len("《"):i], trimSpace(t[i+len("》"):])
	if strings.ContainsAny(title, "《》") || title == "" {
		return t, ""
	}
	rest = strings.TrimPrefix(rest, "作者")
	rest = trimSpace(strings.TrimLeft(rest, "：:"))
	if n := runeLenMax(rest, 9); n > 8 {
		return t, ""
	}
	return title, rest
}

// titleFromName turns a file name such as 02-秋夜.txt into a chapter title.
func titleFromName(name string) string {
	base := filepath.Base(filepath.FromSlash(name))
	base = strings.TrimSuffix(base, filepath.Ext(base))
	t := strings.TrimLeft(base, "0123456789")
	t = strings.TrimLeft(t, "-_. ")
	if t == "" {
		return base
	}
	return t
}

func hasText(lines []txtLine) bool {
	for _, ln := range lines {
		if !ln.blank && !ln.gone {
			return true
		}
	}
	return false
}

func firstText(lines []txtLine, from int) int {
	for i := from; i < len(lines); i++ {
		if !lines[i].blank && !lines[i].gone {
			return i
		}
	}
	return from
}
