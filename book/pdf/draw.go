package pdf

import (
	"fmt"

	"cjkbook/book"
	"cjkbook/book/pdf/layout"
	"cjkbook/fonts"

	"github.com/signintech/gopdf"
)

// boxLineWidth is the stroke width of a placeholder Box whose Size is zero.
const boxLineWidth = 0.5

// drawer holds the gopdf document and the graphics state already emitted, so that
// a state operator is written only when it changes.
type drawer struct {
	pdf    gopdf.GoPdf
	doc    *layout.Document
	faces  []*fonts.Face
	images map[string]*book.Asset

	family []string // gopdf family name per face, "" when not embedded

	face                  int
	size, spacing, slant  float64
	fillGray, strokeGray  float64
	lineWidth             float64
	haveFont, haveSpacing bool
	haveLineWidth         bool
	holders               map[string]gopdf.ImageHolder
	moveSlab              []gopdf.TextMove // backs the moves of the texts drawn (textMoves)
	tags                  *tagger
}

// start begins the gopdf document with the page size, metadata and compression.
func (dr *drawer) start(opts Options, level int) {
	d := dr.doc
	dr.pdf.Start(gopdf.Config{
		Unit:     gopdf.UnitPT,
		PageSize: gopdf.Rect{W: float64(d.Width), H: float64(d.Height)},
	})
	dr.pdf.SetCompressLevel(level)
	info := gopdf.PdfInfo{
		Title:        d.Info.Title,
		Author:       d.Info.Author,
		Subject:      d.Info.Subject,
		Creator:      d.Info.Creator,
		Producer:     opts.Producer,
		CreationDate: opts.CreationDate,
	}
	if info != (gopdf.PdfInfo{}) {
		dr.pdf.SetInfo(info)
	}
	if d.Info.Language != "" {
		dr.pdf.SetLanguage(d.Info.Language)
	}
	if d.RTL {
		dr.pdf.SetReadingDirectionR2L()
	}
}

// faceUse says how the Text items use a face: level (horizontal text, rotated or not)
// and in vertical writing mode.
type faceUse uint8

const (
	usedLevel faceUse = 1 << iota
	usedVertical
)

// addFaces registers every used face with gopdf; each becomes an embedded subset, and a
// face that Vertical items use gets its vertical writing mode, with the vertical origin
// one ascent above the baseline (layout.Item.Vertical) and the document's CellShifts.
func (dr *drawer) addFaces(used []faceUse) error {
	dr.family = make([]string, len(dr.faces))
	for i, u := range used {
		if u == 0 {
			continue
		}
		f := dr.faces[i]
		name := fmt.Sprintf("F%d", i)
		var opt gopdf.TtfOption
		if f.HasVariants() {
			opt.Variant = variantOf(f)
		}
		if err := dr.pdf.AddTTFFontDataWithOption(name, f.Data, opt); err != nil {
			return fmt.Errorf("pdf: font %s: %w", f.Name, err)
		}
		dr.family[i] = name
		if u&usedVertical != 0 {
			if err := dr.pdf.AddVerticalFont(name, f.Ascent()*1000); err != nil {
				return fmt.Errorf("pdf: font %s, vertical: %w", f.Name, err)
			}
			for _, c := range dr.doc.CellShifts {
				if err := dr.pdf.SetVerticalShift(name, c.Rune, c.X*1000, c.Y*1000); err != nil {
					return fmt.Errorf("pdf: font %s, vertical %q: %w", f.Name, c.Rune, err)
				}
			}
			if err := dr.verticalForms(i, name); err != nil {
				return err
			}
		}
	}
	return nil
}

// verticalForms gives gopdf the vertical forms that the Vertical items of face i
// (registered as family) draw (layout.Document.VerticalForms): the glyphs the face's
// GSUB 'vert' feature gives them.
func (dr *drawer) verticalForms(i int, family string) error {
	f := dr.faces[i]
	for _, v := range dr.doc.VerticalForms {
		if int(v.Face) != i {
			continue
		}
		g, ok := f.VerticalForm(v.Rune)
		if !ok {
			return fmt.Errorf("pdf: font %s has no vertical form of %q", f.Name, v.Rune)
		}
		if err := dr.pdf.SetVerticalForm(family, v.Rune, uint(g), v.X*1000, v.Y*1000); err != nil {
			return fmt.Errorf("pdf: font %s, vertical form of %q: %w", f.Name, v.Rune, err)
		}
	}
	return nil
}

