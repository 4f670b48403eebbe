package gopdf

// This file holds the entry points added by the cjkbook fork (see README.md).

import (
	"bytes"
	"errors"
	"fmt"
	zlib "github.com/klauspost/compress/zlib"
	"hash/fnv"
	"io"
	"math"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"unicode/utf16"
)

const hexDigits = "0123456789ABCDEF"

// appendUTF16Hex appends s as UTF-16BE upper-case hex digits, with surrogate
// pairs for characters outside the Basic Multilingual Plane.
func appendUTF16Hex(b []byte, s string) []byte {
	for _, r := range s {
		b = appendRuneUTF16Hex(b, r)
	}
	return b
}

// appendRuneUTF16Hex appends one rune as 4 (BMP) or 8 (surrogate pair) hex digits.
func appendRuneUTF16Hex(b []byte, r rune) []byte {
	if r >= 0x10000 && r <= 0x10FFFF {
		hi, lo := utf16.EncodeRune(r)
		b = appendHex16(b, uint16(hi))
		return appendHex16(b, uint16(lo))
	}
	if r < 0 || r > 0xFFFF || (r >= 0xD800 && r < 0xE000) {
		r = 0xFFFD
	}
	return appendHex16(b, uint16(r))
}

// appendHex16 appends v as exactly 4 upper-case hex digits.
func appendHex16(b []byte, v uint16) []byte {
	return append(b, hexDigits[v>>12], hexDigits[v>>8&0xF], hexDigits[v>>4&0xF], hexDigits[v&0xF])
}

// AddOutlineAt adds a bookmark whose destination is the 0-based page number page,
// scrolled so that y (in document units from the top of the page) is at the top
// of the window. Unlike AddOutline it does not depend on the current page: the
// page may be added later, and is resolved when the file is written. Nest the
// returned objects with OutlineNodes.Parse.
func (gp *GoPdf) AddOutlineAt(title string, page int, y float64) *OutlineObj {
	gp.UnitsToPointsVar(&y)
	return gp.outlines.addOutlineAtPage(page, title, gp.config.PageSize.H-y)
}

// SetAnchorAt names a destination on the current page at y (document units from
// the top of the page). SetAnchor instead uses the current Y plus the font size.
func (gp *GoPdf) SetAnchorAt(name string, y float64) {
	gp.UnitsToPointsVar(&y)
	h := gp.config.PageSize.H
	if gp.curr.pageSize != nil && gp.curr.pageSize.H > 0 {
		h = gp.curr.pageSize.H
	}
	gp.anchors[name] = anchorOption{gp.curr.IndexOfPageObj, h - y}
}

// HasAnchor reports whether an anchor of that name has been set.
func (gp *GoPdf) HasAnchor(name string) bool {
	_, ok := gp.anchors[name]
	return ok
}

// FillOval draws a filled ellipse inside the rectangle (x1, y1)–(x2, y2) in the
// current fill colour (Oval only strokes).
func (gp *GoPdf) FillOval(x1, y1, x2, y2 float64) {
	gp.UnitsToPointsVar(&x1, &y1, &x2, &y2)
	gp.getContent().listCache.append(&cacheContentOval{
		pageHeight: gp.curr.pageSize.H, x1: x1, y1: y1, x2: x2, y2: y2, fill: true,
	})
}

// subsetName returns the BaseFont name "ABCDEF+PostScriptName": a six-letter tag
// derived from the PostScript name and the set of glyphs in the subset (so it
// is stable from run to run and differs between different subsets), as PDF 32000
// 9.6.4 asks for subset fonts; pdffonts then reports sub=yes.
func (s *SubsetFontObj) subsetName() string {
	ps := s.ttfp.PostScriptName()
	if ps == "" {
		ps = s.Family
	}
	ps = sanitizeName(ps)
	glyphs := make([]int, 0, len(s.CharacterToGlyphIndex.Vals))
	for _, g := range s.CharacterToGlyphIndex.Vals {
		glyphs = append(glyphs, int(g))
	}
	sort.Ints(glyphs)
	h := fnv.New64a()
	h.Write([]byte(ps))
	var buf [2]byte
	prev := -1
	for _, g := range glyphs {
		if g == prev {
			continue
		}
		prev = g
		buf[0], buf[1] = byte(g>>8), byte(g)
		h.Write(buf[:])
	}
	v := h.Sum64()
	tag := make([]byte, 0, 7+len(ps))
	for i := 0; i < 6; i++ {
		tag = append(tag, byte('A'+v%26))
		v /= 26
	}
	tag = append(tag, '+')
	return string(append(tag, ps...))
}

