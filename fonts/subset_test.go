package fonts

import (
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// The fonts package cannot import cjkbook/book/internal/testenv (Go's internal rule), so
// these helpers mirror its corpus and tool lookups.

func corpusFile(tb testing.TB, name, file string) string {
	tb.Helper()
	base := os.Getenv("CJKBOOK_CORPUS")
	if base == "" {
		base = filepath.Join("..", "..", "shared", "corpus")
	}
	p := filepath.Join(base, name, file)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("SKIP: corpus file %s not found (tests read the shared corpus in place; CJKBOOK_CORPUS moves it)", p)
	}
	return p
}

func requireTools() bool { return os.Getenv("CJKBOOK_REQUIRE_TOOLS") == "1" }

// external skips the test under -short: checks with external programs run in the full tier only.
func external(tb testing.TB, what string) {
	tb.Helper()
	if testing.Short() {
		tb.Skipf("SKIP (-short): %s runs in the full tier only", what)
	}
}

func missing(tb testing.TB, what string) {
	tb.Helper()
	if requireTools() {
		tb.Fatalf("%s is required (CJKBOOK_REQUIRE_TOOLS=1) but missing", what)
	}
	tb.Skipf("SKIP: %s not available", what)
}

// sanitizeFull runs ots-sanitize on font (sanitize) in the full tier. Under -short it
// only logs that it skipped the check, so that the test's own checks still run; a missing
// tool skips the test (fails it under CJKBOOK_REQUIRE_TOOLS=1).
func sanitizeFull(t *testing.T, font []byte) {
	t.Helper()
	if testing.Short() {
		t.Log("SKIP (-short): ots-sanitize runs in the full tier only")
		return
	}
	ots, err := exec.LookPath("ots-sanitize")
	if err != nil {
		missing(t, "ots-sanitize (apt-get install opentype-sanitizer)")
	}
	sanitize(t, ots, font)
}

