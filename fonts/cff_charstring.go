package fonts

// This file writes Type 2 charstrings (Adobe Technical Note #5177) with the shortest
// operators for each run of segments. There are no hints and no subroutines: deflate
// in the EPUB's zip removes most of the repetition subroutines would.

// Type 2 charstring operators.
const (
	t2vmoveto   = 4
	t2rlineto   = 5
	t2hlineto   = 6
	t2vlineto   = 7
	t2rrcurveto = 8
	t2endchar   = 14
	t2rmoveto   = 21
	t2hmoveto   = 22
	t2vvcurveto = 26
	t2hhcurveto = 27
	t2vhcurveto = 30
	t2hvcurveto = 31
)

// maxArgs is the Type 2 argument stack limit.
const maxArgs = 48

// charstringWriter appends one glyph's charstring to buf.
type charstringWriter struct {
	buf  []byte
	args []int32
}

// num appends a charstring number: 1 byte for −107..107, 2 for ±108..1131, 3 for int16,
// and 5 (16.16 fixed) beyond.
func (w *charstringWriter) num(v int32) {
	switch {
	case v >= -107 && v <= 107:
		w.buf = append(w.buf, byte(v+139))
	case v >= 108 && v <= 1131:
		v -= 108
		w.buf = append(w.buf, byte(v>>8+247), byte(v))
	case v >= -1131 && v <= -108:
		v = -v - 108
		w.buf = append(w.buf, byte(v>>8+251), byte(v))
	case v >= -32768 && v <= 32767:
		w.buf = append(w.buf, 28, byte(v>>8), byte(v))
	default:
		u := uint32(v) << 16
		w.buf = append(w.buf, 255, byte(u>>24), byte(u>>16), byte(u>>8), byte(u))
	}
}

// op writes the pending arguments and the operator.
func (w *charstringWriter) op(o byte) {
	for _, a := range w.args {
		w.num(a)
	}
	w.args = w.args[:0]
	w.buf = append(w.buf, o)
}

func (w *charstringWriter) push(v ...int32) { w.args = append(w.args, v...) }

// curveDeltas are a cubic's three control vectors relative to the previous point.
type curveDeltas struct{ dxa, dya, dxb, dyb, dxc, dyc int32 }

func deltas(s segment, x, y int32) curveDeltas {
	return curveDeltas{s.x1 - x, s.y1 - y, s.x2 - s.x1, s.y2 - s.y1, s.x - s.x2, s.y - s.y2}
}

// glyph writes a whole charstring: optional width, each contour's moveto and segments,
// endchar. width is nil when it equals defaultWidthX.
func (w *charstringWriter) glyph(cs []contour, width *int32) {
	w.args = w.args[:0]
	if width != nil {
		w.push(*width)
	}
	var x, y int32
	for _, c := range cs {
		dx, dy := c.x-x, c.y-y
		switch {
		case dx == 0:
			w.push(dy)
			w.op(t2vmoveto)
		case dy == 0:
			w.push(dx)
			w.op(t2hmoveto)
		default:
			w.push(dx, dy)
			w.op(t2rmoveto)
		}
		width = nil
		x, y = c.x, c.y
		x, y = w.segments(c.segs, x, y)
	}
	w.op(t2endchar)
}

// segments writes one contour's segments from (x, y) and returns the end point.
func (w *charstringWriter) segments(segs []segment, x, y int32) (int32, int32) {
	for i := 0; i < len(segs); {
		s := segs[i]
		if !s.curve {
			i, x, y = w.lines(segs, i, x, y)
			continue
		}
		i, x, y = w.curves(segs, i, x, y)
	}
	return x, y
}

// lines writes the run of lines that starts at segs[i]: alternating horizontal and
// vertical lines as hlineto/vlineto, other lines as rlineto.
func (w *charstringWriter) lines(segs []segment, i int, x, y int32) (int, int32, int32) {
	s := segs[i]
	if s.x == x || s.y == y {
		horiz := s.y == y
		op := byte(t2vlineto)
		if horiz {
			op = t2hlineto
		}
		for i < len(segs) && !segs[i].curve && len(w.args) < maxArgs {
			s := segs[i]
			if horiz && s.y == y {
				w.push(s.x - x)
			} else if !horiz && s.x == x {
				w.push(s.y - y)
			} else {
				break
			}
			x, y, horiz = s.x, s.y, !horiz
			i++
		}
		w.op(op)
		return i, x, y
	}
	for i < len(segs) && !segs[i].curve && segs[i].x != x && segs[i].y != y && len(w.args)+2 <= maxArgs {
		s := segs[i]
		w.push(s.x-x, s.y-y)
		x, y = s.x, s.y
		i++
	}
	w.op(t2rlineto)
	return i, x, y
}

