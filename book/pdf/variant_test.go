package pdf

import (
	"encoding/binary"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"cjkbook/book/internal/testenv"
	"cjkbook/book/pdf/layout"
	"cjkbook/fonts"
	"cjkbook/fonts/fontstest"
)

// hanaMinA is Hanazono Mincho A (Debian fonts-hanazono), whose cmap format 14 holds
// the Adobe-Japan1 and Hanyo-Denshi ideographic variation sequences.
const hanaMinA = "/usr/share/fonts/truetype/hanazono/HanaMinA.ttf"

// TestVariationSequences: a Text item with 葛 U+E0100 in a face whose cmap format 14
// lists it draws the variant glyph (a glyph of its own in the subset), whose ToUnicode
// entry gives back the base and the selector; 葛 U+E0101, which the fonts draw with the
// base's own glyph, is drawn as 葛. The synthetic font (a WenKai subset whose format 14
// maps 葛 U+E0100 to 萬's glyph) runs under -short; HanaMinA and the external tools in
// the full tier.
func TestVariationSequences(t *testing.T) {
	const drawn = "葛\U000E0100城葛城葛\U000E0101"
	for _, tc := range []struct {
		name string
		face func(t *testing.T) *fonts.Face
	}{
		{"synthetic", func(t *testing.T) *fonts.Face {
			ttf, err := fontstest.Variants("城", map[[2]rune]rune{{'葛', 0xE0100}: '萬', {'葛', 0xE0101}: '葛'})
			if err != nil {
				t.Fatal(err)
			}
			f, err := fonts.Parse("variants.ttf", ttf)
			if err != nil {
				t.Fatal(err)
			}
			return f
		}},
		{"HanaMinA", func(t *testing.T) *fonts.Face {
			testenv.Slow(t, "HanaMinA")
			data, err := os.ReadFile(testenv.Font(t, hanaMinA, "fonts-hanazono"))
			if err != nil {
				t.Fatal(err)
			}
			f, err := fonts.Parse(hanaMinA, data)
			if err != nil {
				t.Fatal(err)
			}
			return f
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			face := tc.face(t)
			d := &layout.Document{Width: 300, Height: 200, Pages: []layout.Page{{Items: []layout.Item{
				text(20, 60, layout.Regular, 20, 0, drawn),
			}}}}
			path, b := writeFile(t, d, []*fonts.Face{face}, DefaultOptions())
			objs := pdfObjects(b)
			var cmap string
			for _, o := range objs {
				if m := regexp.MustCompile(`/ToUnicode (\d+) 0 R`).FindStringSubmatch(o); m != nil {
					n, _ := strconv.Atoi(m[1])
					cmap = string(inflatedStream(t, objs, n))
				}
			}
			if !regexp.MustCompile(`<[0-9A-F]{4}><845BDB40DD00>\n`).MatchString(cmap) {
				t.Errorf("ToUnicode has no entry 葛 U+E0100 (<845BDB40DD00>):\n%s", cmap)
			}
			progs := fontPrograms(t, b)
			if len(progs) != 1 {
				t.Fatalf("%d font programs, want 1", len(progs))
			}
			// .notdef, 葛, 城 and the variant.
			if n := binary.BigEndian.Uint16(sfntTables(t, progs[0])["maxp"][4:]); n != 4 {
				t.Errorf("the subset holds %d glyphs, want 4 (.notdef 葛 城 and 葛󠄀)", n)
			}
			if testing.Short() {
				return
			}
			txt, _ := run(t, "pdftotext", "-enc", "UTF-8", path, "-")
			if got, want := strings.TrimSpace(txt), "葛\U000E0100城葛城葛"; got != want {
				t.Errorf("pdftotext = %+q, want %+q", got, want)
			}
			trace, _ := run(t, "mutool", "trace", path)
			glyphs := regexp.MustCompile(`unicode="(.)" glyph="(\d+)"`).FindAllStringSubmatch(trace, -1)
			var ge []string
			for _, g := range glyphs {
				if g[1] == "葛" {
					ge = append(ge, g[2])
				}
			}
			if len(ge) != 3 || ge[0] == ge[1] || ge[1] != ge[2] {
				t.Errorf("glyphs of 葛 drawn: %v, want the variant, then the base twice", ge)
			}
		})
	}
}
