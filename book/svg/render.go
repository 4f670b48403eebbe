package svg

import (
	"bytes"
	"fmt"
	"math"
	"strings"
)

// renderer walks the tree, resolving styles and transforms into flat shapes.
type renderer struct {
	ids    map[string]*node
	css    map[string]map[string]string
	shapes []Shape
	segs   int // path segments emitted so far (bounded by MaxSegments)
	uses   int // <use> elements expanded so far
	visits int // elements rendered so far, <use> copies included (bounded by maxVisits)
}

// maxVisits bounds the elements rendered, counting each <use> copy again, so that
// uses of uses cannot multiply the work.
const maxVisits = 4 * MaxElements

func newRenderer(root *node) *renderer {
	r := &renderer{ids: map[string]*node{}, css: map[string]map[string]string{}}
	var index func(n *node)
	index = func(n *node) {
		if id := n.attr("id"); id != "" {
			if _, dup := r.ids[id]; !dup {
				r.ids[id] = n
			}
		}
		if n.name == "style" {
			parseCSS(string(bytes.Join(n.parts, nil)), r.css)
		}
		for _, c := range n.children {
			index(c)
		}
	}
	index(root)
	return r
}

// notRendered are elements whose content is drawn only when referenced (or never).
var notRendered = map[string]bool{
	"defs": true, "symbol": true, "clipPath": true, "mask": true, "pattern": true,
	"marker": true, "linearGradient": true, "radialGradient": true, "filter": true,
	"title": true, "desc": true, "metadata": true, "style": true, "script": true,
	"image": true, "foreignObject": true,
}

// children renders the children of n.
func (r *renderer) children(n *node, m matrix, s style, uses int) error {
	for _, c := range n.children {
		if err := r.element(c, m, s, uses); err != nil {
			return err
		}
	}
	return nil
}

// element renders one element under the transform m and the parent style s;
// uses counts the <use> elements being expanded around it.
func (r *renderer) element(n *node, m matrix, parent style, uses int) error {
	if notRendered[n.name] {
		return nil
	}
	if r.visits++; r.visits > maxVisits {
		return fmt.Errorf("%w: more than %d elements to draw (with <use> copies)", ErrSVG, maxVisits)
	}
	s, display := r.apply(parent, r.decls(n))
	if !display {
		return nil
	}
	if t, ok := parseTransform(n.attr("transform")); ok && n.has("transform") {
		m = m.mul(t)
	}
	switch n.name {
	case "g", "a", "switch":
		return r.children(n, m, s, uses)
	case "svg":
		// A nested viewport: placed at x, y (its own viewBox is not honoured).
		return r.children(n, m.mul(translate(userLength(n.attr("x"), 0), userLength(n.attr("y"), 0))), s, uses)
	case "use":
		return r.use(n, m, s, uses)
	case "text":
		r.text(n, m, s)
		return nil
	}
	var b pathBuilder
	switch n.name {
	case "path":
		if err := b.data(n.attr("d"), MaxSegments-r.segs); err != nil {
			return err
		}
	case "rect":
		b.rect(n)
	case "circle":
		rad := userLength(n.attr("r"), 0)
		b.ellipse(userLength(n.attr("cx"), 0), userLength(n.attr("cy"), 0), rad, rad)
	case "ellipse":
		b.ellipse(userLength(n.attr("cx"), 0), userLength(n.attr("cy"), 0), userLength(n.attr("rx"), 0), userLength(n.attr("ry"), 0))
	case "line":
		b.moveTo(userLength(n.attr("x1"), 0), userLength(n.attr("y1"), 0))
		b.lineTo(userLength(n.attr("x2"), 0), userLength(n.attr("y2"), 0))
	case "polyline", "polygon":
		v, _ := numbers(n.attr("points"))
		for i := 0; i+1 < len(v); i += 2 {
			if i == 0 {
				b.moveTo(v[0], v[1])
			} else {
				b.lineTo(v[i], v[i+1])
			}
		}
		if n.name == "polygon" && len(v) >= 4 {
			b.close()
		}
	default:
		return nil // unknown element: skipped with its content
	}
	return r.path(b.segs, m, s, n.name == "line" || n.name == "polyline")
}

