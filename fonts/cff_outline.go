package fonts

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
)

// This file reads TrueType glyph outlines (simple and composite) and turns each quadratic
// contour into the cubic segments a CFF charstring carries.

// ttPoint is one TrueType outline point in font units, after any composite transform.
type ttPoint struct {
	x, y float64
	on   bool // on-curve (false: quadratic control point)
}

// ttOutline is a glyph's contours: points, and the index one past each contour's last point.
type ttOutline struct {
	pts  []ttPoint
	ends []int
	refs int // glyphs visited for this outline, composites included (bounds bad fonts' work)

	fsegs []fseg  // scratch for converting a contour
	flags []byte  // scratch for decoding a simple glyph
	xs    []int32 // scratch for decoding a simple glyph
}

// affine is a composite component's transform: x' = a·x + c·y + e, y' = b·x + d·y + f.
type affine struct{ a, b, c, d, e, f float64 }

var identity = affine{a: 1, d: 1}

func (m affine) apply(x, y float64) (float64, float64) {
	return m.a*x + m.c*y + m.e, m.b*x + m.d*y + m.f
}

// then returns the transform that applies m first, then p.
func (m affine) then(p affine) affine {
	return affine{
		a: p.a*m.a + p.c*m.b, b: p.b*m.a + p.d*m.b,
		c: p.a*m.c + p.c*m.d, d: p.b*m.c + p.d*m.d,
		e: p.a*m.e + p.c*m.f + p.e, f: p.b*m.e + p.d*m.f + p.f,
	}
}

// Composite glyph flags used when flattening (OpenType glyf, "Composite Glyph Description").
const (
	argsAreXY      = 0x0002
	scaledOffset   = 0x0800
	maxCompositeDp = 16      // nesting depth allowed for composite glyphs
	maxGlyphRefs   = 256     // glyphs one flattened outline may draw on
	maxOutlinePts  = 1 << 15 // points one flattened outline may have
)

// appendOutline appends the contours of old glyph id g, transformed by m, to o. Composite
// glyphs are flattened, so the CFF glyph draws the same shapes without references.
func (s *subsetter) appendOutline(o *ttOutline, g uint16, m affine, depth int) error {
	if depth > maxCompositeDp {
		return fmt.Errorf("glyph %d: composite glyphs nested too deep: %w", g, errCorrupt)
	}
	if o.refs++; o.refs > maxGlyphRefs || len(o.pts) > maxOutlinePts {
		return fmt.Errorf("glyph %d: composite glyph draws too many components or points: %w", g, errCorrupt)
	}
	if int(g) >= s.f.numGlyphs {
		return fmt.Errorf("glyph %d: out of range: %w", g, errCorrupt)
	}
	data, err := s.glyphData(g)
	if err != nil {
		return err
	}
	if len(data) == 0 {
		return nil
	}
	if len(data) < 10 {
		return fmt.Errorf("glyph %d: header truncated: %w", g, errCorrupt)
	}
	nc := int(int16(binary.BigEndian.Uint16(data)))
	if nc >= 0 {
		return appendSimple(o, data, nc, m, g)
	}
	return s.appendComposite(o, data, m, depth, g)
}

