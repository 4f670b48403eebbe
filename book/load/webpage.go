package load

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"cjkbook/book"
	"cjkbook/book/cjk"
	"cjkbook/book/load/htmlmodel"
)

// This file reads saved web pages (.html, .htm): the charset the page
// declares, the main article found by a readability library (navigation, ads,
// comments and footers dropped, with one warning that says how much), the
// title and byline as metadata, then the article through the HTML converter
// and the scraped-page rules of the text loader. Nothing is fetched.

// isHTML reports whether a manuscript file is a saved web page.
func isHTML(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".html" || ext == ".htm"
}

// parseHTML reads one saved web page into one chapter and returns the encoding
// it was read in, with how that was decided.
func (l *loader) parseHTML(f srcFile, raw []byte, enc encSetting, single bool) ([]*book.Chapter, string, error) {
	text, encName, how, err := decodeHTML(raw, enc)
	if err != nil {
		return nil, "", fmt.Errorf("load %s: %w", f.name, err)
	}
	if strings.TrimSpace(text) == "" {
		return nil, "", fmt.Errorf("load %s: the file is empty; add text or remove it", f.name)
	}
	doc, err := htmlmodel.Parse([]byte(text), 1)
	if err != nil {
		return nil, "", fmt.Errorf("load %s: %w; save the page again as HTML", f.name, err)
	}
	meta := pageMeta(doc)
	article, page := l.extract(f, doc)
	pageChars := 0
	for _, t := range page {
		pageChars += visibleRunes(t)
	}
	res := htmlmodel.Convert(article, htmlmodel.Options{File: f.name, Image: l.pageImage(f)})
	l.diags = append(l.diags, res.Diags...)
	for _, d := range res.Dropped {
		l.removed = append(l.removed, d.Text)
	}
	blocks := res.Blocks
	title := meta.title()
	blocks = l.takeTitle(blocks, title)
	blocks = l.byline(blocks, &meta)
	meta.bylineOutside(page)
	norm := &normalizer{}
	blocks = l.scraped(blocks, norm)
	l.stats.Punct.add(norm.counts)
	named := title == "" // titled after the file
	if named {
		title = titleFromName(f.name)
	}
	keptChars := 0
	for _, b := range blocks {
		keptChars += visibleRunes(book.Text(b))
	}
	start := ""
	for _, b := range blocks {
		if t := strings.TrimSpace(book.Text(b)); t != "" {
			start = shorten(strings.Join(strings.Fields(t), " "), 30)
			break
		}
	}
	l.warn(book.Pos{File: f.name, Line: 1}, "saved web page, %s: kept the article (%d characters, starting %q); dropped %d characters of navigation, ads, comments and other page furniture",
		how, keptChars, start, max(0, pageChars-keptChars))
	if len(blocks) == 0 {
		return nil, encName, nil
	}
	ch := &book.Chapter{Title: title, TitleGenerated: named, Kind: titleKind(title), At: blocks[0].Pos(), Blocks: blocks}
	if single {
		if l.text.Title == "" {
			l.text.Title = title
		}
		if l.text.Author == "" {
			l.text.Author = meta.author
		}
		if l.text.Description == "" {
			l.text.Description = meta.description
		}
		if l.text.Date == "" {
			l.text.Date = meta.date
		}
	}
	return []*book.Chapter{ch}, encName, nil
}

