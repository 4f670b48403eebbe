package svg

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cjkbook/book/internal/testenv"
)

// doc wraps body in an <svg> root of 100×100 user units at 1 pt each.
func doc(body string) string {
	return `<svg xmlns="http://www.w3.org/2000/svg" width="100pt" height="100pt" viewBox="0 0 100 100">` + body + `</svg>`
}

func mustParse(t *testing.T, src string) *Drawing {
	t.Helper()
	d, err := Parse([]byte(src))
	if err != nil {
		t.Fatalf("Parse: %v\n%s", err, src)
	}
	return d
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestSize(t *testing.T) {
	for _, c := range []struct {
		name, root string
		w, h       float64
	}{
		{"px", `width="96" height="48"`, 72, 36},
		{"px unit", `width="96px" height="48px"`, 72, 36},
		{"pt", `width="10pt" height="20pt"`, 10, 20},
		{"mm", `width="25.4mm" height="2.54cm"`, 72, 72},
		{"in pc", `width="1in" height="2pc"`, 72, 24},
		{"viewBox only", `viewBox="0 0 1000 700"`, 750, 525},
		{"width and viewBox", `width="200" viewBox="0 0 100 50"`, 150, 75},
		{"height and viewBox", `height="100" viewBox="0 0 100 50"`, 150, 75},
		{"percent falls back to viewBox", `width="100%" height="100%" viewBox="0 0 40 20"`, 30, 15},
		{"Illustrator", `x="0px" y="0px" width="1259px" height="847px" viewBox="0 0 1259 847"`, 944.25, 635.25},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := mustParse(t, `<svg xmlns="http://www.w3.org/2000/svg" `+c.root+`/>`)
			if !near(d.Width, c.w) || !near(d.Height, c.h) {
				t.Errorf("size %v×%v, want %v×%v", d.Width, d.Height, c.w, c.h)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	deep := strings.Repeat("<g>", MaxDepth+1) + strings.Repeat("</g>", MaxDepth+1)
	many := strings.Repeat("<g/>", MaxElements+1)
	// Each level uses the one below it ten times: 10^9 copies unless bounded.
	bomb := `<defs><path id="p0" d="M0 0L1 1"/>`
	for i := 1; i <= 9; i++ {
		bomb += fmt.Sprintf(`<g id="p%d">%s</g>`, i, strings.Repeat(fmt.Sprintf(`<use href="#p%d"/>`, i-1), 10))
	}
	bomb += `</defs><use href="#p9"/>`
	for _, c := range []struct{ name, src, want string }{
		{"empty", ``, "no <svg>"},
		{"not svg", `<html/>`, "not <svg>"},
		{"no size", `<svg/>`, "no size"},
		{"zero size", `<svg width="0" height="10"/>`, "out of range"},
		{"huge size", `<svg width="1e9" height="10"/>`, "out of range"},
		{"broken XML", `<svg width="1" height="1"><g></svg>`, "svg"},
		{"entity", `<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg width="1" height="1"><text>&a;</text></svg>`, "entity"},
		{"encoding", `<?xml version="1.0" encoding="ISO-8859-1"?><svg width="1" height="1"/>`, "not supported"},
		{"deep", doc(deep), "nested deeper"},
		{"many", doc(many), "more than"},
		{"use bomb", doc(bomb), "more than"},
		{"self use", doc(`<g id="a"><use href="#a"/></g>`), "nested deeper"},
		{"too big", `<svg>` + strings.Repeat(" ", MaxBytes) + `</svg>`, "MB"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse([]byte(c.src))
			if err == nil || !errors.Is(err, ErrSVG) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want ErrSVG containing %q", err, c.want)
			}
		})
	}
}

// segs formats a drawing's first path compactly: "M0,0 L10,0 C… Z".
func segs(p *Path) string {
	var sb strings.Builder
	for i, s := range p.Segs {
		if i > 0 {
			sb.WriteByte(' ')
		}
		n := map[Op]int{MoveTo: 1, LineTo: 1, CubeTo: 3}[s.Op]
		sb.WriteString([]string{"M", "L", "C", "Z"}[s.Op])
		for j := 0; j < n; j++ {
			if j > 0 {
				sb.WriteByte(';')
			}
			fmt.Fprintf(&sb, "%g,%g", round(s.Pts[j].X), round(s.Pts[j].Y))
		}
	}
	return sb.String()
}

func round(v float64) float64 { return math.Round(v*100)/100 + 0 }

func TestShapes(t *testing.T) {
	for _, c := range []struct{ name, body, want string }{
		{"rect", `<rect x="1" y="2" width="3" height="4"/>`, "M1,2 L4,2 L4,6 L1,6 Z"},
		{"rounded rect", `<rect width="10" height="10" rx="2"/>`, "M2,0 L8,0 C9.1,0;10,0.9;10,2 L10,8 C10,9.1;9.1,10;8,10 L2,10 C0.9,10;0,9.1;0,8 L0,2 C0,0.9;0.9,0;2,0 Z"},
		{"circle", `<circle cx="5" cy="5" r="5"/>`, "M10,5 C10,7.76;7.76,10;5,10 C2.24,10;0,7.76;0,5 C0,2.24;2.24,0;5,0 C7.76,0;10,2.24;10,5 Z"},
		{"ellipse", `<ellipse cx="0" cy="0" rx="2" ry="1"/>`, "M2,0 C2,0.55;1.1,1;0,1 C-1.1,1;-2,0.55;-2,0 C-2,-0.55;-1.1,-1;0,-1 C1.1,-1;2,-0.55;2,0 Z"},
		{"line", `<line x1="1" y1="2" x2="3" y2="4" stroke="black"/>`, "M1,2 L3,4"},
		{"polyline", `<polyline points="8,-124 96,-124 " stroke="#000000" fill="none"/>`, "M8,-124 L96,-124"},
		{"polygon", `<polygon points="0,0 10,0 10,10"/>`, "M0,0 L10,0 L10,10 Z"},
		{"path absolute", `<path d="M1 2L3 4H5V6Z"/>`, "M1,2 L3,4 L5,4 L5,6 Z"},
		{"path relative", `<path d="m1 2l3 4h1v-2z m1,1 2,2"/>`, "M1,2 L4,6 L5,6 L5,4 Z M2,3 L4,5"},
		{"path compact numbers", `<path d="M.5.5l1e1-1.5"/>`, "M0.5,0.5 L10.5,-1"},
		{"cubic and smooth", `<path d="M0 0C1 1 2 1 3 0S5 -1 6 0"/>`, "M0,0 C1,1;2,1;3,0 C4,-1;5,-1;6,0"},
		{"quadratic and smooth", `<path d="M0 0Q3 3 6 0T12 0"/>`, "M0,0 C2,2;4,2;6,0 C8,-2;10,-2;12,0"},
		{"arc half circle", `<path d="M0 0A5 5 0 0 1 10 0"/>`, "M0,0 C0,-2.76;2.24,-5;5,-5 C7.76,-5;10,-2.76;10,0"},
		{"arc compact flags", `<path d="M0 0a5 5 0 0010 0"/>`, "M0,0 C0,2.76;2.24,5;5,5 C7.76,5;10,2.76;10,0"},
		{"arc radius too small is scaled", `<path d="M0 0A1 1 0 0 1 10 0"/>`, "M0,0 C0,-2.76;2.24,-5;5,-5 C7.76,-5;10,-2.76;10,0"},
		{"arc zero radius is a line", `<path d="M0 0A0 5 0 0 1 10 0"/>`, "M0,0 L10,0"},
		{"junk ends the path", `<path d="M0 0L1 1 x L5 5"/>`, "M0,0 L1,1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := mustParse(t, doc(c.body))
			if len(d.Shapes) != 1 || d.Shapes[0].Path == nil {
				t.Fatalf("%d shapes, want one path", len(d.Shapes))
			}
			if got := segs(d.Shapes[0].Path); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

func TestTransforms(t *testing.T) {
	for _, c := range []struct{ name, body, want string }{
		{"translate", `<g transform="translate(10 20)"><path d="M0 0L1 0"/></g>`, "M10,20 L11,20"},
		{"scale then translate", `<g transform="scale(2) translate(1,1)"><path d="M0 0L1 0"/></g>`, "M2,2 L4,2"},
		{"graphviz", `<g transform="scale(2 2) rotate(0) translate(4 40)"><path d="M8 -4L10 -4"/></g>`, "M24,72 L28,72"},
		{"rotate about a point", `<path transform="rotate(90 5 5)" d="M5 0L10 0"/>`, "M10,5 L10,10"},
		{"matrix", `<path transform="matrix(1 0 0 -1 0 50)" d="M0 10L1 10"/>`, "M0,40 L1,40"},
		{"nested", `<g transform="translate(5)"><g transform="scale(3)"><path d="M1 1L2 1"/></g></g>`, "M8,3 L11,3"},
		{"skewX", `<path transform="skewX(45)" d="M0 0L0 10"/>`, "M0,0 L10,10"},
		{"bad transform ignored", `<path transform="wobble(3)" d="M1 1L2 1"/>`, "M1,1 L2,1"},
		{"viewBox offset", `<svg width="10" height="10" viewBox="5 5 10 10" x="0"><path d="M5 5L15 15"/></svg>`, "M5,5 L15,15"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := mustParse(t, doc(c.body))
			if len(d.Shapes) != 1 {
				t.Fatalf("%d shapes", len(d.Shapes))
			}
			if got := segs(d.Shapes[0].Path); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
	// The root viewBox is fitted into the size: 200×100 px into 1000×500 units.
	d := mustParse(t, `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 1000 500"><path d="M1000 500L0 0" stroke="red" stroke-width="10"/></svg>`)
	if got := segs(d.Shapes[0].Path); got != "M150,75 L0,0" {
		t.Errorf("viewBox fit: %s", got)
	}
	if w := d.Shapes[0].Path.Width; !near(w, 1.5) {
		t.Errorf("stroke width %v, want 1.5 (10 units × 0.15 pt)", w)
	}
	// preserveAspectRatio: centred with meet.
	d = mustParse(t, `<svg xmlns="http://www.w3.org/2000/svg" width="200pt" height="100pt" viewBox="0 0 10 10"><path d="M0 0L10 10"/></svg>`)
	if got := segs(d.Shapes[0].Path); got != "M50,0 L150,100" {
		t.Errorf("meet: %s", got)
	}
}

func TestStyle(t *testing.T) {
	red := Color{255, 0, 0}
	for _, c := range []struct {
		name, body string
		check      func(p *Path) bool
	}{
		{"default fill black, no stroke", `<rect width="1" height="1"/>`, func(p *Path) bool { return !p.Fill.None && p.Fill.Color == Color{} && p.Stroke.None }},
		{"hex fill", `<rect width="1" height="1" fill="#8F1F1D"/>`, func(p *Path) bool { return p.Fill.Color == Color{0x8F, 0x1F, 0x1D} }},
		{"short hex, named, rgb()", `<g fill="#f00"><rect width="1" height="1" stroke="rgb(255, 0, 0)"/></g>`, func(p *Path) bool { return p.Fill.Color == red && p.Stroke.Color == red }},
		{"named colour", `<rect width="1" height="1" fill="red"/>`, func(p *Path) bool { return p.Fill.Color == red }},
		{"stroke only", `<rect width="1" height="1" fill="none" stroke="#000" stroke-width="2" stroke-linecap="round" stroke-linejoin="bevel"/>`, func(p *Path) bool {
			return p.Fill.None && !p.Stroke.None && p.Width == 2 && p.Cap == RoundCap && p.Join == BevelJoin
		}},
		{"transparent stroke", `<rect width="1" height="1" stroke="transparent"/>`, func(p *Path) bool { return p.Stroke.None }},
		{"style attribute beats attribute", `<rect width="1" height="1" fill="blue" style="fill: red"/>`, func(p *Path) bool { return p.Fill.Color == red }},
		{"class rule", `<style>.st0{fill:#FF0000;} .a .b{fill:blue}</style><rect class="st0" width="1" height="1" fill="blue"/>`, func(p *Path) bool { return p.Fill.Color == red }},
		{"opacity multiplies", `<g opacity="0.5"><rect width="1" height="1" fill-opacity="0.5"/></g>`, func(p *Path) bool { return near(p.Fill.Opacity, 0.25) }},
		{"currentColor", `<g color="red"><rect width="1" height="1" fill="currentColor"/></g>`, func(p *Path) bool { return p.Fill.Color == red }},
		{"even-odd", `<rect width="1" height="1" fill-rule="evenodd"/>`, func(p *Path) bool { return p.EvenOdd }},
		{"dash scaled", `<g transform="scale(2)"><line x2="1" stroke="#000" stroke-dasharray="1,2,3"/></g>`, func(p *Path) bool {
			return len(p.Dash) == 6 && p.Dash[0] == 2 && p.Dash[5] == 6
		}},
		{"gradient first stop", `<defs><linearGradient id="g"><stop offset="0" style="stop-color:#ff0000"/><stop offset="1" stop-color="blue"/></linearGradient></defs><rect width="1" height="1" fill="url(#g)"/>`, func(p *Path) bool { return p.Fill.Color == red }},
		{"unknown paint server falls back", `<rect width="1" height="1" fill="url(#nope) red"/>`, func(p *Path) bool { return p.Fill.Color == red }},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := mustParse(t, doc(c.body))
			if len(d.Shapes) != 1 || d.Shapes[0].Path == nil {
				t.Fatalf("%d shapes, want one path", len(d.Shapes))
			}
			if p := d.Shapes[0].Path; !c.check(p) {
				t.Errorf("unexpected style: %+v", *p)
			}
		})
	}
	// Elements that are not drawn.
	for _, c := range []struct{ name, body string }{
		{"display none", `<rect width="1" height="1" style="display:none"/>`},
		{"hidden", `<g visibility="hidden"><rect width="1" height="1"/></g>`},
		{"defs", `<defs><rect id="r" width="1" height="1"/></defs>`},
		{"clipPath with use", `<defs><rect id="r" width="1" height="1"/></defs><clipPath id="c"><use xlink:href="#r"/></clipPath>`},
		{"fill and stroke none", `<rect width="1" height="1" fill="none"/>`},
		{"external use", `<use href="other.svg#x"/>`},
		{"image", `<image href="x.png" width="1" height="1"/>`},
		{"zero size rect", `<rect width="0" height="1"/>`},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := mustParse(t, doc(c.body))
			if len(d.Shapes) != 0 {
				t.Errorf("%d shapes drawn, want none", len(d.Shapes))
			}
		})
	}
	// use: the referenced element, moved by x and y, in the use's style.
	d := mustParse(t, doc(`<defs><rect id="r" width="1" height="1"/></defs><use xlink:href="#r" x="5" y="6" fill="red"/>`))
	if len(d.Shapes) != 1 || segs(d.Shapes[0].Path) != "M5,6 L6,6 L6,7 L5,7 Z" || d.Shapes[0].Path.Fill.Color != red {
		t.Errorf("use: %d shapes %+v", len(d.Shapes), d.Shapes)
	}
}

func TestText(t *testing.T) {
	d := mustParse(t, doc(`<g transform="scale(2) translate(4 40)">
<text text-anchor="start" x="10" y="-5" font-family="Times,serif" font-size="14.00" fill="#000000">capacity</text>
<text text-anchor="middle" x="20" y="0" font-size="10" font-weight="bold">  h  e
 llo </text>
<text x="1" y="2" style="text-anchor:end; font-size: 8px">a<tspan>b</tspan><tspan x="30" y="3" fill="red">c</tspan></text>
<text x="0" y="0" fill="none">invisible</text>
</g>`))
	ts := d.Texts()
	if len(ts) != 4 {
		t.Fatalf("%d texts: %+v", len(ts), ts)
	}
	want := []Text{
		{X: 28, Y: 70, Size: 28, Anchor: Start, Family: "Times,serif", Content: "capacity", Fill: Paint{Opacity: 1}},
		{X: 48, Y: 80, Size: 20, Anchor: Middle, Bold: true, Content: "h e llo", Fill: Paint{Opacity: 1}},
		{X: 10, Y: 84, Size: 16, Anchor: End, Content: "ab", Fill: Paint{Opacity: 1}},
		{X: 68, Y: 86, Size: 16, Anchor: End, Content: "c", Fill: Paint{Color: Color{255, 0, 0}, Opacity: 1}},
	}
	for i, w := range want {
		if *ts[i] != w {
			t.Errorf("text %d = %+v\nwant      %+v", i, *ts[i], w)
		}
	}
	// Author widths: Times "capacity" at 28 pt.
	if w, ok := ts[0].AuthorWidth(); !ok || !near(w, 28*(444+444+500+444+444+278+278+500)/1000.0) {
		t.Errorf("AuthorWidth = %v, %v", w, ok)
	}
	if _, ok := ts[1].AuthorWidth(); ok {
		t.Error("AuthorWidth without a font family should not be known")
	}
	if w, ok := (&Text{Family: "'Courier New', monospace", Size: 10, Content: "ab"}).AuthorWidth(); !ok || !near(w, 12) {
		t.Errorf("Courier width %v %v", w, ok)
	}
	if _, ok := (&Text{Family: "serif", Size: 10, Content: "中文"}).AuthorWidth(); ok {
		t.Error("AuthorWidth of non-ASCII text should not be known")
	}
}

func TestSniff(t *testing.T) {
	for src, want := range map[string]bool{
		`<svg/>`: true, "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!DOCTYPE svg><svg>": true,
		"\x89PNG\r\n": false, `hello <svg>`: false, ``: false,
		"<!-- drawn by hand -->\n<svg>": true, `<html><svg>`: false,
	} {
		if got := Sniff([]byte(src)); got != want {
			t.Errorf("Sniff(%q) = %v", src, got)
		}
	}
}

// TestCorpus parses the Rust book's SVGs: the Graphviz diagrams with their labels,
// the Ferris crabs in red without the black clip rectangle.
func TestCorpus(t *testing.T) {
	dir := filepath.Join(testenv.Corpus(t, "trpl-zh-cn"), "src", "img")
	files, _ := filepath.Glob(filepath.Join(dir, "*.svg"))
	ferris, _ := filepath.Glob(filepath.Join(dir, "ferris", "*.svg"))
	if len(files)+len(ferris) == 0 {
		t.Skipf("SKIP: corpus trpl-zh-cn not found at %s", dir)
	}
	for _, f := range append(files, ferris...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := Parse(data)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		var labels []string
		for _, tx := range d.Texts() {
			labels = append(labels, tx.Content)
		}
		all := " " + strings.Join(labels, " ") + " "
		if strings.Contains(f, "ferris") {
			red := 0
			for _, s := range d.Shapes {
				if p := s.Path; p != nil && !p.Fill.None {
					if c := p.Fill.Color; c.R > 0x80 && c.G < 0x60 && c.B < 0x60 {
						red++
					}
					if minX, maxX := xRange(p); p.Fill.Color == (Color{}) && maxX-minX > d.Width/2 {
						t.Errorf("%s: a wide black shape is drawn (the clip path's rectangle?)", f)
					}
				}
			}
			if red < 3 || len(labels) != 0 {
				t.Errorf("%s: %d red shapes, labels %q", f, red, labels)
			}
			continue
		}
		for _, w := range []string{" ptr ", " len ", " capacity ", " index ", " value "} {
			if !strings.Contains(all, w) {
				t.Errorf("%s: label %q missing from %q", filepath.Base(f), w, all)
			}
		}
		for _, s := range d.Shapes {
			for _, sg := range segsOf(s) {
				for _, p := range sg.Pts[:1] {
					// Graphviz's background polygon overflows the viewBox a little
					// (the viewport clips it).
					if tol := d.Width * 0.02; p.X < -tol || p.Y < -tol || p.X > d.Width+tol || p.Y > d.Height+tol {
						t.Fatalf("%s: point %v outside the %v×%v frame", filepath.Base(f), p, d.Width, d.Height)
					}
				}
			}
		}
	}
}

func segsOf(s Shape) []Seg {
	if s.Path == nil {
		return nil
	}
	var out []Seg
	for _, sg := range s.Path.Segs {
		if sg.Op != Close {
			out = append(out, sg)
		}
	}
	return out
}

// xRange returns the smallest and largest x of a path's points.
func xRange(p *Path) (float64, float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, sg := range p.Segs {
		n := map[Op]int{MoveTo: 1, LineTo: 1, CubeTo: 3}[sg.Op]
		for _, pt := range sg.Pts[:n] {
			lo, hi = math.Min(lo, pt.X), math.Max(hi, pt.X)
		}
	}
	return lo, hi
}
