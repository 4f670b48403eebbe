package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
)

// Rescaling a subset to a coarser em grid (SubsetOptions.UnitsPerEm) is the one lossy step
// in this package. No maintained Go library rewrites TrueType outlines (x/image/font/sfnt
// only reads them), so it is done here, table by table, like fontTools' scaleUpem does.
//
// Why it pays: TrueType stores each outline point as a delta from the previous one, one
// byte when it is below 256 units. LXGW WenKai's brush-drawn glyphs carry ~150 points each
// at 1000 units per em; on a 200-unit grid the deltas are five times smaller and far more
// repetitive, and the deflated glyf table shrinks by a quarter. The rounding moves a point
// by at most 1/400 em: 0.12 px at 48 px per em (12 pt on a 300-ppi e-reader).

// SubsetOptions tune SubsetWith.
type SubsetOptions struct {
	// UnitsPerEm, when positive and below the font's own, rescales the subset's outlines and
	// metrics to that many units per em, rounding every coordinate, and drops the hinting
	// tables (their instructions address the old grid). Zero keeps the font's grid exactly.
	UnitsPerEm int
	// TextOnly keeps only the runes given and printable ASCII (which CSS-generated content,
	// such as list numbers, draws), not the basic Latin and punctuation ranges Subset adds
	// for text that is not there yet: an e-book's text is fixed when the font is subset.
	TextOnly bool
	// VerticalForms keeps the font's vertical forms: its GSUB 'vert' and 'vrt2' single
	// substitutions restricted to the kept glyphs, the glyphs they substitute, GDEF's glyph
	// classes and BASE, so that reading systems set ，。、 and brackets as vertical text
	// wants them (see gsub.go).
	VerticalForms bool
	// HalfWidths, when not nil, writes a GPOS table with 'halt' (and, for vertical forms,
	// 'vhal') adjustments that halve the marks it names, so that engines implementing CSS
	// text-spacing-trim compress adjacent marks (see gpos.go).
	HalfWidths *HalfWidths
	// Sequences are the variation sequences (base, selector) the text uses, such as 葛
	// U+E0100: those whose base the subset maps and that the font's cmap format 14
	// lists are kept, with the glyphs they select, in a format 14 subtable of the
	// subset's cmap, so that reading systems draw the variants.
	Sequences [][2]rune
}

// asciiRange is what TextOnly keeps besides the runes.
var asciiRange = [][2]rune{{0x0020, 0x007E}}

// minUnitsPerEm is the coarsest grid SubsetWith accepts (the OpenType minimum).
const minUnitsPerEm = 16

// SubsetWith is Subset with options; SubsetWith(f, runes, SubsetOptions{}) equals Subset(f, runes).
func SubsetWith(f *Face, runes []rune, o SubsetOptions) ([]byte, error) {
	ranges := basicRanges
	if o.TextOnly {
		ranges = asciiRange
	}
	tables, _, err := subsetTables(f, runes, ranges, o)
	if err != nil {
		return nil, err
	}
	return assemble(tables), nil
}

// subsetTables builds the tables of a subset of f holding runes and ranges, as o says,
// and returns them with the subsetter that chose the glyphs.
func subsetTables(f *Face, runes []rune, ranges [][2]rune, o SubsetOptions) (map[string][]byte, *subsetter, error) {
	if o.UnitsPerEm != 0 && o.UnitsPerEm < minUnitsPerEm {
		return nil, nil, fmt.Errorf("fonts: subset: units per em %d below the minimum %d", o.UnitsPerEm, minUnitsPerEm)
	}
	var v *verticalGSUB
	if o.VerticalForms {
		v = readVerticalGSUB(f.tables["GSUB"])
	}
	s, err := selectGlyphs(f, runes, ranges, o.Sequences, v)
	if err != nil {
		return nil, nil, err
	}
	tables := map[string][]byte{}
	if err := s.glyf(tables); err != nil {
		return nil, nil, fmt.Errorf("font %s: subset: %w", f.Name, err)
	}
	if err := s.metrics(tables); err != nil {
		return nil, nil, fmt.Errorf("font %s: subset: %w", f.Name, err)
	}
	tables["cmap"] = s.cmap()
	if err := s.global(tables); err != nil {
		return nil, nil, fmt.Errorf("font %s: subset: %w", f.Name, err)
	}
	if o.VerticalForms {
		s.layout(tables, v)
	}
	if o.UnitsPerEm > 0 && o.UnitsPerEm < f.UnitsPerEm {
		sc := scaler{from: f.UnitsPerEm, to: o.UnitsPerEm}
		if err := sc.tables(tables, len(s.oldID)); err != nil {
			return nil, nil, fmt.Errorf("font %s: subset: rescale to %d units per em: %w", f.Name, o.UnitsPerEm, err)
		}
	}
	// Bounding box and side-bearing extremes of the glyphs that remain.
	s.extents(tables)
	s.halfWidths(tables, o.HalfWidths)
	return tables, s, nil
}

