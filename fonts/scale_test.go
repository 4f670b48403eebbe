package fonts

import (
	"bytes"
	"compress/flate"
	"errors"
	"image"
	"image/draw"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

func TestSubsetWithZeroIsSubset(t *testing.T) {
	reg, bold := defaultFaces(t)
	for _, f := range []*Face{reg, bold} {
		a, err1 := Subset(f, seedRunes(t))
		b, err2 := SubsetWith(f, seedRunes(t), SubsetOptions{})
		c, err3 := SubsetWith(f, seedRunes(t), SubsetOptions{UnitsPerEm: f.UnitsPerEm})
		if err := errors.Join(err1, err2, err3); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) || !bytes.Equal(a, c) {
			t.Errorf("%s: SubsetWith without rescaling differs from Subset", f.Name)
		}
	}
}

func TestSubsetWithRejects(t *testing.T) {
	reg, _ := defaultFaces(t)
	for _, upem := range []int{-1, 1, 15} {
		if _, err := SubsetWith(reg, []rune("中"), SubsetOptions{UnitsPerEm: upem}); err == nil {
			t.Errorf("UnitsPerEm %d accepted", upem)
		}
	}
}

func TestSubsetTextOnly(t *testing.T) {
	reg, _ := defaultFaces(t)
	sub, err := SubsetWith(reg, []rune("中文，！"), SubsetOptions{TextOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	pf, err := Parse("s.ttf", sub)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "中文，！Az09." {
		if !pf.Covers(r) {
			t.Errorf("%q missing", r)
		}
	}
	for _, r := range "é…「」Ａ" { // basic ranges Subset keeps, not in the text
		if pf.Covers(r) {
			t.Errorf("%q kept although TextOnly", r)
		}
	}
	if want := 1 + 4 + 95; pf.NumGlyphs() > want {
		t.Errorf("%d glyphs, want at most %d", pf.NumGlyphs(), want)
	}
}

// TestSubsetScaled checks rescaled subsets glyph by glyph against the source font: every
// rune still maps, advances and outline extremes move by at most half a unit of the new
// grid, the head bounding box is the union of the outlines, no outline gains segments, and
// the container is valid.
func TestSubsetScaled(t *testing.T) {
	reg, bold := defaultFaces(t)
	novel := []rune(nil) // the novel's characters when the corpus is there
	base := os.Getenv("CJKBOOK_CORPUS")
	if base == "" {
		base = filepath.Join("..", "..", "shared", "corpus")
	}
	if b, err := os.ReadFile(filepath.Join(base, "hongloumeng", "hongloumeng.txt")); err == nil {
		novel = distinct(string(b))
	} else {
		t.Logf("SKIP novel case: %v", err)
	}
	cases := []struct {
		name  string
		face  *Face
		runes []rune
		upem  int
	}{
		{"seed 200", reg, seedRunes(t), 200},
		{"seed bold 200", bold, seedRunes(t), 200},
		{"non-BMP and accents 250", reg, []rune("𠮷野家中 ABC xyz 123！éàüÅǖ"), 250},
		{"seed 64", reg, seedRunes(t), 64},
		{"minimum 16", reg, []rune("中文A"), 16},
		{"format 4 overflow 200", reg, everyOther(0x4E00, 0x9FFF), 200},
	}
	if novel != nil {
		cases = append(cases, struct {
			name  string
			face  *Face
			runes []rune
			upem  int
		}{"novel 200", reg, novel, 200})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o := SubsetOptions{UnitsPerEm: tc.upem}
			sub, err := SubsetWith(tc.face, tc.runes, o)
			if err != nil {
				t.Fatal(err)
			}
			if again, err := SubsetWith(tc.face, tc.runes, o); err != nil || !bytes.Equal(sub, again) {
				t.Errorf("two runs differ (err %v)", err)
			}
			checkStructure(t, sub)
			checkScaled(t, tc.face, sub, tc.runes, tc.upem)
		})
	}
}

