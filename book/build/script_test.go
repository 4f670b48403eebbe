package build_test

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"cjkbook/book"
	"cjkbook/book/build"
	"cjkbook/book/internal/testenv"
)

// TestTaiwanBookStrings builds a zh-TW book whose book.toml has no `script` key and checks
// that both books generate the same strings, decided once by package cjk: the contents
// title 目錄 (never 目录) in the EPUB's navigation document, its NCX and the PDF's contents
// page, and the scene-break ornament ＊　＊　＊ in the EPUB's chapter and on the PDF's page.
func TestTaiwanBookStrings(t *testing.T) {
	src := t.TempDir()
	write(t, filepath.Join(src, "book.toml"), []byte("title = \"臺灣散記\"\nlanguage = \"zh-TW\"\n"))
	write(t, filepath.Join(src, "01.md"), []byte("# 第一章 開端\n\n清晨的街道很安靜。\n\n***\n\n傍晚下起了雨。\n"))
	out := t.TempDir()
	res, err := build.Run(context.Background(), build.Options{Src: src, Out: out})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	const title, ornament = "目錄", "＊　＊　＊"

	for name, want := range map[string]string{
		"nav.xhtml": `<h1 id="toc-title">` + title + `</h1>`,
		"toc.ncx":   `<text>` + title + `</text>`,
	} {
		if got := epubFile(t, res.EPUBPath, name); !strings.Contains(got, want) || strings.Contains(got, "目录") {
			t.Errorf("EPUB %s: want %s and no 目录 in:\n%s", name, want, got)
		}
	}
	// The text of the chapter pages, spaces dropped: the ornament without its U+3000s.
	chapter := epubText(t, res.EPUBPath)
	if n := strings.Count(chapter, strings.ReplaceAll(ornament, "\u3000", "")); n != 1 {
		t.Errorf("EPUB: the ornament %s %d times, want once, in:\n%s", ornament, n, chapter)
	}

	text, err := exec.Command(testenv.Tool(t, "pdftotext"), res.PDFPath, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pdf := string(text)
	if !strings.Contains(pdf, title) || strings.Contains(pdf, "目录") {
		t.Errorf("PDF: want the contents title %s and no 目录 in:\n%s", title, pdf)
	}
	if n := strings.Count(pdf, "＊"); n != 3 || strings.Contains(pdf, "⁂") {
		t.Errorf("PDF: %d ＊ (want the ornament %s once) in:\n%s", n, ornament, pdf)
	}
}

// TestCheckGlyphsIgnorables: the missing-glyph check reports a character no font has,
// once, but never a space, a control or a default-ignorable character (ZWJ, a variation
// selector, the soft hyphen), which neither book draws.
func TestCheckGlyphsIgnorables(t *testing.T) {
	faces, err := build.LoadFaces(build.FontSettings{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []rune{0x200D, 0xFE0F, 0xE0100, 0x00AD, 0x2060} {
		if faces.Regular.Covers(r) {
			t.Logf("U+%04X is in the font", r)
			continue // the font draws it: nothing to check
		}
		b := &book.Book{Chapters: []*book.Chapter{{Title: "一", Blocks: []book.Block{
			&book.Paragraph{Runs: []book.Run{{Text: "甲" + string(r) + "乙\u3000丙𪚥"}}},
		}}}}
		_, missing := build.CheckGlyphs(b, faces, false)
		if len(missing) != 1 || missing[0] != '𪚥' {
			t.Errorf("U+%04X: missing %q, want only 𪚥", r, missing)
		}
	}
}

// TestCheckGlyphsVariants: two variation sequences, ©️ (an emoji
// presentation selector, met by drawing © as it is) and 葛󠄀 (an ideographic variation
// sequence WenKai lacks), give no missing glyph; the IVS gets one warning, at its first
// place, that its base is drawn alone, and a second occurrence no other.
func TestCheckGlyphsVariants(t *testing.T) {
	faces, err := build.LoadFaces(build.FontSettings{})
	if err != nil {
		t.Fatal(err)
	}
	b := &book.Book{Chapters: []*book.Chapter{{Title: "一", Blocks: []book.Block{
		&book.Paragraph{Runs: []book.Run{{Text: "版权©\uFE0F所有"}}, At: book.Pos{File: "a.md", Line: 3}},
		&book.Paragraph{Runs: []book.Run{{Text: "葛\U000E0100城，葛\U000E0100城"}}, At: book.Pos{File: "a.md", Line: 5}},
	}}}}
	diags, missing := build.CheckGlyphs(b, faces, false)
	if len(missing) != 0 {
		t.Errorf("missing %q, want none", missing)
	}
	if len(diags) != 1 || !strings.Contains(diags[0].String(), "a.md:5") || !strings.Contains(diags[0].String(), "U+845B U+E0100") {
		t.Errorf("diagnostics %v, want one warning for 葛 U+E0100 at a.md:5", diags)
	}
}
