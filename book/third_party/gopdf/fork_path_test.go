package gopdf

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"
)

// pageContent draws with f on one 100×200 pt page and returns the uncompressed
// content stream's operators as written.
func pageContent(t *testing.T, f func(gp *GoPdf)) string {
	t.Helper()
	var gp GoPdf
	gp.Start(Config{Unit: UnitPT, PageSize: Rect{W: 100, H: 200}})
	gp.SetCompressLevel(0)
	gp.AddPage()
	f(&gp)
	var buf bytes.Buffer
	if _, err := gp.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestDrawPath(t *testing.T) {
	tri := []PathSeg{
		{Op: PathMoveTo, Pts: [3]Point{{10, 20}}},
		{Op: PathLineTo, Pts: [3]Point{{30, 20}}},
		{Op: PathCurveTo, Pts: [3]Point{{30, 40}, {20, 50.5}, {10, 40}}},
		{Op: PathClose},
	}
	for _, c := range []struct {
		name  string
		style PathStyle
		want  []string
	}{
		{"fill nonzero", PathStyle{Fill: true, FillRGB: [3]uint8{255, 0, 0}, FillAlpha: 1},
			[]string{"q\n1 0 0 rg\n10 180 m\n30 180 l\n30 160 20 149.5 10 160 c\nh\nf\nQ\n"}},
		{"stroke", PathStyle{Stroke: true, StrokeRGB: [3]uint8{0, 0, 255}, StrokeAlpha: 1, LineWidth: 0.5, LineCap: 1, LineJoin: 2, MiterLimit: 4, Dash: []float64{1, 2}, DashPhase: 0.5},
			[]string{"0 0 1 RG\n0.5 w 1 J 2 j\n4 M\n[1 2] 0.5 d\n", "h\nS\nQ\n"}},
		{"both even-odd with alpha", PathStyle{Fill: true, Stroke: true, EvenOdd: true, FillAlpha: 0.5, StrokeAlpha: 1, LineWidth: 1},
			[]string{"q\n/GS", " gs\n0 0 0 rg\n0 0 0 RG\n", "h\nB*\nQ\n", "/ca 0.500", "/CA 1.000"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := pageContent(t, func(gp *GoPdf) {
				if err := gp.DrawPath(tri, c.style); err != nil {
					t.Fatal(err)
				}
			})
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q", w)
				}
			}
		})
	}
	var gp GoPdf
	gp.Start(Config{Unit: UnitPT, PageSize: Rect{W: 100, H: 200}})
	gp.AddPage()
	if err := gp.DrawPath(tri[1:], PathStyle{Fill: true}); !errors.Is(err, ErrBadPath) {
		t.Errorf("path without a move: %v", err)
	}
	bad := []PathSeg{{Op: PathMoveTo, Pts: [3]Point{{math.NaN(), 0}}}}
	if err := gp.DrawPath(bad, PathStyle{Fill: true}); !errors.Is(err, ErrBadPath) {
		t.Errorf("NaN coordinate: %v", err)
	}
}

func TestClipRect(t *testing.T) {
	out := pageContent(t, func(gp *GoPdf) {
		gp.ClipRect(10, 20, 30, 40)
		gp.EndClip()
	})
	if !strings.Contains(out, "q\n10 140 30 40 re W n\nQ\n") {
		t.Errorf("clip not written as expected")
	}
}
