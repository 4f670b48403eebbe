package fonts_test

import (
	"os"
	"testing"

	"cjkbook/fonts"
	"cjkbook/fonts/fontstest"
)

// hanaMinA is Hanazono Mincho A (Debian fonts-hanazono): its cmap format 14 holds the
// Adobe-Japan1 and Hanyo-Denshi ideographic variation sequences.
const hanaMinA = "/usr/share/fonts/truetype/hanazono/HanaMinA.ttf"

// systemFont returns path, or skips the test when the font is absent (fails under
// CJKBOOK_REQUIRE_TOOLS=1, as CI sets it: .ci/run installs the package).
func systemFont(t *testing.T, path, pkg string) string {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CJKBOOK_REQUIRE_TOOLS") == "1" {
			t.Fatalf("font %s is required (CJKBOOK_REQUIRE_TOOLS=1): apt-get install %s", path, pkg)
		}
		t.Skipf("SKIP: font %s not installed; apt-get install %s to run this check", path, pkg)
	}
	return path
}

// TestSubsetSequences: a subset keeps the variation sequences it is asked for, that
// the font lists and whose base it maps, in a format 14 subtable, with their glyphs;
// without sequences the subset has no format 14 subtable.
func TestSubsetSequences(t *testing.T) {
	ttf, err := fontstest.Variants("城", map[[2]rune]rune{{'葛', 0xE0100}: '萬', {'葛', 0xE0101}: '葛'})
	if err != nil {
		t.Fatal(err)
	}
	face, err := fonts.Parse("variants", ttf)
	if err != nil {
		t.Fatal(err)
	}
	hana := func() *fonts.Face {
		data, err := os.ReadFile(systemFont(t, hanaMinA, "fonts-hanazono"))
		if err != nil {
			t.Fatal(err)
		}
		f, err := fonts.Parse("HanaMinA", data)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	for _, tc := range []struct {
		name string
		face func() *fonts.Face
	}{
		{"synthetic", func() *fonts.Face { return face }},
		{"HanaMinA", hana},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.face()
			want, ok := f.Variant('葛', 0xE0100)
			if !ok || want == f.GlyphID('葛') {
				t.Fatalf("font: 葛 U+E0100 = glyph %d, %v; want a glyph of its own", want, ok)
			}
			seqs := [][2]rune{{'葛', 0xE0100}, {'葛', 0xE0101}, {'城', 0xE0100}, {'一', 0xE0100}}
			data, err := fonts.SubsetWith(f, []rune("葛城"), fonts.SubsetOptions{Sequences: seqs})
			if err != nil {
				t.Fatal(err)
			}
			sub, err := fonts.Parse("subset", data)
			if err != nil {
				t.Fatal(err)
			}
			g, ok := sub.Variant('葛', 0xE0100)
			if !ok || g == sub.GlyphID('葛') || g == 0 {
				t.Fatalf("subset: 葛 U+E0100 = glyph %d, %v; want a glyph of its own", g, ok)
			}
			if sub.GlyphAdvance(g) != f.GlyphAdvance(want) {
				t.Errorf("subset: variant advance %d, font %d", sub.GlyphAdvance(g), f.GlyphAdvance(want))
			}
			if g, ok := sub.Variant('葛', 0xE0101); !ok || g != sub.GlyphID('葛') {
				t.Errorf("subset: 葛 U+E0101 = %d, %v; want the base glyph %d", g, ok, sub.GlyphID('葛'))
			}
			if _, ok := sub.Variant('一', 0xE0100); ok {
				t.Error("subset: 一 U+E0100 kept, but 一 is not in the subset")
			}
			if !testing.Short() {
				// As the EPUB subsets it, through the sanitizer browsers run on web fonts.
				epub, err := fonts.SubsetWith(f, []rune("葛城"), fonts.SubsetOptions{UnitsPerEm: 200, TextOnly: true, VerticalForms: true, Sequences: seqs})
				if err != nil {
					t.Fatal(err)
				}
				fonts.Sanitize(t, epub)
			}
			plain, err := fonts.SubsetWith(f, []rune("葛城"), fonts.SubsetOptions{})
			if err != nil {
				t.Fatal(err)
			}
			p, err := fonts.Parse("plain", plain)
			if err != nil {
				t.Fatal(err)
			}
			if p.HasVariants() || p.NumGlyphs() >= sub.NumGlyphs() {
				t.Errorf("subset without sequences: format 14 %v, %d glyphs (with: %d)", p.HasVariants(), p.NumGlyphs(), sub.NumGlyphs())
			}
		})
	}
}
