package fonts

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"image"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// checkOTF verifies that otf is a CFF OpenType font in which every rune of want that orig
// covers maps to a glyph with the same advance, that runes orig lacks are absent, and that
// the glyph ids equal those of Subset's TrueType font.
func checkOTF(t *testing.T, orig *Face, otf, ttf []byte, want []rune) {
	t.Helper()
	be := binary.BigEndian
	if len(otf) < 12 || string(otf[:4]) != "OTTO" {
		t.Fatal("not an OTTO font")
	}
	if got := checksum(otf); got != 0xB1B0AFBA {
		t.Errorf("whole-font checksum %08x, want B1B0AFBA", got)
	}
	tags := map[string][]byte{}
	for i := 0; i < int(be.Uint16(otf[4:])); i++ {
		rec := otf[12+16*i:]
		off, ln := be.Uint32(rec[8:]), be.Uint32(rec[12:])
		tags[string(rec[:4])] = otf[off : off+ln]
	}
	for _, req := range []string{"CFF ", "OS/2", "cmap", "head", "hhea", "hmtx", "maxp", "name", "post"} {
		if tags[req] == nil {
			t.Errorf("required table %q missing", req)
		}
	}
	for _, no := range []string{"glyf", "loca", "cvt ", "fpgm", "prep", "GSUB", "GPOS"} {
		if tags[no] != nil {
			t.Errorf("table %q must not be in a CFF subset", no)
		}
	}
	if m := tags["maxp"]; len(m) != 6 || be.Uint32(m) != 0x00005000 {
		t.Errorf("maxp is not version 0.5: % x", m)
	}
	if p := tags["post"]; len(p) < 4 || be.Uint32(p) != 0x00030000 {
		t.Errorf("post is not version 3")
	}
	sf, err := sfnt.Parse(otf)
	if err != nil {
		t.Fatalf("x/image/font/sfnt cannot parse the OTF: %v", err)
	}
	tf, err := sfnt.Parse(ttf)
	if err != nil {
		t.Fatal(err)
	}
	if sf.NumGlyphs() != tf.NumGlyphs() {
		t.Errorf("OTF has %d glyphs, TrueType subset %d", sf.NumGlyphs(), tf.NumGlyphs())
	}
	ppem := fixed.I(orig.UnitsPerEm)
	checkBounds(t, sf, ppem)
	var sb, tb sfnt.Buffer
	bad := 0
	for _, r := range want {
		sg, err := sf.GlyphIndex(&sb, r)
		if err != nil {
			t.Fatalf("GlyphIndex(%q): %v", r, err)
		}
		tg, _ := tf.GlyphIndex(&tb, r)
		if sg != tg {
			t.Errorf("U+%04X: glyph %d in the OTF, %d in the TrueType subset", r, sg, tg)
			bad++
		}
		if !orig.Covers(r) {
			if sg != 0 {
				t.Errorf("U+%04X is not in the font but the OTF maps it to glyph %d", r, sg)
			}
			continue
		}
		if sg == 0 {
			t.Errorf("U+%04X %q: missing from the OTF", r, r)
			bad++
			continue
		}
		sa, err := sf.GlyphAdvance(&sb, sg, ppem, 0)
		if want := fixed.I(orig.GlyphAdvance(orig.GlyphID(r))); err != nil || sa != want {
			t.Errorf("U+%04X %q: advance %v (%v), want %v", r, r, sa, err, want)
			bad++
		}
		if _, err := sf.LoadGlyph(&sb, sg, ppem, nil); err != nil {
			t.Errorf("U+%04X %q: LoadGlyph: %v", r, r, err)
			bad++
		}
		if bad > 10 {
			t.Fatal("too many errors")
		}
	}
}