// variantOf gives gopdf the glyphs of f's variation sequences (its cmap format 14):
// the layout keeps a selector in a Text item only when the item's face has its
// sequence, and gopdf draws the sequence as that one glyph.
func variantOf(f *fonts.Face) func(base, vs rune) (uint, bool) {
	return func(base, vs rune) (uint, bool) {
		g, ok := f.Variant(base, vs)
		return uint(g), ok
	}
}

// page draws page number pi: its items in order, each run of items of one structure
// element or artifact kind in a marked-content sequence, then its links and anchors.
func (dr *drawer) page(pi int, p *layout.Page) error {
	dr.pdf.AddPage()
	dr.tags.page = pi
	// A new page starts with the default graphics state.
	dr.fillGray, dr.strokeGray = 0, 0
	dr.haveLineWidth = false
	for i := range p.Items {
		it := &p.Items[i]
		if it.Kind == layout.Text && it.Text == "" {
			continue
		}
		if it.Kind == layout.Span || it.Kind == layout.SpanEnd {
			// A span (a line with ruby) holds whole marked-content sequences.
			dr.tags.end(&dr.pdf)
			if err := dr.item(it); err != nil {
				return fmt.Errorf("item %d: %w", i, err)
			}
			continue
		}
		plain := it.Kind == layout.Text && (it.Rotate == 0 || turnable(it))
		if dr.tags.opens(it, plain) || it.Kind == layout.Text && it.Gray != dr.fillGray {
			// A new grey is set between marked-content sequences, not inside one.
			dr.tags.end(&dr.pdf)
			if it.Kind == layout.Text {
				dr.setFillGray(it.Gray)
			}
		}
		dr.tags.item(&dr.pdf, it, plain)
		if err := dr.item(it); err != nil {
			return fmt.Errorf("item %d: %w", i, err)
		}
	}
	dr.tags.end(&dr.pdf)
	for i := range p.Links {
		l := &p.Links[i]
		if l.Dest != "" {
			dr.pdf.AddInternalLink(l.Dest, float64(l.X), float64(l.Y), float64(l.W), float64(l.H))
		} else {
			dr.pdf.AddExternalLink(l.URL, float64(l.X), float64(l.Y), float64(l.W), float64(l.H))
		}
		dr.tags.link(&dr.pdf, l)
	}
	for _, a := range p.Anchors {
		dr.pdf.SetAnchorAt(a.Name, float64(a.Y))
	}
	return nil
}