func distinct(s string) []rune {
	seen := map[rune]bool{}
	var out []rune
	for _, r := range s {
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}

func seedRunes(tb testing.TB) []rune {
	tb.Helper()
	m, _ := filepath.Glob(filepath.Join("..", "source", "*.txt"))
	if len(m) == 0 {
		tb.Fatal("no manuscript in ../source")
	}
	var all []byte
	for _, p := range m {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		all = append(all, b...)
	}
	return distinct(string(all))
}

func defaultFaces(tb testing.TB) (*Face, *Face) {
	tb.Helper()
	reg, bold, err := Default()
	if err != nil {
		tb.Fatal(err)
	}
	return reg, bold
}

// checkSubset verifies that sub is a valid standalone font in which every rune of want that
// orig covers maps to a glyph with the same advance and outline, and that the others are absent.
func checkSubset(t *testing.T, orig *Face, sub []byte, want []rune) {
	t.Helper()
	checkStructure(t, sub)
	of, err := sfnt.Parse(orig.Data)
	if err != nil {
		t.Fatal(err)
	}
	sf, err := sfnt.Parse(sub)
	if err != nil {
		t.Fatalf("x/image/font/sfnt cannot parse the subset: %v", err)
	}
	pf, err := Parse("subset.ttf", sub)
	if err != nil {
		t.Fatalf("fonts.Parse cannot parse the subset: %v", err)
	}
	if pf.UnitsPerEm != orig.UnitsPerEm || pf.Ascent() != orig.Ascent() || pf.Descent() != orig.Descent() || pf.PostScript != orig.PostScript {
		t.Errorf("font-wide metrics changed: upem %d/%d ascent %v/%v descent %v/%v name %q/%q",
			pf.UnitsPerEm, orig.UnitsPerEm, pf.Ascent(), orig.Ascent(), pf.Descent(), orig.Descent(), pf.PostScript, orig.PostScript)
	}
	var ob, sb sfnt.Buffer
	ppem := fixed.I(orig.UnitsPerEm)
	checkBounds(t, sf, ppem)
	bad := 0
	for _, r := range want {
		sg, err := sf.GlyphIndex(&sb, r)
		if err != nil {
			t.Fatalf("GlyphIndex(%q): %v", r, err)
		}
		if !orig.Covers(r) {
			if sg != 0 || pf.Covers(r) {
				t.Errorf("U+%04X is not in the font but the subset maps it to glyph %d", r, sg)
			}
			continue
		}
		og, _ := of.GlyphIndex(&ob, r)
		if sg == 0 {
			t.Errorf("U+%04X %q: missing from the subset", r, r)
			bad++
		} else {
			oa, err1 := of.GlyphAdvance(&ob, og, ppem, 0)
			sa, err2 := sf.GlyphAdvance(&sb, sg, ppem, 0)
			if err1 != nil || err2 != nil || oa != sa {
				t.Errorf("U+%04X %q: advance %v (%v), subset %v (%v)", r, r, oa, err1, sa, err2)
				bad++
			}
			if pf.Advance(r) != orig.Advance(r) {
				t.Errorf("U+%04X %q: fonts.Advance %v, original %v", r, r, pf.Advance(r), orig.Advance(r))
				bad++
			}
			os, err1 := of.LoadGlyph(&ob, og, ppem, nil)
			ss, err2 := sf.LoadGlyph(&sb, sg, ppem, nil)
			if err1 != nil || err2 != nil || !slices.Equal(os, ss) {
				t.Errorf("U+%04X %q: outline differs (%d vs %d segments; %v, %v)", r, r, len(os), len(ss), err1, err2)
				bad++
			}
		}
		if bad > 10 {
			t.Fatal("too many errors")
		}
	}
}

// checkBounds verifies that head's bounding box is the union of the subset's outlines.
func checkBounds(t *testing.T, f *sfnt.Font, ppem fixed.Int26_6) {
	t.Helper()
	var b sfnt.Buffer
	got, err := f.Bounds(&b, ppem, 0)
	if err != nil {
		t.Fatal(err)
	}
	var want fixed.Rectangle26_6
	first := true
	for g := 0; g < f.NumGlyphs(); g++ {
		segs, err := f.LoadGlyph(&b, sfnt.GlyphIndex(g), ppem, nil)
		if err != nil {
			t.Fatalf("glyph %d: %v", g, err)
		}
		for _, s := range segs {
			n := map[sfnt.SegmentOp]int{sfnt.SegmentOpMoveTo: 1, sfnt.SegmentOpLineTo: 1, sfnt.SegmentOpQuadTo: 2, sfnt.SegmentOpCubeTo: 3}[s.Op]
			for _, p := range s.Args[:n] {
				if first {
					want = fixed.Rectangle26_6{Min: p, Max: p}
					first = false
				}
				want.Min.X, want.Min.Y = min(want.Min.X, p.X), min(want.Min.Y, p.Y)
				want.Max.X, want.Max.Y = max(want.Max.X, p.X), max(want.Max.Y, p.Y)
			}
		}
	}
	if !first && got != want {
		t.Errorf("head bounding box %v, union of the outlines %v", got, want)
	}
}

// checkStructure verifies the sfnt container: sorted tags, 4-byte aligned tables, every table
// checksum, head.checkSumAdjustment, and the table set.
func checkStructure(t *testing.T, b []byte) {
	t.Helper()
	be := binary.BigEndian
	if len(b) < 12 || be.Uint32(b) != 0x00010000 {
		t.Fatal("not an sfnt 1.0 font")
	}
	n := int(be.Uint16(b[4:]))
	if len(b)%4 != 0 {
		t.Errorf("file length %d not a multiple of 4", len(b))
	}
	if sr := int(be.Uint16(b[6:])); sr > 16*n || 2*sr <= 16*n || int(be.Uint16(b[10:])) != 16*n-sr {
		t.Errorf("bad searchRange %d / rangeShift for %d tables", sr, n)
	}
	var prev string
	tags := map[string]bool{}
	for i := 0; i < n; i++ {
		rec := b[12+16*i:]
		tag := string(rec[:4])
		sum, off, ln := be.Uint32(rec[4:]), int(be.Uint32(rec[8:])), int(be.Uint32(rec[12:]))
		tags[tag] = true
		if tag <= prev {
			t.Errorf("table %q not sorted after %q", tag, prev)
		}
		prev = tag
		if off%4 != 0 || off+ln > len(b) {
			t.Errorf("table %q at %d+%d misaligned or out of file", tag, off, ln)
			continue
		}
		d := b[off : off+ln]
		if tag == "head" {
			d = slices.Clone(d)
			be.PutUint32(d[8:], 0)
		}
		if got := checksum(d); got != sum {
			t.Errorf("table %q checksum %08x, directory says %08x", tag, got, sum)
		}
		for _, p := range b[off+ln : min(len(b), (off+ln+3)&^3)] {
			if p != 0 {
				t.Errorf("table %q padding not zero", tag)
			}
		}
	}
	if got := checksum(b); got != 0xB1B0AFBA {
		t.Errorf("whole-font checksum %08x, want B1B0AFBA (checkSumAdjustment wrong)", got)
	}
	for _, req := range []string{"OS/2", "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post"} {
		if !tags[req] {
			t.Errorf("required table %q missing", req)
		}
	}
	for _, dropped := range []string{"GSUB", "GPOS", "GDEF", "BASE", "kern"} {
		if tags[dropped] {
			t.Errorf("table %q kept although glyph ids were renumbered", dropped)
		}
	}
}

func TestSubsetSeed(t *testing.T) {
	reg, bold := defaultFaces(t)
	runes := seedRunes(t)
	if len(runes) < 300 {
		t.Fatalf("seed has only %d distinct runes", len(runes))
	}
	for _, tc := range []struct {
		face    *Face
		maxSize int
	}{{reg, 400 << 10}, {bold, 400 << 10}} {
		t.Run(tc.face.Name, func(t *testing.T) {
			sub, err := Subset(tc.face, runes)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d distinct runes → %d bytes (font %d bytes)", len(runes), len(sub), len(tc.face.Data))
			if len(sub) > tc.maxSize {
				t.Errorf("subset is %d bytes, want at most %d", len(sub), tc.maxSize)
			}
			checkSubset(t, tc.face, sub, runes)
			checkSubset(t, tc.face, sub, basicRunes())
		})
	}
}

func basicRunes() []rune {
	var out []rune
	for _, rg := range basicRanges {
		for r := rg[0]; r <= rg[1]; r++ {
			out = append(out, r)
		}
	}
	return out
}

func TestSubsetCases(t *testing.T) {
	reg, _ := defaultFaces(t)
	for _, tc := range []struct {
		name   string
		runes  []rune
		absent []rune // runes the font lacks: must not be mapped
		cmap12 bool
	}{
		{"empty", nil, nil, false},
		{"ascii only", []rune("Hello, world!"), nil, false},
		{"missing runes", []rune("中文\U0002A6A5\U0001F600\uE000"), []rune{0x2A6A5, 0x1F600, 0xE000}, false},
		{"non-BMP", []rune("𠮷野家中"), nil, true},
		{"duplicates and invalid", []rune{'中', '中', -5, 0x110000, 0xFFFF, 0xD800, '国'}, []rune{0xFFFF}, false},
		{"format 4 overflow", everyOther(0x4E00, 0x9FFF), nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sub, err := Subset(reg, tc.runes)
			if err != nil {
				t.Fatal(err)
			}
			rev := slices.Clone(tc.runes)
			slices.Reverse(rev)
			if again, err := Subset(reg, rev); err != nil || !bytes.Equal(sub, again) {
				t.Errorf("same runes in another order give different bytes (err %v)", err)
			}
			valid := slices.DeleteFunc(slices.Clone(tc.runes), func(r rune) bool { return r < 0 || r > 0x10FFFF })
			checkSubset(t, reg, sub, valid)
			pf, err := Parse("s.ttf", sub)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range tc.absent {
				if pf.Covers(r) {
					t.Errorf("U+%04X present in subset", r)
				}
			}
			if got := pf.Table("cmap") != nil && hasCmap12(pf.Table("cmap")); got != tc.cmap12 {
				t.Errorf("format 12 cmap present = %v, want %v", got, tc.cmap12)
			}
			if limit := 1 + len(distinct(string(valid))) + len(basicRunes()); pf.NumGlyphs() > limit {
				t.Errorf("subset keeps %d of %d glyphs, want at most %d", pf.NumGlyphs(), reg.NumGlyphs(), limit)
			}
		})
	}
}

