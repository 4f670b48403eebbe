package layout

import (
	"errors"
	"fmt"

	"cjkbook/book"
	"cjkbook/book/svg"
)

// picture is an image the PDF can draw: its intrinsic size in points and, for an
// SVG, the parsed drawing (whose labels the layout sets as Text items).
type picture struct {
	w, h    Pt
	drawing *svg.Drawing
}

// errNoImage is the reason given for a picture whose Src names no PNG, JPEG, GIF
// or SVG asset of the book.
var errNoImage = errors.New("not a PNG, JPEG, GIF or SVG image")

// readPicture sizes an asset as the loader identified it: PNG, JPEG and GIF from
// their pixel size at 96 dpi, SVG from its drawing. err says why it cannot be drawn.
func readPicture(a *book.Asset) (picture, error) {
	switch {
	case a == nil:
		return picture{}, errNoImage
	case a.IsSVG():
		d, ok := a.Drawing.(*svg.Drawing)
		if !ok {
			if a.DrawErr != nil {
				return picture{}, a.DrawErr
			}
			return picture{}, errNoImage
		}
		return picture{w: Pt(d.Width), h: Pt(d.Height), drawing: d}, nil
	case a.MediaType != book.MediaPNG && a.MediaType != book.MediaJPEG && a.MediaType != book.MediaGIF:
		return picture{}, errNoImage
	case a.Width <= 0 || a.Height <= 0:
		return picture{}, fmt.Errorf("%d×%d pixels", a.Width, a.Height)
	}
	return picture{w: Pt(a.Width) * svg.PxToPt, h: Pt(a.Height) * svg.PxToPt}, nil
}

// picture returns the book's image src as the PDF can draw it (readPicture).
func (cl *chapterLayout) picture(src string) (picture, error) {
	return readPicture(cl.book.Images[src])
}

// fitPicture sizes a picture of intrinsic size pw×ph for the flow: across the flow at
// most the measure (a picture less than a third of it, or wider, is scaled to it) and
// along it at most 60 % of the text block; frac, when set, is the width the manuscript
// asks for as a share of the text width (the measure, or the text block's width on a
// vertical page). It returns the picture's size on the physical page, aspect kept.
func (cl *chapterLayout) fitPicture(pw, ph Pt, frac float64, measure Pt) (w, h Pt) {
	g := cl.g
	f := Pt(frac)
	a, b := pw, ph // across and along the flow
	if cl.opts.turned {
		a, b = ph, pw
	}
	switch {
	case frac > 0 && cl.opts.turned:
		a, b = a*f*g.body/b, f*g.body
	case frac > 0:
		a, b = f*measure, b*f*measure/a
	case a > measure || a < measure/3:
		a, b = measure, b*measure/a
	}
	if a > measure {
		a, b = measure, b*measure/a
	}
	if maxB := g.body * 0.6; b > maxB {
		a, b = a*maxB/b, maxB
	}
	if cl.opts.turned {
		return b, a
	}
	return a, b
}

// flowSize is the room a picture of physical size w×h takes on the page being laid
// out: w×h, or h×w on the turned page of a vertical book.
func (cl *chapterLayout) flowSize(w, h Pt) (Pt, Pt) {
	if cl.opts.turned {
		return h, w
	}
	return w, h
}

// pictureItems returns the Picture item and its SVG labels for a picture of physical
// size w×h whose room in the flow (flowSize) has its top-left corner at (x, y). On the
// turned page of a vertical book the Picture is reserved h×w, so that rotatePage gives it
// w×h upright, and the labels are placed where rotatePage's point mapping puts them at
// their places on the upright picture, marked Label so they are not turned.
func (cl *chapterLayout) pictureItems(pic picture, im *book.Image, x, y, w, h Pt) []Item {
	if !cl.opts.turned {
		items := []Item{{Kind: Picture, X: x, Y: y, W: w, H: h, Src: im.Src}}
		return append(items, cl.svgLabels(pic.drawing, x, y, w, h, im.At, im.Src)...)
	}
	items := []Item{{Kind: Picture, X: x, Y: y, W: h, H: w, Src: im.Src}}
	for _, l := range cl.svgLabels(pic.drawing, 0, 0, w, h, im.At, im.Src) {
		// physical offset (dx, dy) from the picture's corner ↔ virtual (x+dy, y+w−dx)
		l.X, l.Y = x+l.Y, y+w-l.X
		l.Label = true
		items = append(items, l)
	}
	return items
}