// decodeHTML decodes a page: its BOM or <meta charset> / http-equiv
// declaration (GB2312 and GBK read as GB18030), else the text loader's
// detection; a configured encoding wins over both.
func decodeHTML(raw []byte, enc encSetting) (text, name, how string, err error) {
	how = "encoding detected"
	declaredEnc := false
	if enc.kind == encAuto {
		head := raw[:min(len(raw), 1024)]
		_, cs, _ := charset.DetermineEncoding(raw, "")
		declared := bytes.Contains(bytes.ToLower(head), []byte("charset"))
		switch {
		case hasBOM(raw):
			how = "encoding from its byte-order mark"
		case declared && cs != "windows-1252" && cs != "utf-8":
			if e, perr := parseEncoding(cs); perr == nil {
				enc, declaredEnc = e, true
				how = fmt.Sprintf("charset %s declared in <meta>", cs)
			} else {
				how = fmt.Sprintf("charset %s declared but not read by cjkbook; encoding detected", cs)
			}
		case declared && cs == "utf-8":
			how = "charset utf-8 declared in <meta>, checked"
		}
	} else {
		how = "encoding as configured"
	}
	text, name, err = decode(raw, enc)
	if err != nil && declaredEnc && enc.kind != encAuto {
		// Pages that declare one charset and are written in another are common.
		how = strings.Replace(how, "declared in <meta>", "declared in <meta> but the bytes are not in it; encoding detected", 1)
		text, name, err = decode(raw, encSetting{encAuto})
	}
	return text, name, how, err
}

func hasBOM(b []byte) bool {
	return bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) || bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF})
}

// extract finds the page's main article with readability and records the text
// of the page that is not in it as removed. It returns the article (the body
// when readability finds none) and the texts of the page's text nodes.
func (l *loader) extract(f srcFile, doc *html.Node) (*html.Node, []string) {
	body := htmlmodel.Find(doc, atom.Body)
	if body == nil {
		body = doc
	}
	page := textNodes(body)
	p := readability.NewParser()
	p.MaxElemsToParse = 200000
	art, err := p.ParseDocument(doc, nil)
	if err != nil || art.Node == nil {
		l.warn(book.Pos{File: f.name, Line: 1}, "no main article found in the page; all of its text is kept")
		return body, page
	}
	kept := map[string]int{}
	for _, t := range textNodes(art.Node) {
		kept[strings.TrimSpace(t)]++
	}
	for _, t := range page {
		k := strings.TrimSpace(t)
		if kept[k] > 0 {
			kept[k]--
			continue
		}
		l.removed = append(l.removed, t)
	}
	return art.Node, page
}

// textNodes returns the text of n's text nodes that a reader sees (not in
// scripts, styles or templates), white-space-only ones left out.
func textNodes(n *html.Node) []string {
	var out []string
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head:
				return
			}
		}
		if n.Type == html.TextNode && strings.TrimSpace(n.Data) != "" {
			out = append(out, n.Data)
		}
		if depth > 512 {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return out
}

// visibleRunes counts the characters of s that are not white space.
func visibleRunes(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) && r != '\u3000' {
			n++
		}
	}
	return n
}

// pageImage resolves the pictures of a page: remote ones are not fetched (a
// warning; the alt text is kept), local ones (the page's _files folder) are read.
func (l *loader) pageImage(f srcFile) func(src string, at book.Pos) (string, bool) {
	return func(src string, at book.Pos) (string, bool) {
		low := strings.ToLower(strings.TrimSpace(src))
		switch {
		case strings.HasPrefix(low, "http:"), strings.HasPrefix(low, "https:"), strings.HasPrefix(low, "//"):
			l.warn(at, "remote image %q is not fetched (cjkbook reads nothing from the network); its alt text is kept — save the page with its pictures", shorten(src, 80))
			return "", false
		case strings.HasPrefix(low, "data:"):
			l.warn(at, "image embedded as a data: URL is not read; its alt text is kept")
			return "", false
		}
		return l.readImage(f, src, at)
	}
}

// pageInfo is what a page's head says about it.
type pageInfo struct {
	og, head, site, h1        string // og:title, <title>, og:site_name, the first <h1>
	author, date, description string
}

