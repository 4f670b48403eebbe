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

// runeWidth is the display width in columns: 2 for CJK and the marks Chinese
// fonts draw full width (“”…—), 1 otherwise.
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

// headKind is the level of a detected heading.
type headKind int

const (
	headNone    headKind = iota
	headPart             // 第X卷, 第X部, 卷一: a volume above chapters
	headChapter          // 第X章/回/篇, 楔子, 序, 后记 …: a chapter
	headSection          // 第X节: a section inside a chapter
)

// headStyle names a heading pattern; a file's headings are resolved per style.
type headStyle int

const (
	styleNone     headStyle = iota
	styleNumbered           // 第X章 …
	styleNamed              // 楔子, 序言, 后记 …
	styleRepeat             // a line repeating the book title (the seed)
	styleOrdinal            // 篇一, 其一, 范文一
	styleBracket            // 【…】
	styleEnum               // 一、…
	styleParen              // （一）…
	numStyles
)

// heading is a candidate heading line.
type heading struct {
	line     int // index into lines
	style    headStyle
	kind     headKind
	chapter  book.ChapterKind
	title    string
	subtitle string
}

// chineseDigits are the characters of Chinese and Arabic numerals in headings.
const chineseDigits = "零〇一二三四五六七八九十百千万两壹贰叁肆伍陆柒捌玖拾佰仟0123456789０１２３４５６７８９"

// headingSeps may separate a heading's label from its title.
const headingSeps = " \t\u3000:：、.．·-—_"

// numeralPrefix returns the byte length of the numeral at the start of s (at most 8 runes).
func numeralPrefix(s string) int {
	n, i := 0, 0
	for i < len(s) && n < 8 {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !strings.ContainsRune(chineseDigits, r) {
			break
		}
		i += size
		n++
	}
	return i
}

