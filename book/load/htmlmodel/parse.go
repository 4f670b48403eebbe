// Package htmlmodel converts HTML — a saved web page's article, an EPUB's XHTML
// documents, the raw HTML of a Markdown file — into the blocks and runs of the
// book model, with diagnostics that carry file:line positions.
//
// The HTML is parsed by golang.org/x/net/html, whose tree keeps no positions.
// Parse therefore tokenizes the source once, counting the lines of each token's
// raw bytes, and gives every start tag an attribute holding its line before the
// parser builds the tree; Line reads it back (for text and implied elements,
// from the nearest element before them). Convert walks a tree and yields
// blocks, the diagnostics, and the text it dropped (scripts, forms, …) so a
// caller can account for every character.
//
// The mapping: h1–h6 → headings (h1 keeps level 1, for the caller to take as
// a chapter title or to lower; h4–h6 become level 3), p, div and other sections →
// paragraphs, blockquote → quotes, ul/ol/li (nested) → lists, pre → code
// blocks, table → tables, img → images (alt text and width hints kept),
// figure/figcaption → the image and a caption paragraph, hr → a break; inline:
// em/i → emphasis, strong/b → strong, code/tt/samp → code, a (http, https and
// mailto only) → links, br → a line break, sup, sub, kbd, small, mark, u,
// s/strike/del, ins and abbr (its title kept) → their styles, ruby → its base
// followed by the reading in parentheses. Scripts, styles, embedded objects,
// form controls and hidden elements are dropped and reported; any other
// element keeps its text. White space collapses as in a browser, and a line
// break in the source next to a CJK character is no space.
package htmlmodel

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// lineAttr is the attribute Parse adds to every start tag to record its line.
const lineAttr = "data-cjkbook-line"

// MaxSize is the largest HTML source Parse accepts, in bytes.
const MaxSize = 64 << 20

// ErrTooLarge is returned by Parse for a source over MaxSize.
var ErrTooLarge = errors.New("HTML source is larger than 64 MB")

// Parse parses an HTML document into a tree whose elements know the line of
// their start tag (see Line). firstLine is the line number of src's first
// byte (1 for a whole file).
func Parse(src []byte, firstLine int) (*html.Node, error) {
	if len(src) > MaxSize {
		return nil, ErrTooLarge
	}
	doc, err := html.Parse(bytes.NewReader(mark(src, firstLine)))
	if err != nil {
		return nil, fmt.Errorf("parse HTML: %w", err)
	}
	return doc, nil
}

// ParseFragment parses src as the content of a <body> element and returns the
// top-level nodes, whose elements know their lines as with Parse.
func ParseFragment(src []byte, firstLine int) ([]*html.Node, error) {
	if len(src) > MaxSize {
		return nil, ErrTooLarge
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	ns, err := html.ParseFragment(bytes.NewReader(mark(src, firstLine)), body)
	if err != nil {
		return nil, fmt.Errorf("parse HTML: %w", err)
	}
	return ns, nil
}

// mark rewrites src with a line attribute in every start tag; every other token
// is copied byte for byte, so the parser sees the same document.
func mark(src []byte, line int) []byte {
	out := make([]byte, 0, len(src)+len(src)/8)
	z := html.NewTokenizer(bytes.NewReader(src))
	z.SetMaxBuf(0)
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				// The tokenizer only fails on read errors, which a byte reader has none of.
				out = append(out, z.Raw()...)
			}
			return out
		}
		raw := z.Raw()
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			tok := z.Token()
			tok.Attr = append(tok.Attr, html.Attribute{Key: lineAttr, Val: strconv.Itoa(line)})
			out = append(out, tok.String()...)
		} else {
			out = append(out, raw...)
		}
		line += bytes.Count(raw, []byte{'\n'})
	}
}

// Line returns the source line of n: the line of its start tag, or, for a
// text node or an element the parser implied (tbody, body), the line of the
// nearest element before it; 0 when none is known.
func Line(n *html.Node) int {
	for k := n; k != nil; k = k.Parent {
		if l := ownLine(k); l > 0 {
			return l
		}
		for p := k.PrevSibling; p != nil; p = p.PrevSibling {
			if l := lastLine(p); l > 0 {
				return l
			}
		}
	}
	return 0
}

// ownLine returns the line recorded in n's start tag, or 0.
func ownLine(n *html.Node) int {
	if n.Type != html.ElementNode {
		return 0
	}
	for _, a := range n.Attr {
		if a.Key == lineAttr {
			v, _ := strconv.Atoi(a.Val)
			return v
		}
	}
	return 0
}

// lastLine returns the line of the last marked element inside n (n included).
func lastLine(n *html.Node) int {
	for c := n.LastChild; c != nil; c = c.PrevSibling {
		if l := lastLine(c); l > 0 {
			return l
		}
	}
	return ownLine(n)
}

// Attr returns the value of n's attribute key ("" when absent); the line
// attribute Parse adds is not visible through it.
func Attr(n *html.Node, key string) string {
	if key == lineAttr {
		return ""
	}
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// Find returns the first element of tag name a in n's subtree (n included), or nil.
func Find(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := Find(c, a); f != nil {
			return f
		}
	}
	return nil
}

// Text returns the text content of n's subtree as the source spells it
// (entities resolved, whitespace kept).
func Text(n *html.Node) string {
	var b bytes.Buffer
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