// svgLabels returns the Text items of a drawing's labels for the drawing placed at
// (x, y) with size w×h: each label in the body face (Bold for bold text) with
// fallbacks per character, anchored as the SVG says and in grey for its colour.
// Characters no face has are left out, and reported once per picture.
func (cl *chapterLayout) svgLabels(d *svg.Drawing, x, y, w, h Pt, at book.Pos, src string) []Item {
	if d == nil {
		return nil
	}
	sx, sy := float64(w)/d.Width, float64(h)/d.Height
	k := Pt((sx + sy) / 2)
	var items []Item
	var missing []rune
	for _, t := range d.Texts() {
		size := Pt(t.Size) * k
		if !(size > 0) {
			continue
		}
		base := Regular
		if t.Bold {
			base = Bold
		}
		// Choose a face per character and measure the label.
		type piece struct {
			face FaceID
			text []rune
			w    Pt
		}
		var pieces []piece
		total := Pt(0)
		for _, r := range t.Content {
			f := cl.svgFace(r, base)
			if f < 0 {
				if !containsRune(missing, r) {
					missing = append(missing, r)
				}
				continue
			}
			adv := Pt(cl.faces[f].Advance(r)) * size
			if n := len(pieces); n > 0 && pieces[n-1].face == f {
				pieces[n-1].text = append(pieces[n-1].text, r)
				pieces[n-1].w += adv
			} else {
				pieces = append(pieces, piece{face: f, text: []rune{r}, w: adv})
			}
			total += adv
		}
		// Where the author's font would have put the label's centre: a label in the
		// book's font is centred there, and shrunk to the author's width if wider.
		px := x + Pt(t.X*sx)
		if aw, ok := t.AuthorWidth(); ok && aw > 0 && total > 0 {
			want := Pt(aw * sx)
			centre := px
			switch t.Anchor {
			case svg.Start:
				centre += want / 2
			case svg.End:
				centre -= want / 2
			case svg.Middle:
			}
			if total > want {
				f := want / total
				size *= f
				for i := range pieces {
					pieces[i].w *= f
				}
				total = want
			}
			px = centre - total/2
		} else {
			switch t.Anchor {
			case svg.Middle:
				px -= total / 2
			case svg.End:
				px -= total
			case svg.Start:
			}
		}
		if !(size >= 0.1) {
			continue // too small to print
		}
		gray := labelGray(t.Fill)
		for _, p := range pieces {
			items = append(items, Item{Kind: Text, X: px, Y: y + Pt(t.Y*sy), Size: size, Face: p.face, Gray: gray, Text: string(p.text)})
			px += p.w
		}
	}
	if len(missing) > 0 && cl.diags != nil {
		cl.diags.Warnf(at, "SVG image %q: %q in no font; left out of its labels in the PDF (add a font that has them to fallback-fonts)", src, string(missing))
	}
	return items
}

// svgFace returns the face that draws r for a label in face base: base, then
// Regular, then the fallbacks; -1 when none has it.
func (cl *chapterLayout) svgFace(r rune, base FaceID) FaceID {
	if cl.faces[base].Covers(r) {
		return base
	}
	if base != Regular && cl.faces[Regular].Covers(r) {
		return Regular
	}
	for i := int(FirstFallback); i < len(cl.faces); i++ {
		if cl.faces[i].Covers(r) {
			return FaceID(i)
		}
	}
	return -1
}

// labelGray is the grey level of a label's colour (Rec. 601 luma), lightened by its
// opacity as if over white paper.
func labelGray(p svg.Paint) float64 {
	c := p.Color
	luma := (0.299*float64(c.R) + 0.587*float64(c.G) + 0.114*float64(c.B)) / 255
	return 1 - (1-luma)*p.Opacity
}

func containsRune(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}