// splitRest checks that rest is empty or starts with a separator, and returns the
// title after it with inner runs of whitespace collapsed.
func splitRest(rest string) (string, bool) {
	if rest == "" {
		return "", true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if !strings.ContainsRune(headingSeps, r) {
		return "", false
	}
	t := trimSpace(strings.TrimLeft(rest, headingSeps))
	if t == "" {
		return "", true
	}
	if runeLenMax(t, 41) > 40 || strings.HasSuffix(t, "，") || strings.HasSuffix(t, "、") || strings.HasSuffix(t, ",") {
		return "", false
	}
	return collapseSpace(t), true
}

// collapseSpace turns each inner run of whitespace into one U+3000 between CJK
// text, or one ASCII space otherwise.
func collapseSpace(s string) string {
	if !strings.ContainsFunc(s, isSpace) {
		return s
	}
	var sb strings.Builder
	pending := false
	var last rune
	for _, r := range s {
		if isSpace(r) {
			pending = true
			continue
		}
		if pending {
			if cjk.IsCJK(last) || cjk.IsCJK(r) {
				sb.WriteRune('\u3000')
			} else {
				sb.WriteByte(' ')
			}
			pending = false
		}
		sb.WriteRune(r)
		last = r
	}
	return sb.String()
}

// runeLenMax counts the runes of s, stopping at max.
func runeLenMax(s string, max int) int {
	n := 0
	for range s {
		n++
		if n >= max {
			return n
		}
	}
	return n
}

// namedHeading is a heading word and the kind of chapter it starts.
type namedHeading struct {
	word string
	kind book.ChapterKind
}

// namedHeadings are the headings that stand without a number, with their place.
var namedHeadings = []namedHeading{
	{"楔子", book.Body}, {"引子", book.Body}, {"序章", book.Body}, {"尾声", book.Body}, {"番外", book.Body},
	{"序言", book.Front}, {"自序", book.Front}, {"代序", book.Front}, {"前言", book.Front},
	{"引言", book.Front}, {"导言", book.Front}, {"序", book.Front},
	{"后记", book.Back}, {"跋", book.Back}, {"附录", book.Back},
}

// classify returns the heading a line would be, if any (before the file-wide
// resolution in resolveHeadings). Body lines that merely start like a heading
// (第四回中既将…) fail because the label must be followed by a separator or
// the end of the line.
func classify(text string) heading {
	if text == "" || runeLenMax(text, 51) > 50 {
		return heading{}
	}
	// 第X章 …
	if rest, ok := strings.CutPrefix(text, "第"); ok {
		if n := numeralPrefix(rest); n > 0 {
			unit, size := utf8.DecodeRuneInString(rest[n:])
			var kind headKind
			if strings.HasPrefix(rest[n:], "部分") {
				unit, size = '分', len("部分") // 第一部分: a chapter of an essay or report
			}
			switch unit {
			case '分':
				kind = headChapter
			case '章', '回', '篇', '集', '幕', '话', '折':
				kind = headChapter
			case '卷', '部':
				kind = headPart
			case '节':
				kind = headSection
			}
			if kind != headNone {
				if sub, ok := splitRest(rest[n+size:]); ok {
					return heading{style: styleNumbered, kind: kind, chapter: book.Body, title: text[:len("第")+n+size], subtitle: sub}
				}
			}
		}
	}
	// 楔子, 序言, 后记 …
	for _, nh := range namedHeadings {
		if rest, ok := strings.CutPrefix(text, nh.word); ok {
			if sub, ok := splitRest(rest); ok && !strings.Contains(sub, "。") {
				return heading{style: styleNamed, kind: headChapter, chapter: nh.kind, title: nh.word, subtitle: sub}
			}
		}
	}
	// 篇一, 其一, 范文一, 卷一
	for _, p := range []string{"篇", "其", "范文", "卷"} {
		if rest, ok := strings.CutPrefix(text, p); ok {
			if n := numeralPrefix(rest); n > 0 && strings.Trim(rest[:n], "0123456789０１２３４５６７８９") == rest[:n] {
				if sub, ok := splitRest(rest[n:]); ok {
					kind := headChapter
					if p == "卷" {
						kind = headPart
					}
					return heading{style: styleOrdinal, kind: kind, chapter: book.Body, title: text[:len(p)+n], subtitle: sub}
				}
			}
		}
	}
	short := runeLenMax(text, 26) <= 25 && !strings.ContainsAny(text, "。，；") && !endsSentence(text)
	// 【…】
	if strings.HasPrefix(text, "【") && strings.HasSuffix(text, "】") && short {
		inner := trimSpace(strings.TrimSuffix(strings.TrimPrefix(text, "【"), "】"))
		if inner != "" && !strings.ContainsAny(inner, "【】") {
			return heading{style: styleBracket, kind: headChapter, chapter: book.Body, title: inner}
		}
	}
	// 一、…
	if n := numeralPrefix(text); n > 0 && strings.HasPrefix(text[n:], "、") && short {
		return heading{style: styleEnum, kind: headSection, chapter: book.Body, title: text}
	}
	// （一）…
	if rest, ok := strings.CutPrefix(text, "（"); ok && short {
		if n := numeralPrefix(rest); n > 0 && strings.HasPrefix(rest[n:], "）") {
			return heading{style: styleParen, kind: headSection, chapter: book.Body, title: text}
		}
	}
	return heading{}
}

// endsSentence reports whether s ends with sentence punctuation.
func endsSentence(s string) bool {
	r := runeBefore(s)
	return strings.ContainsRune("。，；：、！？,;:!?", r)
}

// resolveHeadings decides which candidate styles are headings in this file.
// Strong styles (第X章/回, 楔子 …, a repeated title) make chapters, 第X卷/部
// above them make parts and 第X节 makes sections; the weak styles (篇一 …, 【…】,
// 一、, （一）) count only when no strong style is present and they occur at
// least twice, so a novel's poem labels or a numbered list never split chapters.
func resolveHeadings(cands []heading) []heading {
	var count [numStyles]int
	strong, parts := false, false
	for _, h := range cands {
		count[h.style]++
		if h.kind == headPart {
			parts = true
		} else if h.kind == headChapter && (h.style == styleNumbered || h.style == styleNamed || h.style == styleRepeat) {
			strong = true
		}
	}
	keep := func(h heading) (heading, bool) {
		switch {
		case strong:
			if h.style == styleNumbered || h.style == styleNamed || h.style == styleRepeat {
				return h, true
			}
			if h.style == styleOrdinal && h.kind == headPart {
				return h, true
			}
			return h, false
		case count[styleOrdinal] >= 2 || count[styleBracket] >= 2:
			if h.style == styleOrdinal || h.style == styleBracket && count[styleBracket] >= 2 {
				return h, true
			}
			return h, h.style == styleNumbered
		case parts:
			if h.kind == headPart {
				h.kind = headChapter
				return h, true
			}
			return h, h.style == styleNumbered
		default:
			// Only section-like headings: the commonest such style makes chapters.
			if h.style == styleNumbered || count[h.style] >= 2 && (h.style == styleEnum || h.style == styleParen) {
				h.kind = headChapter
				return h, true
			}
		}
		return h, false
	}
	var out []heading
	for _, h := range cands {
		if h2, ok := keep(h); ok {
			out = append(out, h2)
		}
	}
	return out
}

// wrapWidth detects hard wrapping: when most lines end near one width (within 3
// columns), that width is returned; 0 means every line is its own paragraph.
func wrapWidth(lines []txtLine) int {
	var hist [256]int
	nonBlank, maxW := 0, 0
	for _, ln := range lines {
		if ln.blank || ln.gone {
			continue
		}
		nonBlank++
		w := ln.width
		if w > maxW {
			maxW = w
		}
		if w < len(hist) {
			hist[w]++
		}
	}
	if nonBlank < 3 {
		return 0
	}
	best, bestN := 0, 0
	for w := 20; w < len(hist); w++ {
		n := hist[w] + hist[w-1] + hist[w-2] + hist[w-3]
		if n > bestN {
			best, bestN = w, n
		}
	}
	if bestN < 3 || bestN*10 < nonBlank*3 {
		return 0
	}
	wider := 0
	for _, ln := range lines {
		if !ln.blank && !ln.gone && ln.width > best+2 {
			wider++
		}
	}
	if wider*20 > nonBlank {
		return 0
	}
	return best
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
			cands = append(cands, heading{line: i, style: styleRepeat, kind: headChapter, chapter: book.Body, title: "第" + chineseNumber(repeat) + "篇"})
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
	// Detect hard wrapping.
	f.wrap = wrapWidth(f.lines)
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

// isAuthorLine returns the name on an 作者：… line, or "".
func isAuthorLine(s string) string {
	for _, p := range []string{"作者", "著者", "作　者"} {
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

// buildTextChapters cuts the lines into chapters at the resolved headings.
func (l *loader) buildTextChapters(f *textFile, single bool) []*book.Chapter {
	norm := &normalizer{}
	fix := func(s string) string {
		if l.opts.NoNormalize {
			return s
		}
		return norm.normalize(s)
	}
	defer func() { l.stats.Punct.add(norm.counts) }()

	var chapterHeads int
	for _, h := range f.heads {
		if h.kind == headChapter || h.kind == headPart {
			chapterHeads++
		}
	}
	pos := func(i int) book.Pos { return book.Pos{File: f.name, Line: f.lines[i].no} }

	// Metadata the text shows.
	f.subtitle = fix(f.subtitle)
	bookTitle := chapterHeads > 0 || single
	if f.title != "" && bookTitle && l.text.Title == "" {
		t, a := splitTitleAuthor(f.title)
		if t != f.title {
			l.markup = append(l.markup, f.title)
		}
		l.text.Title = fix(t)
		if l.text.Author == "" {
			l.text.Author = a
		}
		if f.subtitle != "" && l.text.Subtitle == "" {
			l.text.Subtitle = f.subtitle
		}
	}
	if f.title != "" && chapterHeads > 0 && fix(f.title) != l.text.Title && !strings.Contains(f.title, l.text.Title) {
		l.drop(book.Pos{File: f.name, Line: f.titleAt}, "title line: the book already has the title "+l.text.Title, f.title)
	}
	if f.author != "" && l.text.Author == "" {
		l.text.Author = f.author
	}

	var chapters []*book.Chapter
	var cur *book.Chapter
	// blocks appends the paragraphs of lines[a:b] and the section headings among them to c.
	hi := 0 // next heading index
	appendRange := func(c *book.Chapter, a, b int) {
		for a < b {
			// Sections inside the chapter.
			for hi < len(f.heads) && f.heads[hi].line < a {
				hi++
			}
			end := b
			if hi < len(f.heads) && f.heads[hi].line < b {
				end = f.heads[hi].line
			}
			for _, p := range l.paragraphs(f, a, end) {
				p.Runs[0].Text = fix(p.Runs[0].Text)
				c.Blocks = append(c.Blocks, p)
			}
			if end < b {
				h := f.heads[hi]
				title := h.title
				if h.subtitle != "" {
					title += "\u3000" + h.subtitle
				}
				c.Blocks = append(c.Blocks, &book.Heading{Level: 2, Runs: []book.Run{{Text: fix(title)}}, At: pos(h.line)})
				end++
				hi++
			}
			a = end
		}
	}

	if chapterHeads == 0 {
		// The whole file is one chapter, titled by its title line or its name.
		c := &book.Chapter{Kind: book.Body, At: book.Pos{File: f.name, Line: 1}}
		if f.title != "" {
			c.Title, c.Subtitle, c.At.Line = fix(f.title), f.subtitle, f.titleAt
		} else {
			c.Title = titleFromName(f.name)
		}
		appendRange(c, 0, len(f.lines))
		if len(c.Blocks) == 0 && f.title == "" {
			return nil
		}
		return []*book.Chapter{c}
	}

	// Text before the first heading becomes a front section.
	first := len(f.lines)
	for _, h := range f.heads {
		if h.kind != headSection {
			first = h.line
			break
		}
	}
	if hasText(f.lines[:first]) {
		c := &book.Chapter{Kind: book.Front, Title: "引言", At: pos(firstText(f.lines, 0))}
		appendRange(c, 0, first)
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
		cur = &book.Chapter{Kind: kind, Title: fix(h.title), Subtitle: fix(h.subtitle), At: pos(h.line)}
		appendRange(cur, h.line+1, end)
		if h.style == styleRepeat && cur.Subtitle == "" {
			cur.Subtitle = openingWords(cur.Blocks)
		}
		chapters = append(chapters, cur)
	}
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

// paragraphs builds the paragraphs of lines[a:b]: one per line, or, in a
// hard-wrapped file, one per run of lines where each line but the last reaches
// the wrap width and the next is not indented.
func (l *loader) paragraphs(f *textFile, a, b int) []*book.Paragraph {
	var out []*book.Paragraph
	var sb strings.Builder
	var start int
	var prevLong bool
	var last rune
	flush := func() {
		if sb.Len() > 0 {
			out = append(out, &book.Paragraph{Runs: []book.Run{{Text: sb.String()}}, At: book.Pos{File: f.name, Line: f.lines[start].no}})
			sb.Reset()
		}
		prevLong = false
	}
	for i := a; i < b; i++ {
		ln := &f.lines[i]
		if ln.gone {
			continue
		}
		if ln.blank {
			flush()
			continue
		}
		if f.wrap > 0 && prevLong && ln.indent == 0 {
			first := runeAfter(ln.text)
			if !cjk.IsCJK(last) && !cjk.IsCJK(first) && last != 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(ln.text)
			l.stats.Joined++
		} else {
			flush()
			start = i
			sb.WriteString(ln.text)
		}
		last = runeBefore(ln.text)
		prevLong = f.wrap > 0 && ln.width >= f.wrap-3
	}
	flush()
	return out
}

// openingWords returns the first words of the chapter's first paragraph, for a
// subtitle that tells apart chapters whose headings repeat the book title.
func openingWords(blocks []book.Block) string {
	for _, bl := range blocks {
		p, ok := bl.(*book.Paragraph)
		if !ok {
			continue
		}
		t := strings.TrimLeft(book.Plain(p.Runs), "“「『\"'‘")
		var sb strings.Builder
		n := 0
		for _, r := range t {
			if strings.ContainsRune("，。！？；：、,.!?;:”」』…", r) {
				if n >= 8 {
					break
				}
				if strings.ContainsRune("。！？!?…", r) {
					break
				}
			}
			if n >= 16 {
				sb.WriteString("…")
				break
			}
			sb.WriteRune(r)
			n++
		}
		return strings.TrimRight(sb.String(), "，、,；;：:")
	}
	return ""
}

// chineseNumber writes n (1–9999) in Chinese numerals: 1 一, 10 十, 21 二十一, 105 一百零五.
func chineseNumber(n int) string {
	const digits = "零一二三四五六七八九"
	d := []rune(digits)
	if n <= 0 || n > 9999 {
		return "零"
	}
	if n < 10 {
		return string(d[n])
	}
	if n < 20 {
		if n == 10 {
			return "十"
		}
		return "十" + string(d[n-10])
	}
	units := []string{"", "十", "百", "千"}
	var parts []string
	zero := false
	for i := 3; i >= 0; i-- {
		p := 1
		for k := 0; k < i; k++ {
			p *= 10
		}
		v := n / p % 10
		if v == 0 {
			if len(parts) > 0 {
				zero = true
			}
			continue
		}
		if zero {
			parts = append(parts, "零")
			zero = false
		}
		parts = append(parts, string(d[v])+units[i])
	}
	return strings.Join(parts, "")
}
