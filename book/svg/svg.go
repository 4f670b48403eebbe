// Package svg reads the static subset of SVG 1.1 that diagrams and illustrations in
// manuscripts use into a flat, resolved drawing: filled and stroked Bézier paths and
// text labels, every coordinate already transformed into the picture's own frame in
// points (origin top-left, y down). It is pure Go (no PDF library), so the layout
// can read a picture's size and the PDF drawer can draw it as vector graphics.
//
// Supported: svg, g, a, switch, use (local "#id" references, also to symbol),
// path (all commands, arcs as cubic Béziers), rect (with rounded corners), circle,
// ellipse, line, polyline, polygon, text and tspan; the transform attribute; the
// presentation attributes and style properties fill, stroke, stroke-width,
// stroke-linecap, stroke-linejoin, stroke-miterlimit, stroke-dasharray,
// stroke-dashoffset, fill-rule, opacity, fill-opacity, stroke-opacity, display,
// visibility, font-size, font-weight and text-anchor; <style> rules with .class,
// element and #id selectors; colours as #rgb, #rrggbb, rgb() and the CSS names.
// Gradients paint in their first stop colour. Not drawn: clip paths, masks,
// filters, patterns, markers, embedded images (the shapes they apply to are drawn
// unclipped).
//
// Why not github.com/srwiley/oksvg: it keeps each path's transform in an
// unexported field (reachable only through its rasterizer), stores coordinates
// as 26.6 fixed point, ignores text, and draws the <use> inside a <clipPath> as
// a black shape (wrong on the Rust book's Ferris illustrations).
//
// Hostile input gives an error, never a panic or a hang: the document size,
// element count, nesting depth, path data and <use> expansion are bounded, and
// encoding/xml neither loads external entities nor expands custom ones.
package svg

import (
	"bytes"
	"errors"
	"fmt"
	"math"
)

// ErrSVG is wrapped by every error Parse returns.
var ErrSVG = errors.New("svg")

// Limits bound the work Parse does on one document.
const (
	// MaxBytes is the largest document accepted.
	MaxBytes = 16 << 20
	// MaxElements is the largest number of elements in the document.
	MaxElements = 100_000
	// MaxDepth is the deepest element nesting accepted.
	MaxDepth = 64
	// MaxSegments is the largest number of path segments in the drawing, after
	// <use> expansion.
	MaxSegments = 1_000_000
	// maxUseDepth bounds <use> chains (a use of a group holding a use …).
	maxUseDepth = 8
)

// PxToPt converts CSS pixels (96 per inch) to points (72 per inch).
const PxToPt = 0.75

// Point is a position in the drawing, in points from its top-left corner.
type Point struct{ X, Y float64 }

// Op is a path construction operator.
type Op uint8

const (
	// MoveTo starts a subpath at Pts[0].
	MoveTo Op = iota
	// LineTo draws a straight line to Pts[0].
	LineTo
	// CubeTo draws a cubic Bézier with control points Pts[0], Pts[1] to Pts[2].
	CubeTo
	// Close closes the subpath.
	Close
)

// Seg is one path segment; how many of Pts are used depends on Op.
type Seg struct {
	Op  Op
	Pts [3]Point
}

// Color is an sRGB colour.
type Color struct{ R, G, B uint8 }

// Paint is a fill or a stroke: None when the shape is not painted so.
type Paint struct {
	None    bool
	Color   Color
	Opacity float64 // 0 … 1, group and element opacity multiplied in
}

// Cap is a stroke's line cap, numbered as in PDF (J operator).
type Cap uint8

// The line caps.
const (
	ButtCap Cap = iota
	RoundCap
	SquareCap
)

// Join is a stroke's line join, numbered as in PDF (j operator).
type Join uint8

// The line joins.
const (
	MiterJoin Join = iota
	RoundJoin
	BevelJoin
)

// Path is one painted shape. Widths and dashes are in points of the drawing.
type Path struct {
	Segs       []Seg
	Fill       Paint
	EvenOdd    bool // fill-rule: evenodd (else nonzero)
	Stroke     Paint
	Width      float64 // stroke width
	Cap        Cap
	Join       Join
	MiterLimit float64
	Dash       []float64 // nil: solid
	DashOffset float64
}

// Anchor is where a text's position sits on the text: its start, middle or end.
type Anchor uint8

// The text anchors.
const (
	Start Anchor = iota
	Middle
	End
)

