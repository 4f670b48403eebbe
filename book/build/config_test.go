package build

import (
	"strings"
	"testing"
)

func TestDecodeConfig(t *testing.T) {
	good := `title = "书"
author = "某"
chapters = ["a.txt", "b.md"]
fallback-fonts = ["x.ttf"]

[pdf]
page-size = "B5"
font-size = "11pt"
margins = { top = "20mm", bottom = "22mm" }
chapters-on-odd-pages = true

[epub]
toc-page = true
`
	c, err := DecodeConfig("book.toml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "书" || len(c.Chapters) != 2 || c.PDF.PageSize != "B5" || c.PDF.Margins.Top != "20mm" || !c.PDF.ChaptersOnOddPages || c.EPUB.TOCPage == nil || !*c.EPUB.TOCPage {
		t.Errorf("decoded %+v", c)
	}
	for _, tc := range []struct{ in, want string }{
		{"title = \"a\"\ntitel = \"b\"\n", `book.toml:2: unknown key "titel"`},
		{"[pdf]\npage-size = \"A5\"\npagesize = \"A4\"\n", `book.toml:3: unknown key "pdf.pagesize"`},
		{"[book]\ntitle = \"x\"\n", `unknown key "book`},
		{"[pdf]\nmargins = { top = \"1mm\", left = \"2mm\" }\n", `book.toml:2: unknown key "pdf.margins.left"`},
		{"title = \n", "book.toml:1:"},
		{"chapters = \"a.txt\"\n", "book.toml"},
	} {
		_, err := DecodeConfig("book.toml", []byte(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err = %v, want it to contain %q", tc.in, err, tc.want)
		}
	}
}

func TestParseLength(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
		ok   bool
	}{{"25.4mm", 72, true}, {"1in", 72, true}, {"10pt", 10, true}, {"12", 12, true}, {"2cm", 56.69, true}, {"abc", 0, false}, {"-3mm", 0, false}} {
		got, err := ParseLength(tc.in)
		if (err == nil) != tc.ok || (tc.ok && (got-tc.want > 0.01 || tc.want-got > 0.01)) {
			t.Errorf("ParseLength(%q) = %v, %v", tc.in, got, err)
		}
	}
}