func checkScaled(t *testing.T, orig *Face, sub []byte, runes []rune, upem int) {
	t.Helper()
	pf, err := Parse("scaled.ttf", sub)
	if err != nil {
		t.Fatalf("fonts.Parse: %v", err)
	}
	if pf.UnitsPerEm != upem {
		t.Errorf("unitsPerEm %d, want %d", pf.UnitsPerEm, upem)
	}
	half := 0.5/float64(upem) + 1e-9 // em
	if d := math.Abs(pf.Ascent() - orig.Ascent()); d > half {
		t.Errorf("ascent %v, source %v", pf.Ascent(), orig.Ascent())
	}
	if d := math.Abs(pf.Descent() - orig.Descent()); d > half {
		t.Errorf("descent %v, source %v", pf.Descent(), orig.Descent())
	}
	of, err := sfnt.Parse(orig.Data)
	if err != nil {
		t.Fatal(err)
	}
	sf, err := sfnt.Parse(sub)
	if err != nil {
		t.Fatalf("x/image/font/sfnt cannot parse the rescaled subset: %v", err)
	}
	checkBounds(t, sf, fixed.I(upem))
	var ob, sb sfnt.Buffer
	bad := 0
	for _, r := range slices.Compact(slices.Sorted(slices.Values(runes))) {
		if r < 0 || r > 0x10FFFF || !orig.Covers(r) {
			continue
		}
		og, _ := of.GlyphIndex(&ob, r)
		sg, err := sf.GlyphIndex(&sb, r)
		if err != nil || sg == 0 {
			t.Errorf("U+%04X missing (%v)", r, err)
			bad++
			continue
		}
		if d := math.Abs(pf.Advance(r) - orig.Advance(r)); d > half {
			t.Errorf("U+%04X advance %v em, source %v em", r, pf.Advance(r), orig.Advance(r))
			bad++
		}
		// Outlines in em (ppem = units per em gives font units as 26.6 values).
		oSegs, err1 := of.LoadGlyph(&ob, og, fixed.I(orig.UnitsPerEm), nil)
		sSegs, err2 := sf.LoadGlyph(&sb, sg, fixed.I(upem), nil)
		if err1 != nil || err2 != nil {
			t.Fatalf("U+%04X: %v %v", r, err1, err2)
		}
		if len(sSegs) > len(oSegs) {
			t.Errorf("U+%04X: %d segments, source %d", r, len(sSegs), len(oSegs))
			bad++
		}
		ob0, ob1 := segBounds(oSegs, orig.UnitsPerEm)
		sb0, sb1 := segBounds(sSegs, upem)
		for i, d := range []float64{sb0.X - ob0.X, sb0.Y - ob0.Y, sb1.X - ob1.X, sb1.Y - ob1.Y} {
			if math.Abs(d) > half {
				t.Errorf("U+%04X: extreme %d moved %.5f em (> %.5f)", r, i, d, half)
				bad++
				break
			}
		}
		if bad > 10 {
			t.Fatal("too many errors")
		}
	}
}

type emPoint struct{ X, Y float64 }

// segBounds returns the extremes, in em, of an outline loaded at ppem = units per em.
func segBounds(segs sfnt.Segments, upem int) (lo, hi emPoint) {
	lo, hi = emPoint{math.Inf(1), math.Inf(1)}, emPoint{math.Inf(-1), math.Inf(-1)}
	for _, s := range segs {
		n := map[sfnt.SegmentOp]int{sfnt.SegmentOpMoveTo: 1, sfnt.SegmentOpLineTo: 1, sfnt.SegmentOpQuadTo: 2, sfnt.SegmentOpCubeTo: 3}[s.Op]
		for _, p := range s.Args[:n] {
			x, y := float64(p.X)/64/float64(upem), float64(p.Y)/64/float64(upem)
			lo.X, lo.Y, hi.X, hi.Y = min(lo.X, x), min(lo.Y, y), max(hi.X, x), max(hi.Y, y)
		}
	}
	if len(segs) == 0 {
		return emPoint{}, emPoint{}
	}
	return lo, hi
}

// TestSubsetScaledRenders draws each character at reading and heading sizes with the
// source font and with the 200-unit subset: the pictures must differ only by edge
// antialiasing and carry the same ink.
func TestSubsetScaledRenders(t *testing.T) {
	reg, _ := defaultFaces(t)
	text := "林黛玉抛父进京都，“宝玉”——《红楼梦》"
	sub, err := SubsetWith(reg, []rune(text), SubsetOptions{UnitsPerEm: 200})
	if err != nil {
		t.Fatal(err)
	}
	render := func(data []byte, px float64, text string) *image.Gray {
		f, err := opentype.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: px, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			t.Fatal(err)
		}
		img := image.NewGray(image.Rect(0, 0, int(px*2), int(px*1.4)))
		draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
		d := &font.Drawer{Dst: img, Src: image.Black, Face: face, Dot: fixed.P(int(px/2), int(px*1.1))}
		d.DrawString(text)
		return img
	}
	for _, px := range []float64{24, 48, 120} {
		maxd, inkA, inkB, worst := 0, 0, 0, ' '
		for _, r := range text {
			a, b := render(reg.Data, px, string(r)), render(sub, px, string(r))
			for i := range a.Pix {
				d := int(a.Pix[i]) - int(b.Pix[i])
				if d > maxd || -d > maxd {
					maxd, worst = max(d, -d), r
				}
				inkA += 255 - int(a.Pix[i])
				inkB += 255 - int(b.Pix[i])
			}
		}
		if inkA < 1000*255 {
			t.Fatalf("%v px: only %d ink: nothing rendered", px, inkA/255)
		}
		// A point moves at most √2/400 em (half a unit on each axis); a pixel covering a thin
		// stroke sees both of its edges move, so its coverage changes by at most twice that.
		limit := int(255 * 2 * math.Sqrt2 * px / 400)
		t.Logf("%v px: largest pixel difference %d of 255 (%q), limit %d", px, maxd, worst, limit)
		if maxd > limit {
			t.Errorf("%v px: a pixel of %q differs by %d of 255, more than %d", px, worst, maxd, limit)
		}
		if r := float64(inkB) / float64(inkA); r < 0.99 || r > 1.01 {
			t.Errorf("%v px: ink ratio %.4f", px, r)
		}
	}
}

