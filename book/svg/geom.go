package svg

import (
	"math"
	"strconv"
	"strings"
)

// matrix is an affine transform as in SVG's matrix(a b c d e f):
// x' = a·x + c·y + e, y' = b·x + d·y + f.
type matrix struct{ a, b, c, d, e, f float64 }

var identity = matrix{a: 1, d: 1}

func translate(x, y float64) matrix { return matrix{a: 1, d: 1, e: x, f: y} }
func scale(x, y float64) matrix     { return matrix{a: x, d: y} }

// mul returns m∘n: n applied first, then m.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		a: m.a*n.a + m.c*n.b,
		b: m.b*n.a + m.d*n.b,
		c: m.a*n.c + m.c*n.d,
		d: m.b*n.c + m.d*n.d,
		e: m.a*n.e + m.c*n.f + m.e,
		f: m.b*n.e + m.d*n.f + m.f,
	}
}

// apply transforms a point.
func (m matrix) apply(x, y float64) Point {
	return Point{m.a*x + m.c*y + m.e, m.b*x + m.d*y + m.f}
}

// scaleFactor is the mean linear scale of m (the square root of its area
// factor), used for stroke widths, dashes and font sizes.
func (m matrix) scaleFactor() float64 {
	return math.Sqrt(math.Abs(m.a*m.d - m.b*m.c))
}

// parseTransform reads a transform list; ok is false on a syntax error (SVG then
// ignores the attribute; we do the same).
func parseTransform(s string) (matrix, bool) {
	m := identity
	s = strings.TrimSpace(s)
	for s != "" {
		open := strings.IndexByte(s, '(')
		close := strings.IndexByte(s, ')')
		if open < 0 || close < open {
			return identity, false
		}
		name := strings.TrimSpace(s[:open])
		args, ok := numbers(s[open+1 : close])
		if !ok {
			return identity, false
		}
		var t matrix
		switch {
		case name == "matrix" && len(args) == 6:
			t = matrix{args[0], args[1], args[2], args[3], args[4], args[5]}
		case name == "translate" && len(args) == 1:
			t = translate(args[0], 0)
		case name == "translate" && len(args) == 2:
			t = translate(args[0], args[1])
		case name == "scale" && len(args) == 1:
			t = scale(args[0], args[0])
		case name == "scale" && len(args) == 2:
			t = scale(args[0], args[1])
		case name == "rotate" && (len(args) == 1 || len(args) == 3):
			r := args[0] * math.Pi / 180
			sin, cos := math.Sincos(r)
			t = matrix{a: cos, b: sin, c: -sin, d: cos}
			if len(args) == 3 {
				t = translate(args[1], args[2]).mul(t).mul(translate(-args[1], -args[2]))
			}
		case name == "skewX" && len(args) == 1:
			t = matrix{a: 1, c: math.Tan(args[0] * math.Pi / 180), d: 1}
		case name == "skewY" && len(args) == 1:
			t = matrix{a: 1, b: math.Tan(args[0] * math.Pi / 180), d: 1}
		default:
			return identity, false
		}
		m = m.mul(t)
		s = strings.TrimLeft(s[close+1:], " \t\r\n,")
	}
	return m, true
}

// numbers reads a list of numbers separated by whitespace and/or commas.
func numbers(s string) ([]float64, bool) {
	var out []float64
	sc := scanner{s: s}
	for {
		sc.skipSep()
		if sc.done() {
			return out, true
		}
		v, ok := sc.number()
		if !ok {
			return out, false
		}
		out = append(out, v)
	}
}

// scanner reads SVG numbers ("-1.5e3", ".5.5" is two numbers) from a string.
type scanner struct {
	s string
	i int
}

func (sc *scanner) done() bool { return sc.i >= len(sc.s) }

// skipSep skips whitespace and at most one comma.
func (sc *scanner) skipSep() {
	sc.skipSpace()
	if sc.i < len(sc.s) && sc.s[sc.i] == ',' {
		sc.i++
		sc.skipSpace()
	}
}

func (sc *scanner) skipSpace() {
	for sc.i < len(sc.s) {
		switch sc.s[sc.i] {
		case ' ', '\t', '\r', '\n', '\f':
			sc.i++
		default:
			return
		}
	}
}

// number reads one number; ok is false (and nothing consumed) when none starts here.
func (sc *scanner) number() (float64, bool) {
	s, i := sc.s, sc.i
	j := i
	if j < len(s) && (s[j] == '+' || s[j] == '-') {
		j++
	}
	digits := 0
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
		digits++
	}
	if j < len(s) && s[j] == '.' {
		j++
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
			digits++
		}
	}
	if digits == 0 {
		return 0, false
	}
	if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
		k := j + 1
		if k < len(s) && (s[k] == '+' || s[k] == '-') {
			k++
		}
		if k < len(s) && s[k] >= '0' && s[k] <= '9' {
			for k < len(s) && s[k] >= '0' && s[k] <= '9' {
				k++
			}
			j = k
		}
	}
	v, err := strconv.ParseFloat(s[i:j], 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	sc.i = j
	return v, true
}

// flag reads an arc flag: a single 0 or 1 (which may be followed directly by
// the next number: "a10 10 0 0110 10").
func (sc *scanner) flag() (bool, bool) {
	sc.skipSep()
	if sc.i < len(sc.s) && (sc.s[sc.i] == '0' || sc.s[sc.i] == '1') {
		sc.i++
		return sc.s[sc.i-1] == '1', true
	}
	return false, false
}

// parseLength reads a length with an absolute unit into points; a bare number is
// px. Percentages, em and ex are not absolute: ok is false.
func parseLength(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	unit := PxToPt
	for _, u := range []struct {
		suffix string
		pt     float64
	}{{"px", PxToPt}, {"pt", 1}, {"pc", 12}, {"mm", 72 / 25.4}, {"cm", 72 / 2.54}, {"in", 72}} {
		if strings.HasSuffix(s, u.suffix) {
			s, unit = strings.TrimSpace(s[:len(s)-len(u.suffix)]), u.pt
			break
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v * unit, true
}

// parseViewBox reads "min-x min-y width height"; ok needs a positive size.
func parseViewBox(s string) ([4]float64, bool) {
	v, ok := numbers(s)
	if !ok || len(v) != 4 || !(v[2] > 0 && v[3] > 0) {
		return [4]float64{}, false
	}
	return [4]float64{v[0], v[1], v[2], v[3]}, true
}

// userLength reads a coordinate or length attribute in user units (a bare
// number, or px); def when absent or unreadable.
func userLength(s string, def float64) float64 {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "px"))
	if s == "" {
		return def
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return def
	}
	return v
}