// curveRun is one way to write the curves from some index: its operator, how many curves
// it covers and how many arguments it takes.
type curveRun struct {
	op    byte
	n     int
	nargs int
}

// saving is how many argument slots the run saves over rrcurveto, minus the operator.
func (r curveRun) saving() int { return 6*r.n - r.nargs - 1 }

// bestRun finds the cheapest special curve operator for the curves at segs[i:].
func bestRun(segs []segment, i int, x, y int32) curveRun {
	best := curveRun{op: t2rrcurveto}
	if d := deltas(segs[i], x, y); d.dxa != 0 && d.dya != 0 && d.dxc != 0 && d.dyc != 0 {
		return best // no special operator can start with this curve
	}
	for _, op := range [...]byte{t2hvcurveto, t2vhcurveto, t2hhcurveto, t2vvcurveto} {
		r := planRun(segs, i, x, y, op)
		if r.n > 0 && r.saving() > best.saving() {
			best = r
		}
	}
	return best
}

// planRun measures how many curves from segs[i] one op can draw (0: none).
func planRun(segs []segment, i int, x, y int32, op byte) curveRun {
	r := curveRun{op: op}
	horiz := op == t2hvcurveto // hv/vh: does the next curve start horizontally?
	for j := i; j < len(segs) && segs[j].curve; j++ {
		d := deltas(segs[j], x, y)
		switch op {
		case t2hhcurveto:
			if d.dyc != 0 || d.dya != 0 && r.n > 0 || r.nargs+4+b2i(d.dya != 0) > maxArgs {
				return r
			}
			r.nargs += 4 + b2i(d.dya != 0)
		case t2vvcurveto:
			if d.dxc != 0 || d.dxa != 0 && r.n > 0 || r.nargs+4+b2i(d.dxa != 0) > maxArgs {
				return r
			}
			r.nargs += 4 + b2i(d.dxa != 0)
		default:
			startOK := horiz && d.dya == 0 || !horiz && d.dxa == 0
			endOK := horiz && d.dxc == 0 || !horiz && d.dyc == 0
			if !startOK || r.nargs+4+b2i(!endOK) > maxArgs {
				return r
			}
			r.nargs += 4
			r.n++
			if !endOK {
				r.nargs++ // the last curve's extra coordinate ends the run
				return r
			}
			horiz = !horiz
			x, y = segs[j].x, segs[j].y
			continue
		}
		r.n++
		x, y = segs[j].x, segs[j].y
	}
	return r
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// curves writes the run of curves that starts at segs[i] with the cheapest operator.
func (w *charstringWriter) curves(segs []segment, i int, x, y int32) (int, int32, int32) {
	r := bestRun(segs, i, x, y)
	if r.op == t2rrcurveto {
		// rrcurveto until a special operator would pay for itself.
		for j := i; j < len(segs) && segs[j].curve && len(w.args)+6 <= maxArgs; j++ {
			d := deltas(segs[j], x, y)
			special := d.dxa == 0 || d.dya == 0 || d.dxc == 0 || d.dyc == 0
			if j > i && special && bestRun(segs, j, x, y).saving() > 1 {
				break
			}
			w.push(d.dxa, d.dya, d.dxb, d.dyb, d.dxc, d.dyc)
			x, y = segs[j].x, segs[j].y
			i = j + 1
		}
		w.op(t2rrcurveto)
		return i, x, y
	}
	horiz := r.op == t2hvcurveto
	for k := 0; k < r.n; k++ {
		d := deltas(segs[i+k], x, y)
		switch r.op {
		case t2hhcurveto:
			if d.dya != 0 {
				w.push(d.dya)
			}
			w.push(d.dxa, d.dxb, d.dyb, d.dxc)
		case t2vvcurveto:
			if d.dxa != 0 {
				w.push(d.dxa)
			}
			w.push(d.dya, d.dxb, d.dyb, d.dyc)
		default:
			if horiz {
				w.push(d.dxa, d.dxb, d.dyb, d.dyc)
				if d.dxc != 0 {
					w.push(d.dxc)
				}
			} else {
				w.push(d.dya, d.dxb, d.dyb, d.dxc)
				if d.dyc != 0 {
					w.push(d.dyc)
				}
			}
			horiz = !horiz
		}
		x, y = segs[i+k].x, segs[i+k].y
	}
	w.op(r.op)
	return i + r.n, x, y
}
