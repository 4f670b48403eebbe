package htmlmodel

import (
	"testing"

	"golang.org/x/net/html"
)

// TestFragmentLines checks that ParseFragment's elements know their lines,
// counted from firstLine, and that text nodes take the line of the element
// before them.
func TestFragmentLines(t *testing.T) {
	src := "<p>一</p>\n\n<div>\n<span>二</span>\n三</div>"
	ns, err := ParseFragment([]byte(src), 10)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.ElementNode:
			got[n.Data] = Line(n)
			if Attr(n, lineAttr) != "" {
				t.Errorf("Attr shows the line attribute of <%s>", n.Data)
			}
		case html.TextNode:
			if n.Data == "\n三" {
				got["text"] = Line(n)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range ns {
		walk(n)
	}
	want := map[string]int{"p": 10, "div": 12, "span": 13, "text": 13}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: line %d, want %d", k, got[k], v)
		}
	}
}

// TestTags checks the tokens Tags reads from raw HTML snippets.
func TestTags(t *testing.T) {
	for _, tc := range []struct {
		in   string
		name string
		end  bool
		attr string // the value of the title attribute
	}{
		{"<sup>", "sup", false, ""},
		{"</SUP>", "sup", true, ""},
		{`<abbr title="a &amp; b" title="no">`, "abbr", false, "a & b"},
		{"<!-- 注释 -->", "!--", false, ""},
		{"<?php x ?>", "!--", false, ""},
		{"<br/>", "br", false, ""},
	} {
		ts := Tags(tc.in)
		if len(ts) != 1 {
			t.Fatalf("%s: %d tokens", tc.in, len(ts))
		}
		if g := ts[0]; g.Name != tc.name || g.End != tc.end || g.Attrs["title"] != tc.attr || g.Raw != tc.in {
			t.Errorf("%s: got %+v", tc.in, g)
		}
	}
}
