package epubfile

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/net/html"
)

// voidElements are the HTML elements that have no end tag.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true,
}

// AsHTML rewrites an XHTML document so that an HTML parser reads it as an XML
// reader would: a self-closed element that HTML does not know as void
// (<a id="p1"/>, <div/>, <p/>) becomes a start tag followed by its end tag,
// where an HTML parser would leave it open around the rest of the text.
// Line breaks are kept, so line numbers still point into the source.
func AsHTML(data []byte) []byte {
	if !bytes.Contains(data, []byte("/>")) {
		return data
	}
	var out bytes.Buffer
	out.Grow(len(data) + len(data)/16)
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out.Bytes()
		}
		raw := z.Raw()
		if tt != html.SelfClosingTagToken {
			out.Write(raw)
			continue
		}
		name, _ := z.TagName()
		if voidElements[string(name)] {
			out.Write(raw)
			continue
		}
		i := bytes.LastIndex(raw, []byte("/>"))
		out.Write(raw[:i])
		out.WriteString("></")
		out.Write(name)
		out.WriteByte('>')
	}
}

// SpineText returns the text a reader of the book sees: the bodies of the
// spine's documents (the contents page excepted) with the alt text of their
// pictures, scripts and styles left out. Tests compare it with what a loader made.
func (b *Book) SpineText() (string, error) {
	var sb strings.Builder
	for _, it := range b.Spine {
		if it.Path == b.TOCFrom {
			continue
		}
		data, err := b.ReadXML(it.Path)
		if err != nil {
			return "", err
		}
		doc, err := html.Parse(bytes.NewReader(AsHTML(data)))
		if err != nil {
			return "", fmt.Errorf("%s: %w", it.Path, err)
		}
		var walk func(n *html.Node, depth int)
		walk = func(n *html.Node, depth int) {
			if depth > 512 || n.Type == html.ElementNode && (n.Data == "head" || n.Data == "style" || n.Data == "script") {
				return
			}
			if n.Type == html.TextNode {
				sb.WriteString(n.Data)
			}
			if n.Type == html.ElementNode && n.Data == "img" {
				sb.WriteString(attr(n, "alt"))
			}
			for k := n.FirstChild; k != nil; k = k.NextSibling {
				walk(k, depth+1)
			}
		}
		walk(doc, 0)
	}
	return sb.String(), nil
}
