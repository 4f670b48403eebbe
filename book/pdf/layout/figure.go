package layout

import (
	"cjkbook/book"
)

// image places a picture sized by fitPicture (the measure, or the manuscript's width
// hint; never above 60 % of the text block), with
// its alt text as a caption. An SVG picture is drawn as vector graphics, its labels set
// here as Text items over it. An image that cannot be drawn (an unknown format, a broken
// SVG) gets a framed box with the alt text instead, and a warning.
func (cl *chapterLayout) image(im *book.Image, x0, measure Pt) {
	g := cl.g
	sz := g.size
	pic, err := cl.picture(im.Src)
	alt := im.Alt
	if alt == "" {
		alt = im.Title
	}
	fig := cl.figure(im, alt, cl.parent)
	if err != nil {
		if cl.diags != nil {
			cl.diags.Warnf(im.At, "image %q cannot be drawn in the PDF (%v); its alt text stands in a frame", im.Src, err)
		}
		label := alt
		if label == "" {
			label = im.Src
		}
		lines := cl.br.lines([]book.Run{{Text: label}}, ParaStyle{Size: sz * 0.9, Measure: measure - 2*sz, Align: Center})
		h := Pt(len(lines)+2) * g.pitch
		bx := box{h: h, block: cl.block, text: true}
		bx.items = append(bx.items, Item{Kind: Box, X: x0, Y: g.pitch / 2, W: measure, H: h - g.pitch, Size: 0.5, Gray: 0.5})
		for i := range lines {
			for _, it := range lines[i].Items {
				it.Tag = cl.figureTag(fig) // the stand-in is the figure's content
				it.X += x0 + sz
				it.Y += g.pitch + Pt(i)*g.pitch + g.base
				bx.items = append(bx.items, it)
			}
		}
		cl.push(bx)
		return
	}
	w, h := cl.fitPicture(pic.w, pic.h, im.Width, measure)
	fw, fh := cl.flowSize(w, h)
	bh := Pt(int(float64((fh+g.pitch/2)/g.pitch))+1) * g.pitch
	x, y := x0+(measure-fw)/2, (bh-fh)/2
	items := cl.pictureItems(pic, im, x, y, w, h)
	setTag(items, cl.figureTag(fig))
	cl.push(box{h: bh, block: cl.block, items: items})
	if alt != "" {
		idx := cl.text(cl.tags.add(RoleCaption, fig), alt, nil, ParaStyle{Size: sz * 0.85, Measure: measure, Align: Center}, x0, cl.opts.LineHeight, true)
		for _, i := range idx {
			cl.flow[i].keep = true
		}
	}
}

// figure adds the Figure element of im under parent, described by alt.
func (cl *chapterLayout) figure(im *book.Image, alt string, parent int) int {
	fig := cl.tags.add(RoleFigure, parent)
	cl.tags.elems[fig].Alt = alt
	cl.tags.elems[fig].At = im.At
	return fig
}

// figureTag is the Tag of a picture's items: its Figure, or an artifact (a decorative
// picture, as alt="" says in the EPUB) when it has no alt text. The Figure stays in the
// tree without content, so that a standard that wants alt text can name the picture.
func (cl *chapterLayout) figureTag(fig int) Tag {
	if cl.tags.elems[fig].Alt == "" {
		return Artifact
	}
	return ElemTag(fig)
}

// iconLines is the height of a picture in a table cell, in lines of the cell's text.
const iconLines = 2

// icon sizes an inline picture for a table cell of width w whose lines are pitch
// apart: iconLines lines high along the flow (less when its natural size is smaller),
// at most w across, aspect kept; it returns the picture with its physical size, or
// zero sizes when it cannot be drawn (warned once per picture and chapter).
func (cl *chapterLayout) icon(im *book.Image, w, pitch Pt) (picture, Pt, Pt) {
	pic, err := cl.picture(im.Src)
	if err != nil {
		if !cl.iconSeen[im.Src] && cl.diags != nil {
			cl.diags.Warnf(im.At, "image %q cannot be drawn in the PDF (%v); its alt text stands instead", im.Src, err)
		}
		pic = picture{}
	}
	if cl.iconSeen == nil {
		cl.iconSeen = map[string]bool{}
	}
	cl.iconSeen[im.Src] = true
	if !(pic.w > 0 && pic.h > 0) {
		return pic, 0, 0
	}
	a, b := cl.flowSize(pic.w, pic.h) // across and along the flow
	if along := iconLines * pitch; b > along {
		a, b = a*along/b, along
	}
	if a > w {
		a, b = w, b*w/a
	}
	pw, ph := cl.flowSize(a, b)
	return pic, pw, ph
}
