package epub

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"cjkbook/book"
)

// TestPageMarkers places markers before the title, inside a paragraph (in a
// plain run, at a run boundary, inside a styled run, never inside a note
// reference), at the start of a paragraph, before other blocks and before the notes, and lists them in
// the page-list in page order.
func TestPageMarkers(t *testing.T) {
	para := &book.Paragraph{Runs: []book.Run{
		{Text: "春眠"}, {Text: "不觉晓", Style: book.Strong}, {Text: "1", Style: book.NoteRef, Href: "n1"}, {Text: "处处闻啼鸟"},
	}}
	b := &book.Book{Meta: book.Metadata{Title: "书"}, Chapters: []*book.Chapter{{
		Title:  "第一章",
		ID:     "c",
		Blocks: []book.Block{para, &book.CodeBlock{Text: "x"}, &book.Paragraph{Runs: []book.Run{{Text: "夜来"}}}},
		Notes:  []*book.Footnote{{ID: "n1", Label: "1", Blocks: []book.Block{&book.Paragraph{Runs: []book.Run{{Text: "注文"}}}}}},
	}}}
	breaks := []PageBreak{
		{Label: "1", Chapter: 0, Block: BeforeTitle},
		{Label: "2", Chapter: 0, Block: 0, Rune: 1},
		{Label: "3", Chapter: 0, Block: 0, Rune: 2},
		{Label: "4", Chapter: 0, Block: 0, Rune: 3},
		{Label: "5", Chapter: 0, Block: 0, Rune: 5},
		{Label: "6", Chapter: 0, Block: 0, Rune: 6},
		{Label: "7", Chapter: 0, Block: 1, Rune: 9},
		{Label: "8", Chapter: 0, Block: 2},
		{Label: "9", Chapter: 0, Block: 3},
		{Label: "11", Chapter: 3, Block: 0}, // no such chapter: dropped
		{Label: "", Chapter: 0, Block: 0},   // no label: dropped
		{Label: "12", Chapter: 0, Block: 7}, // no such block: dropped
	}
	m := resolve(b, Options{})
	plan := planBook(b, m, breaks)
	var buf bytes.Buffer
	plan.r.chapter(&buf, plan.chapters[0])
	got := buf.String()
	mk := func(n string) string {
		return `<span epub:type="pagebreak" role="doc-pagebreak" id="page-` + n + `" aria-label="` + n + `" title="` + n + `"/>`
	}
	for _, want := range []string{
		`<h1 class="chapter-title" id="title">` + mk("1") + `第一章</h1>`,
		`<p>春` + mk("2") + `眠` + mk("3") + `<strong>不</strong>` + mk("4") + `<strong>觉晓</strong>` + mk("5") +
			`<sup><a epub:type="noteref"`,
		`</a></sup>` + mk("6") + `处处闻啼鸟</p>`,
		mk("7") + `<pre><code>x</code></pre>`,
		`<p>` + mk("8") + `夜来</p>`,
		`</section>` + "\n" + mk("9") + `<section class="footnotes"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("chapter lacks %s\n%s", want, got)
		}
	}
	nav := string(navXHTML(m, plan, false))
	var list []string
	for _, n := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"} {
		list = append(list, `<li><a href="xhtml/c.xhtml#page-`+n+`">`+n+`</a></li>`)
	}
	if !strings.Contains(nav, `<nav epub:type="page-list" role="doc-pagelist" id="page-list" aria-label="页码" hidden="hidden">`+"\n<ol>\n"+strings.Join(list, "\n")+"\n</ol>\n</nav>") {
		t.Errorf("nav page-list:\n%s", nav)
	}
	// The NCX lists the same pages, numbered in reading order with the contents entries.
	ncx := string(ncxXML(m, plan))
	var targets []string
	for i, n := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"} {
		targets = append(targets, `<pageTarget type="normal" value="`+n+`" playOrder="`+strconv.Itoa(i+3)+`"><navLabel><text>`+n+
			`</text></navLabel><content src="xhtml/c.xhtml#page-`+n+`"/></pageTarget>`)
	}
	if !strings.Contains(ncx, `<pageList><navLabel><text>页码</text></navLabel>`+"\n"+strings.Join(targets, "\n")+"\n</pageList>") ||
		!strings.Contains(ncx, `playOrder="2"><navLabel><text>第一章</text>`) || !strings.Contains(ncx, `"dtb:totalPageCount" content="9"`) {
		t.Errorf("NCX page list:\n%s", ncx)
	}
	// Without breaks: no markers, no page-list, no page source.
	plan = planBook(b, m, nil)
	buf.Reset()
	plan.r.chapter(&buf, plan.chapters[0])
	if strings.Contains(buf.String(), "pagebreak") || strings.Contains(string(navXHTML(m, plan, false)), "page-list") {
		t.Error("markers or page-list without page breaks")
	}
}

// TestPageType sorts page labels into the NCX's page types.
func TestPageType(t *testing.T) {
	for _, tc := range []struct{ label, kind, value string }{
		{"37", "normal", "37"}, {"iii", "front", ""}, {"XIV", "front", ""}, {"07", "special", ""}, {"A-1", "special", ""}, {"0", "special", ""},
	} {
		if kind, value := pageType(tc.label); kind != tc.kind || value != tc.value {
			t.Errorf("pageType(%q) = %s, %q; want %s, %q", tc.label, kind, value, tc.kind, tc.value)
		}
	}
}