// Text is one label: Content set at baseline position (X, Y) with the given size
// (in points of the drawing) and anchor. The book's font draws it: Family (the
// SVG's font-family list) serves only to estimate the width the author meant
// (AuthorWidth).
type Text struct {
	X, Y    float64
	Size    float64
	Anchor  Anchor
	Bold    bool
	Fill    Paint
	Family  string
	Content string
}

// Shape is one element of the drawing, in painting order: a Path or a Text.
type Shape struct {
	Path *Path
	Text *Text
}

// Drawing is a parsed SVG document: its intrinsic size in points and its shapes,
// every coordinate in points from the top-left of the Width×Height frame.
type Drawing struct {
	Width, Height float64
	Shapes        []Shape
}

// Size returns the drawing's intrinsic size in points (Width, Height), so that a
// *Drawing serves as the book model's book.Drawing.
func (d *Drawing) Size() (w, h float64) { return d.Width, d.Height }

// Texts returns the drawing's text labels in painting order.
func (d *Drawing) Texts() []*Text {
	var ts []*Text
	for _, s := range d.Shapes {
		if s.Text != nil {
			ts = append(ts, s.Text)
		}
	}
	return ts
}

// Parse reads an SVG document. The intrinsic size comes from the root's width and
// height (px, pt, pc, mm, cm, in; a bare number is px), else from its viewBox (in
// px); the viewBox is fitted into that size centred, keeping its aspect ratio
// (preserveAspectRatio "none" stretches it).
func Parse(data []byte) (*Drawing, error) {
	if len(data) > MaxBytes {
		return nil, fmt.Errorf("%w: document of %d MB (at most %d MB)", ErrSVG, len(data)>>20, MaxBytes>>20)
	}
	// Read the element tree, bounded.
	root, err := readTree(data)
	if err != nil {
		return nil, err
	}
	// Size the picture and map the viewBox into it.
	w, h, base, err := viewport(root)
	if err != nil {
		return nil, err
	}
	// Resolve styles and transforms into flat shapes.
	r := newRenderer(root)
	if err := r.children(root, base, rootStyle(), 0); err != nil {
		return nil, err
	}
	return &Drawing{Width: w, Height: h, Shapes: r.shapes}, nil
}

// viewport returns the intrinsic size in points and the transform from the root's
// user space to that frame.
func viewport(root *node) (w, h float64, m matrix, err error) {
	vb, hasVB := parseViewBox(root.attr("viewBox"))
	wa, wok := parseLength(root.attr("width"))
	ha, hok := parseLength(root.attr("height"))
	switch {
	case wok && hok:
		w, h = wa, ha
	case wok && hasVB:
		w, h = wa, wa*vb[3]/vb[2]
	case hok && hasVB:
		w, h = ha*vb[2]/vb[3], ha
	case hasVB:
		w, h = vb[2]*PxToPt, vb[3]*PxToPt
	default:
		return 0, 0, matrix{}, fmt.Errorf("%w: no size: the root has neither width and height nor a viewBox", ErrSVG)
	}
	if !(w > 0 && h > 0) || w > 1e6 || h > 1e6 {
		return 0, 0, matrix{}, fmt.Errorf("%w: size %v×%v pt out of range", ErrSVG, w, h)
	}
	if !hasVB {
		// User units are px.
		return w, h, scale(PxToPt, PxToPt), nil
	}
	sx, sy := w/vb[2], h/vb[3]
	if root.attr("preserveAspectRatio") != "none" {
		s := math.Min(sx, sy)
		dx, dy := (w-vb[2]*s)/2, (h-vb[3]*s)/2
		return w, h, translate(dx, dy).mul(scale(s, s)).mul(translate(-vb[0], -vb[1])), nil
	}
	return w, h, scale(sx, sy).mul(translate(-vb[0], -vb[1])), nil
}

// Sniff reports whether data is an SVG document: an "<svg" element within the first 4 KB
// with only the prolog (byte-order mark, XML declaration, comments, doctype) before it. The
// loader decides with it, once, and records the answer in the book's assets.
func Sniff(data []byte) bool {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	head = bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))
	i := bytes.Index(head, []byte("<svg"))
	if i < 0 {
		return false
	}
	// Only the prolog (<?…?>, <!…> and white space) may come before it.
	parts := bytes.Split(head[:i], []byte("<"))
	if len(bytes.TrimSpace(parts[0])) > 0 {
		return false
	}
	for _, c := range parts[1:] {
		if len(c) == 0 || c[0] != '?' && c[0] != '!' {
			return false
		}
	}
	return true
}