// use renders the element an <use> refers to (a local #id only), translated by
// its x and y.
func (r *renderer) use(n *node, m matrix, s style, uses int) error {
	ref := n.href()
	if !strings.HasPrefix(ref, "#") {
		return nil // external references are not fetched
	}
	target := r.ids[ref[1:]]
	if target == nil {
		return nil
	}
	r.uses++
	if uses >= maxUseDepth || r.uses > MaxElements {
		return fmt.Errorf("%w: <use> references nested deeper than %d or expanded more than %d times", ErrSVG, maxUseDepth, MaxElements)
	}
	m = m.mul(translate(userLength(n.attr("x"), 0), userLength(n.attr("y"), 0)))
	if target.name == "symbol" {
		return r.children(target, m, s, uses+1)
	}
	return r.element(target, m, s, uses+1)
}

// path adds a painted path, transformed into the drawing's frame.
func (r *renderer) path(segs []Seg, m matrix, s style, open bool) error {
	if len(segs) == 0 || s.hidden {
		return nil
	}
	r.segs += len(segs)
	if r.segs > MaxSegments {
		return fmt.Errorf("%w: more than %d path segments", ErrSVG, MaxSegments)
	}
	p := &Path{
		Segs:       segs,
		Fill:       r.resolve(s.fill, s.color, s.fillOpacity*s.opacity),
		Stroke:     r.resolve(s.stroke, s.color, s.strokeOp*s.opacity),
		EvenOdd:    s.evenOdd,
		Cap:        s.cap,
		Join:       s.join,
		MiterLimit: s.miter,
	}
	if open {
		p.Fill.None = true // lines and polylines have no inside worth filling
	}
	k := m.scaleFactor()
	p.Width = s.width * k
	if p.Width == 0 {
		p.Stroke.None = true
	}
	if p.Fill.None && p.Stroke.None {
		return nil
	}
	if s.dash != nil {
		p.Dash = make([]float64, len(s.dash))
		for i, d := range s.dash {
			p.Dash[i] = d * k
		}
		p.DashOffset = s.dashOffset * k
	}
	for i := range p.Segs {
		sg := &p.Segs[i]
		for j := range sg.Pts {
			sg.Pts[j] = m.apply(sg.Pts[j].X, sg.Pts[j].Y)
			if !inRange(sg.Pts[j].X) || !inRange(sg.Pts[j].Y) {
				return fmt.Errorf("%w: a coordinate out of range (%v, %v)", ErrSVG, sg.Pts[j].X, sg.Pts[j].Y)
			}
		}
	}
	if !inRange(p.Width) || !inRange(p.DashOffset) {
		return fmt.Errorf("%w: a stroke width or dash out of range", ErrSVG)
	}
	for _, d := range p.Dash {
		if !inRange(d) {
			return fmt.Errorf("%w: a stroke width or dash out of range", ErrSVG)
		}
	}
	r.shapes = append(r.shapes, Shape{Path: p})
	return nil
}

// resolve turns a specified paint into a Paint with its opacity.
func (r *renderer) resolve(p paint, current Color, opacity float64) Paint {
	if p.none || opacity <= 0 {
		return Paint{None: true}
	}
	c := p.color
	if p.current {
		c = current
	}
	return Paint{Color: c, Opacity: opacity}
}