// scaler maps font units of one em grid onto another.
type scaler struct{ from, to int }

// v rounds a coordinate or distance to the new grid (half away from zero). Rounding is
// monotonic, so a glyph's extremes stay its extremes and side bearings stay consistent with
// the outlines. Integer arithmetic: this runs for every point of every glyph.
func (c scaler) v(x int) int {
	n := x * c.to
	if n < 0 {
		return -((-n*2 + c.from) / (2 * c.from))
	}
	return (n*2 + c.from) / (2 * c.from)
}

// f rounds a coordinate given as a float (a transformed component point) to the new grid.
func (c scaler) f(x float64) int {
	return int(math.Round(x * float64(c.to) / float64(c.from)))
}

// field rescales the signed (or, with unsigned, unsigned) 16-bit fields at offs in b.
func (c scaler) field(b []byte, unsigned bool, offs ...int) {
	be := binary.BigEndian
	for _, o := range offs {
		if o+2 > len(b) {
			continue
		}
		if unsigned {
			be.PutUint16(b[o:], uint16(c.v(int(be.Uint16(b[o:])))))
		} else {
			be.PutUint16(b[o:], uint16(int16(c.v(int(int16(be.Uint16(b[o:])))))))
		}
	}
}

// tables rescales a subset's tables in place (the map entries are replaced, never the
// source font's bytes): glyf/loca, head, hhea/hmtx, vhea/vmtx, OS/2, post and BASE; it drops the
// hinting programs and control values.
func (c scaler) tables(t map[string][]byte, numGlyphs int) error {
	if err := c.glyf(t, numGlyphs); err != nil {
		return err
	}
	head := slices.Clone(t["head"])
	binary.BigEndian.PutUint16(head[18:], uint16(c.to))
	t["head"] = head
	for _, m := range [][2]string{{"hhea", "hmtx"}, {"vhea", "vmtx"}} {
		hdr, mtx := t[m[0]], t[m[1]]
		if hdr == nil || mtx == nil {
			continue
		}
		hdr = slices.Clone(hdr)
		// ascender/descender/lineGap, advance max, min side bearings, max extent, caret offset.
		c.field(hdr, false, 4, 6, 8, 12, 14, 16, 22)
		c.field(hdr, true, 10)
		long := int(binary.BigEndian.Uint16(hdr[34:]))
		mtx = slices.Clone(mtx)
		if len(mtx) < 4*long+2*(numGlyphs-long) {
			return fmt.Errorf("%s too short: %w", m[1], errCorrupt)
		}
		for i := 0; i < long; i++ {
			c.field(mtx, true, 4*i)
			c.field(mtx, false, 4*i+2)
		}
		for i := long; i < numGlyphs; i++ {
			c.field(mtx, false, 4*long+2*(i-long))
		}
		t[m[0]], t[m[1]] = hdr, mtx
	}
	if os2 := t["OS/2"]; os2 != nil {
		os2 = slices.Clone(os2)
		// xAvgCharWidth, sub/superscript sizes and offsets, strikeout, typo and win metrics,
		// and (version 2+) x-height and cap height.
		c.field(os2, false, 2, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 68, 70, 72)
		c.field(os2, true, 74, 76)
		if len(os2) >= 90 && binary.BigEndian.Uint16(os2) >= 2 {
			c.field(os2, false, 86, 88)
		}
		t["OS/2"] = os2
	}
	if post := t["post"]; post != nil {
		post = slices.Clone(post)
		c.field(post, false, 8, 10) // underline position and thickness
		t["post"] = post
	}
	if b := t["BASE"]; b != nil {
		if t["BASE"] = c.base(b); t["BASE"] == nil {
			delete(t, "BASE")
		}
	}
	for _, hint := range []string{"cvt ", "fpgm", "prep"} {
		delete(t, hint)
	}
	return nil
}