// TestSubsetScaledSmaller is the reason for rescaling: the deflated subset must shrink.
func TestSubsetScaledSmaller(t *testing.T) {
	reg, _ := defaultFaces(t)
	runes := seedRunes(t)
	full, err := Subset(reg, runes)
	if err != nil {
		t.Fatal(err)
	}
	small, err := SubsetWith(reg, runes, SubsetOptions{UnitsPerEm: 200})
	if err != nil {
		t.Fatal(err)
	}
	a, b := deflatedLen(t, full), deflatedLen(t, small)
	t.Logf("seed subset deflated: %d bytes at 1000 units/em, %d at 200", a, b)
	if float64(b) > 0.85*float64(a) {
		t.Errorf("rescaled subset deflates to %d bytes, not 15 %% below %d", b, a)
	}
}

func deflatedLen(t *testing.T, b []byte) int {
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.DefaultCompression)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = w.Write(b)
	_ = w.Close()
	return buf.Len()
}

func TestSubsetScaledSanitizer(t *testing.T) {
	external(t, "ots-sanitize")
	ots, err := exec.LookPath("ots-sanitize")
	if err != nil {
		missing(t, "ots-sanitize (apt-get install opentype-sanitizer)")
	}
	reg, bold := defaultFaces(t)
	for _, f := range []*Face{reg, bold} {
		sub, err := SubsetWith(f, append(seedRunes(t), []rune("𠮷")...), SubsetOptions{UnitsPerEm: 200, TextOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		sanitize(t, ots, sub)
	}
}

// FuzzGlyphRoundTrip decodes arbitrary simple-glyph bytes: decoding must not panic, and a
// glyph that decodes must encode into bytes that decode to the same points.
func FuzzGlyphRoundTrip(f *testing.F) {
	reg, _ := defaultFaces(f)
	s, err := selectGlyphs(reg, []rune("中"), nil, nil, nil)
	if err != nil {
		f.Fatal(err)
	}
	d, err := s.glyphData(s.oldID[len(s.oldID)-1])
	if err != nil {
		f.Fatal(err)
	}
	f.Add(d)
	f.Add([]byte{0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 1, 1, 1})
	f.Fuzz(func(t *testing.T, d []byte) {
		if len(d) < 10 || int16(uint16(d[0])<<8|uint16(d[1])) < 0 {
			return
		}
		var g glyph
		if g.decode(d) != nil {
			return
		}
		for _, p := range g.pts {
			if p.x < -16384 || p.x > 16383 || p.y < -16384 || p.y > 16383 {
				return // deltas between such points overflow int16 in any encoder
			}
		}
		want := slices.Clone(g.pts)
		enc := g.encode(nil)
		var h glyph
		if err := h.decode(enc); err != nil {
			t.Fatalf("re-encoded glyph does not decode: %v", err)
		}
		if !slices.Equal(h.pts, want) || !slices.Equal(h.ends, g.ends) {
			t.Fatalf("round trip changed the points")
		}
	})
}

func BenchmarkSubsetScaledNovel(b *testing.B) {
	data, err := os.ReadFile(corpusFile(b, "hongloumeng", "hongloumeng.txt"))
	if err != nil {
		b.Fatal(err)
	}
	reg, _ := defaultFaces(b)
	runes := distinct(string(data))
	o := SubsetOptions{UnitsPerEm: 200, TextOnly: true}
	b.ReportAllocs()
	var size int
	for b.Loop() {
		sub, err := SubsetWith(reg, runes, o)
		if err != nil {
			b.Fatal(err)
		}
		size = len(sub)
	}
	b.ReportMetric(float64(size), "bytes")
}