// text adds a <text> element: its character data with the tspans that do not
// set their own position run together; a tspan with x or y starts a new label.
func (r *renderer) text(n *node, m matrix, s style) {
	x, y := firstNumber(n.attr("x")), firstNumber(n.attr("y"))
	var sb strings.Builder
	flush := func() {
		content := collapse(sb.String())
		sb.Reset()
		if content == "" || s.hidden {
			return
		}
		fill := r.resolve(s.fill, s.color, s.fillOpacity*s.opacity)
		if fill.None {
			return
		}
		k := m.scaleFactor()
		pt := m.apply(x, y)
		if !inRange(pt.X) || !inRange(pt.Y) || !inRange(s.fontSize*k) {
			return // a label far off the picture, or of absurd size: not drawn
		}
		r.shapes = append(r.shapes, Shape{Text: &Text{X: pt.X, Y: pt.Y, Size: s.fontSize * k, Anchor: s.anchor, Bold: s.bold, Fill: fill, Family: s.family, Content: content}})
	}
	var walk func(n *node, s0 style, depth int)
	walk = func(n *node, s0 style, depth int) {
		for i, part := range n.parts {
			sb.Write(part)
			if i >= len(n.children) {
				break
			}
			c := n.children[i]
			if c.name != "tspan" || depth > 8 {
				continue
			}
			cs, display := r.apply(s0, r.decls(c))
			if !display {
				continue
			}
			if c.has("x") || c.has("y") {
				flush()
				if c.has("x") {
					x = firstNumber(c.attr("x"))
				}
				if c.has("y") {
					y = firstNumber(c.attr("y"))
				}
				s = cs
			}
			walk(c, cs, depth+1)
		}
	}
	walk(n, s, 0)
	flush()
}

// inRange reports whether a coordinate or length (in points) is finite and within
// a million points, far beyond any page.
func inRange(v float64) bool { return v >= -1e6 && v <= 1e6 }

// firstNumber reads the first number of a coordinate list (x="10 20" positions
// the first character; the rest are not honoured).
func firstNumber(v string) float64 {
	sc := scanner{s: v}
	sc.skipSep()
	f, _ := sc.number()
	return f
}

