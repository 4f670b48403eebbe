package gopdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
	"strings"
	"testing"
)

// TestMapSequences: with TtfOption.Variant, a variation sequence the font lists
// becomes one sequence code drawn with the variant glyph, whose ToUnicode entry is the
// base and the selector; a sequence drawn with the base's glyph becomes the base; an
// unlisted selector, a selector with nothing before it and a raw sequence code are
// errors. The font here maps no character itself (nothing parsed).
func TestMapSequences(t *testing.T) {
	var s SubsetFontObj
	s.init(func() *GoPdf { return nil })
	s.Family = "test"
	s.ttfFontOption.Variant = func(base, vs rune) (uint, bool) {
		if base == '葛' && vs == 0xE0100 {
			return 7, true
		}
		return 0, false
	}
	got, err := s.mapSequences("葛\U000E0100城葛\U000E0100")
	if want := "\U0010FFFD城\U0010FFFD"; err != nil || got != want {
		t.Fatalf("mapSequences = %+q, %v; want %+q", got, err, want)
	}
	if g, ok := s.CharacterToGlyphIndex.Val(0x10FFFD); !ok || g != 7 {
		t.Errorf("sequence code glyph %d, %v; want 7", g, ok)
	}
	if got, err := s.mapSequences("城"); err != nil || got != "城" {
		t.Errorf("mapSequences(城) = %q, %v", got, err)
	}
	for _, bad := range []string{"城\U000E0100", "\U000E0100", "\U0010FFFD"} {
		if _, err := s.mapSequences(bad); !errors.Is(err, ErrGlyphNotFound) {
			t.Errorf("mapSequences(%+q): %v, want ErrGlyphNotFound", bad, err)
		}
	}
	u := UnicodeMap{PtrToSubsetFontObj: &s}
	if err := u.encodeStream(&streamCompressor{}); err != nil {
		t.Fatal(err)
	}
	zr, err := zlib.NewReader(bytes.NewReader(u.encoded))
	if err != nil {
		t.Fatal(err)
	}
	cmap, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(cmap), "><845BDB40DD00>\n") {
		t.Errorf("ToUnicode has no entry 葛 U+E0100:\n%s", cmap)
	}
}
