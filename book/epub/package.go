package epub

import (
	"bytes"
	"strconv"
	"strings"

	"cjkbook/book"
)

// coverStyle centres the cover image and scales it to the page.
const coverStyle = `div.cover {
  text-align: center;
  text-indent: 0;
}

div.cover img {
  max-width: 100%;
  max-height: 100%;
}
`

// coverXHTML is the cover page: the image, described by the title.
func coverXHTML(m meta, image string) []byte {
	r := &renderer{lang: m.lang}
	var buf bytes.Buffer
	r.head(&buf, m.title, "../css/cover.css")
	buf.WriteString("<body>\n" + `<div class="cover"><img epub:type="cover" role="doc-cover" src="../images/`)
	escape(&buf, image)
	buf.WriteString(`" alt="`)
	escape(&buf, m.words.CoverAlt(m.title, m.author))
	buf.WriteString(`"/></div>` + "\n</body>\n</html>\n")
	return buf.Bytes()
}

// navXHTML writes the navigation document: 目录 with parts > chapters >
// sections from book.TOC, and the landmarks cover, toc and bodymatter.
func navXHTML(m meta, plan *bookPlan, cover bool) []byte {
	r := &renderer{lang: m.lang}
	var buf bytes.Buffer
	title := m.words.Contents
	r.head(&buf, title, "css/book.css")
	buf.WriteString(`<body epub:type="frontmatter">` + "\n")
	buf.WriteString(`<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">` + "\n")
	buf.WriteString(`<h1 id="toc-title">` + title + `</h1>` + "\n")
	toc := tocTree(plan)
	var list func(es []tocItem)
	list = func(es []tocItem) {
		buf.WriteString("<ol>\n")
		for _, e := range es {
			buf.WriteString(`<li><a href="`)
			escape(&buf, e.href)
			buf.WriteString(`">`)
			escape(&buf, e.label)
			buf.WriteString("</a>")
			if len(e.children) > 0 {
				buf.WriteString("\n")
				list(e.children)
			}
			buf.WriteString("</li>\n")
		}
		buf.WriteString("</ol>\n")
	}
	list(toc)
	buf.WriteString("</nav>\n")
	pageList(&buf, plan.pages, m.words.PageList)
	buf.WriteString(`<nav epub:type="landmarks" id="landmarks" aria-label="` + m.words.Landmarks + `" hidden="hidden">` + "\n<ol>\n")
	if cover {
		buf.WriteString(`<li><a epub:type="cover" href="xhtml/` + coverPage + `">` + m.words.Cover + `</a></li>` + "\n")
	}
	buf.WriteString(`<li><a epub:type="toc" href="nav.xhtml#toc">` + title + `</a></li>` + "\n")
	body := plan.chapters[0]
	for _, c := range plan.chapters {
		if c.ch.Kind == book.Body || c.ch.Kind == book.Part {
			body = c
			break
		}
	}
	buf.WriteString(`<li><a epub:type="bodymatter" href="xhtml/`)
	escape(&buf, body.file)
	buf.WriteString(`">` + m.words.BodyMatter + `</a></li>` + "\n</ol>\n</nav>\n</body>\n</html>\n")
	return buf.Bytes()
}

// tocItem is one resolved navigation entry.
type tocItem struct {
	label, href string
	at          readingPos
	children    []tocItem
}

