package gopdf

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
)

// fork: vertical writing mode (PDF 32000 §9.7.4.3). A face registered with
// AddVerticalFont gets a second font resource, a Type0 font with the encoding
// Identity-V over the same CIDFont (the same subset, widths and ToUnicode map), and
// its CIDFont gets /DW2. Text drawn with TextVertical uses that resource: each glyph
// stands upright with its vertical origin at the current point, centred on it across
// the column, and the pen moves one em down after it.

// verticalFont is the vertical (Identity-V) resource of a subset font.
type verticalFont struct {
	count  int                    // the resource is /F(count+1), like SubsetFontObj.CountOfFont
	vy     float64                // DW2's position vector: the vertical origin above the baseline, in 1/1000 em
	shifts map[rune][2]float64    // SetVerticalShift: right and down, in 1/1000 em
	forms  map[rune]*verticalForm // SetVerticalForm, by the character it stands for
	text   map[rune]rune          // the character each vertical form's code stands for
}

// verticalForm is a glyph TextVertical draws for a character (SetVerticalForm).
type verticalForm struct {
	glyph  uint    // in the font
	dx, dy float64 // its shift in the cell, as SetVerticalShift's
	code   rune    // the code standing for it in the subset (freeCode), 0 until drawn
}

// verticalFontObj is the Type0 font with /Encoding /Identity-V of a subset font.
type verticalFontObj struct {
	font *SubsetFontObj
}

func (v *verticalFontObj) init(func() *GoPdf) {}

func (v *verticalFontObj) getType() string { return "VerticalFont" }

func (v *verticalFontObj) write(w io.Writer, objID int) error {
	s := v.font
	_, err := fmt.Fprintf(w, "<<\n/BaseFont /%s\n/DescendantFonts [%d 0 R]\n/Encoding /Identity-V\n/Subtype /Type0\n/ToUnicode %d 0 R\n/Type /Font\n>>\n",
		s.subsetName(), s.indexObjCIDFont+1, s.indexObjUnicodeMap+1)
	return err
}

// AddVerticalFont registers the vertical writing mode of the font family (added
// before with AddTTFFont…, Regular style): TextVertical draws it. vy is where a
// glyph's vertical origin lies above its baseline, in thousandths of an em (the
// CIDFont's /DW2 [vy -1000]; every glyph advances one em down). A document that
// never calls it is written as before.
func (gp *GoPdf) AddVerticalFont(family string, vy float64) error {
	var sub *SubsetFontObj
	for _, obj := range gp.pdfObjs {
		if s, ok := obj.(*SubsetFontObj); ok && s.GetFamily() == family && s.GetTtfFontOption().Style == Regular {
			sub = s
			break
		}
	}
	if sub == nil {
		return ErrMissingFontFamily
	}
	if math.IsNaN(vy) || math.IsInf(vy, 0) {
		return fmt.Errorf("gopdf: vertical origin %v of %s", vy, family)
	}
	if sub.vertical != nil || gp.indexOfProcSet == -1 {
		return nil
	}
	index := gp.addObj(&verticalFontObj{font: sub})
	procset := gp.pdfObjs[gp.indexOfProcSet].(*ProcSetObj)
	procset.Relates = append(procset.Relates, RelateFont{Family: family, IndexOfObj: index, CountOfFont: gp.curr.CountOfFont, Style: Regular})
	sub.vertical = &verticalFont{count: gp.curr.CountOfFont, vy: vy}
	gp.curr.CountOfFont++
	return nil
}

// TextVertical draws text in vertical writing mode with the current font (which
// AddVerticalFont must have registered) from the current point, the first glyph's
// vertical origin: the glyphs stand one below the other, each centred across on the
// current x, each advancing one em down. The character spacing is written as it is:
// in vertical mode a positive Tc moves the next glyph up, so spacing down the column
// is a negative one. A move's X moves the pen further down before its glyph, in
// document units (written as numbers in the TJ array). The text keeps the slice.
func (gp *GoPdf) TextVertical(text string, moves []TextMove) error {
	if gp.curr.FontISubset == nil || gp.curr.FontISubset.vertical == nil {
		return fmt.Errorf("gopdf: vertical text in a font without AddVerticalFont")
	}
	text, err := gp.curr.FontISubset.verticalForms(text)
	if err != nil {
		return err
	}
	gp.curr.vertical = true
	err = gp.TextMoved(text, moves, false)
	gp.curr.vertical = false
	return err
}