// raster draws glyph g of f at size px into a px×px alpha mask, baseline at 0.8 px.
func raster(t *testing.T, f *sfnt.Font, g sfnt.GlyphIndex, px int) *image.Alpha {
	t.Helper()
	var b sfnt.Buffer
	segs, err := f.LoadGlyph(&b, g, fixed.I(px), nil)
	if err != nil {
		t.Fatalf("glyph %d: %v", g, err)
	}
	z := vector.NewRasterizer(px, px)
	base := float32(px) * 0.8
	p := func(q fixed.Point26_6) (float32, float32) {
		return float32(q.X) / 64, base + float32(q.Y)/64
	}
	for _, s := range segs {
		x0, y0 := p(s.Args[0])
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			z.MoveTo(x0, y0)
		case sfnt.SegmentOpLineTo:
			z.LineTo(x0, y0)
		case sfnt.SegmentOpQuadTo:
			x1, y1 := p(s.Args[1])
			z.QuadTo(x0, y0, x1, y1)
		case sfnt.SegmentOpCubeTo:
			x1, y1 := p(s.Args[1])
			x2, y2 := p(s.Args[2])
			z.CubeTo(x0, y0, x1, y1, x2, y2)
		}
	}
	z.ClosePath()
	dst := image.NewAlpha(image.Rect(0, 0, px, px))
	z.Draw(dst, dst.Bounds(), image.Opaque, image.Point{})
	return dst
}

// compareRaster rasterises every glyph of the runes from both fonts at 64 px and fails when
// any pixel differs by more than maxDiff of 255 (an edge moved by a fraction of a pixel:
// rounding, and the rasteriser flattening cubics and quadratics differently), the total ink
// of a glyph differs by more than 0.5%, or the mean pixel difference exceeds 1/255.
func compareRaster(t *testing.T, ttf, otf []byte, runes []rune) {
	t.Helper()
	tf, err := sfnt.Parse(ttf)
	if err != nil {
		t.Fatal(err)
	}
	of, err := sfnt.Parse(otf)
	if err != nil {
		t.Fatal(err)
	}
	var b sfnt.Buffer
	const px, maxDiff = 64, 64
	worst, sum, npix := 0, 0, 0
	for _, r := range runes {
		g, _ := tf.GlyphIndex(&b, r)
		if g == 0 {
			continue
		}
		a, c := raster(t, tf, g, px), raster(t, of, g, px)
		inkA, inkC := 0, 0
		for i := range a.Pix {
			d := int(a.Pix[i]) - int(c.Pix[i])
			worst = max(worst, max(d, -d))
			sum += max(d, -d)
			inkA += int(a.Pix[i])
			inkC += int(c.Pix[i])
		}
		npix += len(a.Pix)
		if worst > maxDiff || math.Abs(float64(inkA-inkC)) > 0.005*float64(inkA)+255 {
			t.Fatalf("U+%04X %q: rasters differ: worst pixel %d/255, ink %d vs %d", r, r, worst, inkA, inkC)
		}
	}
	mean := float64(sum) / float64(max(npix, 1))
	if mean > 1 {
		t.Errorf("mean pixel difference %.3f/255, want ≤ 1", mean)
	}
	t.Logf("pixel difference at %d px over %d runes: worst %d/255, mean %.4f/255", px, len(runes), worst, mean)
}

func deflated(b []byte) int {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

func TestSubsetOTFSeed(t *testing.T) {
	reg, bold := defaultFaces(t)
	runes := seedRunes(t)
	for _, f := range []*Face{reg, bold} {
		t.Run(f.Name, func(t *testing.T) {
			ttf, err := Subset(f, runes)
			if err != nil {
				t.Fatal(err)
			}
			otf, err := SubsetOTF(f, runes)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d runes: TrueType %d bytes (deflated %d), CFF %d bytes (deflated %d)",
				len(runes), len(ttf), deflated(ttf), len(otf), deflated(otf))
			checkOTF(t, f, otf, ttf, runes)
			checkOTF(t, f, otf, ttf, basicRunes())
			checkGeometry(t, ttf, otf)
			compareRaster(t, ttf, otf, runes)
			rev := slices.Clone(runes)
			slices.Reverse(rev)
			if again, err := SubsetOTF(f, rev); err != nil || !bytes.Equal(again, otf) {
				t.Errorf("same runes in another order give different bytes (err %v)", err)
			}
		})
	}
}

