package svg

import (
	"math"
	"strconv"
	"strings"

	"golang.org/x/image/colornames"
)

// paint is a specified fill or stroke before opacity is applied.
type paint struct {
	none    bool
	current bool // currentColor
	color   Color
}

// style holds the inherited properties while walking the tree, plus opacity:
// not inherited in SVG, but a group's opacity applies to everything inside it,
// so opacity here is the product of the element's and its ancestors' (multiplied
// into each shape rather than compositing the group).
type style struct {
	fill, stroke             paint
	fillOpacity, strokeOp    float64
	opacity                  float64
	color                    Color // the color property, for currentColor
	evenOdd                  bool
	width, miter, dashOffset float64
	cap                      Cap
	join                     Join
	dash                     []float64
	fontSize                 float64
	family                   string
	bold                     bool
	anchor                   Anchor
	hidden                   bool // visibility: hidden
}

// rootStyle is SVG's initial value of every property.
func rootStyle() style {
	return style{
		fill: paint{}, stroke: paint{none: true},
		fillOpacity: 1, strokeOp: 1, opacity: 1,
		width: 1, miter: 4, fontSize: 16,
	}
}

// decls returns an element's declarations: presentation attributes, then the
// matching <style> rules, then its style attribute (later ones win).
func (r *renderer) decls(n *node) map[string]string {
	d := map[string]string{}
	for _, a := range n.attrs {
		d[a.Name.Local] = strings.TrimSpace(a.Value)
	}
	if len(r.css) > 0 {
		keys := []string{n.name}
		if id := n.attr("id"); id != "" {
			keys = append(keys, "#"+id)
		}
		for _, c := range strings.Fields(n.attr("class")) {
			keys = append(keys, "."+c)
		}
		for _, k := range keys {
			for p, v := range r.css[k] {
				d[p] = v
			}
		}
	}
	parseDecls(n.attr("style"), d)
	return d
}

// parseDecls reads "prop: value; …" into d.
func parseDecls(s string, d map[string]string) {
	for _, decl := range strings.Split(s, ";") {
		k, v, ok := strings.Cut(decl, ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "!important"))
		d[strings.TrimSpace(strings.ToLower(k))] = v
	}
}

// parseCSS reads the rules of a <style> sheet whose selectors are simple
// (.class, element, #id, comma lists); other selectors are ignored.
func parseCSS(sheet string, into map[string]map[string]string) {
	// Drop comments.
	for {
		i := strings.Index(sheet, "/*")
		if i < 0 {
			break
		}
		j := strings.Index(sheet[i+2:], "*/")
		if j < 0 {
			sheet = sheet[:i]
			break
		}
		sheet = sheet[:i] + sheet[i+2+j+2:]
	}
	for {
		open := strings.IndexByte(sheet, '{')
		if open < 0 {
			return
		}
		close := strings.IndexByte(sheet[open:], '}')
		if close < 0 {
			return
		}
		sels, body := sheet[:open], sheet[open+1:open+close]
		sheet = sheet[open+close+1:]
		for _, sel := range strings.Split(sels, ",") {
			sel = strings.TrimSpace(sel)
			if sel == "" || strings.ContainsAny(sel, " >+~:[*") {
				continue
			}
			m := into[sel]
			if m == nil {
				m = map[string]string{}
				into[sel] = m
			}
			parseDecls(body, m)
		}
	}
}

// apply derives an element's style from its parent's and its declarations;
// display is false for display:none.
func (r *renderer) apply(parent style, d map[string]string) (s style, display bool) {
	s = parent
	if v, ok := d["color"]; ok {
		if p, ok := r.paint(v, parent); ok && !p.none && !p.current {
			s.color = p.color
		}
	}
	if v, ok := d["fill"]; ok {
		if p, ok := r.paint(v, parent); ok {
			s.fill = p
		}
	}
	if v, ok := d["stroke"]; ok {
		if p, ok := r.paint(v, parent); ok {
			s.stroke = p
		}
	}
	if v, ok := unit(d["fill-opacity"]); ok {
		s.fillOpacity = v
	}
	if v, ok := unit(d["stroke-opacity"]); ok {
		s.strokeOp = v
	}
	if v, ok := unit(d["opacity"]); ok {
		s.opacity *= v
	}
	keyword(d, "fill-rule", evenOddNames, &s.evenOdd)
	if v, ok := nonNeg(d["stroke-width"]); ok {
		s.width = v
	}
	keyword(d, "stroke-linecap", capNames, &s.cap)
	keyword(d, "stroke-linejoin", joinNames, &s.join)
	if v, ok := nonNeg(d["stroke-miterlimit"]); ok && v >= 1 {
		s.miter = v
	}
	if v, ok := d["stroke-dasharray"]; ok {
		s.dash = parseDash(v)
	}
	if v, ok := d["stroke-dashoffset"]; ok {
		s.dashOffset = userLength(v, 0)
	}
	if v, ok := d["font-size"]; ok {
		if f, ok := nonNeg(strings.TrimSuffix(v, "px")); ok {
			s.fontSize = f
		} else if f, ok := parseLength(v); ok && f >= 0 {
			s.fontSize = f / PxToPt
		}
	}
	if v, ok := d["font-family"]; ok && v != "inherit" {
		s.family = v
	}
	keyword(d, "font-weight", boldNames, &s.bold)
	keyword(d, "text-anchor", anchorNames, &s.anchor)
	keyword(d, "visibility", hiddenNames, &s.hidden)
	return s, d["display"] != "none"
}

// keyword sets *dst to what table maps the property's value to, when d has the
// property and table knows the value.
func keyword[T any](d map[string]string, prop string, table map[string]T, dst *T) {
	if v, ok := table[d[prop]]; ok {
		*dst = v
	}
}

