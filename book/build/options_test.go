package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cjkbook/book/cjk"
	"cjkbook/book/convert"
)

// TestResolveErrors checks that every bad setting is refused up front, naming the flag or
// book.toml's line and key.
func TestResolveErrors(t *testing.T) {
	for _, tc := range []struct {
		name, toml string
		o          Options
		want       string
	}{
		{"page size", "title = \"书\"\n[pdf]\npage-size = \"A9\"\n", Options{}, "book.toml:3: [pdf] page-size: page size \"A9\""},
		{"page size flag", "", Options{PageSize: "huge"}, "--page-size: page size \"huge\""},
		{"font size", "[pdf]\n\nfont-size = \"99pt\"\n", Options{}, "book.toml:3: [pdf] font-size \"99pt\": want a size between 4pt and 72pt"},
		{"font size flag", "[pdf]\nfont-size = \"10pt\"\n", Options{FontSize: "1pt"}, "--font-size \"1pt\""},
		{"line height", "[pdf]\nline-height = 9\n", Options{}, "book.toml:2: [pdf] line-height 9"},
		{"margin", "[pdf]\nmargins = { top = \"2mm\", inner = \"x\" }\n", Options{}, "book.toml:2: [pdf] margins.inner: length \"x\""},
		{"margin table", "[pdf.margins]\ntop = \"1mm\"\nouter = \"9furlong\"\n", Options{}, "book.toml:3: [pdf] margins.outer"},
		{"no room", "[pdf]\nmargins = { inner = \"70mm\", outer = \"70mm\" }\n", Options{}, "book.toml:2: [pdf] margins leave no room"},
		{"writing mode", "title = \"书\"\nwriting-mode = \"diagonal\"\n", Options{}, "book.toml:2: writing-mode \"diagonal\": want"},
		{"script", "script = \"klingon\"\n", Options{}, "book.toml:1: script: convert: unknown script \"klingon\""},
		{"punctuation", "title = \"书\"\npunctuation = \"fancy\"\n", Options{}, "book.toml:2: punctuation \"fancy\": want \"gb\", \"kaiming\", \"banjiao\" or \"centred\""},
		{"punctuation flag", "punctuation = \"gb\"\n", Options{Punctuation: "tw"}, "--punctuation \"tw\""},
		{"footnotes", "[pdf]\nfootnotes = \"margin\"\n", Options{}, "book.toml:2: [pdf] footnotes \"margin\": want \"page\""},
		{"footnote numbers", "[pdf]\nfootnote-numbers = \"book\"\n", Options{}, "book.toml:2: [pdf] footnote-numbers \"book\": want \"chapter\""},
		{"numbers by page at the end", "[pdf]\nfootnotes = \"chapter\"\n\nfootnote-numbers = \"page\"\n", Options{}, "book.toml:4: [pdf] footnote-numbers \"page\": notes after the chapter"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if tc.toml != "" {
				if err := os.WriteFile(filepath.Join(dir, ConfigFile), []byte(tc.toml), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			tc.o.Src = dir
			_, err := Resolve(tc.o)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

// TestResolvePunct: the punctuation style is the flag's, else book.toml's, else the
// book's language decides it (centred for Traditional Chinese, gb otherwise), and
// hanging-punctuation reaches the layout.
func TestResolvePunct(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ConfigFile), []byte("punctuation = \"kaiming\"\nhanging-punctuation = true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		o    Options
		lang string
		want cjk.PunctStyle
	}{
		{Options{Src: dir}, "zh-TW", cjk.Kaiming},
		{Options{Src: dir, Punctuation: "centred"}, "zh-CN", cjk.Centred},
		{Options{Src: t.TempDir()}, "zh-CN", cjk.GB},
		{Options{Src: t.TempDir()}, "zh-Hant", cjk.Centred},
		{Options{Src: t.TempDir()}, "zh-HK", cjk.Centred},
		{Options{Src: t.TempDir()}, "zh-SG", cjk.GB},
		{Options{Src: t.TempDir(), Punctuation: "banjiao"}, "zh-TW", cjk.Banjiao},
	} {
		s, err := Resolve(tc.o)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Punct.For(tc.lang); got != tc.want {
			t.Errorf("%+v in %s: style %s, want %s", tc.o, tc.lang, got, tc.want)
		}
		if s.Layout.Hanging != (tc.o.Src == dir) {
			t.Errorf("%+v: hanging %v", tc.o, s.Layout.Hanging)
		}
	}
}

// TestResolve checks that flags win over book.toml and that paths follow the folder.
func TestResolve(t *testing.T) {
	dir := t.TempDir()
	toml := "script = \"simplified\"\nwriting-mode = \"vertical\"\nfont = \"f.ttf\"\nfallback-fonts = [\"/abs/g.ttf\"]\n" +
		"keep-boilerplate = true\n[pdf]\npage-size = \"A4\"\ncover = true\n[epub]\npage-list = false\ntoc-page = true\n"
	if err := os.WriteFile(filepath.Join(dir, ConfigFile), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Resolve(Options{Src: dir, Out: "out", Script: "traditional", FallbackFonts: []string{"h.ttf"}, PDF: true})
	if err != nil {
		t.Fatal(err)
	}
	if s.Convert.Script != convert.Traditional || !s.Convert.VerticalQuotes || !s.Layout.Vertical || !s.EPUB.Vertical ||
		!s.Cover.OnFirstPage || s.EPUBPageList || !s.EPUB.InBookTOC || !s.Load.KeepBoilerplate {
		t.Errorf("settings %+v", s)
	}
	if s.Books != (Books{PDF: true}) {
		t.Errorf("books %+v, want the PDF only", s.Books)
	}
	if s.Fonts.Regular != filepath.Join(dir, "f.ttf") || len(s.Fonts.Fallbacks) != 2 || s.Fonts.Fallbacks[0] != "/abs/g.ttf" || s.Fonts.Fallbacks[1] != filepath.Join(dir, "h.ttf") {
		t.Errorf("fonts %+v", s.Fonts)
	}
	if s, err := Resolve(Options{Src: dir, Font: "x.ttf"}); err != nil || s.Fonts.Regular != "x.ttf" || s.Books != (Books{EPUB: true, PDF: true}) {
		t.Errorf("--font: %+v, %v", s.Fonts, err)
	}
}