// checkGeometry compares each glyph's TrueType and CFF outlines segment by segment at
// upem pixels per em (1 pixel = 1 font unit): a cubic that is an exact degree elevation of
// a quadratic passes through the same points at the same parameter, so sampled points may
// differ only by rounding: ours (≤ 0.5 unit per axis, to the nearest unit) plus x/image's
// TrueType loader, which truncates implied on-curve midpoints to whole font units (≤ 0.5
// per axis): at most √2 units in all. A wrong operator or argument would be off by far more.
func checkGeometry(t *testing.T, ttf, otf []byte) {
	t.Helper()
	tf, _ := sfnt.Parse(ttf)
	of, _ := sfnt.Parse(otf)
	var tb, ob sfnt.Buffer
	ppem := fixed.I(1000)
	pt := func(p fixed.Point26_6) [2]float64 { return [2]float64{float64(p.X) / 64, float64(p.Y) / 64} }
	worst := 0.0
	for g := 0; g < tf.NumGlyphs(); g++ {
		ts, err1 := tf.LoadGlyph(&tb, sfnt.GlyphIndex(g), ppem, nil)
		cs, err2 := of.LoadGlyph(&ob, sfnt.GlyphIndex(g), ppem, nil)
		if err1 != nil || err2 != nil {
			t.Fatalf("glyph %d: %v %v", g, err1, err2)
		}
		// Sample both outlines as polylines of curve points at t = 0, ¼, ½, ¾ per segment,
		// skipping lines (which CFF may leave implied) and zero-length segments.
		sample := func(segs []sfnt.Segment) [][][2]float64 {
			var all [][][2]float64
			var out [][2]float64
			var cur [2]float64
			for _, s := range segs {
				switch s.Op {
				case sfnt.SegmentOpMoveTo:
					if len(out) > 0 {
						all = append(all, out)
					}
					out = nil
					cur = pt(s.Args[0])
				case sfnt.SegmentOpLineTo:
					cur = pt(s.Args[0])
				case sfnt.SegmentOpQuadTo:
					q, e := pt(s.Args[0]), pt(s.Args[1])
					if q == cur && e == cur {
						continue
					}
					for _, u := range []float64{0, .25, .5, .75} {
						a, b, c := (1-u)*(1-u), 2*u*(1-u), u*u
						out = append(out, [2]float64{a*cur[0] + b*q[0] + c*e[0], a*cur[1] + b*q[1] + c*e[1]})
					}
					cur = e
				case sfnt.SegmentOpCubeTo:
					c1, c2, e := pt(s.Args[0]), pt(s.Args[1]), pt(s.Args[2])
					if c1 == cur && c2 == cur && e == cur {
						continue
					}
					for _, u := range []float64{0, .25, .5, .75} {
						a, b, c, d := (1-u)*(1-u)*(1-u), 3*u*(1-u)*(1-u), 3*u*u*(1-u), u*u*u
						out = append(out, [2]float64{a*cur[0] + b*c1[0] + c*c2[0] + d*e[0], a*cur[1] + b*c1[1] + c*c2[1] + d*e[1]})
					}
					cur = e
				}
			}
			if len(out) > 0 {
				all = append(all, out)
			}
			return all
		}
		// Contours may start at different points: align each pair cyclically first.
		ca, cb := sample(ts), sample(cs)
		if len(ca) != len(cb) {
			t.Errorf("glyph %d: %d curved contours in TrueType, %d in CFF", g, len(ca), len(cb))
			continue
		}
		for k, a := range ca {
			b := cb[k]
			if len(a) != len(b) {
				t.Errorf("glyph %d contour %d: %d curve samples in TrueType, %d in CFF", g, k, len(a), len(b))
				continue
			}
			shift, best := 0, math.Inf(1)
			for j := 0; j < len(a); j += 4 {
				if d := math.Hypot(a[j][0]-b[0][0], a[j][1]-b[0][1]); d < best {
					shift, best = j, d
				}
			}
			for i := range b {
				p := a[(i+shift)%len(a)]
				if d := math.Hypot(p[0]-b[i][0], p[1]-b[i][1]); d > worst {
					worst = d
					if d > math.Sqrt2+1e-9 {
						t.Logf("glyph %d contour %d sample %d: %v vs %v", g, k, i, p, b[i])
					}
				}
			}
		}
	}
	if worst > math.Sqrt2+1e-9 {
		t.Errorf("CFF curves stray up to %.3f units from the TrueType ones, want ≤ √2", worst)
	}
	t.Logf("largest distance between TrueType and CFF curve samples: %.3f units", worst)
}

