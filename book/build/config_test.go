package build

import (
	"fmt"
	"os"
	"path/filepath"
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
	// Chapter subtitles, as a [subtitles] table or an inline one, keep the line they are set on.
	c, err = DecodeConfig("src/book.toml", []byte("title = \"书\"\n\n[subtitles]\n\"第一篇\" = \"北京的夏天\"\n'02-春.txt' = \"春\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(subtitles(c))
	if want := "[{第一篇 北京的夏天 src/book.toml:4} {02-春.txt 春 src/book.toml:5}]"; got != want {
		t.Errorf("subtitles = %s, want %s", got, want)
	}
	c, err = DecodeConfig("book.toml", []byte("title = \"书\"\nsubtitles = { \"第二篇\" = \"雨后\" }\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(subtitles(c)), "[{第二篇 雨后 book.toml:2}]"; got != want {
		t.Errorf("inline subtitles = %s, want %s", got, want)
	}
	for _, tc := range []struct{ in, want string }{
		{"[subtitels]\n\"第一篇\" = \"x\"\n", `book.toml:1: unknown key "subtitels"`},
		{"[subtitles]\n\"第一篇\" = 3\n", "book.toml"},
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

// TestConfigSubtitles checks that book.toml's [subtitles] reach the loaded book as the
// manuscript's subtitles (printed at the chapter opening, not generated), and that a name
// no chapter answers to is a warning at its book.toml line.
func TestConfigSubtitles(t *testing.T) {
	dir := t.TempDir()
	toml := "title = \"抗疫随笔\"\n\n[subtitles]\n\"第一篇\" = \"北京的夏天\"\n\"第九篇\" = \"无\"\n"
	text := "抗疫随笔\n\n疫情是一次大考。\n\n抗疫随笔\n\n6月11日以来，北京市新发地批发市场发生聚集性疫情。\n\n抗疫随笔\n\n6月17日，北京市新增确诊病例。\n"
	for name, data := range map[string]string{"book.toml": toml, "a.txt": text} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l, err := Load(Options{Src: dir})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range l.Book.Chapters {
		got = append(got, fmt.Sprintf("%s|%s|%v", c.Title, c.Subtitle, c.SubtitleGenerated))
	}
	if want := "引言||false 第一篇|北京的夏天|false 第二篇|6月17日|true"; strings.Join(got, " ") != want {
		t.Errorf("chapters %q, want %q", got, want)
	}
	warned := false
	for _, d := range l.Diagnostics {
		if d.At.Line == 5 && strings.HasSuffix(d.At.File, "book.toml") && strings.Contains(d.Msg, `"第九篇"`) {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no warning at book.toml:5 for 第九篇: %v", l.Diagnostics)
	}
}