// appendSimple decodes a simple glyph's points (flags with repeats, then x and y deltas).
func appendSimple(o *ttOutline, data []byte, nc int, m affine, g uint16) error {
	be := binary.BigEndian
	bad := func(what string) error { return fmt.Errorf("glyph %d: %s: %w", g, what, errCorrupt) }
	p := 10 + 2*nc
	if p+2 > len(data) {
		return bad("contour ends truncated")
	}
	if nc == 0 {
		return nil
	}
	n := 0
	base := len(o.pts)
	for i := 0; i < nc; i++ {
		e := int(be.Uint16(data[10+2*i:])) + 1
		if e <= n && i > 0 || e < 1 {
			return bad("contour ends not increasing")
		}
		n = e
		o.ends = append(o.ends, base+e)
	}
	p += 2 + int(be.Uint16(data[p:])) // skip instructions
	if p > len(data) {
		return bad("instructions truncated")
	}
	flags := o.flags[:0]
	defer func() { o.flags = flags[:0] }()
	for len(flags) < n {
		if p >= len(data) {
			return bad("flags truncated")
		}
		fl := data[p]
		p++
		flags = append(flags, fl)
		if fl&0x08 != 0 {
			if p >= len(data) {
				return bad("flags truncated")
			}
			r := int(data[p])
			p++
			for ; r > 0 && len(flags) < n; r-- {
				flags = append(flags, fl)
			}
		}
	}
	xs := slices.Grow(o.xs[:0], n)[:n]
	o.xs = xs
	var v int32
	for i, fl := range flags {
		switch {
		case fl&0x02 != 0:
			if p >= len(data) {
				return bad("x coordinates truncated")
			}
			if fl&0x10 != 0 {
				v += int32(data[p])
			} else {
				v -= int32(data[p])
			}
			p++
		case fl&0x10 == 0:
			if p+2 > len(data) {
				return bad("x coordinates truncated")
			}
			v += int32(int16(be.Uint16(data[p:])))
			p += 2
		}
		xs[i] = v
	}
	v = 0
	for i, fl := range flags {
		switch {
		case fl&0x04 != 0:
			if p >= len(data) {
				return bad("y coordinates truncated")
			}
			if fl&0x20 != 0 {
				v += int32(data[p])
			} else {
				v -= int32(data[p])
			}
			p++
		case fl&0x20 == 0:
			if p+2 > len(data) {
				return bad("y coordinates truncated")
			}
			v += int32(int16(be.Uint16(data[p:])))
			p += 2
		}
		x, y := m.apply(float64(xs[i]), float64(v))
		o.pts = append(o.pts, ttPoint{x, y, flags[i]&0x01 != 0})
	}
	return nil
}

// appendComposite flattens a composite glyph: each component's outline, transformed.
func (s *subsetter) appendComposite(o *ttOutline, data []byte, m affine, depth int, g uint16) error {
	be := binary.BigEndian
	bad := func(what string) error { return fmt.Errorf("glyph %d: %s: %w", g, what, errCorrupt) }
	p := 10
	for n := 0; ; n++ {
		if p+4 > len(data) || n > maxComponents {
			return bad("composite glyph truncated")
		}
		flags := be.Uint16(data[p:])
		comp := be.Uint16(data[p+2:])
		p += 4
		var dx, dy float64
		if flags&argWords != 0 {
			if p+4 > len(data) {
				return bad("composite glyph truncated")
			}
			dx, dy = float64(int16(be.Uint16(data[p:]))), float64(int16(be.Uint16(data[p+2:])))
			p += 4
		} else {
			if p+2 > len(data) {
				return bad("composite glyph truncated")
			}
			dx, dy = float64(int8(data[p])), float64(int8(data[p+1]))
			p += 2
		}
		if flags&argsAreXY == 0 {
			return fmt.Errorf("glyph %d: composite places a component by matching points, which SubsetOTF does not support: %w", g, ErrUnsupported)
		}
		f2 := func(off int) float64 { return float64(int16(be.Uint16(data[off:]))) / 16384 }
		t := affine{a: 1, d: 1}
		switch {
		case flags&haveScale != 0:
			if p+2 > len(data) {
				return bad("composite glyph truncated")
			}
			t.a = f2(p)
			t.d = t.a
			p += 2
		case flags&haveXYScale != 0:
			if p+4 > len(data) {
				return bad("composite glyph truncated")
			}
			t.a, t.d = f2(p), f2(p+2)
			p += 4
		case flags&haveTwoByTwo != 0:
			if p+8 > len(data) {
				return bad("composite glyph truncated")
			}
			t.a, t.b, t.c, t.d = f2(p), f2(p+2), f2(p+4), f2(p+6)
			p += 8
		}
		if flags&scaledOffset != 0 {
			dx, dy = t.a*dx+t.c*dy, t.b*dx+t.d*dy
		}
		t.e, t.f = dx, dy
		if err := s.appendOutline(o, comp, t.then(m), depth+1); err != nil {
			return err
		}
		if flags&moreComps == 0 {
			return nil
		}
	}
}