// everyOther returns every second code point of lo..hi: one cmap segment each, more than a
// format 4 subtable can hold.
func everyOther(lo, hi rune) []rune {
	var out []rune
	for r := lo; r <= hi; r += 2 {
		out = append(out, r)
	}
	return out
}

func hasCmap12(cmap []byte) bool {
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	for i := 0; i < n; i++ {
		off := binary.BigEndian.Uint32(cmap[4+8*i+4:])
		if binary.BigEndian.Uint16(cmap[off:]) == 12 {
			return true
		}
	}
	return false
}

func TestSubsetRandom(t *testing.T) {
	reg, bold := defaultFaces(t)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 12; i++ {
		f := reg
		if i%3 == 2 {
			f = bold
		}
		n := []int{1, 10, 200, 3000}[i%4]
		if i == 11 {
			n = 25000 // overflows a format 4 cmap only when gaps are many: exercises the long path
		}
		runes := make([]rune, n)
		for j := range runes {
			switch rng.IntN(5) {
			case 0:
				runes[j] = rune(rng.IntN(0x10000))
			case 1:
				runes[j] = 0x20000 + rune(rng.IntN(0x2000))
			default:
				runes[j] = 0x4E00 + rune(rng.IntN(0x5200))
			}
		}
		t.Run(fmt.Sprintf("%s/%d", f.Name, n), func(t *testing.T) {
			sub, err := Subset(f, runes)
			if err != nil {
				t.Fatal(err)
			}
			checkSubset(t, f, sub, runes)
		})
	}
}

