package docx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// node is one element of a part, with its namespace prefix replaced by the
// conventional one for its namespace URI (w, r, wp, a, pic, mc, v, o, m …), so
// that a writer choosing other prefixes reads the same.
type node struct {
	name  string // "w:p", "wp:docPr" …
	attrs []xml.Attr
	kids  []*node
	text  string // character data, kept for text-bearing elements only
}

// namespaces maps the namespace URIs of WordprocessingML to the prefixes used here.
var namespaces = map[string]string{
	"http://schemas.openxmlformats.org/wordprocessingml/2006/main":              "w",
	"http://purl.oclc.org/ooxml/wordprocessingml/main":                          "w",
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships":       "r",
	"http://purl.oclc.org/ooxml/officeDocument/relationships":                   "r",
	"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing":    "wp",
	"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing":                "wp",
	"http://schemas.openxmlformats.org/drawingml/2006/main":                     "a",
	"http://purl.oclc.org/ooxml/drawingml/main":                                 "a",
	"http://schemas.openxmlformats.org/drawingml/2006/picture":                  "pic",
	"http://schemas.openxmlformats.org/markup-compatibility/2006":               "mc",
	"urn:schemas-microsoft-com:vml":                                             "v",
	"urn:schemas-microsoft-com:office:office":                                   "o",
	"http://schemas.openxmlformats.org/officeDocument/2006/math":                "m",
	"http://schemas.microsoft.com/office/word/2010/wordprocessingShape":         "wps",
	"http://schemas.openxmlformats.org/package/2006/metadata/core-properties":   "cp",
	"http://purl.org/dc/elements/1.1/":                                          "dc",
	"http://schemas.openxmlformats.org/package/2006/relationships":              "rel",
	"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": "ep",
}

// textElems are the elements whose character data is text.
var textElems = map[string]bool{"w:t": true, "w:delText": true, "w:instrText": true, "w:delInstrText": true,
	"m:t": true, "dc:title": true, "dc:creator": true, "dc:description": true, "dc:subject": true}

// maxDepth bounds the element nesting of a part; Word nests a few dozen deep.
const maxDepth = 256

// maxNodes bounds the elements of one part (a 1 MB .docx holds about 100,000).
const maxNodes = 3_000_000

// errDTD is returned for a part that declares a document type.
var errDTD = errors.New("it declares a DTD (<!DOCTYPE …>), which Word never writes; refused because it could define entities")

// parseXML reads one part into a tree. Any DTD is refused; entities other than
// XML's five predefined ones and character references are errors.
func parseXML(data []byte) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	root := &node{}
	stack := []*node{root}
	var raw []xml.Name // the names as written, to match end tags
	// scopes holds, per open element, the prefix bindings it declared.
	type binding struct{ prefix, old string }
	var scopes [][]binding
	prefixes := map[string]string{} // document prefix → canonical prefix
	count := 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, _ := d.InputPos()
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) > maxDepth {
				return nil, fmt.Errorf("elements nested more than %d deep", maxDepth)
			}
			if count++; count > maxNodes {
				return nil, fmt.Errorf("more than %d elements", maxNodes)
			}
			var bs []binding
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" {
					p := a.Name.Local
					if a.Name.Space == "" {
						p = ""
					}
					bs = append(bs, binding{p, prefixes[p]})
					canon, ok := namespaces[a.Value]
					if !ok {
						canon = "?" + a.Value
					}
					prefixes[p] = canon
				}
			}
			scopes = append(scopes, bs)
			n := &node{name: qname(prefixes, t.Name)}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" {
					continue
				}
				if a.Name.Space != "" {
					a.Name.Local = qname(prefixes, a.Name)
				}
				a.Name.Space = ""
				n.attrs = append(n.attrs, a)
			}
			parent := stack[len(stack)-1]
			parent.kids = append(parent.kids, n)
			stack = append(stack, n)
			raw = append(raw, t.Name)
		case xml.EndElement:
			if len(raw) == 0 || raw[len(raw)-1] != t.Name {
				line, _ := d.InputPos()
				return nil, fmt.Errorf("line %d: unexpected end tag </%s>", line, rawName(t.Name))
			}
			raw = raw[:len(raw)-1]
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
				for _, b := range scopes[len(scopes)-1] {
					prefixes[b.prefix] = b.old
				}
				scopes = scopes[:len(scopes)-1]
			}
		case xml.CharData:
			if n := stack[len(stack)-1]; textElems[n.name] {
				n.text += string(t)
			}
		case xml.Directive:
			return nil, errDTD
		}
	}
	if len(stack) != 1 || len(root.kids) != 1 {
		return nil, errors.New("not a well-formed XML document")
	}
	return root.kids[0], nil
}

func rawName(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// qname returns the canonical "prefix:local" of a raw name.
func qname(prefixes map[string]string, n xml.Name) string {
	p, ok := prefixes[n.Space]
	if !ok {
		p = n.Space
	}
	if p == "" {
		return n.Local
	}
	return p + ":" + n.Local
}

// attr returns the value of the attribute named name ("w:val"), or "".
func (n *node) attr(name string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// child returns the first child element named name, or nil.
func (n *node) child(name string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// path follows child names from n, returning nil when one is missing.
func (n *node) path(names ...string) *node {
	for _, name := range names {
		n = n.child(name)
	}
	return n
}

// val returns the w:val attribute of the child named name, or "".
func (n *node) val(name string) string {
	return n.child(name).attr("w:val")
}

// on reports whether the toggle property name (w:b, w:i, w:vanish …) is set in
// the property element n: present with no w:val, or with a true value.
func (n *node) on(name string) (set, value bool) {
	k := n.child(name)
	if k == nil {
		return false, false
	}
	switch strings.ToLower(k.attr("w:val")) {
	case "0", "false", "off", "none":
		return true, false
	}
	return true, true
}

// find calls fn for every descendant named name, depth first, not descending into matches.
func (n *node) find(name string, fn func(*node)) {
	for _, k := range n.kids {
		if k.name == name {
			fn(k)
			continue
		}
		k.find(name, fn)
	}
}

// allText returns the character data of the w:t (and, with del, w:delText)
// descendants of n.
func (n *node) allText(del bool) string {
	var sb strings.Builder
	var walk func(*node)
	walk = func(n *node) {
		if n.name == "w:t" || del && n.name == "w:delText" {
			sb.WriteString(n.text)
		}
		for _, k := range n.kids {
			walk(k)
		}
	}
	walk(n)
	return sb.String()
}