// segment is one drawing step of a cubic outline, in absolute integer font units: a line
// to (x, y), or a cubic curve through controls (x1, y1), (x2, y2) to (x, y).
type segment struct {
	curve          bool
	x1, y1, x2, y2 int32
	x, y           int32
}

// contour is a closed cubic path: a start point and its segments (closing line implied).
type contour struct {
	x, y int32
	segs []segment
}

func round(v float64) int32 {
	v = math.Round(v)
	if v > math.MaxInt32/4 || v < math.MinInt32/4 || v != v {
		return 0 // absurd transforms of a corrupt font: keep encodable
	}
	return int32(v)
}

// fseg is a segment before rounding: a line to (x, y), or a cubic through (x1, y1),
// (x2, y2) to (x, y). smooth marks a curve whose start is an implied on-curve point
// between two quadratic control points, so it continues the previous curve's tangent.
type fseg struct {
	curve, smooth  bool
	x1, y1, x2, y2 float64
	x, y           float64
}

// toCubic converts the quadratic contours of o to cubic ones. Implied on-curve points lie
// midway between two consecutive control points; a quadratic P0 Q P2 becomes the cubic P0,
// P0 + 2/3(Q − P0), P2 + 2/3(Q − P2), P2. With tol > 0, runs of curves joined at implied
// points are then merged into fewer cubics wherever the merged curve stays within tol font
// units of the original (see mergeCurves); with tol = 0 the conversion is exact. Last,
// every absolute coordinate is rounded to the nearest unit, zero-length segments and a
// final line back to the start (implied by the next moveto or endchar) are dropped, and so
// are contours that draw nothing. The contours reuse dst's storage.
func toCubic(o *ttOutline, dst []contour, tol float64) []contour {
	dst = dst[:0]
	start := 0
	for _, end := range o.ends {
		pts := o.pts[start:end]
		start = end
		if len(pts) < 2 {
			continue
		}
		// Start at an on-curve point, or at the implied point between the last and first.
		first := -1
		for i, p := range pts {
			if p.on {
				first = i
				break
			}
		}
		n := len(pts)
		var sx, sy float64
		steps := n - 1 // points after the start, before coming back to it
		if first >= 0 {
			sx, sy = pts[first].x, pts[first].y
		} else {
			first, steps = n-1, n
			sx, sy = (pts[n-1].x+pts[0].x)/2, (pts[n-1].y+pts[0].y)/2
		}
		fs := o.fsegs[:0]
		cx, cy := sx, sy
		var qx, qy float64
		haveQ := false
		curve := func(x, y float64, smooth bool) {
			fs = append(fs, fseg{curve: true, smooth: smooth,
				x1: cx + 2*(qx-cx)/3, y1: cy + 2*(qy-cy)/3,
				x2: x + 2*(qx-x)/3, y2: y + 2*(qy-y)/3, x: x, y: y})
			cx, cy = x, y
		}
		smooth := false
		for k := 1; k <= steps+1; k++ {
			var p ttPoint
			if k > steps {
				p = ttPoint{sx, sy, true} // back to the start
			} else {
				p = pts[(first+k)%n]
			}
			switch {
			case p.on && haveQ:
				curve(p.x, p.y, smooth)
				haveQ, smooth = false, false
			case p.on:
				fs = append(fs, fseg{x: p.x, y: p.y})
				cx, cy = p.x, p.y
			case haveQ:
				curve((qx+p.x)/2, (qy+p.y)/2, smooth)
				qx, qy, smooth = p.x, p.y, true
			default:
				qx, qy, haveQ = p.x, p.y, true
			}
		}
		if tol > 0 {
			fs = mergeCurves(fs, sx, sy, tol)
		}
		o.fsegs = fs
		// Round, dropping what rounds to nothing.
		var c contour
		if k := len(dst); k < cap(dst) {
			c.segs = dst[:k+1][k].segs[:0] // reuse the segment storage of an earlier glyph
		}
		c.x, c.y = round(sx), round(sy)
		rx, ry := c.x, c.y
		for _, f := range fs {
			s := segment{curve: f.curve, x: round(f.x), y: round(f.y)}
			if f.curve {
				s.x1, s.y1, s.x2, s.y2 = round(f.x1), round(f.y1), round(f.x2), round(f.y2)
				if s.x1 == rx && s.y1 == ry && s.x2 == rx && s.y2 == ry && s.x == rx && s.y == ry {
					continue
				}
			} else if s.x == rx && s.y == ry {
				continue
			}
			c.segs = append(c.segs, s)
			rx, ry = s.x, s.y
		}
		if k := len(c.segs) - 1; k >= 0 && !c.segs[k].curve && c.segs[k].x == c.x && c.segs[k].y == c.y {
			c.segs = c.segs[:k]
		}
		if len(c.segs) == 0 {
			continue
		}
		dst = append(dst, c)
	}
	return dst
}