func TestSubsetSecondFont(t *testing.T) {
	const p = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
	data, err := os.ReadFile(p)
	if err != nil {
		missing(t, p+" (apt-get install fonts-dejavu-core)")
	}
	f, err := Parse(filepath.Base(p), data)
	if err != nil {
		t.Fatal(err)
	}
	// Å and ǻ are composite glyphs in DejaVu Sans: their components must come along.
	runes := []rune("Ǻǻ ÅåÉéñ Ωω Жж ﬁ → “quotes” …")
	sub, err := Subset(f, runes)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("DejaVuSans %d → %d bytes", len(data), len(sub))
	checkSubset(t, f, sub, runes)
	checkSubset(t, f, sub, basicRunes())
	pf, _ := Parse("s.ttf", sub)
	if n := composites(t, pf); n < 3 {
		t.Errorf("subset has %d composite glyphs; the test needs some to check component renumbering", n)
	}
	// Rescaled from 2048 units per em: composites are flattened (each point rounded once, so
	// accents sit within half a unit as everything else) and hinting is dropped.
	scaled, err := SubsetWith(f, runes, SubsetOptions{UnitsPerEm: 256})
	if err != nil {
		t.Fatal(err)
	}
	checkStructure(t, scaled)
	checkScaled(t, f, scaled, runes, 256)
	sf, _ := Parse("scaled.ttf", scaled)
	if n := composites(t, sf); n != 0 {
		t.Errorf("rescaled subset has %d composite glyphs, want them flattened", n)
	}
	for _, tag := range []string{"fpgm", "prep", "cvt "} {
		if sf.Table(tag) != nil {
			t.Errorf("hinting table %q kept on a new grid", tag)
		}
	}
	for _, tag := range []string{"fpgm", "prep", "cvt "} {
		if f.Table(tag) != nil && !bytes.Equal(pf.Table(tag), f.Table(tag)) {
			t.Errorf("hinting table %q not carried over", tag)
		}
	}
}

// composites counts the composite glyphs of f.
func composites(t *testing.T, f *Face) int {
	t.Helper()
	s := &subsetter{f: f}
	s.collect(nil, nil)
	if err := s.closeComposites(); err != nil { // reads loca
		t.Fatal(err)
	}
	n := 0
	for g := 0; g < f.NumGlyphs(); g++ {
		d, err := s.glyphData(uint16(g))
		if err != nil {
			t.Fatal(err)
		}
		if len(d) >= 10 && int16(binary.BigEndian.Uint16(d)) < 0 {
			n++
		}
	}
	return n
}