// pageMeta reads the title, author, date and description of a page from its
// head: Open Graph and article meta tags, and <title>.
func pageMeta(doc *html.Node) pageInfo {
	var m pageInfo
	head := htmlmodel.Find(doc, atom.Head)
	if head == nil {
		head = doc
	}
	if h := htmlmodel.Find(doc, atom.H1); h != nil {
		m.h1 = strings.Join(strings.Fields(htmlmodel.Text(h)), " ")
	}
	if t := htmlmodel.Find(head, atom.Title); t != nil {
		m.head = strings.Join(strings.Fields(htmlmodel.Text(t)), " ")
	}
	for c := head.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.DataAtom != atom.Meta {
			continue
		}
		key := strings.ToLower(htmlmodel.Attr(c, "property") + htmlmodel.Attr(c, "name") + htmlmodel.Attr(c, "itemprop"))
		val := strings.TrimSpace(htmlmodel.Attr(c, "content"))
		set := func(dst *string) {
			if *dst == "" && val != "" {
				*dst = val
			}
		}
		switch key {
		case "og:title":
			set(&m.og)
		case "og:site_name":
			set(&m.site)
		case "author", "article:author", "og:article:author", "dc.creator":
			if !strings.Contains(val, "://") {
				set(&m.author)
			}
		case "article:published_time", "og:release_date", "pubdate", "publishdate", "date", "dc.date", "datepublished":
			if d := isoDate(val); d != "" {
				val = d
				set(&m.date)
			}
		case "description", "og:description":
			set(&m.description)
		}
	}
	return m
}

// titleSeps separate an article's title from the site's name in <title>.
var titleSeps = []string{"_", "|", "｜", " - ", " – ", " — ", " · ", "－"}

// title chooses the page's title: og:title, then <title> without the site's
// suffix (城南的槐树_散文随笔_某某网 → 城南的槐树), then the article's first h1.
func (m pageInfo) title() string {
	if m.og != "" {
		return strings.TrimSpace(strings.TrimSuffix(m.og, m.site))
	}
	if t := m.head; t != "" {
		cut := len(t)
		for _, s := range titleSeps {
			if i := strings.Index(t, s); i > 0 && i < cut {
				cut = i
			}
		}
		if t = strings.TrimSpace(t[:cut]); t != "" {
			return t
		}
	}
	return m.h1
}

// takeTitle removes the heading at the article's start that repeats the title
// (it becomes the chapter title), and makes the other h1 headings sections.
func (l *loader) takeTitle(blocks []book.Block, title string) []book.Block {
	for i, b := range blocks {
		h, ok := b.(*book.Heading)
		if !ok {
			if i > 2 {
				break
			}
			continue
		}
		if t := trimSpace(book.Plain(h.Runs)); t == title || strings.HasPrefix(title, t) && t != "" {
			l.markup = append(l.markup, book.Plain(h.Runs))
			blocks = append(blocks[:i:i], blocks[i+1:]...)
		}
		break
	}
	for _, b := range blocks {
		if h, ok := b.(*book.Heading); ok && h.Level < 2 {
			h.Level = 2
		}
	}
	return blocks
}

// dateRe finds a date in a byline or meta tag: 2023-05-01, 2023/5/1, 2023年5月1日.
var dateRe = regexp.MustCompile(`(\d{4})(?:-|/|\.|年)(\d{1,2})(?:-|/|\.|月)(\d{1,2})`)

// bylineRe finds the label of a byline field: an author label (authorLabels), 来源, 时间, 发布时间, 日期 ….
var bylineRe = regexp.MustCompile(`^(` + strings.Join(authorLabels, "|") + `|文|来源|出处|时间|发布时间|发表时间|更新时间|日期|编辑|责任编辑|阅读|浏览)\s*[：:/]`)

// byline takes a byline paragraph among the article's first blocks (作者：某某
// 来源：某某网 时间：2023-05-01): its author and date become metadata where the
// head gave none, and the line, which is not body text, is reported as removed.
func (l *loader) byline(blocks []book.Block, m *pageInfo) []book.Block {
	for i := 0; i < len(blocks) && i < 4; i++ {
		p, ok := blocks[i].(*book.Paragraph)
		if !ok {
			continue
		}
		line := trimSpace(book.Plain(p.Runs))
		if runeLenMax(line, 121) > 120 || !bylineRe.MatchString(line) {
			continue
		}
		m.fromByline(line)
		l.drop(p.At, "byline, not body text (its author and date are the book's where the page's head names none)", line)
		return append(blocks[:i:i], blocks[i+1:]...)
	}
	return blocks
}