// appendVerticalGlyphs appends the TJ array of a vertical text: like appendGlyphs,
// the moves become numbers rounded so that the errors of the moves and of the
// three-decimal Tc do not add up down the column, but a positive number moves the
// pen down in vertical mode, and there is no kerning.
func (c *cacheContentText) appendVerticalGlyphs(buf []byte) ([]byte, error) {
	buf = append(buf, '[')
	open := false
	moves := c.moves
	var moved float64
	var written int64
	// Each glyph advances size − Tc as written, size − charSpacing meant.
	tcErr := c.charSpacing - math.Round(c.charSpacing*1000)/1000
	k := 0
	for _, r := range c.text {
		var adj int64
		if len(moves) > 0 && moves[0].At <= k {
			for len(moves) > 0 && moves[0].At <= k {
				moved += moves[0].X
				moves = moves[1:]
			}
			want := int64(math.Round((moved - float64(k)*tcErr) * 1000 / c.fontSize))
			adj, written = want-written, want
		}
		k++
		glyphindex, err := c.fontSubset.CharIndex(r)
		if err == ErrCharNotFound {
			continue
		} else if err != nil {
			return buf, err
		}
		if adj != 0 {
			if open {
				buf = append(buf, '>')
				open = false
			}
			buf = strconv.AppendInt(buf, adj, 10)
		}
		if !open {
			buf = append(buf, '<')
			open = true
		}
		buf = appendHex16(buf, c.fontSubset.cidOf(glyphindex))
	}
	if !open {
		buf = append(buf, '<')
	}
	return append(buf, ">]"...), nil
}

// SetVerticalShift moves the glyph of r, in vertical mode of the font family
// (AddVerticalFont), by dx rightwards and dy downwards from where it stands, in
// thousandths of an em, without moving the pen: a /W2 entry of the CIDFont with its
// position vector moved. It is written when the subset has the glyph.
func (gp *GoPdf) SetVerticalShift(family string, r rune, dx, dy float64) error {
	for _, obj := range gp.pdfObjs {
		if s, ok := obj.(*SubsetFontObj); ok && s.GetFamily() == family && s.vertical != nil {
			if s.vertical.shifts == nil {
				s.vertical.shifts = make(map[rune][2]float64)
			}
			s.vertical.shifts[r] = [2]float64{dx, dy}
			return nil
		}
	}
	return ErrMissingFontFamily
}

// appendVerticalMetrics appends the CIDFont's /DW2 entry when the font has a vertical
// resource, and /W2 with the position vectors of its shifted glyphs: vx is half the
// width less the shift right, vy DW2's plus the shift down (the glyph stands at the
// vertical origin minus the position vector).
func appendVerticalMetrics(b []byte, s *SubsetFontObj) []byte {
	v := s.vertical
	if v == nil {
		return b
	}
	b = append(b, "/DW2 ["...)
	b = append(b, FormatFloatTrim(v.vy)...)
	b = append(b, " -1000]\n"...)
	type entry struct {
		cid    uint16
		vx, vy float64
	}
	var es []entry
	for r, d := range v.shifts {
		g, err := s.CharIndex(r)
		if err != nil {
			continue // not in the subset
		}
		es = append(es, entry{s.cidOf(g), float64(s.GlyphIndexToPdfWidth(g))/2 - d[0], v.vy + d[1]})
	}
	if len(es) == 0 {
		return b
	}
	slices.SortFunc(es, func(a, b entry) int { return cmp.Compare(a.cid, b.cid) })
	b = append(b, "/W2 ["...)
	for i, e := range es {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendUint(b, uint64(e.cid), 10)
		b = append(b, ' ')
		b = strconv.AppendUint(b, uint64(e.cid), 10)
		b = append(b, " -1000 "...)
		b = append(b, FormatFloatTrim(e.vx)...)
		b = append(b, ' ')
		b = append(b, FormatFloatTrim(e.vy)...)
	}
	return append(b, "]\n"...)
}

