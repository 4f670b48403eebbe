package epubfile

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// maxTOCDepth bounds the nesting read from a table of contents.
const maxTOCDepth = 16

// readTOC reads the EPUB 3 nav document, else the NCX the spine names (or any
// NCX in the manifest). A broken TOC is a warning: the spine alone still
// gives the reading order.
func (b *Book) readTOC() {
	for _, it := range b.pkg.Items {
		if !hasProp(it.Properties, "nav") {
			continue
		}
		item, ok := b.items[it.ID]
		if !ok || !b.Has(item.Path) {
			continue
		}
		data, err := b.ReadXML(item.Path)
		if err != nil {
			b.warn(item.Path, "navigation document not read: %v", err)
			break
		}
		if toc := b.parseNav(item.Path, data); len(toc) > 0 {
			b.TOC, b.TOCFrom = toc, item.Path
			return
		}
	}
	ncx := ""
	if it, ok := b.items[b.pkg.Spine.TOC]; ok {
		ncx = it.Path
	} else {
		for _, it := range b.pkg.Items {
			if strings.TrimSpace(it.MediaType) == "application/x-dtbncx+xml" {
				ncx = b.items[it.ID].Path
				break
			}
		}
	}
	if ncx == "" || !b.Has(ncx) {
		return
	}
	data, err := b.ReadXML(ncx)
	if err != nil {
		b.warn(ncx, "table of contents not read: %v", err)
		return
	}
	b.TOC, b.TOCFrom = b.parseNCX(ncx, data), ncx
}

// add appends an entry whose href (relative to the TOC document at base) names a document.
func (b *Book) add(toc []Entry, base, href, title string, level int) []Entry {
	title = collapse(title)
	p, frag, ok := resolve(base, href)
	if !ok || title == "" {
		return toc
	}
	if !b.inSpine(p) {
		b.warn(base, "entry %q points to %s, which is not in the spine; ignored", title, p)
		return toc
	}
	return append(toc, Entry{Title: title, Path: p, Fragment: frag, Level: level})
}

// parseNav reads the <nav epub:type="toc"> list of a navigation document.
func (b *Book) parseNav(base string, data []byte) []Entry {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		b.warn(base, "navigation document not parsed: %v", err)
		return nil
	}
	var nav *html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		for c := n.FirstChild; c != nil && nav == nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.Data == "nav" && hasProp(attr(c, "epub:type"), "toc") {
				nav = c
				return
			}
			find(c)
		}
	}
	find(doc)
	if nav == nil {
		return nil
	}
	var toc []Entry
	var list func(ol *html.Node, level int)
	list = func(ol *html.Node, level int) {
		if level > maxTOCDepth {
			return
		}
		for li := ol.FirstChild; li != nil; li = li.NextSibling {
			if li.Type != html.ElementNode || li.Data != "li" {
				continue
			}
			for c := li.FirstChild; c != nil; c = c.NextSibling {
				if c.Type != html.ElementNode {
					continue
				}
				switch c.Data {
				case "a":
					toc = b.add(toc, base, attr(c, "href"), text(c), level)
				case "ol", "ul":
					list(c, level+1)
				}
			}
		}
	}
	for c := nav.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.Data == "ol" || c.Data == "ul") {
			list(c, 1)
		}
	}
	return toc
}

// attr returns the attribute key of n ("" when absent).
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		k := a.Key
		if a.Namespace != "" {
			k = a.Namespace + ":" + k
		}
		if k == key {
			return a.Val
		}
	}
	return ""
}

// text returns the text inside n, with a line break after each p, div and br.
func text(n *html.Node) string {
	var sb strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && (n.Data == "p" || n.Data == "div" || n.Data == "br") {
			sb.WriteByte('\n')
		}
	}
	walk(n)
	return sb.String()
}

// ncxPoint is a navPoint of an NCX, nested.
type ncxPoint struct {
	Label   string `xml:"navLabel>text"`
	Content struct {
		Src string `xml:"src,attr"`
	} `xml:"content"`
	Points []ncxPoint `xml:"navPoint"`
}

// parseNCX reads the navMap of an EPUB 2 NCX.
func (b *Book) parseNCX(base string, data []byte) []Entry {
	var ncx struct {
		Points []ncxPoint `xml:"navMap>navPoint"`
	}
	if err := newDecoder(data).Decode(&ncx); err != nil {
		b.warn(base, "table of contents not parsed: %v", err)
		return nil
	}
	var toc []Entry
	var walk func(ps []ncxPoint, level int)
	walk = func(ps []ncxPoint, level int) {
		if level > maxTOCDepth {
			return
		}
		for _, p := range ps {
			toc = b.add(toc, base, p.Content.Src, p.Label, level)
			walk(p.Points, level+1)
		}
	}
	walk(ncx.Points, 1)
	return toc
}