// mergeCurves replaces runs of cubics joined at implied on-curve points (so with a
// continuous tangent) by single cubics where that stays within tol units, as fontTools'
// qu2cu does: the merged cubic keeps the run's end points and end tangents, and its control
// arms are stretched by the parameter at which each joint falls, estimated from the ratio
// of the control arms on both sides of the joint. A candidate is accepted when, sampled at
// matching parameters, it stays within tol of every piece it replaces. Merging is greedy,
// from the start of each run. (sx, sy) is the contour's start point.
func mergeCurves(fs []fseg, sx, sy, tol float64) []fseg {
	out := fs[:0:0]
	px, py := sx, sy // start of fs[i]
	for i := 0; i < len(fs); {
		if !fs[i].curve {
			out = append(out, fs[i])
			px, py = fs[i].x, fs[i].y
			i++
			continue
		}
		best := fs[i]
		j := i + 1
		for k := i + 2; k <= len(fs) && fs[k-1].curve && fs[k-1].smooth; k++ {
			m, ok := mergeRun(fs[i:k], px, py, tol)
			if !ok {
				break
			}
			best, j = m, k
		}
		out = append(out, best)
		px, py = best.x, best.y
		i = j
	}
	return out
}

// mergeRun tries to draw the cubics run (starting at (px, py)) as one.
func mergeRun(run []fseg, px, py, tol float64) (fseg, bool) {
	n := len(run)
	var ts [64]float64 // joint parameters, unnormalised
	if n > len(ts) {
		return fseg{}, false
	}
	prod, sum := 1.0, 1.0
	ts[0] = 0
	ts[1] = 1
	for k := 1; k < n; k++ {
		a, b := run[k-1], run[k]
		before := math.Hypot(a.x-a.x2, a.y-a.y2)
		after := math.Hypot(b.x1-a.x, b.y1-a.y)
		if before == 0 || after == 0 {
			return fseg{}, false
		}
		prod *= after / before
		sum += prod
		if k+1 < len(ts) {
			ts[k+1] = sum
		}
	}
	for k := 1; k < n; k++ {
		ts[k] /= sum
	}
	ts[n] = 1
	first, last := run[0], run[n-1]
	m := fseg{curve: true, smooth: first.smooth, x: last.x, y: last.y,
		x1: px + (first.x1-px)/ts[1], y1: py + (first.y1-py)/ts[1],
		x2: last.x + (last.x2-last.x)/(1-ts[n-1]), y2: last.y + (last.y2-last.y)/(1-ts[n-1])}
	bez := func(x0, y0 float64, s fseg, u float64) (float64, float64) {
		v := 1 - u
		a, b, c, d := v*v*v, 3*u*v*v, 3*u*u*v, u*u*u
		return a*x0 + b*s.x1 + c*s.x2 + d*s.x, a*y0 + b*s.y1 + c*s.y2 + d*s.y
	}
	x0, y0 := px, py
	for k, s := range run {
		for _, u := range [...]float64{0, 0.25, 0.5, 0.75} {
			ax, ay := bez(x0, y0, s, u)
			bx, by := bez(px, py, m, ts[k]+u*(ts[k+1]-ts[k]))
			if math.Hypot(ax-bx, ay-by) > tol {
				return fseg{}, false
			}
		}
		x0, y0 = s.x, s.y
	}
	return m, true
}
