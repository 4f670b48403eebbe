package pdf

import (
	"fmt"
	"maps"

	"cjkbook/book/pdf/layout"
	"cjkbook/book/svg"

	"github.com/signintech/gopdf"
)

// drawings returns the SVG drawing of every SVG image that a Picture item shows: the
// one the layout parsed (d.Drawings), else images[Src] parsed here, once per key. The
// layout set their labels as Text items; the drawer draws only their paths.
func drawings(d *layout.Document, images map[string][]byte) (map[string]*svg.Drawing, error) {
	out := d.Drawings
	own := false // out is a map of our own (d.Drawings is never written)
	for pi := range d.Pages {
		for ii := range d.Pages[pi].Items {
			it := &d.Pages[pi].Items[ii]
			if it.Kind != layout.Picture {
				continue
			}
			if _, done := out[it.Src]; done {
				continue
			}
			data := images[it.Src]
			if !svg.Sniff(data) {
				continue
			}
			dw, err := svg.Parse(data)
			if err != nil {
				return nil, fmt.Errorf("%w: page %d item %d: image %q: %v", ErrInvalidDocument, pi+1, ii, it.Src, err)
			}
			if !own {
				out, own = maps.Clone(out), true
				if out == nil {
					out = make(map[string]*svg.Drawing)
				}
			}
			out[it.Src] = dw
		}
	}
	return out, nil
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