// collapse applies SVG's default white-space handling: newlines removed, tabs
// as spaces, runs of spaces as one, leading and trailing spaces dropped.
func collapse(s string) string {
	s = strings.NewReplacer("\r", "", "\n", "", "\t", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// pathBuilder collects segments in user space.
type pathBuilder struct {
	segs        []Seg
	cur, start  Point
	lastCtrl    Point // last cubic control point (for S) or quad control (for T)
	lastOp      byte
	haveSubpath bool
}

func (b *pathBuilder) moveTo(x, y float64) {
	b.segs = append(b.segs, Seg{Op: MoveTo, Pts: [3]Point{{x, y}}})
	b.cur, b.start, b.haveSubpath = Point{x, y}, Point{x, y}, true
}

func (b *pathBuilder) lineTo(x, y float64) {
	if !b.haveSubpath {
		b.moveTo(b.cur.X, b.cur.Y)
	}
	b.segs = append(b.segs, Seg{Op: LineTo, Pts: [3]Point{{x, y}}})
	b.cur = Point{x, y}
}

func (b *pathBuilder) cubeTo(x1, y1, x2, y2, x, y float64) {
	if !b.haveSubpath {
		b.moveTo(b.cur.X, b.cur.Y)
	}
	b.segs = append(b.segs, Seg{Op: CubeTo, Pts: [3]Point{{x1, y1}, {x2, y2}, {x, y}}})
	b.cur = Point{x, y}
}

func (b *pathBuilder) close() {
	if b.haveSubpath {
		b.segs = append(b.segs, Seg{Op: Close})
		b.cur = b.start
		b.haveSubpath = false
	}
}

// kappa places cubic control points for a quarter ellipse.
const kappa = 0.5522847498307936

func (b *pathBuilder) ellipse(cx, cy, rx, ry float64) {
	if !(rx > 0 && ry > 0) {
		return
	}
	kx, ky := rx*kappa, ry*kappa
	b.moveTo(cx+rx, cy)
	b.cubeTo(cx+rx, cy+ky, cx+kx, cy+ry, cx, cy+ry)
	b.cubeTo(cx-kx, cy+ry, cx-rx, cy+ky, cx-rx, cy)
	b.cubeTo(cx-rx, cy-ky, cx-kx, cy-ry, cx, cy-ry)
	b.cubeTo(cx+kx, cy-ry, cx+rx, cy-ky, cx+rx, cy)
	b.close()
}

func (b *pathBuilder) rect(n *node) {
	x, y := userLength(n.attr("x"), 0), userLength(n.attr("y"), 0)
	w, h := userLength(n.attr("width"), 0), userLength(n.attr("height"), 0)
	if !(w > 0 && h > 0) {
		return
	}
	rx, ry := userLength(n.attr("rx"), -1), userLength(n.attr("ry"), -1)
	if rx < 0 {
		rx = ry
	}
	if ry < 0 {
		ry = rx
	}
	rx, ry = math.Max(0, math.Min(rx, w/2)), math.Max(0, math.Min(ry, h/2))
	if rx == 0 || ry == 0 {
		b.moveTo(x, y)
		b.lineTo(x+w, y)
		b.lineTo(x+w, y+h)
		b.lineTo(x, y+h)
		b.close()
		return
	}
	kx, ky := rx*(1-kappa), ry*(1-kappa)
	b.moveTo(x+rx, y)
	b.lineTo(x+w-rx, y)
	b.cubeTo(x+w-kx, y, x+w, y+ky, x+w, y+ry)
	b.lineTo(x+w, y+h-ry)
	b.cubeTo(x+w, y+h-ky, x+w-kx, y+h, x+w-rx, y+h)
	b.lineTo(x+rx, y+h)
	b.cubeTo(x+kx, y+h, x, y+h-ky, x, y+h-ry)
	b.lineTo(x, y+ry)
	b.cubeTo(x, y+ky, x+kx, y, x+rx, y)
	b.close()
}

// argCount is the number of arguments of each path command.
var argCount = map[byte]int{'M': 2, 'L': 2, 'H': 1, 'V': 1, 'C': 6, 'S': 4, 'Q': 4, 'T': 2, 'A': 7, 'Z': 0}

// data reads path data (the d attribute). As SVG says, an error ends the path
// there: what was read before it is drawn. budget bounds the segments.
func (b *pathBuilder) data(d string, budget int) error {
	sc := scanner{s: d}
	var cmd byte
	var a [7]float64
	for {
		sc.skipSpace()
		if sc.done() {
			return nil
		}
		if len(b.segs) > budget {
			return fmt.Errorf("%w: more than %d path segments", ErrSVG, MaxSegments)
		}
		c := sc.s[sc.i]
		if _, ok := argCount[c&^0x20]; ok {
			cmd = c
			sc.i++
			if cmd == 'Z' || cmd == 'z' {
				b.close()
				b.lastOp = 'Z'
				continue
			}
		} else if cmd == 0 || cmd == 'Z' || cmd == 'z' {
			return nil // junk: stop here
		}
		up := cmd &^ 0x20
		rel := cmd != up
		n := argCount[up]
		for i := 0; i < n; i++ {
			var ok bool
			if up == 'A' && (i == 3 || i == 4) {
				var f bool
				f, ok = sc.flag()
				if f {
					a[i] = 1
				} else {
					a[i] = 0
				}
			} else {
				sc.skipSep()
				a[i], ok = sc.number()
			}
			if !ok {
				return nil
			}
		}
		sc.skipSep()
		b.command(up, rel, a[:n])
		// A moveto's further coordinate pairs are linetos.
		switch cmd {
		case 'M':
			cmd = 'L'
		case 'm':
			cmd = 'l'
		}
	}
}

// command applies one path command with its arguments.
func (b *pathBuilder) command(up byte, rel bool, a []float64) {
	ox, oy := 0.0, 0.0
	if rel {
		ox, oy = b.cur.X, b.cur.Y
	}
	prevCtrl, prevOp := b.lastCtrl, b.lastOp
	b.lastOp = up
	switch up {
	case 'M':
		b.moveTo(ox+a[0], oy+a[1])
	case 'L':
		b.lineTo(ox+a[0], oy+a[1])
	case 'H':
		b.lineTo(ox+a[0], b.cur.Y)
	case 'V':
		b.lineTo(b.cur.X, oy+a[0])
	case 'C':
		b.lastCtrl = Point{ox + a[2], oy + a[3]}
		b.cubeTo(ox+a[0], oy+a[1], ox+a[2], oy+a[3], ox+a[4], oy+a[5])
	case 'S':
		c1 := b.cur
		if prevOp == 'C' || prevOp == 'S' {
			c1 = Point{2*b.cur.X - prevCtrl.X, 2*b.cur.Y - prevCtrl.Y}
		}
		b.lastCtrl = Point{ox + a[0], oy + a[1]}
		b.cubeTo(c1.X, c1.Y, ox+a[0], oy+a[1], ox+a[2], oy+a[3])
	case 'Q':
		b.quad(Point{ox + a[0], oy + a[1]}, Point{ox + a[2], oy + a[3]})
	case 'T':
		q := b.cur
		if prevOp == 'Q' || prevOp == 'T' {
			q = Point{2*b.cur.X - prevCtrl.X, 2*b.cur.Y - prevCtrl.Y}
		}
		b.quad(q, Point{ox + a[0], oy + a[1]})
	case 'A':
		b.arc(a[0], a[1], a[2], a[3] != 0, a[4] != 0, ox+a[5], oy+a[6])
	}
}

// quad adds a quadratic Bézier as the equivalent cubic.
func (b *pathBuilder) quad(q, p Point) {
	c := b.cur
	b.lastCtrl = q
	b.cubeTo(c.X+2.0/3*(q.X-c.X), c.Y+2.0/3*(q.Y-c.Y), p.X+2.0/3*(q.X-p.X), p.Y+2.0/3*(q.Y-p.Y), p.X, p.Y)
}

// arc adds an elliptical arc as cubic Béziers of at most 90° each (SVG 1.1
// implementation notes F.6.5: endpoint to centre parameterization).
func (b *pathBuilder) arc(rx, ry, angle float64, large, sweep bool, x, y float64) {
	x0, y0 := b.cur.X, b.cur.Y
	if x0 == x && y0 == y {
		return
	}
	rx, ry = math.Abs(rx), math.Abs(ry)
	if rx == 0 || ry == 0 {
		b.lineTo(x, y)
		return
	}
	sin, cos := math.Sincos(angle * math.Pi / 180)
	dx, dy := (x0-x)/2, (y0-y)/2
	x1 := cos*dx + sin*dy
	y1 := -sin*dx + cos*dy
	if l := x1*x1/(rx*rx) + y1*y1/(ry*ry); l > 1 {
		s := math.Sqrt(l)
		rx, ry = rx*s, ry*s
	}
	num := rx*rx*ry*ry - rx*rx*y1*y1 - ry*ry*x1*x1
	den := rx*rx*y1*y1 + ry*ry*x1*x1
	co := 0.0
	if den > 0 && num > 0 {
		co = math.Sqrt(num / den)
	}
	if large == sweep {
		co = -co
	}
	cx1, cy1 := co*rx*y1/ry, -co*ry*x1/rx
	cx := cos*cx1 - sin*cy1 + (x0+x)/2
	cy := sin*cx1 + cos*cy1 + (y0+y)/2
	theta := math.Atan2((y1-cy1)/ry, (x1-cx1)/rx)
	delta := math.Atan2((-y1-cy1)/ry, (-x1-cx1)/rx) - theta
	if sweep && delta < 0 {
		delta += 2 * math.Pi
	} else if !sweep && delta > 0 {
		delta -= 2 * math.Pi
	}
	n := int(math.Ceil(math.Abs(delta)/(math.Pi/2) - 1e-9))
	if n < 1 {
		n = 1
	}
	step := delta / float64(n)
	t := 4.0 / 3 * math.Tan(step/4)
	point := func(a float64) (Point, Point) {
		sa, ca := math.Sincos(a)
		// The point and the derivative direction on the ellipse.
		px, py := rx*ca, ry*sa
		qx, qy := -rx*sa, ry*ca
		return Point{cos*px - sin*py + cx, sin*px + cos*py + cy}, Point{cos*qx - sin*qy, sin*qx + cos*qy}
	}
	a0 := theta
	p0, d0 := point(a0)
	for i := 0; i < n; i++ {
		a1 := a0 + step
		p1, d1 := point(a1)
		if i == n-1 {
			p1 = Point{x, y}
		}
		b.cubeTo(p0.X+t*d0.X, p0.Y+t*d0.Y, p1.X-t*d1.X, p1.Y-t*d1.Y, p1.X, p1.Y)
		a0, p0, d0 = a1, p1, d1
	}
}
