package layout

import (
	"bytes"
	"strings"
	"testing"

	"cjkbook/book"
	"cjkbook/book/internal/golden"
)

// TestGoldenTree lays out the feature book, horizontal and vertical, and compares its
// structure tree with testdata/features.tree (go test -update rewrites it): the same
// tree both ways.
func TestGoldenTree(t *testing.T) {
	o := DefaultOptions()
	o.Width, o.Height, _ = PageSize("100x150mm")
	o.Margins = Margins{Top: MM(12), Bottom: MM(12), Inner: MM(10), Outer: MM(10)}
	var dumps [2]bytes.Buffer
	for i, vertical := range []bool{false, true} {
		o.Vertical = vertical
		d, err := Layout(featureBook(t), []Metrics{FakeMetrics{}, FakeMetrics{}}, o)
		if err != nil {
			t.Fatal(err)
		}
		checkTree(t, d)
		if err := d.DumpTree(&dumps[i]); err != nil {
			t.Fatal(err)
		}
	}
	got := dumps[0].String()
	golden.Open(t, "testdata", ".tree").Check(t, "features.tree", dumps[0].Bytes())
	// Vertical pages split text into glyphs and break lines elsewhere, but the tree and
	// each element's text stay (page numbers and spaces at line ends aside).
	if h, v := treeLines(got), treeLines(dumps[1].String()); h != v {
		t.Errorf("vertical tree differs:\n%s\nhorizontal:\n%s", v, h)
	}
	for _, want := range []string{"Document\n", "\n  TOC\n", "TOCI\n", "Link links=1", "\n  Part\n", "\n    H1 \"第一部\"",
		"\n    Sect\n", "H1 \"第一章\"", "P \"开端\"", "H2 \"第一节\"", "H3 \"小节\"", "Span \"着重号\"", "Link links=1 \"链接\"",
		"Reference \"1\"", "BlockQuote", "L\n", "LI\n", "Lbl \"•\"", "Lbl \"1.\"", "LBody", "Code \"fn main() {", "Table",
		"THead", "TH scope=\"Column\" \"类型\"", "TBody", "TD \"i32\"", "Figure alt=\"一张图\"", "Caption \"一张图\"",
		"Note id=\"fn1\"", "Lbl \"1\"", "artifact -1 items=", "artifact -2 items="} {
		if !strings.Contains(got, want) {
			t.Errorf("tree lacks %q", want)
		}
	}
}

// treeLines is a tree dump without the artifact counts (vertical pages split the TOC
// leaders into glyphs), spaces and digits (page numbers).
func treeLines(s string) string {
	if i := strings.Index(s, "\nartifact "); i >= 0 {
		s = s[:i]
	}
	return strings.Map(func(r rune) rune {
		if r == ' ' || r >= '0' && r <= '9' {
			return -1
		}
		return r
	}, s)
}

// checkTree asserts what the drawer relies on: parents before children, every Tag an
// element or an artifact kind, no breaker run Tag left.
func checkTree(t *testing.T, d *Document) {
	t.Helper()
	if len(d.Tree) == 0 || d.Tree[0].Role != RoleDocument || d.Tree[0].Parent != -1 {
		t.Fatalf("tree does not start with the Document: %v", d.Tree[:min(1, len(d.Tree))])
	}
	for i, e := range d.Tree[1:] {
		if e.Parent < 0 || e.Parent > i {
			t.Errorf("element %d (%s): parent %d", i+1, e.Role, e.Parent)
		}
	}
	for pi, p := range d.Pages {
		for ii, it := range p.Items {
			if it.Tag > Tag(len(d.Tree)) || it.Tag < Background {
				t.Errorf("page %d item %d %q: tag %d", pi, ii, it.Text, it.Tag)
			}
			if it.Kind == Text && strings.TrimSpace(it.Text) != "" && it.Tag <= 0 && p.Body && it.Size >= 10 && !isOrnament(it.Text) {
				t.Errorf("page %d: body text %q is an artifact", pi, it.Text)
			}
		}
	}
}

// isOrnament reports whether s is a scene-break ornament or part of one.
func isOrnament(s string) bool { return strings.Trim(s, "⁂＊\u3000") == "" }

func TestTagLine(t *testing.T) {
	runs := []book.Run{{Text: "甲"}, {Text: "链", Style: book.Link, Href: "#x"}, {Text: "乙"}, {Text: "码", Style: book.Code}}
	items := []Item{{Kind: Text, Tag: runTag(0)}, {Kind: Text, Tag: runTag(1)}, {Kind: Box, Tag: Artifact, Text: "𠀀"}, {Kind: Text, Tag: runTag(3)}, {Kind: Dot}}
	links := []Link{{Tag: runTag(1)}}
	var tr tree
	p := tr.add(RoleP, -1)
	tr.tagLine(items, links, runs, p, nil)
	roles := func(tg Tag) string {
		if tg.Elem() < 0 {
			return "artifact"
		}
		return tr.elems[tg.Elem()].Role
	}
	var got []string
	for _, it := range items {
		got = append(got, roles(it.Tag))
	}
	if want := "P Link artifact Code artifact"; strings.Join(got, " ") != want {
		t.Errorf("roles %q, want %q", strings.Join(got, " "), want)
	}
	if links[0].Tag != items[1].Tag {
		t.Errorf("the link's tag %d is not its text's %d", links[0].Tag, items[1].Tag)
	}
	// el < 0: all artifacts.
	items2 := []Item{{Kind: Text, Tag: runTag(0)}}
	tr.tagLine(items2, nil, runs, -1, nil)
	if items2[0].Tag != Artifact {
		t.Errorf("tag %d, want an artifact", items2[0].Tag)
	}
	if HeadingRole(0) != "H1" || HeadingRole(9) != "H6" || HeadingRole(3) != "H3" {
		t.Errorf("HeadingRole")
	}
}
