package epubfile

import (
	"bytes"

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
