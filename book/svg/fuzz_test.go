package svg

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse feeds arbitrary documents to Parse: it must return a drawing or an
// error wrapping ErrSVG, never panic or hang, and a drawing must have a positive
// finite size and coordinates within range.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		doc(`<rect x="1" y="2" width="3" height="4" rx="1" fill="#f00" stroke="blue" stroke-dasharray="1 2"/>`),
		doc(`<g transform="scale(4.1667 4.1667) rotate(0) translate(4 238)"><polygon fill="none" stroke="#000000" points="8,-104 8,-124 60,-124 60,-104 8,-104"/><text text-anchor="start" x="18.8" y="-109.8" font-family="Times,serif" font-size="14.00">name</text></g>`),
		doc(`<path d="M0 0a5 5 0 0010 0q1 1 2 2t3 3s1 1 2 2c1 1 2 2 3 3h1v1z"/>`),
		doc(`<defs><rect id="r" width="1" height="1"/></defs><clipPath id="c"><use xlink:href="#r"/></clipPath><use href="#r" x="3"/>`),
		doc(`<style>.st0{fill:#FF0000}</style><ellipse class="st0" cx="5" cy="5" rx="3" ry="2" opacity=".5"/><circle r="2"/>`),
		doc(`<text x="1" y="2">a<tspan x="3" y="4" font-weight="bold">b</tspan></text>`),
		`<svg viewBox="0 0 1000 700"/>`,
		`<svg width="1e300" height="1e300"/>`,
	} {
		f.Add([]byte(s))
	}
	if data, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "corpus", "trpl-zh-cn", "src", "img", "trpl04-01.svg")); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse(data)
		if err != nil {
			return
		}
		if !(d.Width > 0 && d.Height > 0) || math.IsInf(d.Width, 0) || math.IsInf(d.Height, 0) {
			t.Fatalf("size %v×%v", d.Width, d.Height)
		}
		for _, s := range d.Shapes {
			if s.Path != nil {
				if len(s.Path.Segs) == 0 || s.Path.Segs[0].Op != MoveTo {
					t.Fatalf("path does not start with a move: %+v", s.Path.Segs)
				}
				for _, sg := range s.Path.Segs {
					for _, p := range sg.Pts {
						if !inRange(p.X) || !inRange(p.Y) {
							t.Fatalf("point %v out of range", p)
						}
					}
				}
			}
			if s.Text != nil && (!inRange(s.Text.X) || !inRange(s.Text.Y) || !inRange(s.Text.Size)) {
				t.Fatalf("text %+v out of range", *s.Text)
			}
		}
	})
}