func TestSubsetErrors(t *testing.T) {
	reg, _ := defaultFaces(t)
	if _, err := Subset(nil, []rune("中")); err == nil {
		t.Error("nil face: no error")
	}
	// A face whose glyf table is cut short must give an error, not a panic.
	broken := *reg
	broken.tables = maps(reg.tables)
	broken.tables["glyf"] = reg.tables["glyf"][:1000]
	_, err := Subset(&broken, []rune("中国"))
	if !errors.Is(err, errCorrupt) {
		t.Errorf("truncated glyf: err = %v, want errCorrupt", err)
	}
	for _, fs := range []uint16{fsRestricted, fsNoSubset, fsBitmapOnly} {
		broken.tables = maps(reg.tables)
		os2 := slices.Clone(reg.tables["OS/2"])
		binary.BigEndian.PutUint16(os2[8:], fs)
		broken.tables["OS/2"] = os2
		if _, err := Subset(&broken, []rune("中国")); !errors.Is(err, ErrEmbeddingForbidden) {
			t.Errorf("fsType 0x%04x: err = %v, want ErrEmbeddingForbidden", fs, err)
		}
	}
	broken.tables = maps(reg.tables)
	os2 := slices.Clone(reg.tables["OS/2"])
	binary.BigEndian.PutUint16(os2[8:], 0x0004) // preview & print: documents may embed it
	broken.tables["OS/2"] = os2
	if _, err := Subset(&broken, []rune("中国")); err != nil {
		t.Errorf("fsType 0x0004: %v", err)
	}
	broken.tables = maps(reg.tables)
	broken.tables["loca"] = reg.tables["loca"][:10]
	if _, err := Subset(&broken, []rune("中国")); !errors.Is(err, errCorrupt) {
		t.Errorf("truncated loca: err = %v, want errCorrupt", err)
	}
}

func maps(m map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

// TestSubsetSanitizer runs the subset through OTS, the sanitizer Chrome and Firefox (and the
// e-readers built on them) apply to web fonts, when ots-sanitize is installed.
func TestSubsetSanitizer(t *testing.T) {
	external(t, "ots-sanitize")
	ots, err := exec.LookPath("ots-sanitize")
	if err != nil {
		missing(t, "ots-sanitize (apt-get install opentype-sanitizer)")
	}
	reg, bold := defaultFaces(t)
	for _, tc := range []struct {
		name  string
		face  *Face
		runes []rune
	}{
		{"seed regular", reg, seedRunes(t)},
		{"seed bold", bold, seedRunes(t)},
		{"non-BMP", reg, []rune("𠮷中文abc")},
		{"format 4 overflow", reg, everyOther(0x4E00, 0x9FFF)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sub, err := Subset(tc.face, tc.runes)
			if err != nil {
				t.Fatal(err)
			}
			sanitize(t, ots, sub)
		})
	}
}

