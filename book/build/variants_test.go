package build_test

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"context"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"cjkbook/book/build"
	"cjkbook/book/internal/testenv"
	"cjkbook/book/internal/testzip"
	"cjkbook/fonts"
	"cjkbook/fonts/fontstest"

	"github.com/chromedp/chromedp"
)

// TestVariationSequenceBooks builds a book with 葛󠄀 (葛 U+E0100) in three fonts. With a
// font whose cmap format 14 lists the sequence (book.toml's font: a WenKai subset whose
// format 14 maps it to 萬's glyph, under -short; HanaMinA in the full tier) there is no
// warning, the PDF's ToUnicode maps a glyph to 葛 U+E0100 and pdftotext gives the text
// back, and the EPUB's subset keeps the sequence with a glyph of its own. With the
// bundled WenKai, which has no format 14, there is the one warning and the base alone.
func TestVariationSequenceBooks(t *testing.T) {
	for _, tc := range []struct {
		name    string
		font    func(t *testing.T) string
		variant bool
	}{
		{"synthetic", func(t *testing.T) string {
			ttf, err := fontstest.Variants("一城，。", map[[2]rune]rune{{'葛', 0xE0100}: '萬'})
			if err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(t.TempDir(), "variants.ttf")
			if err := os.WriteFile(p, ttf, 0o644); err != nil {
				t.Fatal(err)
			}
			return p
		}, true},
		{"HanaMinA", func(t *testing.T) string {
			testenv.Slow(t, "a book in HanaMinA")
			return testenv.Font(t, "/usr/share/fonts/truetype/hanazono/HanaMinA.ttf", "fonts-hanazono")
		}, true},
		{"WenKai", func(*testing.T) string { return "" }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := t.TempDir()
			toml := "title = \"一\"\n"
			if f := tc.font(t); f != "" {
				toml += "font = \"" + f + "\"\n"
			}
			if err := os.WriteFile(filepath.Join(src, "book.toml"), []byte(toml), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(src, "ch.md"), []byte("# 一\n\n葛\U000E0100城，葛城。\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := build.Run(context.Background(), build.Options{Src: src, Out: t.TempDir()})
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			warned := 0
			for _, d := range res.Diagnostics {
				if strings.Contains(d.String(), "variation sequence") {
					warned++
				}
			}
			if want := map[bool]int{true: 0, false: 1}[tc.variant]; warned != want {
				t.Errorf("%d warnings of a variation sequence, want %d: %v", warned, want, res.Diagnostics)
			}
			pdf, err := os.ReadFile(res.PDFPath)
			if err != nil {
				t.Fatal(err)
			}
			if got := inflatedContains(pdf, "<845BDB40DD00>"); got != tc.variant {
				t.Errorf("PDF: a ToUnicode entry 葛 U+E0100: %v, want %v", got, tc.variant)
			}
			checkEPUBVariant(t, res.EPUBPath, tc.variant)
			if testing.Short() {
				return
			}
			out, err := exec.Command(testenv.Tool(t, "pdftotext"), "-enc", "UTF-8", res.PDFPath, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			txt := string(out)
			want := "葛城，葛城。"
			if tc.variant {
				want = "葛\U000E0100城，葛城。"
			}
			if !strings.Contains(txt, want) {
				t.Errorf("pdftotext gives %+q, want %+q in it", txt, want)
			}
			if tc.variant {
				// Without the sequence in the subset, Chromium takes 葛󠄀 from a system
				// font that has it (a reading system's own fallback), if any.
				checkChromium(t, res.EPUBPath, tc.name)
			}
		})
	}
}

// checkEPUBVariant checks that the EPUB's chapter keeps 葛 U+E0100 and that its regular
// subset draws it with a glyph of its own (variant) or has no format 14 at all.
func checkEPUBVariant(t *testing.T, path string, variant bool) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = zr.Close() }()
	var text bool
	for _, f := range zr.File {
		data := testzip.Read(t, f)
		if strings.HasSuffix(f.Name, ".xhtml") && bytes.Contains(data, []byte("葛\U000E0100城")) {
			text = true
		}
		if !strings.HasSuffix(f.Name, "fonts/regular.ttf") {
			continue
		}
		sub, err := fonts.Parse(f.Name, data)
		if err != nil {
			t.Fatal(err)
		}
		g, ok := sub.Variant('葛', 0xE0100)
		if variant && (!ok || g == sub.GlyphID('葛')) {
			t.Errorf("EPUB subset: 葛 U+E0100 = glyph %d, %v; want a glyph of its own", g, ok)
		}
		if !variant && sub.HasVariants() {
			t.Error("EPUB subset has a format 14 subtable, but the font has none")
		}
	}
	if !text {
		t.Error("no chapter of the EPUB holds 葛 U+E0100")
	}
}

