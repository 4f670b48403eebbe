package epub

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"cjkbook/book"
	"cjkbook/book/internal/testimages"
)

// FuzzChapterXHTML feeds arbitrary strings into every place of a chapter that
// reaches the XHTML (titles, runs, link targets, IDs, alt text, code, cells,
// notes) and checks the invariants: the document is well-formed XML, has no
// element or attribute beyond what the renderer writes, and links only to
// http, https, mailto or inside the book.
func FuzzChapterXHTML(f *testing.F) {
	for _, s := range append(hostile, "普通文本", "https://example.com", "javascript:alert(1)", "]]>", "\x00", "\xff\xfe", "a\"b'c<d>e&f") {
		f.Add(s, s, s)
	}
	f.Fuzz(func(t *testing.T, text, href, id string) {
		c := &book.Chapter{Title: text, Subtitle: text, ID: id, Blocks: []book.Block{
			&book.Paragraph{Runs: []book.Run{{Text: text}, {Text: text, Style: book.Link, Href: href},
				{Text: text, Style: book.Emphasis | book.Strong | book.Code}, {Text: text, Style: book.NoteRef, Href: id}}},
			&book.Heading{Level: len(text) % 8, Runs: []book.Run{{Text: text}}, ID: id},
			&book.Quote{Blocks: []book.Block{&book.Paragraph{Runs: []book.Run{{Text: text}}}}},
			&book.List{Ordered: true, Start: len(id) - 3, Items: [][]book.Block{{&book.Paragraph{Runs: []book.Run{{Text: text}}}}}},
			&book.CodeBlock{Lang: text, Text: text},
			&book.Image{Src: id, Alt: text, Title: text},
			&book.Table{Header: []book.Cell{{Runs: []book.Run{{Text: text}}}}, Rows: [][]book.Cell{{{Runs: []book.Run{{Text: text, Style: book.Link, Href: href}}}}}, Align: []string{text}},
			&book.Break{},
		}, Notes: []*book.Footnote{{ID: id, Label: text, Blocks: []book.Block{&book.Paragraph{Runs: []book.Run{{Text: text}}}}}}}
		b := &book.Book{Meta: book.Metadata{Title: text, Language: text}, Chapters: []*book.Chapter{c},
			Images: testimages.Assets(map[string][]byte{id: []byte(text)})}
		plan := planBook(b, resolve(b, Options{}), nil)
		var buf bytes.Buffer
		plan.r.chapter(&buf, plan.chapters[0])
		allowed := map[string]bool{"html": true, "head": true, "title": true, "link": true, "body": true, "section": true,
			"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "p": true, "a": true, "em": true,
			"strong": true, "code": true, "pre": true, "sup": true, "sub": true, "i": true, "br": true, "kbd": true, "small": true, "mark": true, "u": true, "s": true, "ins": true, "abbr": true, "blockquote": true, "ol": true, "ul": true, "li": true,
			"div": true, "img": true, "table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true,
			"aside": true, "span": true}
		d := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("not well-formed: %v\n%s", err, buf.String())
			}
			se, ok := tok.(xml.StartElement)
			if !ok {
				continue
			}
			if !allowed[se.Name.Local] {
				t.Fatalf("unexpected element <%s>", se.Name.Local)
			}
			for _, a := range se.Attr {
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") || a.Name.Local == "style" {
					t.Fatalf("attribute %s on <%s>", a.Name.Local, se.Name.Local)
				}
				if a.Name.Local == "href" && se.Name.Local == "a" {
					h := a.Value
					if !(strings.HasPrefix(h, "http://") || strings.HasPrefix(h, "https://") || strings.HasPrefix(h, "mailto:") || strings.HasPrefix(h, "#")) {
						t.Fatalf("link to %q", h)
					}
				}
			}
		}
	})
}