// glyf rescales every glyph and rewrites loca.
func (c scaler) glyf(t map[string][]byte, n int) error {
	glyf := t["glyf"]
	be := binary.BigEndian
	loca, err := locaOffsets(t["head"], t["loca"], n)
	if err != nil {
		return err
	}
	glyphAt := func(i int) ([]byte, error) {
		if i < 0 || i >= n || loca[i] > loca[i+1] || int(loca[i+1]) > len(glyf) {
			return nil, fmt.Errorf("component glyph %d out of range: %w", i, errCorrupt)
		}
		return glyf[loca[i]:loca[i+1]], nil
	}
	out := make([]byte, 0, len(glyf))
	offs := make([]uint32, n+1)
	var g glyph
	for i := 0; i < n; i++ {
		a, b := int(loca[i]), int(loca[i+1])
		if a > b || b > len(glyf) {
			return fmt.Errorf("glyph %d: loca %d..%d outside glyf: %w", i, a, b, errCorrupt)
		}
		d := glyf[a:b]
		var err error
		switch {
		case len(d) == 0:
		case len(d) < 10:
			err = fmt.Errorf("glyph %d: %d-byte header: %w", i, len(d), errCorrupt)
		case int16(be.Uint16(d)) < 0:
			// Flattened, a composite is rounded once, like a simple glyph; one whose
			// components are placed by point matching keeps its structure instead.
			var pts []fpoint
			var ends []int
			if pts, ends, err = flatten(glyphAt, d, 0); err == nil && len(pts) <= maxGlyphPoints {
				g.ends, g.pts = ends, g.pts[:0]
				for _, q := range pts {
					g.pts = append(g.pts, point{c.f(q.x), c.f(q.y), q.on})
				}
				g.simplify()
				out = g.encode(out)
			} else {
				out, err = c.composite(out, d)
			}
		default:
			if err = g.decode(d); err == nil {
				for k := range g.pts {
					g.pts[k].x, g.pts[k].y = c.v(g.pts[k].x), c.v(g.pts[k].y)
				}
				g.simplify()
				out = g.encode(out)
			}
		}
		if err != nil {
			return fmt.Errorf("glyph %d: %w", i, err)
		}
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		offs[i+1] = uint32(len(out))
	}
	head := slices.Clone(t["head"])
	t["glyf"], t["loca"], t["head"] = out, encodeLoca(offs, head), head
	return nil
}

// Composite flag: the arguments are x/y offsets (not point numbers).
const argsAreXY = 0x0002