// fromByline takes the author and date of a byline line where none are known yet.
func (m *pageInfo) fromByline(line string) {
	// 作　者 is spaced out to the width of a two-character label; the space is
	// not a field separator there.
	line = strings.ReplaceAll(line, "作　者", "作者")
	fields := strings.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == '\u3000' || r == '|' || r == '\u00a0' || r == '\t' })
	for k, fld := range fields {
		if m.author != "" {
			break
		}
		if a := isAuthorLine(fld); a != "" {
			m.author = a
		} else if (fld == "作者：" || fld == "作者:") && k+1 < len(fields) {
			m.author = fields[k+1]
		} else if a, ok := cutAny(fld, "文/", "文／"); ok && a != "" {
			m.author = a
		}
	}
	if m.date == "" {
		m.date = isoDate(line)
	}
}

// cutAny cuts the first of the prefixes that s starts with.
func cutAny(s string, prefixes ...string) (string, bool) {
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return rest, true
		}
	}
	return s, false
}

// isoDate finds a date in s (2023-05-01, 2023/5/1, 2023年5月1日) and writes it
// as YYYY-MM-DD, or returns "".
func isoDate(s string) string {
	m := dateRe.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return ""
	}
	return fmt.Sprintf("%s-%02d-%02d", m[1], mo, d)
}

// bylineOutside reads author and date from a byline the article extraction
// left out (an info line between the title and the text): the first short
// text nodes of the page that carry a byline label. Their text is already
// reported as dropped with the rest of the page furniture.
func (m *pageInfo) bylineOutside(page []string) {
	for i, t := range page {
		if i > 400 || m.author != "" && m.date != "" {
			return
		}
		line := trimSpace(t)
		if runeLenMax(line, 121) <= 120 && bylineRe.MatchString(line) {
			m.fromByline(line)
		}
	}
}

// scraped applies the text loader's rules for scraped pages to the article:
// boilerplate sentences removed (each reported), punctuation normalised and
// indents of full-width or no-break spaces stripped.
func (l *loader) scraped(blocks []book.Block, norm *normalizer) []book.Block {
	var all strings.Builder
	for _, b := range blocks {
		all.WriteString(book.Text(b))
	}
	bp := newBoilerplate(all.String())
	if l.opts.KeepBoilerplate {
		bp.markers = nil
	}
	fix := func(runs []book.Run, at book.Pos) []book.Run {
		for i := range runs {
			if runs[i].Style&(book.Code|book.NoteRef|book.Link) != 0 || runs[i].Image != nil {
				continue
			}
			kept, removed := bp.clean(runs[i].Text)
			for _, r := range removed {
				l.drop(at, "boilerplate", r)
				l.stats.Boilerplate++
			}
			runs[i].Text = kept
		}
		if len(runs) > 0 {
			runs[0].Text = strings.TrimLeft(runs[0].Text, cjk.IndentSpaces)
		}
		if !l.opts.NoNormalize {
			norm.normalizeRuns(runs)
		}
		out := runs[:0]
		for _, r := range runs {
			if r.Text != "" || r.Image != nil || r.Style&book.NoteRef != 0 {
				out = append(out, r)
			}
		}
		return out
	}
	var walk func([]book.Block) []book.Block
	walk = func(bs []book.Block) []book.Block {
		out := bs[:0]
		for _, b := range bs {
			switch b := b.(type) {
			case *book.Paragraph:
				if b.Runs = fix(b.Runs, b.At); len(b.Runs) == 0 {
					continue
				}
			case *book.Heading:
				if !l.opts.NoNormalize {
					norm.normalizeRuns(b.Runs)
				}
			case *book.Quote:
				b.Blocks = walk(b.Blocks)
			case *book.List:
				for i := range b.Items {
					b.Items[i] = walk(b.Items[i])
				}
			default: // code, tables, pictures and breaks keep the page's text as it is
			}
			out = append(out, b)
		}
		return out
	}
	return walk(blocks)
}
