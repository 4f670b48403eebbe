package gopdf

// fork: arbitrary vector paths (for SVG pictures), see README.md.

import (
	"errors"
	"io"
	"math"
	"strconv"
)

// PathOp is a path construction operator of DrawPath.
type PathOp uint8

const (
	// PathMoveTo starts a subpath at Pts[0] (m).
	PathMoveTo PathOp = iota
	// PathLineTo draws a line to Pts[0] (l).
	PathLineTo
	// PathCurveTo draws a cubic Bézier with controls Pts[0], Pts[1] to Pts[2] (c).
	PathCurveTo
	// PathClose closes the subpath (h).
	PathClose
)

// PathSeg is one segment of a path, in document units from the top-left corner
// of the page (y grows downwards, as everywhere in gopdf).
type PathSeg struct {
	Op  PathOp
	Pts [3]Point
}

// PathStyle says how DrawPath paints a path. Colours are RGB; alphas below 1
// use an ExtGState; the line settings apply when Stroke is set.
type PathStyle struct {
	Fill, Stroke           bool
	EvenOdd                bool // even-odd fill rule (f*, B*) instead of nonzero
	FillRGB, StrokeRGB     [3]uint8
	FillAlpha, StrokeAlpha float64 // 0 (invisible) … 1 (opaque)
	LineWidth              float64 // in document units
	LineCap, LineJoin      int     // PDF values 0…2
	MiterLimit             float64 // ≥ 1; 0 leaves the default (10)
	Dash                   []float64
	DashPhase              float64
}

// ErrBadPath is returned by DrawPath for a path that cannot be written (a
// non-finite coordinate, a path that does not start with a move).
var ErrBadPath = errors.New("gopdf: bad path")

// DrawPath paints a path with its own graphics state, wrapped in q … Q so that
// nothing it sets (colours, line width, dashes, opacity) leaks to what follows.
// Fill and stroke alphas of 1 or more need no ExtGState.
func (gp *GoPdf) DrawPath(segs []PathSeg, st PathStyle) error {
	if !st.Fill && !st.Stroke || len(segs) == 0 {
		return nil
	}
	if segs[0].Op != PathMoveTo {
		return ErrBadPath
	}
	c := &cacheContentPath{pageHeight: gp.config.PageSize.H, style: st}
	if gp.curr.pageSize != nil && gp.curr.pageSize.H > 0 {
		c.pageHeight = gp.curr.pageSize.H
	}
	c.segs = make([]PathSeg, len(segs))
	for i, s := range segs {
		for j := range s.Pts {
			x, y := s.Pts[j].X, s.Pts[j].Y
			gp.UnitsToPointsVar(&x, &y)
			if math.IsNaN(x) || math.IsInf(x, 0) || math.IsNaN(y) || math.IsInf(y, 0) {
				return ErrBadPath
			}
			s.Pts[j] = Point{x, y}
		}
		c.segs[i] = s
	}
	lw := st.LineWidth
	gp.UnitsToPointsVar(&lw)
	c.style.LineWidth = lw
	fa, sa := 1.0, 1.0
	if st.Fill {
		fa = clamp01(st.FillAlpha)
	}
	if st.Stroke {
		sa = clamp01(st.StrokeAlpha)
	}
	if fa < 1 || sa < 1 {
		// Rounded as the ExtGState cache keys them (three decimals).
		fa, sa = math.Round(fa*1000)/1000, math.Round(sa*1000)/1000
		gs, err := GetCachedExtGState(ExtGStateOptions{StrokingCA: &sa, NonStrokingCa: &fa}, gp)
		if err != nil {
			return err
		}
		c.extGState = gs.Index + 1
	}
	gp.getContent().listCache.append(c)
	return nil
}

// ClipRect starts a graphics state (q) clipped to the rectangle with top-left
// (x, y) and size w×h; EndClip ends it (Q). Pairs may nest.
func (gp *GoPdf) ClipRect(x, y, w, h float64) {
	gp.UnitsToPointsVar(&x, &y, &w, &h)
	H := gp.config.PageSize.H
	if gp.curr.pageSize != nil && gp.curr.pageSize.H > 0 {
		H = gp.curr.pageSize.H
	}
	b := append([]byte("q\n"), appendNum(nil, x)...)
	b = append(b, ' ')
	b = appendNum(b, H-y-h)
	b = append(b, ' ')
	b = appendNum(b, w)
	b = append(b, ' ')
	b = appendNum(b, h)
	b = append(b, " re W n\n"...)
	gp.getContent().listCache.append(rawContent(b))
}