// sanitizeName keeps the characters allowed unescaped in a PDF name and that
// font names use; everything else becomes '-'.
func sanitizeName(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
		default:
			b[i] = '-'
		}
	}
	if len(b) == 0 {
		return "Font"
	}
	return string(b)
}

// glyphNotFoundError reports a character the font has no glyph for.
func glyphNotFoundError(family string, r rune) error {
	return fmt.Errorf("%w: U+%04X %q not in font %s", ErrGlyphNotFound, r, r, family)
}

// streamEncoder is an object whose stream can be built and compressed ahead of
// serialization, independently of every other object.
type streamEncoder interface {
	// encodeStream builds and compresses the stream with sc and keeps the
	// result for write. It must not touch shared state.
	encodeStream(sc *streamCompressor) error
}

// streamCompressor owns the scratch buffers and the zlib writer of one worker.
// Reusing the writer (Reset) avoids allocating about 1 MB of compressor state
// per stream; the output is the same as a fresh writer's.
type streamCompressor struct {
	level int
	raw   bytes.Buffer
	out   bytes.Buffer
	zw    *zlib.Writer
}

// compress returns a new slice with data compressed at sc.level.
func (sc *streamCompressor) compress(data []byte, level int) ([]byte, error) {
	sc.out.Reset()
	if sc.zw == nil || level != sc.level {
		zw, err := zlib.NewWriterLevel(&sc.out, level)
		if err != nil {
			return nil, err
		}
		sc.zw, sc.level = zw, level
	} else {
		sc.zw.Reset(&sc.out)
	}
	if _, err := sc.zw.Write(data); err != nil {
		return nil, err
	}
	if err := sc.zw.Close(); err != nil {
		return nil, err
	}
	return bytes.Clone(sc.out.Bytes()), nil
}