// item draws one positioned item.
func (dr *drawer) item(it *layout.Item) error {
	x, y, w, h := float64(it.X), float64(it.Y), float64(it.W), float64(it.H)
	switch it.Kind {
	case layout.Text:
		if it.Text == "" {
			return nil
		}
		if err := dr.setFont(int(it.Face), float64(it.Size)); err != nil {
			return err
		}
		s := float64(it.Spacing)
		if it.Vertical && s != 0 {
			s = -s // in vertical mode a positive Tc moves the next glyph up
		}
		if !dr.haveSpacing || s != dr.spacing {
			if err := dr.pdf.SetCharSpacing(s); err != nil {
				return fmt.Errorf("character spacing %g: %w", s, err)
			}
			dr.spacing, dr.haveSpacing = s, true
		}
		dr.setFillGray(it.Gray)
		if s := it.Slant; s != dr.slant {
			dr.pdf.SetTextSlant(s)
			dr.slant = s
		}
		turned := turnable(it)
		if turned {
			dr.pdf.SetTextTurned(true)
		} else if it.Rotate != 0 {
			// PDF angles turn counter-clockwise; Item.Rotate is clockwise (vertical Latin).
			dr.pdf.Rotate(-float64(it.Rotate), x, y)
		}
		var err error
		if it.Vertical {
			dr.pdf.SetXY(x, y)
			err = dr.pdf.TextVertical(it.Text, dr.verticalMoves(it.Moves))
		} else {
			err = dr.text(it)
		}
		if turned {
			dr.pdf.SetTextTurned(false)
		} else if it.Rotate != 0 {
			dr.pdf.RotateReset()
		}
		if err != nil {
			return fmt.Errorf("text %q: %w", clip(it.Text), err)
		}
	case layout.Rule:
		dr.setLineWidth(float64(it.Size))
		dr.setStrokeGray(it.Gray)
		dr.pdf.Line(x, y, x+w, y+h)
	case layout.Box:
		lw := float64(it.Size)
		if lw <= 0 {
			lw = boxLineWidth
		}
		dr.setLineWidth(lw)
		dr.setStrokeGray(it.Gray)
		dr.pdf.RectFromUpperLeftWithStyle(x, y, w, h, "D")
	case layout.Dot:
		r := float64(it.Size) / 2
		dr.setFillGray(it.Gray)
		dr.pdf.FillOval(x-r, y-r, x+r, y+r)
	case layout.Span:
		dr.pdf.BeginActualText(it.Text)
	case layout.SpanEnd:
		dr.pdf.EndActualText()
	case layout.Fill:
		dr.setFillGray(it.Gray)
		dr.pdf.RectFromUpperLeftWithStyle(x, y, w, h, "F")
	case layout.Picture:
		if dw := drawingOf(dr.images[it.Src]); dw != nil {
			if err := dr.vector(dw, x, y, w, h); err != nil {
				return fmt.Errorf("SVG image %q: %w", it.Src, err)
			}
			return nil
		}
		holder, err := dr.holder(it.Src)
		if err != nil {
			return err
		}
		if err := dr.image(holder, x, y, w, h); err != nil {
			return fmt.Errorf("image %q: %w", it.Src, err)
		}
	default:
		return fmt.Errorf("unknown item kind %d", it.Kind)
	}
	return nil
}

// turnable reports whether a Text item is turned a quarter clockwise (Rotate 90) and
// drawn with a turned text matrix inside the page's text object: its Moves keep its
// baseline (a part on another baseline is placed in page coordinates, which only the
// rotated graphics state of Rotate turns).
func turnable(it *layout.Item) bool {
	if it.Rotate != 90 {
		return false
	}
	for _, m := range it.Moves {
		if m.Y != 0 {
			return false
		}
	}
	return true
}

// text shows a Text item from (X, Y): its Moves along the line as numbers in its TJ
// array; where a Move shifts the baseline, the glyphs from there on are a text of
// their own, placed where the item's pens put them.
func (dr *drawer) text(it *layout.Item) error {
	x, y := it.X, it.Y
	follow, moves := it.Follows, it.Moves
	var runes []rune // the item's runes, once it has to be cut
	var pens []layout.Pt
	for at := 0; ; follow = false {
		for _, m := range moves {
			if m.At != at {
				break
			}
			y += m.Y // a part's first glyph: its X goes into the part's TJ array
		}
		k := 0 // the first move after glyph at that shifts the baseline
		for k < len(moves) && (moves[k].Y == 0 || moves[k].At == at) {
			k++
		}
		part := it.Text
		if at > 0 || k < len(moves) {
			if runes == nil {
				runes, pens = []rune(it.Text), it.Pens(dr.faces[it.Face])
			}
			end := len(runes)
			if k < len(moves) {
				end = min(moves[k].At, end)
			}
			part = string(runes[min(at, end):end])
		}
		dr.pdf.SetXY(float64(x), float64(y))
		if err := dr.pdf.TextMoved(part, dr.textMoves(moves[:k], at), follow); err != nil {
			return err
		}
		if k == len(moves) {
			return nil
		}
		at, moves = moves[k].At, moves[k:]
		x = pens[min(at, len(pens)-1)]
		for _, m := range moves {
			if m.At != at {
				break
			}
			x -= m.X
		}
	}
}