// EndClip ends the graphics state ClipRect started.
func (gp *GoPdf) EndClip() {
	gp.getContent().listCache.append(rawContent("Q\n"))
}

// rawContent is content-stream bytes written as they are.
type rawContent []byte

func (r rawContent) write(w io.Writer, _ *PDFProtection) error {
	_, err := w.Write(r)
	return err
}

func clamp01(v float64) float64 {
	if !(v > 0) {
		return 0
	}
	return math.Min(v, 1)
}

// cacheContentPath is a path drawn by DrawPath.
type cacheContentPath struct {
	pageHeight float64
	segs       []PathSeg
	style      PathStyle
	extGState  int // /GSn, 0 for none
}

func (c *cacheContentPath) write(w io.Writer, protection *PDFProtection) error {
	st := &c.style
	b := make([]byte, 0, 64+len(c.segs)*40)
	b = append(b, "q\n"...)
	if c.extGState > 0 {
		b = append(b, "/GS"...)
		b = strconv.AppendInt(b, int64(c.extGState), 10)
		b = append(b, " gs\n"...)
	}
	if st.Fill {
		b = appendRGB(b, st.FillRGB, " rg\n")
	}
	if st.Stroke {
		b = appendRGB(b, st.StrokeRGB, " RG\n")
		b = appendNum(b, st.LineWidth)
		b = append(b, " w "...)
		b = strconv.AppendInt(b, int64(st.LineCap%3), 10)
		b = append(b, " J "...)
		b = strconv.AppendInt(b, int64(st.LineJoin%3), 10)
		b = append(b, " j\n"...)
		if st.MiterLimit >= 1 {
			b = appendNum(b, st.MiterLimit)
			b = append(b, " M\n"...)
		}
		if len(st.Dash) > 0 {
			b = append(b, '[')
			for i, d := range st.Dash {
				if i > 0 {
					b = append(b, ' ')
				}
				b = appendNum(b, d)
			}
			b = append(b, "] "...)
			b = appendNum(b, st.DashPhase)
			b = append(b, " d\n"...)
		}
	}
	for _, s := range c.segs {
		switch s.Op {
		case PathMoveTo, PathLineTo:
			b = c.appendPoint(b, s.Pts[0])
			if s.Op == PathMoveTo {
				b = append(b, " m\n"...)
			} else {
				b = append(b, " l\n"...)
			}
		case PathCurveTo:
			for i, p := range s.Pts {
				if i > 0 {
					b = append(b, ' ')
				}
				b = c.appendPoint(b, p)
			}
			b = append(b, " c\n"...)
		case PathClose:
			b = append(b, "h\n"...)
		}
	}
	switch {
	case st.Fill && st.Stroke && st.EvenOdd:
		b = append(b, "B*\n"...)
	case st.Fill && st.Stroke:
		b = append(b, "B\n"...)
	case st.Fill && st.EvenOdd:
		b = append(b, "f*\n"...)
	case st.Fill:
		b = append(b, "f\n"...)
	default:
		b = append(b, "S\n"...)
	}
	b = append(b, "Q\n"...)
	_, err := w.Write(b)
	return err
}

// appendPoint appends x and the flipped y (PDF y grows upwards).
func (c *cacheContentPath) appendPoint(b []byte, p Point) []byte {
	b = appendNum(b, p.X)
	b = append(b, ' ')
	return appendNum(b, c.pageHeight-p.Y)
}

// appendNum appends v with at most three decimals, without trailing zeros.
func appendNum(b []byte, v float64) []byte {
	v = math.Round(v*1000) / 1000
	if v == 0 {
		return append(b, '0')
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

// appendRGB appends an RGB colour in 0…1 components and the operator.
func appendRGB(b []byte, c [3]uint8, op string) []byte {
	for i, v := range c {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendNum(b, float64(v)/255)
	}
	return append(b, op...)
}