// composite appends a composite glyph that flatten cannot resolve with its bounding box and
// component offsets rescaled (component scales and point-matching arguments are
// grid-independent) and no instructions; its extremes may be one unit off, not half.
func (c scaler) composite(out, d []byte) ([]byte, error) {
	start := len(out)
	out = append(out, d...)
	g := out[start:]
	c.field(g, false, 2, 4, 6, 8)
	const weHaveInstructions = 0x0100
	end, err := eachComponent(g, func(p int, flags uint16) {
		// The instructions after the components are cut.
		binary.BigEndian.PutUint16(g[p:], flags&^weHaveInstructions)
		switch args := p + 4; {
		case flags&argsAreXY == 0:
		case flags&argWords != 0:
			c.field(g, false, args, args+2)
		case args+2 <= len(g):
			for k := args; k < args+2; k++ {
				g[k] = byte(int8(c.v(int(int8(g[k])))))
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return out[:start+end], nil
}

// point is one outline point of a simple glyph.
type point struct {
	x, y int
	on   bool
}

// glyph is a decoded simple glyph (instructions are not kept).
type glyph struct {
	ends []int // last point index of each contour
	pts  []point
	// scratch space reused from glyph to glyph
	flags, xs, ys []byte
}

// Simple glyph flags (OpenType glyf table, "Simple Glyph Description").
const (
	onCurve    = 0x01
	xShort     = 0x02
	yShort     = 0x04
	repeatFlag = 0x08
	xSameOrPos = 0x10
	ySameOrPos = 0x20
)

// appendFlags appends a simple glyph's point flags to out, runs of equal flags written
// once with the repeat flag and a count (at most 255 repeats each).
func appendFlags(out, flags []byte) []byte {
	for i := 0; i < len(flags); {
		j := i + 1
		for j < len(flags) && flags[j] == flags[i] && j-i <= 255 {
			j++
		}
		if j-i > 1 {
			out = append(out, flags[i]|repeatFlag, byte(j-i-1))
		} else {
			out = append(out, flags[i])
		}
		i = j
	}
	return out
}

// maxGlyphPoints bounds a simple glyph's points (endPtsOfContours are uint16).
const maxGlyphPoints = 0xFFFF

// decode reads a simple glyph.
func (g *glyph) decode(d []byte) error {
	be := binary.BigEndian
	nc := int(int16(be.Uint16(d)))
	g.ends, g.pts = g.ends[:0], g.pts[:0]
	p := 10
	if p+2*nc+2 > len(d) {
		return fmt.Errorf("simple glyph truncated: %w", errCorrupt)
	}
	prev := -1
	for i := 0; i < nc; i++ {
		e := int(be.Uint16(d[p:]))
		if e < prev {
			return fmt.Errorf("contour ends decreasing: %w", errCorrupt)
		}
		prev = e
		g.ends = append(g.ends, e)
		p += 2
	}
	p += 2 + int(be.Uint16(d[p:])) // instructions, dropped
	np := prev + 1
	if p > len(d) || np > maxGlyphPoints {
		return fmt.Errorf("simple glyph truncated: %w", errCorrupt)
	}
	flags := g.flags[:0]
	for len(flags) < np {
		if p >= len(d) {
			return fmt.Errorf("glyph flags truncated: %w", errCorrupt)
		}
		f := d[p]
		p++
		flags = append(flags, f)
		if f&repeatFlag != 0 {
			if p >= len(d) {
				return fmt.Errorf("glyph flags truncated: %w", errCorrupt)
			}
			for r := int(d[p]); r > 0 && len(flags) < np; r-- {
				flags = append(flags, f)
			}
			p++
		}
	}
	g.flags = flags
	g.pts = slices.Grow(g.pts, np)[:np]
	coord := func(short, same byte, set func(i, v int)) error {
		v := 0
		for i, f := range flags {
			switch {
			case f&short != 0:
				if p >= len(d) {
					return fmt.Errorf("glyph coordinates truncated: %w", errCorrupt)
				}
				if f&same != 0 {
					v += int(d[p])
				} else {
					v -= int(d[p])
				}
				p++
			case f&same == 0:
				if p+2 > len(d) {
					return fmt.Errorf("glyph coordinates truncated: %w", errCorrupt)
				}
				v += int(int16(be.Uint16(d[p:])))
				p += 2
			}
			set(i, v)
		}
		return nil
	}
	if err := coord(xShort, xSameOrPos, func(i, v int) { g.pts[i] = point{x: v, on: flags[i]&onCurve != 0} }); err != nil {
		return err
	}
	return coord(yShort, ySameOrPos, func(i, v int) { g.pts[i].y = v })
}

// simplify drops the points that rounding made redundant: an on-curve point equal to its
// predecessor, and an on-curve point on the straight segment between two
// on-curve neighbours. Contours keep at least three points.
func (g *glyph) simplify() {
	w, start := 0, 0 // points kept so far; first point of the contour
	for ci, e := range g.ends {
		c := g.pts[start : e+1]
		start = e + 1
		n := len(c)
		for changed := true; changed && n > 3; {
			changed = false
			k := 0 // compact c[:n] in place
			for i := 0; i < n; i++ {
				q := c[i]
				if n-(i-k) > 3 {
					var a point
					if k > 0 {
						a = c[k-1]
					} else {
						a = c[n-1]
					}
					b := c[0]
					if i+1 < n {
						b = c[i+1]
					}
					dup := q == a && q.on // two equal off-curve points imply an on-curve one between them
					straight := q.on && a.on && b.on &&
						(b.x-a.x)*(q.y-a.y) == (b.y-a.y)*(q.x-a.x) &&
						(q.x-a.x)*(b.x-q.x) >= 0 && (q.y-a.y)*(b.y-q.y) >= 0
					if dup || straight {
						changed = true
						continue
					}
				}
				c[k] = q
				k++
			}
			n = k
		}
		w += copy(g.pts[w:], c[:n])
		g.ends[ci] = w - 1
	}
	g.pts = g.pts[:w]
}

// encode appends the glyph in the smallest simple-glyph form: bounding box from the points,
// no instructions, one-byte deltas where they fit, repeated flags run-length coded.
func (g *glyph) encode(out []byte) []byte {
	be := binary.BigEndian
	put := func(v int) { out = be.AppendUint16(out, uint16(int16(v))) }
	xMin, yMin, xMax, yMax := 0, 0, 0, 0
	for i, q := range g.pts {
		if i == 0 {
			xMin, yMin, xMax, yMax = q.x, q.y, q.x, q.y
		}
		xMin, yMin, xMax, yMax = min(xMin, q.x), min(yMin, q.y), max(xMax, q.x), max(yMax, q.y)
	}
	put(len(g.ends))
	put(xMin)
	put(yMin)
	put(xMax)
	put(yMax)
	for _, e := range g.ends {
		out = be.AppendUint16(out, uint16(e))
	}
	out = be.AppendUint16(out, 0) // no instructions
	flags := slices.Grow(g.flags[:0], len(g.pts))[:len(g.pts)]
	xs, ys := g.xs[:0], g.ys[:0]
	delta := func(d int, short, same byte, buf []byte) (byte, []byte) {
		switch {
		case d == 0:
			return same, buf
		case d > 0 && d < 256:
			return short | same, append(buf, byte(d))
		case d < 0 && d > -256:
			return short, append(buf, byte(-d))
		}
		return 0, be.AppendUint16(buf, uint16(int16(d)))
	}
	px, py := 0, 0
	for i, q := range g.pts {
		var fx, fy byte
		fx, xs = delta(q.x-px, xShort, xSameOrPos, xs)
		fy, ys = delta(q.y-py, yShort, ySameOrPos, ys)
		px, py = q.x, q.y
		flags[i] = fx | fy
		if q.on {
			flags[i] |= onCurve
		}
	}
	out = appendFlags(out, flags)
	out = append(out, xs...)
	out = append(out, ys...)
	g.flags, g.xs, g.ys = flags, xs, ys
	return out
}

// fpoint is an outline point of a flattened composite, in the source font's units.
type fpoint struct {
	x, y float64
	on   bool
}

// maxCompositeDepth bounds nested composites (OpenType fonts rarely nest more than twice).
const maxCompositeDepth = 8

// errPointMatching marks a composite that places a component by matching points, which
// flatten does not resolve.
var errPointMatching = errors.New("component placed by point matching")

// flatten returns the outline of a glyph with every component transformed and moved into
// place (OpenType glyf, "Composite Glyph Description": x' = a·x + c·y + e, y' = b·x + d·y + f,
// offsets not scaled), and the contour ends.
func flatten(glyphAt func(int) ([]byte, error), d []byte, depth int) ([]fpoint, []int, error) {
	if len(d) == 0 {
		return nil, nil, nil
	}
	if len(d) < 10 {
		return nil, nil, fmt.Errorf("%d-byte glyph header: %w", len(d), errCorrupt)
	}
	be := binary.BigEndian
	if int16(be.Uint16(d)) >= 0 {
		var g glyph
		if err := g.decode(d); err != nil {
			return nil, nil, err
		}
		pts := make([]fpoint, len(g.pts))
		for i, q := range g.pts {
			pts[i] = fpoint{float64(q.x), float64(q.y), q.on}
		}
		return pts, slices.Clone(g.ends), nil
	}
	if depth >= maxCompositeDepth {
		return nil, nil, fmt.Errorf("composite glyphs nested more than %d deep: %w", maxCompositeDepth, errCorrupt)
	}
	var pts []fpoint
	var ends []int
	var bad error
	f2dot14 := func(o int) float64 { return float64(int16(be.Uint16(d[o:]))) / 16384 }
	_, err := eachComponent(d, func(p int, flags uint16) {
		if bad != nil {
			return
		}
		if flags&argsAreXY == 0 {
			bad = errPointMatching
			return
		}
		q := p + 4
		var e, f float64
		if flags&argWords != 0 {
			if q+4 > len(d) {
				bad = fmt.Errorf("composite glyph truncated: %w", errCorrupt)
				return
			}
			e, f = float64(int16(be.Uint16(d[q:]))), float64(int16(be.Uint16(d[q+2:])))
			q += 4
		} else {
			if q+2 > len(d) {
				bad = fmt.Errorf("composite glyph truncated: %w", errCorrupt)
				return
			}
			e, f = float64(int8(d[q])), float64(int8(d[q+1]))
			q += 2
		}
		a, b, c, dd := 1.0, 0.0, 0.0, 1.0
		switch {
		case flags&haveScale != 0 && q+2 <= len(d):
			a = f2dot14(q)
			dd = a
		case flags&haveXYScale != 0 && q+4 <= len(d):
			a, dd = f2dot14(q), f2dot14(q+2)
		case flags&haveTwoByTwo != 0 && q+8 <= len(d):
			a, b, c, dd = f2dot14(q), f2dot14(q+2), f2dot14(q+4), f2dot14(q+6)
		}
		cd, err := glyphAt(int(be.Uint16(d[p+2:])))
		if err != nil {
			bad = err
			return
		}
		sub, subEnds, err := flatten(glyphAt, cd, depth+1)
		if err != nil {
			bad = err
			return
		}
		if len(pts)+len(sub) > maxGlyphPoints {
			bad = fmt.Errorf("flattened composite has over %d points: %w", maxGlyphPoints, errCorrupt)
			return
		}
		base := len(pts)
		for _, s := range sub {
			pts = append(pts, fpoint{a*s.x + c*s.y + e, b*s.x + dd*s.y + f, s.on})
		}
		for _, end := range subEnds {
			ends = append(ends, base+end)
		}
	})
	if err == nil {
		err = bad
	}
	return pts, ends, err
}