// The keyword values of the properties read.
var (
	evenOddNames = map[string]bool{"evenodd": true, "nonzero": false}
	capNames     = map[string]Cap{"butt": ButtCap, "round": RoundCap, "square": SquareCap}
	joinNames    = map[string]Join{"miter": MiterJoin, "round": RoundJoin, "bevel": BevelJoin}
	anchorNames  = map[string]Anchor{"start": Start, "middle": Middle, "end": End}
	hiddenNames  = map[string]bool{"hidden": true, "collapse": true, "visible": false}
	boldNames    = map[string]bool{
		"bold": true, "bolder": true, "600": true, "700": true, "800": true, "900": true,
		"normal": false, "lighter": false, "100": false, "200": false, "300": false, "400": false, "500": false,
	}
)

// parseDash reads stroke-dasharray; nil for "none", an invalid list, or all zeros.
// An odd count is repeated, as SVG says.
func parseDash(v string) []float64 {
	if v == "none" {
		return nil
	}
	ds, ok := numbers(strings.ReplaceAll(v, "px", ""))
	if !ok || len(ds) == 0 || len(ds) > 64 {
		return nil
	}
	sum := 0.0
	for _, x := range ds {
		if x < 0 {
			return nil
		}
		sum += x
	}
	if sum == 0 {
		return nil
	}
	if len(ds)%2 == 1 {
		ds = append(ds, ds...)
	}
	return ds
}

// unit reads a number clamped to 0…1 (opacity; "50%" allowed).
func unit(v string) (float64, bool) {
	if v == "" {
		return 0, false
	}
	div := 1.0
	if strings.HasSuffix(v, "%") {
		v, div = strings.TrimSuffix(v, "%"), 100
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsNaN(f) {
		return 0, false
	}
	return math.Max(0, math.Min(1, f/div)), true
}

// nonNeg reads a non-negative number in user units (px allowed).
func nonNeg(v string) (float64, bool) {
	v = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "px"))
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
		return 0, false
	}
	return f, true
}

// paint reads a fill or stroke value. "inherit" keeps the parent's, url(#id)
// paints in a gradient's first stop colour (or the fallback after it).
func (r *renderer) paint(v string, parent style) (paint, bool) {
	v = strings.TrimSpace(v)
	switch strings.ToLower(v) {
	case "", "inherit":
		return paint{}, false
	case "none", "transparent":
		return paint{none: true}, true
	case "currentcolor":
		return paint{current: true}, true
	}
	if strings.HasPrefix(v, "url(") {
		end := strings.IndexByte(v, ')')
		if end < 0 {
			return paint{none: true}, true
		}
		ref := strings.Trim(strings.TrimSpace(v[4:end]), `'"`)
		if c, ok := r.gradientColor(strings.TrimPrefix(ref, "#")); ok {
			return paint{color: c}, true
		}
		if fb := strings.TrimSpace(v[end+1:]); fb != "" {
			return r.paint(fb, parent)
		}
		return paint{none: true}, true
	}
	c, ok := parseColor(v)
	if !ok {
		return paint{}, false
	}
	return paint{color: c}, true
}

// gradientColor returns the first stop colour of the gradient with that id.
func (r *renderer) gradientColor(id string) (Color, bool) {
	g := r.ids[id]
	for depth := 0; g != nil && depth < 4; depth++ {
		if g.name != "linearGradient" && g.name != "radialGradient" {
			return Color{}, false
		}
		for _, st := range g.children {
			if st.name != "stop" {
				continue
			}
			d := map[string]string{"stop-color": st.attr("stop-color")}
			parseDecls(st.attr("style"), d)
			if c, ok := parseColor(d["stop-color"]); ok {
				return c, true
			}
			return Color{}, true // black, the initial stop-color
		}
		// A gradient may take its stops from another (href).
		g = r.ids[strings.TrimPrefix(g.href(), "#")]
	}
	return Color{}, false
}

// parseColor reads #rgb, #rrggbb, rgb(r, g, b) (numbers or percentages) and the
// CSS colour names.
func parseColor(v string) (Color, bool) {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "#") {
		h := v[1:]
		if len(h) == 3 || len(h) == 4 {
			h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
		} else if len(h) == 8 {
			h = h[:6]
		}
		if len(h) != 6 {
			return Color{}, false
		}
		n, err := strconv.ParseUint(h, 16, 32)
		if err != nil {
			return Color{}, false
		}
		return Color{uint8(n >> 16), uint8(n >> 8), uint8(n)}, true
	}
	low := strings.ToLower(v)
	if strings.HasPrefix(low, "rgb(") || strings.HasPrefix(low, "rgba(") {
		open, close := strings.IndexByte(low, '('), strings.IndexByte(low, ')')
		if close < open {
			return Color{}, false
		}
		parts := strings.FieldsFunc(low[open+1:close], func(r rune) bool { return r == ',' || r == ' ' || r == '/' })
		if len(parts) < 3 {
			return Color{}, false
		}
		var c [3]uint8
		for i := 0; i < 3; i++ {
			p := parts[i]
			max := 255.0
			if strings.HasSuffix(p, "%") {
				p, max = strings.TrimSuffix(p, "%"), 100
			}
			f, err := strconv.ParseFloat(p, 64)
			if err != nil || math.IsNaN(f) {
				return Color{}, false
			}
			c[i] = uint8(math.Round(math.Max(0, math.Min(1, f/max)) * 255))
		}
		return Color{c[0], c[1], c[2]}, true
	}
	if c, ok := colornames.Map[low]; ok {
		return Color{c.R, c.G, c.B}, true
	}
	return Color{}, false
}