// TestSubsetOTFSanitizer runs the OTF through OTS, the sanitizer Chrome and Firefox (and the
// e-readers built on them) apply to web fonts.
func TestSubsetOTFSanitizer(t *testing.T) {
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
		{"empty", reg, nil},
		{"format 4 overflow", reg, everyOther(0x4E00, 0x9FFF)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			otf, err := SubsetOTF(tc.face, tc.runes)
			if err != nil {
				t.Fatal(err)
			}
			in := filepath.Join(t.TempDir(), "in.otf")
			if err := os.WriteFile(in, otf, 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(ots, in, filepath.Join(t.TempDir(), "out.otf")).CombinedOutput()
			if err != nil || bytes.Contains(out, []byte("WARNING")) || bytes.Contains(out, []byte("ERROR")) {
				t.Errorf("ots-sanitize: %v\n%s", err, out)
			}
		})
	}
}

// TestSubsetOTFMuPDF renders an XHTML page whose @font-face points at the OTF with MuPDF, a
// real e-book engine (FreeType inside), and checks that it looks like the page drawn with
// the TrueType subset, and unlike MuPDF's fallback font (so the OTF was really used).
func TestSubsetOTFMuPDF(t *testing.T) {
	mutool, err := exec.LookPath("mutool")
	if err != nil {
		missing(t, "mutool (apt-get install mupdf-tools)")
	}
	reg, _ := defaultFaces(t)
	text := "北京抗疫纪录片《背水一战》观后感，“好！”Hello 123"
	render := func(file string, font []byte) *image.Gray {
		dir := t.TempDir()
		page := `<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><style>
@font-face { font-family: "Book"; src: url("` + file + `"); }
body { font-family: "Book"; font-size: 24pt; }
</style></head><body><p>` + text + `</p></body></html>`
		if err := os.WriteFile(filepath.Join(dir, "p.xhtml"), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
		if font != nil {
			if err := os.WriteFile(filepath.Join(dir, file), font, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		out := filepath.Join(dir, "p.pgm")
		msg, err := exec.Command(mutool, "draw", "-q", "-r", "144", "-c", "gray", "-o", out, filepath.Join(dir, "p.xhtml"), "1").CombinedOutput()
		if err != nil {
			t.Fatalf("mutool draw: %v\n%s", err, msg)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		var w, h, maxv int
		var hdr int
		if n, err := fmtSscan(b, &w, &h, &maxv, &hdr); err != nil || n != 3 {
			t.Fatalf("mutool wrote no PGM: %v", err)
		}
		return &image.Gray{Pix: b[hdr:], Stride: w, Rect: image.Rect(0, 0, w, h)}
	}
	ttf, err := Subset(reg, []rune(text))
	if err != nil {
		t.Fatal(err)
	}
	otf, err := SubsetOTF(reg, []rune(text))
	if err != nil {
		t.Fatal(err)
	}
	withOTF, withTTF, without := render("book.otf", otf), render("book.ttf", ttf), render("book.otf", nil)
	diff := func(a, b *image.Gray) (worst int, mean float64) {
		if a.Rect != b.Rect || len(a.Pix) != len(b.Pix) {
			return 255, 255
		}
		sum := 0
		for i := range a.Pix {
			d := int(a.Pix[i]) - int(b.Pix[i])
			worst, sum = max(worst, max(d, -d)), sum+max(d, -d)
		}
		return worst, float64(sum) / float64(len(a.Pix))
	}
	w, m := diff(withOTF, withTTF)
	t.Logf("MuPDF, OTF vs TrueType subset at 144 dpi: worst pixel %d/255, mean %.4f/255", w, m)
	if m > 0.1 {
		t.Errorf("MuPDF renders the OTF differently from the TrueType subset (mean difference %.3f/255)", m)
	}
	if _, m := diff(withOTF, without); m < 1 {
		t.Errorf("MuPDF renders the same without the font (mean difference %.3f/255): the test cannot tell whether the OTF was used", m)
	}
	dark := 0
	for _, p := range withOTF.Pix {
		if p < 128 {
			dark++
		}
	}
	if dark < 500 {
		t.Errorf("only %d dark pixels: nothing rendered", dark)
	}
}

// fmtSscan reads a binary PGM header "P5 w h max\n" and the offset of its pixels.
func fmtSscan(b []byte, w, h, maxv, hdr *int) (int, error) {
	var vals []int
	i := 2
	if len(b) < 2 || string(b[:2]) != "P5" {
		return 0, errors.New("not a binary PGM")
	}
	for len(vals) < 3 && i < len(b) {
		for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
			i++
		}
		v := 0
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			v = 10*v + int(b[i]-'0')
			i++
		}
		vals = append(vals, v)
	}
	if len(vals) < 3 || i >= len(b) {
		return len(vals), errors.New("short PGM header")
	}
	*w, *h, *maxv, *hdr = vals[0], vals[1], vals[2], i+1
	return 3, nil
}

func novelRunes(tb testing.TB) []rune {
	tb.Helper()
	data, err := os.ReadFile(corpusFile(tb, "hongloumeng", "hongloumeng.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	return distinct(string(data))
}

// TestSubsetOTFNovel checks the whole novel's subset and logs the sizes the EPUB cares about.
func TestSubsetOTFNovel(t *testing.T) {
	if testing.Short() {
		t.Skip("SKIP: -short")
	}
	reg, _ := defaultFaces(t)
	runes := novelRunes(t)
	ttf, err := Subset(reg, runes)
	if err != nil {
		t.Fatal(err)
	}
	otf, err := SubsetOTF(reg, runes)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d runes: TrueType %d bytes (deflated %d), CFF %d bytes (deflated %d), CFF table %d bytes",
		len(runes), len(ttf), deflated(ttf), len(otf), deflated(otf), len(cffTable(t, otf)))
	checkOTF(t, reg, otf, ttf, runes)
}

func cffTable(t *testing.T, otf []byte) []byte {
	be := binary.BigEndian
	for i := 0; i < int(be.Uint16(otf[4:])); i++ {
		rec := otf[12+16*i:]
		if string(rec[:4]) == "CFF " {
			return otf[be.Uint32(rec[8:]) : be.Uint32(rec[8:])+be.Uint32(rec[12:])]
		}
	}
	t.Fatal("no CFF table")
	return nil
}

func BenchmarkSubsetOTFNovel(b *testing.B) {
	reg, _ := defaultFaces(b)
	runes := novelRunes(b)
	b.ReportAllocs()
	var size int
	for b.Loop() {
		otf, err := SubsetOTF(reg, runes)
		if err != nil {
			b.Fatal(err)
		}
		size = len(otf)
	}
	b.ReportMetric(float64(size), "bytes")
	b.ReportMetric(float64(len(runes)), "runes")
}

// TestSubsetOTFSecondFont converts DejaVu Sans: composite glyphs (flattened), a 2048-unit
// em (FontMatrix), and Latin, Greek and Cyrillic shapes.
func TestSubsetOTFSecondFont(t *testing.T) {
	const p = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
	data, err := os.ReadFile(p)
	if err != nil {
		missing(t, p+" (apt-get install fonts-dejavu-core)")
	}
	f, err := Parse(filepath.Base(p), data)
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune("Ǻǻ ÅåÉéñ Ωω Жж ﬁ → “quotes” …")
	ttf, err := Subset(f, runes)
	if err != nil {
		t.Fatal(err)
	}
	otf, err := SubsetOTF(f, runes)
	if err != nil {
		t.Fatal(err)
	}
	checkOTF(t, f, otf, ttf, runes)
	checkOTF(t, f, otf, ttf, basicRunes())
	compareRaster(t, ttf, otf, append(runes, basicRunes()...))
	if ots, err := exec.LookPath("ots-sanitize"); err == nil {
		in := filepath.Join(t.TempDir(), "in.otf")
		if err := os.WriteFile(in, otf, 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(ots, in, filepath.Join(t.TempDir(), "out.otf")).CombinedOutput(); err != nil || len(bytes.TrimSpace(out)) > 0 && !bytes.Contains(out, []byte("File sanitized successfully")) {
			t.Errorf("ots-sanitize: %v\n%s", err, out)
		}
	}
}

func TestSubsetOTFErrors(t *testing.T) {
	reg, _ := defaultFaces(t)
	if _, err := SubsetOTF(nil, []rune("中")); err == nil {
		t.Error("nil face: no error")
	}
	broken := *reg
	broken.tables = maps(reg.tables)
	broken.tables["glyf"] = reg.tables["glyf"][:1000]
	if _, err := SubsetOTF(&broken, []rune("中国")); !errors.Is(err, errCorrupt) {
		t.Errorf("truncated glyf: err = %v, want errCorrupt", err)
	}
	broken.tables = maps(reg.tables)
	os2 := slices.Clone(reg.tables["OS/2"])
	binary.BigEndian.PutUint16(os2[8:], fsNoSubset)
	broken.tables["OS/2"] = os2
	if _, err := SubsetOTF(&broken, []rune("中国")); !errors.Is(err, ErrEmbeddingForbidden) {
		t.Errorf("fsType no-subset: err = %v, want ErrEmbeddingForbidden", err)
	}
}

// FuzzSubsetOTF corrupts a small font and converts it: no panic, and a font that converts
// must parse with x/image/font/sfnt and load every glyph.
func FuzzSubsetOTF(f *testing.F) {
	reg, _ := defaultFaces(f)
	small, err := Subset(reg, []rune("中文"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(small, uint32(0), byte(0))
	f.Add(small, uint32(3000), byte(0x80))
	f.Fuzz(func(t *testing.T, data []byte, at uint32, val byte) {
		data = slices.Clone(data)
		if len(data) > 0 {
			data[int(at)%len(data)] ^= val
		}
		face, err := Parse("fuzz.ttf", data)
		if err != nil {
			return
		}
		otf, err := SubsetOTF(face, []rune("中文aé"))
		if err != nil {
			return
		}
		sf, err := sfnt.Parse(otf)
		if err != nil {
			t.Fatalf("converted font does not parse: %v", err)
		}
		var b sfnt.Buffer
		for g := 0; g < sf.NumGlyphs(); g++ {
			if _, err := sf.LoadGlyph(&b, sfnt.GlyphIndex(g), fixed.I(face.UnitsPerEm), nil); err != nil {
				t.Fatalf("glyph %d: %v", g, err)
			}
		}
	})
}

// TestSubsetOTFMerge measures the qu2cu-style merging that SubsetOTF leaves off
// (mergeTolerance = 0): at 0.5 unit the merged font must still rasterise like the
// TrueType subset and be smaller than the exact conversion. The log records how the size
// falls with the tolerance, the numbers behind leaving it off.
func TestSubsetOTFMerge(t *testing.T) {
	reg, _ := defaultFaces(t)
	runes := seedRunes(t)
	ttf, err := Subset(reg, runes)
	if err != nil {
		t.Fatal(err)
	}
	exact, err := subsetOTF(reg, runes, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("TrueType %d bytes (deflated %d); exact CFF %d (%d)", len(ttf), deflated(ttf), len(exact), deflated(exact))
	for _, tol := range []float64{0.5, 1, 2, 4} {
		otf, err := subsetOTF(reg, runes, tol)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("merge tolerance %.1f unit: CFF %d bytes (deflated %d, %+.1f%% vs TrueType)",
			tol, len(otf), deflated(otf), 100*float64(deflated(otf))/float64(deflated(ttf))-100)
		if tol == 0.5 {
			if len(otf) >= len(exact) {
				t.Errorf("merging at %.1f unit saves nothing: %d bytes, exact %d", tol, len(otf), len(exact))
			}
			checkOTF(t, reg, otf, ttf, runes)
			compareRaster(t, ttf, otf, runes)
		}
	}
}