// sanitize runs the OpenType Sanitizer (what browsers run on web fonts) on a font: it must
// pass without warnings.
func sanitize(t *testing.T, ots string, font []byte) {
	t.Helper()
	in := filepath.Join(t.TempDir(), "in.ttf")
	if err := os.WriteFile(in, font, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(ots, in, filepath.Join(t.TempDir(), "out.ttf")).CombinedOutput()
	if err != nil || bytes.Contains(out, []byte("WARNING")) || bytes.Contains(out, []byte("ERROR")) {
		t.Errorf("ots-sanitize: %v\n%s", err, out)
	}
}

func BenchmarkSubsetNovel(b *testing.B) {
	data, err := os.ReadFile(corpusFile(b, "hongloumeng", "hongloumeng.txt"))
	if err != nil {
		b.Fatal(err)
	}
	reg, _ := defaultFaces(b)
	runes := distinct(string(data))
	b.ReportAllocs()
	var size int
	for b.Loop() {
		sub, err := Subset(reg, runes)
		if err != nil {
			b.Fatal(err)
		}
		size = len(sub)
	}
	b.ReportMetric(float64(size), "bytes")
	b.ReportMetric(float64(len(runes)), "runes")
}

func BenchmarkSubsetSeed(b *testing.B) {
	reg, _ := defaultFaces(b)
	runes := seedRunes(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Subset(reg, runes); err != nil {
			b.Fatal(err)
		}
	}
}

var pngOut = flag.String("subset.png", "", "write the subset rendering test image to this file, to look at it")

// TestSubsetRenders draws the same text with the original font and with its subset: the
// images must be identical and not blank.
func TestSubsetRenders(t *testing.T) {
	reg, _ := defaultFaces(t)
	text := "北京抗疫纪录片《背水一战》观后感，“𠮷”—— ABC xyz 123！"
	sub, err := Subset(reg, []rune(text))
	if err != nil {
		t.Fatal(err)
	}
	render := func(data []byte) *image.Gray {
		f, err := opentype.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: 40, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			t.Fatal(err)
		}
		img := image.NewGray(image.Rect(0, 0, 1200, 70))
		draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
		d := &font.Drawer{Dst: img, Src: image.Black, Face: face, Dot: fixed.P(10, 50)}
		d.DrawString(text)
		return img
	}
	want, got := render(reg.Data), render(sub)
	if !bytes.Equal(want.Pix, got.Pix) {
		t.Error("the subset renders differently from the original font")
	}
	ink := 0
	for _, p := range got.Pix {
		if p < 128 {
			ink++
		}
	}
	if ink < 2000 {
		t.Errorf("only %d dark pixels: the text did not render", ink)
	}
	if *pngOut != "" {
		var buf bytes.Buffer
		if err := png.Encode(&buf, got); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(*pngOut, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// FuzzSubset corrupts a small font and subsets it, as is and rescaled with its vertical forms
// and half widths: Parse may reject it,
// but a font that parses must subset without panicking, and a subset that succeeds must
// parse again.
func FuzzSubset(f *testing.F) {
	reg, _ := defaultFaces(f)
	small, err := Subset(reg, []rune("中文"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(small, uint32(0), byte(0))
	f.Add(small, uint32(1000), byte(0xFF))
	vertical, err := SubsetWith(reg, []rune("中文，。"), SubsetOptions{VerticalForms: true, HalfWidths: testHalves})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(vertical, uint32(0), byte(0))
	f.Fuzz(func(t *testing.T, data []byte, at uint32, val byte) {
		data = slices.Clone(data)
		if len(data) > 0 {
			data[int(at)%len(data)] ^= val
		}
		face, err := Parse("fuzz.ttf", data)
		if err != nil {
			return
		}
		for _, o := range []SubsetOptions{{}, {UnitsPerEm: 200, TextOnly: true, VerticalForms: true, HalfWidths: testHalves}} {
			sub, err := SubsetWith(face, []rune("中文aé，。「」"), o)
			if err != nil {
				continue
			}
			if _, err := Parse("sub.ttf", sub); err != nil {
				t.Errorf("subset (%+v) of a parsable font does not parse: %v", o, err)
			}
		}
		if q, err := FullWidthQuotes(face, []rune("“中”‘’"), SubsetOptions{UnitsPerEm: 200, HalfWidths: testHalves}); err == nil {
			if _, err := Parse("quotes.ttf", q); err != nil {
				t.Errorf("quote face of a parsable font does not parse: %v", err)
			}
		}
	})
}

// TestSubsetMuPDF renders an XHTML page whose @font-face points at the subset with MuPDF, a
// real e-book engine, and checks the page comes out exactly as with the whole font, and
// differently from MuPDF's own fallback font (so the font was really used).
func TestSubsetMuPDF(t *testing.T) {
	external(t, "mutool")
	mutool, err := exec.LookPath("mutool")
	if err != nil {
		missing(t, "mutool (apt-get install mupdf-tools)")
	}
	reg, _ := defaultFaces(t)
	text := "北京抗疫纪录片《背水一战》观后感，“好！”Hello 123"
	sub, err := Subset(reg, []rune(text))
	if err != nil {
		t.Fatal(err)
	}
	page := `<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><style>
@font-face { font-family: "Book"; src: url("book.ttf"); }
body { font-family: "Book"; font-size: 24pt; }
</style></head><body><p>` + text + `</p></body></html>`
	render := func(font []byte) []byte {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "p.xhtml"), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
		if font != nil {
			if err := os.WriteFile(filepath.Join(dir, "book.ttf"), font, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		out := filepath.Join(dir, "p.png")
		msg, err := exec.Command(mutool, "draw", "-q", "-r", "72", "-o", out, filepath.Join(dir, "p.xhtml"), "1").CombinedOutput()
		if err != nil {
			t.Fatalf("mutool draw: %v\n%s", err, msg)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	withSubset, withFull, without := render(sub), render(reg.Data), render(nil)
	if !bytes.Equal(withSubset, withFull) {
		t.Error("MuPDF renders the subset differently from the whole font")
	}
	if bytes.Equal(withSubset, without) {
		t.Error("MuPDF renders the same without the font: the test cannot tell whether the subset was used")
	}
	img, err := png.Decode(bytes.NewReader(withSubset))
	if err != nil {
		t.Fatal(err)
	}
	dark := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r < 0x8000 {
				dark++
			}
		}
	}
	if dark < 500 {
		t.Errorf("only %d dark pixels: nothing rendered", dark)
	}
	if *pngOut != "" {
		if err := os.WriteFile(strings.TrimSuffix(*pngOut, ".png")+"-mupdf.png", withSubset, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