// textMoves converts the X of layout moves, counted from glyph at of the item, into
// the gopdf moves of the text drawn from there; the slices come from one slab, which
// the document keeps until it is written.
func (dr *drawer) textMoves(moves []layout.Move, at int) []gopdf.TextMove {
	if len(moves) == 0 {
		return nil
	}
	if cap(dr.moveSlab)-len(dr.moveSlab) < len(moves) {
		dr.moveSlab = make([]gopdf.TextMove, 0, max(1024, len(moves)))
	}
	from := len(dr.moveSlab)
	for _, m := range moves {
		dr.moveSlab = append(dr.moveSlab, gopdf.TextMove{At: m.At - at, X: float64(m.X)})
	}
	return dr.moveSlab[from:len(dr.moveSlab):len(dr.moveSlab)]
}

// verticalMoves converts the moves of a Vertical item, down its column, into gopdf
// moves along the column; the slices come from the same slab as textMoves'.
func (dr *drawer) verticalMoves(moves []layout.Move) []gopdf.TextMove {
	out := dr.textMoves(moves, 0)
	for i := range out {
		out[i].X = float64(moves[i].Y)
	}
	return out
}

// setFont selects a face and size when they differ from the current ones.
func (dr *drawer) setFont(face int, size float64) error {
	if dr.haveFont && face == dr.face && size == dr.size {
		return nil
	}
	if err := dr.pdf.SetFont(dr.family[face], "", size); err != nil {
		return fmt.Errorf("font %d at %vpt: %w", face, size, err)
	}
	dr.face, dr.size, dr.haveFont = face, size, true
	return nil
}

func (dr *drawer) setFillGray(g float64) {
	if g != dr.fillGray {
		dr.pdf.SetGrayFill(g)
		dr.fillGray = g
	}
}

func (dr *drawer) setStrokeGray(g float64) {
	if g != dr.strokeGray {
		dr.pdf.SetGrayStroke(g)
		dr.strokeGray = g
	}
}

func (dr *drawer) setLineWidth(lw float64) {
	if !dr.haveLineWidth || lw != dr.lineWidth {
		dr.pdf.SetLineWidth(lw)
		dr.lineWidth, dr.haveLineWidth = lw, true
	}
}

// image places an image. gopdf's PNG parser indexes chunk data without checking
// lengths, so a malformed file could panic inside it: that becomes an error here
// (the half-built document is discarded with it).
func (dr *drawer) image(holder gopdf.ImageHolder, x, y, w, h float64) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: malformed image data (%v)", errImage, r)
		}
	}()
	if err := dr.pdf.ImageByHolderWithOptions(holder, gopdf.ImageOptions{X: x, Y: y, Rect: &gopdf.Rect{W: w, H: h}}); err != nil {
		return fmt.Errorf("%w: %v", errImage, err)
	}
	return nil
}

// holder returns the gopdf image holder for an image key, made once per key.
func (dr *drawer) holder(src string) (gopdf.ImageHolder, error) {
	if h, ok := dr.holders[src]; ok {
		return h, nil
	}
	data, err := embeddable(dr.images[src])
	if err != nil {
		return nil, fmt.Errorf("image %q: %w", src, err)
	}
	h, err := gopdf.ImageHolderByBytes(data)
	if err != nil {
		return nil, fmt.Errorf("image %q: %w", src, err)
	}
	if dr.holders == nil {
		dr.holders = make(map[string]gopdf.ImageHolder)
	}
	dr.holders[src] = h
	return h, nil
}

// outline adds the bookmarks as a nested tree.
func (dr *drawer) outline(entries []layout.OutlineEntry) {
	if len(entries) == 0 {
		return
	}
	nodes := dr.outlineNodes(entries)
	nodes.Parse()
}

func (dr *drawer) outlineNodes(entries []layout.OutlineEntry) gopdf.OutlineNodes {
	nodes := make(gopdf.OutlineNodes, 0, len(entries))
	for _, e := range entries {
		n := &gopdf.OutlineNode{Obj: dr.pdf.AddOutlineAt(e.Title, e.Page, float64(e.Y))}
		if len(e.Children) > 0 {
			n.Children = dr.outlineNodes(e.Children)
		}
		nodes = append(nodes, n)
	}
	return nodes
}

// clip shortens a text for an error message.
func clip(s string) string {
	r := []rune(s)
	if len(r) > 20 {
		return string(r[:20]) + "…"
	}
	return s
}
