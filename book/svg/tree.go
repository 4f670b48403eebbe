package svg

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// node is one element of the document tree with its character data.
type node struct {
	name     string
	attrs    []xml.Attr
	children []*node
	// parts interleaves character data ("" for none) and children: parts[i] is
	// the text before children[i]; the last part follows the last child.
	parts [][]byte
}

// attr returns the value of the attribute with that local name, or "".
func (n *node) attr(name string) string {
	for _, a := range n.attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// has reports whether the attribute is present.
func (n *node) has(name string) bool {
	for _, a := range n.attrs {
		if a.Name.Local == name {
			return true
		}
	}
	return false
}

// href returns the xlink:href or href attribute (attr matches the local name only).
func (n *node) href() string { return n.attr("href") }

// readTree parses the document into a tree of elements, bounded in element
// count and depth. The root must be an <svg> element.
func readTree(data []byte) (*node, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	// Only UTF-8 (and its ASCII subset) is read; other encodings are an error.
	dec.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		switch strings.ToLower(label) {
		case "utf-8", "utf8", "us-ascii", "ascii":
			return in, nil
		}
		return nil, fmt.Errorf("encoding %q is not supported (save the file as UTF-8)", label)
	}
	var root *node
	var stack []*node
	count := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrSVG, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			count++
			if count > MaxElements {
				return nil, fmt.Errorf("%w: more than %d elements", ErrSVG, MaxElements)
			}
			if len(stack) >= MaxDepth {
				return nil, fmt.Errorf("%w: elements nested deeper than %d", ErrSVG, MaxDepth)
			}
			n := &node{name: t.Name.Local, attrs: t.Attr, parts: [][]byte{nil}}
			if len(stack) == 0 {
				if root != nil {
					return nil, fmt.Errorf("%w: more than one root element", ErrSVG)
				}
				if n.name != "svg" {
					return nil, fmt.Errorf("%w: the root element is <%s>, not <svg>", ErrSVG, n.name)
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
				p.parts = append(p.parts, nil)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.parts[len(p.parts)-1] = append(p.parts[len(p.parts)-1], t...)
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("%w: no <svg> element", ErrSVG)
	}
	return root, nil
}
