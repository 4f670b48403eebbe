package pdf

import (
	"errors"

	"cjkbook/book"
	"cjkbook/book/svg"

	"github.com/signintech/gopdf"
)

// drawingOf returns the drawing the loader parsed for an SVG asset; nil for a
// raster image, and for an SVG it could not parse (which validate refuses).
func drawingOf(a *book.Asset) *svg.Drawing {
	if !a.IsSVG() {
		return nil
	}
	dw, _ := a.Drawing.(*svg.Drawing)
	return dw
}

// undrawable says why an SVG asset has no drawing.
func undrawable(a *book.Asset) error {
	if a.DrawErr != nil {
		return a.DrawErr
	}
	return errors.New("no parsed drawing")
}

// vector draws the paths of an SVG drawing scaled into the rectangle x, y, w×h,
// clipped to it as the SVG viewport clips its content.
func (dr *drawer) vector(dw *svg.Drawing, x, y, w, h float64) error {
	dr.pdf.ClipRect(x, y, w, h)
	defer dr.pdf.EndClip()
	sx, sy := w/dw.Width, h/dw.Height
	k := (sx + sy) / 2
	var segs []gopdf.PathSeg
	for _, sh := range dw.Shapes {
		p := sh.Path
		if p == nil {
			continue
		}
		segs = segs[:0]
		for _, s := range p.Segs {
			ps := gopdf.PathSeg{Op: pathOps[s.Op]}
			for j, pt := range s.Pts {
				ps.Pts[j] = gopdf.Point{X: x + pt.X*sx, Y: y + pt.Y*sy}
			}
			segs = append(segs, ps)
		}
		st := gopdf.PathStyle{
			Fill: !p.Fill.None, Stroke: !p.Stroke.None, EvenOdd: p.EvenOdd,
			FillRGB:     [3]uint8{p.Fill.Color.R, p.Fill.Color.G, p.Fill.Color.B},
			StrokeRGB:   [3]uint8{p.Stroke.Color.R, p.Stroke.Color.G, p.Stroke.Color.B},
			FillAlpha:   p.Fill.Opacity,
			StrokeAlpha: p.Stroke.Opacity,
			LineWidth:   p.Width * k,
			LineCap:     int(p.Cap),
			LineJoin:    int(p.Join),
			MiterLimit:  p.MiterLimit,
			DashPhase:   p.DashOffset * k,
		}
		for _, d := range p.Dash {
			st.Dash = append(st.Dash, d*k)
		}
		if err := dr.pdf.DrawPath(segs, st); err != nil {
			return err
		}
	}
	return nil
}

// pathOps maps the SVG model's operators to gopdf's.
var pathOps = [...]gopdf.PathOp{svg.MoveTo: gopdf.PathMoveTo, svg.LineTo: gopdf.PathLineTo, svg.CubeTo: gopdf.PathCurveTo, svg.Close: gopdf.PathClose}