// checkChromium sets 葛 and 葛󠄀 side by side in the EPUB's regular subset on a plain
// page in Chromium, whose HarfBuzz reads the subset's cmap format 14, and checks that
// their ink differs: the variant is drawn. With CJKBOOK_PICTURES set to a folder, the
// screenshot is written there, named after the case.
func checkChromium(t *testing.T, epubPath, name string) {
	t.Helper()
	chromium := testenv.Tool(t, "chromium")
	dir := t.TempDir()
	zr, err := zip.OpenReader(epubPath)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = zr.Close() }()
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "fonts/regular.ttf") {
			must(t, os.WriteFile(filepath.Join(dir, "regular.ttf"), testzip.Read(t, f), 0o644))
		}
	}
	const cell = 120
	page := `<!DOCTYPE html><html lang="zh"><meta charset="utf-8"><style>
@font-face { font-family: sub; src: url(regular.ttf); }
body { margin: 0; font: 100px/120px sub; background: #fff; }
span { display: inline-block; width: 120px; }
</style><span>葛</span><span>葛&#xE0100;</span></html>`
	must(t, os.WriteFile(filepath.Join(dir, "page.html"), []byte(page), 0o644))
	p := &enginePage{t: t, ctx: openEngine(t, chromium)}
	ctx, cancel := context.WithTimeout(p.ctx, enginePatience)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(2*cell, cell), chromedp.Navigate("file://"+filepath.Join(dir, "page.html"))); err != nil {
		t.Fatal(err)
	}
	if !eval[bool](p, `document.fonts.ready.then(() => [...document.fonts].every(f => f.status === "loaded"))`) {
		t.Fatal("Chromium did not load the subset")
	}
	shot := p.screenshot()
	if dir := os.Getenv("CJKBOOK_PICTURES"); dir != "" {
		out := filepath.Join(dir, "variant-"+name+".png")
		must(t, os.WriteFile(out, shot, 0o644))
		t.Logf("screenshot: %s", out)
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	ink, diff := 0, 0
	for y := 0; y < cell; y++ {
		for x := 0; x < cell; x++ {
			a, b := dark(img, x, y), dark(img, x+cell, y)
			if a {
				ink++
			}
			if a != b {
				diff++
			}
		}
	}
	switch {
	case ink < 500:
		t.Errorf("Chromium: 葛 has %d dark pixels: not drawn", ink)
	case diff < ink/20:
		t.Errorf("Chromium: 葛 and 葛󠄀 differ in %d of %d dark pixels: the variant is not drawn", diff, ink)
	}
	t.Logf("Chromium: 葛 %d dark pixels, 葛󠄀 differs in %d", ink, diff)
}

// inflatedContains reports whether a deflated stream of pdf holds s.
func inflatedContains(pdf []byte, s string) bool {
	for _, m := range regexp.MustCompile(`(?s)stream\r?\n`).FindAllIndex(pdf, -1) {
		zr, err := zlib.NewReader(bytes.NewReader(pdf[m[1]:]))
		if err != nil {
			continue
		}
		data, _ := io.ReadAll(zr) // up to the stream's end; the trailing bytes fail the checksum
		if bytes.Contains(data, []byte(s)) {
			return true
		}
	}
	return false
}