// encodeStreams builds and compresses every stream object before the file is
// written, spread over GOMAXPROCS workers. Each stream is compressed on its own,
// so the bytes do not depend on the order or the number of workers.
func (gp *GoPdf) encodeStreams() error {
	// Renumber each subset's glyphs first: every stream depends on it.
	for _, o := range gp.pdfObjs {
		if s, ok := o.(*SubsetFontObj); ok {
			if err := s.prepareRemap(); err != nil {
				return fmt.Errorf("font %s: %w", s.Family, err)
			}
		}
	}
	var jobs []streamEncoder
	// Font programs first: they are the largest jobs.
	for _, o := range gp.pdfObjs {
		if e, ok := o.(*PdfDictionaryObj); ok {
			jobs = append(jobs, e)
		}
	}
	for _, o := range gp.pdfObjs {
		if _, font := o.(*PdfDictionaryObj); font {
			continue
		}
		if e, ok := o.(streamEncoder); ok {
			jobs = append(jobs, e)
		}
	}
	workers := min(runtime.GOMAXPROCS(0), len(jobs))
	errs := make([]error, len(jobs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := &streamCompressor{level: gp.compressLevel}
			for {
				i := int(next.Add(1) - 1)
				if i >= len(jobs) {
					return
				}
				errs[i] = jobs[i].encodeStream(sc)
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// appendLiteralByte appends one byte of a PDF literal string, escaping the
// delimiters, the backslash and CR (which a reader would turn into LF).
func appendLiteralByte(b []byte, c byte) []byte {
	switch c {
	case '(', ')', '\\':
		return append(b, '\\', c)
	case '\r':
		return append(b, '\\', 'r')
	}
	return append(b, c)
}

// SetLanguage sets the document's natural language (/Lang in the catalog, a BCP 47
// tag such as "zh-CN"), which screen readers and text extraction use.
func (gp *GoPdf) SetLanguage(lang string) {
	gp.pdfObjs[gp.indexOfCatalogObj].(*CatalogObj).lang = lang
}

// SetReadingDirectionR2L marks the document as read right to left (vertical CJK books):
// /ViewerPreferences /Direction /R2L and spreads with the first page on the right.
func (gp *GoPdf) SetReadingDirectionR2L() {
	gp.pdfObjs[gp.indexOfCatalogObj].(*CatalogObj).r2l = true
}

// pdfTextString returns s as a PDF text string: a literal string when s is
// printable ASCII, otherwise UTF-16BE hex with a byte order mark.
func pdfTextString(s string) string {
	b := []byte{'('}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c > 0x7E {
			return "<FEFF" + encodeUtf8(s) + ">"
		}
		b = appendLiteralByte(b, c)
	}
	return string(append(b, ')'))
}

// plain reports whether a text item is drawn by text operators alone: no cell
// alignment, border, underline, colour or extended graphics state.
func (c *cacheContentText) plain() bool {
	return c.contentType == ContentTypeText && c.rectangle == nil && !c.isPlaceHolder &&
		len(c.cellOpt.extGStateIndexes) == 0 && c.txtColorMode != "color" &&
		c.fontStyle&Underline == 0 && c.cellOpt.Border == 0
}

// textObject writes consecutive plain text items as one BT … ET text object.
type textObject struct {
	open             bool
	x, y             int64 // start of the current line, in 1/100 pt (as written)
	font             int
	size, tc         float64
	haveFont, haveTc bool
	slant            float64 // the shear of the text matrix (SetTextSlant)
	turned           bool    // the text matrix turns a quarter clockwise (SetTextTurned)
	buf              []byte
}

// add writes one plain text item, opening the text object if needed.
func (t *textObject) add(w io.Writer, c *cacheContentText) error {
	b := t.buf[:0]
	if c.follows && t.open && t.haveFont && t.font == c.fontCountIndex && t.size == c.fontSize && t.haveTc && t.tc == c.charSpacing && t.slant == c.slant && t.turned == c.turned {
		// Shown from where the previous text ended: no Td, and the line start
		// (t.x, t.y) stays the previous item's, which Td is relative to.
		b, err := c.appendGlyphs(b)
		if err != nil {
			return err
		}
		b = append(b, " TJ\n"...)
		t.buf = b
		_, err = w.Write(b)
		return err
	}
	if !t.open {
		b = append(b, "BT\n"...)
		t.open, t.x, t.y, t.slant, t.turned = true, 0, 0, 0, false
	}
	// The same rounding as "%0.2f %0.2f TD" of the absolute position.
	x := int64(math.Round(c.x * 100))
	y := int64(math.Round((c.pageHeight() - c.y) * 100))
	if c.slant != 0 || t.slant != 0 || c.turned || t.turned {
		// A slanted or turned text, or the first upright one after it, is placed
		// by an absolute text matrix (Td would move along the sheared axes).
		b = appendTextTm(b, c.slant, c.turned)
		b = appendCents(b, x)
		b = append(b, ' ')
		b = appendCents(b, y)
		b = append(b, " Tm\n"...)
		t.slant, t.turned = c.slant, c.turned
	} else {
		b = appendCents(b, x-t.x)
		b = append(b, ' ')
		b = appendCents(b, y-t.y)
		b = append(b, " Td\n"...)
	}
	t.x, t.y = x, y
	if !t.haveFont || t.font != c.fontCountIndex || t.size != c.fontSize {
		b = append(b, "/F"...)
		b = strconv.AppendInt(b, int64(c.fontCountIndex), 10)
		b = append(b, ' ')
		b = append(b, FormatFloatTrim(c.fontSize)...)
		b = append(b, " Tf\n"...)
		t.font, t.size, t.haveFont = c.fontCountIndex, c.fontSize, true
	}
	if !t.haveTc || t.tc != c.charSpacing {
		b = append(b, FormatFloatTrim(c.charSpacing)...)
		b = append(b, " Tc\n"...)
		t.tc, t.haveTc = c.charSpacing, true
	}
	b, err := c.appendGlyphs(b)
	if err != nil {
		return err
	}
	b = append(b, " TJ\n"...)
	t.buf = b
	_, err = w.Write(b)
	return err
}

// SetTextSlant sets the shear of the text drawn from now on: each glyph leans right by
// slant times its height above the baseline (0.2126 is 12°), written as the text
// matrix "1 0 slant 1 x y Tm". It is a synthetic oblique for a face without an
// italic; 0 draws upright text again.
func (gp *GoPdf) SetTextSlant(slant float64) {
	gp.curr.slant = slant
}

// appendSlantTm appends the first four entries of a text matrix that shears the
// glyphs by slant ("1 0 0.2126 1 "): x grows by slant times the height above the
// baseline, a synthetic oblique.
func appendSlantTm(b []byte, slant float64) []byte {
	b = append(b, "1 0 "...)
	b = strconv.AppendFloat(b, math.Round(slant*1e4)/1e4, 'f', -1, 64)
	return append(b, " 1 "...)
}

// begin opens a text object unless one is open (fork_tags.go: marked content that
// holds only text goes inside it).
func (t *textObject) begin(w io.Writer) error {
	if t.open {
		return nil
	}
	t.open, t.x, t.y, t.slant, t.turned = true, 0, 0, 0, false
	_, err := io.WriteString(w, "BT\n")
	return err
}

// end closes the text object if one is open.
func (t *textObject) end(w io.Writer) error {
	if !t.open {
		return nil
	}
	t.open = false
	_, err := io.WriteString(w, "ET\n")
	return err
}

// appendCents appends v/100 with at most two decimals ("12.5", "-0.07", "3").
func appendCents(b []byte, v int64) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	b = strconv.AppendInt(b, v/100, 10)
	if f := v % 100; f != 0 {
		b = append(b, '.', byte('0'+f/10))
		if f%10 != 0 {
			b = append(b, byte('0'+f%10))
		}
	}
	return b
}

// TextMove moves the pen before glyph At of a text (an index into its runes, 0 for
// the first) by X along the line, beyond the advance and character spacing of the
// glyph before it; the glyphs after go on from there.
type TextMove struct {
	At int
	X  float64
}

// TextMoved draws text like Text, or like TextFollowing when follow is set, with the
// pen moved before some of its glyphs: moves, in document units and in increasing At
// order, are written as numbers in the text's TJ array. The text keeps the slice.
func (gp *GoPdf) TextMoved(text string, moves []TextMove, follow bool) error {
	if gp.config.Unit != UnitPT && gp.config.Unit != UnitUnset {
		pt := make([]TextMove, len(moves))
		for i, m := range moves {
			pt[i] = TextMove{At: m.At, X: m.X}
			gp.UnitsToPointsVar(&pt[i].X)
		}
		moves = pt
	}
	drawn, err := gp.curr.FontISubset.AddChars(text)
	if err != nil {
		return err
	}
	if len(moves) > 0 && drawn != text {
		moves = movesIn(text, drawn, moves)
	}
	gp.curr.moves, gp.curr.follows = moves, follow
	err = gp.getContent().AppendStreamText(drawn)
	gp.curr.moves, gp.curr.follows = nil, false
	return err
}

// movesIn returns moves, counted in the runes of text, counted in the runes of drawn:
// text with its variation sequences replaced by their sequence codes or their bases
// (mapSequences), where a selector drawn with its base has no rune of its own. A move
// before such a selector goes before the glyph after it.
func movesIn(text, drawn string, moves []TextMove) []TextMove {
	d := []rune(drawn)
	at := make([]int, 0, len(text)) // at[i]: the rune of drawn that draws rune i of text
	j := 0
	for _, r := range text {
		at = append(at, j)
		if !isSelector(r) || j < len(d) && d[j] == r {
			j++
		}
	}
	out := make([]TextMove, len(moves))
	for k, m := range moves {
		out[k] = m
		if m.At < len(at) {
			out[k].At = at[m.At]
		} else {
			out[k].At = j + m.At - len(at)
		}
	}
	return out
}