// SetTextTurned sets whether the text drawn from now on is turned a quarter clockwise
// about its origin (the current point), running down the page: it is placed by the
// text matrix "0 -1 1 0 x y Tm" (with a slant, "0 -1 1 -slant x y Tm") inside the
// text object, where Rotate would end the text object for a q … cm … Q of its own.
func (gp *GoPdf) SetTextTurned(on bool) {
	gp.curr.turned = on
}

// appendTextTm appends the first four entries of the text matrix of a text slanted
// by slant (appendSlantTm) and, when turned, then turned a quarter clockwise.
func appendTextTm(b []byte, slant float64, turned bool) []byte {
	if !turned {
		return appendSlantTm(b, slant)
	}
	b = append(b, "0 -1 1 "...)
	b = strconv.AppendFloat(b, -math.Round(slant*1e4)/1e4+0, 'f', -1, 64)
	return append(b, ' ')
}

// SetVerticalForm makes TextVertical, in the vertical mode of the font family
// (AddVerticalFont), draw r as glyph (an index into the font: the vertical form its GSUB
// 'vert' feature gives r), moved by dx rightwards and dy downwards in its cell in
// thousandths of an em (a /W2 entry, as SetVerticalShift) when they are not zero. The
// glyph joins the subset when first drawn, under a code of plane 16 that the font does
// not map (as a variation sequence's, fork_variants.go); its ToUnicode entry is r, so
// the text extracts as written. Other text, and r outside TextVertical, keep r's glyph.
// A glyph a character of the text also maps to (a presentation form such as ﹁ that
// the font maps to the same glyph) has one ToUnicode entry: the first added.
func (gp *GoPdf) SetVerticalForm(family string, r rune, glyph uint, dx, dy float64) error {
	for _, obj := range gp.pdfObjs {
		if s, ok := obj.(*SubsetFontObj); ok && s.GetFamily() == family && s.vertical != nil {
			if glyph == 0 || int(glyph) >= int(s.ttfp.NumGlyphs()) {
				return fmt.Errorf("gopdf: vertical form of U+%04X: glyph %d not in font %s", r, glyph, family)
			}
			if s.vertical.forms == nil {
				s.vertical.forms = make(map[rune]*verticalForm)
			}
			s.vertical.forms[r] = &verticalForm{glyph: glyph, dx: dx, dy: dy}
			return nil
		}
	}
	return ErrMissingFontFamily
}

// verticalForms returns text with each character given a vertical form (SetVerticalForm)
// replaced by the code standing for that glyph, taken the first time it is drawn.
func (s *SubsetFontObj) verticalForms(text string) (string, error) {
	v := s.vertical
	if len(v.forms) == 0 {
		return text, nil
	}
	var out []rune
	for i, r := range text {
		f, ok := v.forms[r]
		if !ok {
			if out != nil {
				out = append(out, r)
			}
			continue
		}
		if out == nil {
			out = append(make([]rune, 0, len(text)), []rune(text[:i])...)
		}
		if f.code == 0 {
			c, err := s.freeCode(f.glyph)
			if err != nil {
				return "", err
			}
			f.code = c
			if v.text == nil {
				v.text = make(map[rune]rune)
			}
			v.text[c] = r
			if f.dx != 0 || f.dy != 0 {
				if v.shifts == nil {
					v.shifts = make(map[rune][2]float64)
				}
				v.shifts[c] = [2]float64{f.dx, f.dy}
			}
		}
		out = append(out, f.code)
	}
	if out == nil {
		return text, nil
	}
	return string(out), nil
}

// verticalFormText returns the character that code stands for when it is a vertical
// form's (SetVerticalForm), for the ToUnicode map.
func (s *SubsetFontObj) verticalFormText(code rune) (rune, bool) {
	if s.vertical == nil {
		return 0, false
	}
	r, ok := s.vertical.text[code]
	return r, ok
}