// tocTree resolves book.TOC to hrefs and non-empty labels; sections with an
// empty title are left out (an empty nav label is invalid). book.TOC lists a
// chapter's top-level level-2 headings in order, so each section entry is
// matched with the next such heading of its chapter (model IDs need not be
// unique; the rendered IDs are).
func tocTree(plan *bookPlan) []tocItem {
	b := &book.Book{}
	sections := make([][]*book.Heading, len(plan.chapters))
	blocks := map[*book.Heading]int{} // each section's index in its chapter's Blocks
	for i, c := range plan.chapters {
		b.Chapters = append(b.Chapters, c.ch)
		for k, bl := range c.ch.Blocks {
			if h, ok := bl.(*book.Heading); ok && h.Level == 2 {
				sections[i] = append(sections[i], h)
				blocks[h] = k
			}
		}
	}
	next := make([]int, len(plan.chapters))
	// An entry is a section when it points into its parent's chapter.
	var conv func(es []book.TOCEntry, parent int) []tocItem
	conv = func(es []book.TOCEntry, parent int) []tocItem {
		var out []tocItem
		for _, e := range es {
			if e.Chapter < 0 || e.Chapter >= len(plan.chapters) {
				continue
			}
			c := plan.chapters[e.Chapter]
			it := tocItem{href: "xhtml/" + c.file, label: c.label, at: readingPos{chapter: e.Chapter, block: BeforeTitle}}
			if e.Chapter == parent {
				k := next[e.Chapter]
				if k >= len(sections[e.Chapter]) {
					continue
				}
				next[e.Chapter]++
				label := strings.TrimSpace(e.Title)
				if label == "" {
					continue
				}
				h := sections[e.Chapter][k]
				it.href += "#" + c.headings[h]
				it.label = label
				it.at = readingPos{chapter: e.Chapter, block: blocks[h]}
			}
			it.children = conv(e.Children, e.Chapter)
			out = append(out, it)
		}
		return out
	}
	return conv(b.TOC(), -1)
}

// ncxXML writes the EPUB 2 NCX for older readers and Kindle conversion, with
// dtb:uid equal to the identifier, the depth, the author, the page list of the
// navigation document and one play order over both, in reading order.
func ncxXML(m meta, plan *bookPlan) []byte {
	toc := tocTree(plan)
	depth := 0
	var measure func(es []tocItem, d int)
	measure = func(es []tocItem, d int) {
		for _, e := range es {
			if d > depth {
				depth = d
			}
			measure(e.children, d+1)
		}
	}
	measure(toc, 1)
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	buf.WriteString(`<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="`)
	escape(&buf, m.lang)
	buf.WriteString(`">` + "\n<head>\n")
	buf.WriteString(`<meta name="dtb:uid" content="` + escapeString(m.identifier) + `"/>` + "\n")
	buf.WriteString(`<meta name="dtb:depth" content="` + strconv.Itoa(depth) + `"/>` + "\n")
	total, most := pageCounts(plan.pages)
	buf.WriteString(`<meta name="dtb:totalPageCount" content="` + strconv.Itoa(total) + `"/>` + "\n")
	buf.WriteString(`<meta name="dtb:maxPageNumber" content="` + strconv.Itoa(most) + `"/>` + "\n")
	buf.WriteString("</head>\n<docTitle><text>")
	escape(&buf, m.title)
	buf.WriteString("</text></docTitle>\n")
	if m.author != "" {
		buf.WriteString("<docAuthor><text>")
		escape(&buf, m.author)
		buf.WriteString("</text></docAuthor>\n")
	}
	buf.WriteString("<navMap>\n")
	// The 目录 page itself comes first, as it does in the spine.
	buf.WriteString(`<navPoint id="navPoint-1" playOrder="1"><navLabel><text>` + m.words.Contents + `</text></navLabel><content src="nav.xhtml#toc"/></navPoint>` + "\n")
	order := playOrders(toc, plan.pages)
	n := 1
	var points func(es []tocItem)
	points = func(es []tocItem) {
		for _, e := range es {
			n++
			buf.WriteString(`<navPoint id="navPoint-` + strconv.Itoa(n) + `" playOrder="` + strconv.Itoa(order[e.href]) + `"><navLabel><text>`)
			escape(&buf, e.label)
			buf.WriteString(`</text></navLabel><content src="`)
			escape(&buf, e.href)
			buf.WriteString(`"/>` + "\n")
			points(e.children)
			buf.WriteString("</navPoint>\n")
		}
	}
	points(toc)
	buf.WriteString("</navMap>\n")
	ncxPageList(&buf, plan.pages, order, m.words.PageList)
	buf.WriteString("</ncx>\n")
	return buf.Bytes()
}
